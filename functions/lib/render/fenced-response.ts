/**
 * The fence's second pass over documents and worker scripts, at the response: the body is read (at most
 * MAX_FENCED_BODY_BYTES) and served back to the browser with a Content-Security-Policy that refuses
 * WebSockets (`connect-src` without ws:/wss:), without `Speculation-Rules` headers, and, for HTML, with
 * every `<script type=speculationrules>` made inert. The CSP travels with the document's policy container,
 * so about:blank, srcdoc, data: and blob: documents and workers created from it inherit it, including the
 * realms the guard script cannot reach before their scripts run (a sandboxed iframe Chrome starts in
 * another process without pausing it). Headers the browser would apply to the original bytes
 * (Content-Encoding, Content-Length) go, since the body we hand back is decoded.
 *
 * Response bodies that cannot run script (images, audio, video, fonts, PDF, octet-stream) pass untouched.
 */
import { MAX_FENCED_BODY_BYTES } from '../../../src/core/render/limits.ts';
import type { CdpConnection } from './cdp.ts';

/** Added to every fenced document and worker script; a second policy only narrows the page's own. */
export const FENCE_CSP = 'connect-src http: https: data: blob:';

/** Response headers dropped from fenced responses. */
const DROPPED_HEADERS = new Set(['content-encoding', 'content-length', 'speculation-rules']);

/** Media types whose bodies never run script: passed through without reading them. */
const INERT_TYPE = /^(image\/(?!svg)|audio\/|video\/|font\/|application\/(pdf|octet-stream|zip|gzip|wasm)$)/;

/** How many bytes one IO.read asks for. */
const READ_CHUNK = 1024 * 1024;

export interface HeaderEntry {
  name: string;
  value: string;
}

export const headerValue = (headers: readonly HeaderEntry[], name: string): string | null =>
  headers.find((h) => h.name.toLowerCase() === name)?.value ?? null;

export const mediaType = (contentType: string | null): string =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/** True for responses we must rewrite (anything that may run script). */
export function needsFence(contentType: string | null): boolean {
  return !INERT_TYPE.test(mediaType(contentType));
}

/**
 * Reads a paused response's body through `Fetch.takeResponseBodyAsStream` in chunks, stopping past
 * `maxBytes` (the rest is never transferred to us).
 */
export async function readPausedBody(
  cdp: CdpConnection,
  requestId: string,
  maxBytes = MAX_FENCED_BODY_BYTES,
): Promise<Uint8Array | null> {
  const { stream } = await cdp.send<{ stream: string }>('Fetch.takeResponseBodyAsStream', { requestId });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = await cdp.send<{ data: string; base64Encoded?: boolean; eof: boolean }>('IO.read', {
        handle: stream,
        size: READ_CHUNK,
      });
      const bytes = chunk.base64Encoded ? fromBase64(chunk.data) : new TextEncoder().encode(chunk.data);
      total += bytes.byteLength;
      if (total > maxBytes) return null;
      if (bytes.byteLength > 0) chunks.push(bytes);
      if (chunk.eof) break;
    }
  } finally {
    cdp.fire('IO.close', { handle: stream });
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The headers to serve a fenced body with. */
export function fencedHeaders(headers: readonly HeaderEntry[]): HeaderEntry[] {
  return [
    ...headers.filter((h) => !DROPPED_HEADERS.has(h.name.toLowerCase())),
    { name: 'Content-Security-Policy', value: FENCE_CSP },
  ];
}

/**
 * Makes `<script type=speculationrules>` inert in an HTML body (HTMLRewriter, a Workers global). The
 * rest of the document is passed through byte for byte.
 */
export async function neutraliseSpeculationRules(
  body: Uint8Array,
  contentType: string | null,
): Promise<{ body: Uint8Array; removed: number }> {
  let removed = 0;
  const rewriter = new HTMLRewriter().on('script[type]', {
    element(element) {
      if (/^\s*speculationrules\s*$/i.test(element.getAttribute('type') ?? '')) {
        element.setAttribute('type', 'text/plain');
        removed += 1;
      }
    },
  });
  try {
    const output = await rewriter
      .transform(new Response(body, { headers: { 'content-type': contentType ?? 'text/html' } }))
      .arrayBuffer();
    return { body: removed > 0 ? new Uint8Array(output) : body, removed };
  } catch {
    // An encoding lol-html cannot parse (UTF-16): served as it came; the guard still covers inserted rules.
    return { body, removed: 0 };
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
