/**
 * The request side of every body-carrying API route (scan, resolve, reports), decided in one place:
 * - the body must be declared `application/json` (else 415 `unsupported_media_type`), so a form post or
 *   a text/plain "simple request" that skipped the CORS preflight is refused before it is read;
 * - it may not exceed the route's byte limit, declared (Content-Length) or streamed (else the route's 413),
 *   and is never buffered whole when it is too large;
 * - it must parse as JSON (else the route's 400).
 * Each route keeps its own documented 413/400 codes (they are part of its contract), so it passes them in.
 */
import { ApiError } from '../../src/core/http/api-error.ts';

/** The only media type the API reads (RFC 8259 §11); parameters such as `charset` are ignored. */
export const JSON_MEDIA_TYPE = 'application/json';

export interface JsonBodyOptions {
  /** Largest body accepted, in bytes (the route's named limit). */
  maxBytes: number;
  /** The 413 to throw when the body is larger. */
  tooLarge: () => ApiError;
  /** The 400 to throw when the body is not JSON. */
  notJson: () => ApiError;
  /** How to tell a client to fix the media type (the 415 message). */
  mediaTypeHint?: string;
}

/** The media type of a Content-Type header without its parameters, lower-cased; '' when absent. */
export function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Throws 415 `unsupported_media_type` unless the request declares a JSON body. */
export function assertJsonMediaType(request: Request, hint = `Send the body as ${JSON_MEDIA_TYPE}.`): void {
  if (mediaTypeOf(request.headers.get('content-type')) !== JSON_MEDIA_TYPE) {
    throw new ApiError(415, 'unsupported_media_type', hint);
  }
}

/**
 * The body as UTF-8 text, at most `maxBytes`: a declared length over the limit is refused unread, and a
 * streamed body is cancelled as soon as it passes the limit. A request's body, or a response's (the
 * /api/measure route reads PageSpeed Insights' answers through it).
 */
export async function readCappedText(
  message: Pick<Request | Response, 'headers' | 'body'>,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<string> {
  if (Number(message.headers.get('content-length') ?? '0') > maxBytes) throw tooLarge();
  if (!message.body) return '';
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

/** 415, then 413, then 400, in that order: the parsed JSON value of a request body. */
export async function readJsonBody(request: Request, options: JsonBodyOptions): Promise<unknown> {
  assertJsonMediaType(request, options.mediaTypeHint);
  const text = await readCappedText(request, options.maxBytes, options.tooLarge);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw options.notJson();
  }
}
