/**
 * URL hygiene shared by the HAR parser and the scan adapter: which URLs count as contacted hosts, and the
 * short, token-free form a report stores.
 */
import { isMapHost, NETWORK_SCHEMES } from './report-fields.ts';

/** Longest stored resource URL (origin + path). Long enough to tell files apart, short enough that a
 * 2,000-resource report stays well under the 512 KB save limit (MAX_REPORT_BYTES). */
export const MAX_STORED_URL_CHARS = 300;

/**
 * Lower-cased host without brackets or a trailing dot; `null` for URLs that reach no network host
 * (data:, blob:, about:, chrome-extension: and the like) and for hosts no report may hold: the URL parser
 * accepts names of any length and characters such as "!" or "{", which no DNS name carries
 * (report-fields.ts isMapHost).
 */
export function networkHost(url: URL): string | null {
  if (!NETWORK_SCHEMES.has(url.protocol)) return null;
  let host = url.hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return isMapHost(host) ? host : null;
}

/** Origin + path, without query or fragment (they can carry session tokens), capped in length. */
export function storedUrl(url: URL): string {
  const text = `${url.protocol}//${url.host}${url.pathname}`;
  return text.length > MAX_STORED_URL_CHARS ? `${text.slice(0, MAX_STORED_URL_CHARS - 1)}…` : text;
}

/** `new URL` that returns null instead of throwing. */
export function tryUrl(text: string, base?: string): URL | null {
  try {
    return new URL(text, base);
  } catch {
    return null;
  }
}
