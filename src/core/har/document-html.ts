/**
 * The page's own HTML inside a HAR, when the export kept response bodies (HAR 1.2 `response.content.text`,
 * base64 when `content.encoding` says so), read up to HAR_MAX_HTML_CHARS. Null when absent or not HTML:
 * "Save all as HAR (sanitized)" in Chrome drops bodies, and then SRI cannot be judged.
 */
import { HAR_MAX_HTML_CHARS } from './limits.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The HTML of a HAR entry's response, or null. */
export function documentHtml(entry: Json): string | null {
  const response = entry.response;
  const content = isObject(response) ? response.content : undefined;
  if (!isObject(content) || typeof content.text !== 'string' || content.text === '') return null;
  const mime = typeof content.mimeType === 'string' ? content.mimeType.toLowerCase() : '';
  if (mime !== '' && !/^\s*(text\/html|application\/xhtml\+xml)\b/.test(mime)) return null;
  if (content.encoding !== 'base64') return content.text.slice(0, HAR_MAX_HTML_CHARS);
  // Base64 is 4 characters per 3 bytes: decode only what the cap can use.
  const cut = content.text.slice(0, Math.ceil((HAR_MAX_HTML_CHARS * 4) / 3 / 4) * 4);
  try {
    const binary = atob(cut.replace(/\s+/g, ''));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const text = new TextDecoder(charsetOf(mime)).decode(bytes).slice(0, HAR_MAX_HTML_CHARS);
    return text === '' ? null : text;
  } catch {
    return null;
  }
}

/** The charset a MIME type names, when TextDecoder knows it; UTF-8 otherwise (the web's default). */
function charsetOf(mime: string): string {
  const label = /charset=["']?([\w-]+)/.exec(mime)?.[1] ?? 'utf-8';
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return 'utf-8';
  }
}
