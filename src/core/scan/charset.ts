/**
 * Which character encoding to parse a page with, following the order of the HTML standard's encoding
 * sniffing algorithm in the parts that matter here: a byte order mark, then the Content-Type charset, then
 * a `<meta charset>` / `<meta http-equiv="content-type">` in the first 1024 bytes, then UTF-8.
 *
 * HTMLRewriter (lol-html) parses only ASCII-compatible encodings: a UTF-16 page cannot be read and is
 * refused; a label nobody knows falls through to the next source (the standard's behaviour).
 */

/** Bytes the standard's meta prescan looks at. */
export const PRESCAN_BYTES = 1024;

export type CharsetChoice =
  | { ok: true; encoding: string; source: 'bom' | 'header' | 'meta' | 'default' }
  | { ok: false; label: string };

/** The canonical name of a WHATWG encoding label, or null when the label is unknown. */
export function canonicalEncoding(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/** Encodings lol-html cannot parse (not ASCII-compatible); ISO-2022-JP keeps markup in ASCII, so UTF-8 reads it. */
const UTF16 = new Set(['utf-16le', 'utf-16be']);

export function headerCharset(contentType: string | null): string | null {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  const label = match?.[1] ?? match?.[2];
  return label ? label : null;
}

export function prescanMetaCharset(head: Uint8Array): string | null {
  let text = '';
  for (const byte of head.subarray(0, PRESCAN_BYTES)) text += String.fromCharCode(byte);
  const withoutComments = text.replace(/<!--[\s\S]*?-->/g, '');
  for (const meta of withoutComments.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = meta[0];
    const direct = /\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(tag);
    if (direct) return direct[1] as string;
  }
  return null;
}

export function chooseCharset(contentType: string | null, head: Uint8Array): CharsetChoice {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { ok: true, encoding: 'utf-8', source: 'bom' };
  if ((head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0xff && head[1] === 0xfe))
    return { ok: false, label: 'utf-16' };
  const fromHeader = headerCharset(contentType);
  if (fromHeader !== null) {
    const encoding = canonicalEncoding(fromHeader);
    if (encoding !== null && UTF16.has(encoding)) return { ok: false, label: fromHeader };
    if (encoding !== null) return { ok: true, encoding: ascii(encoding), source: 'header' };
  }
  const fromMeta = prescanMetaCharset(head);
  if (fromMeta !== null) {
    const encoding = canonicalEncoding(fromMeta);
    // A meta that claims UTF-16 in an ASCII-readable prefix is wrong by definition; the standard uses UTF-8.
    if (encoding !== null)
      return { ok: true, encoding: UTF16.has(encoding) ? 'utf-8' : ascii(encoding), source: 'meta' };
  }
  return { ok: true, encoding: 'utf-8', source: 'default' };
}

const ascii = (encoding: string) =>
  encoding === 'iso-2022-jp' || encoding === 'replacement' ? 'utf-8' : encoding;
