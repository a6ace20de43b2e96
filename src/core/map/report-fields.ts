/**
 * What each field of a dependency report may hold. A saved report is written by whoever POSTs it and shown
 * to whoever opens its link, and a live map carries names a hostile page, HAR or DNS zone chose; so the
 * schema (report-schema.ts), the map builders (url.ts) and the resolver's answer (clean-host.ts) all use
 * these checks, and a report that passes them reads as what it is: ASCII host names, network URLs, and
 * text without characters that reorder or hide what is around them.
 */
import { ipv6Nibbles } from '../dns/cymru.ts';

/** A host name is at most 253 characters (RFC 1035 §2.3.4), a label at most 63. */
export const MAX_HOST_CHARS = 253;
const MAX_LABEL_CHARS = 63;
/** Longest IPv6 text form: eight 4-digit groups, or six and a dotted IPv4 tail (45). */
const MAX_IPV6_CHARS = 45;

/**
 * Letters, digits, hyphen and underscore (RFC 952/1123 labels; underscores appear in real CNAME targets),
 * lower case as the URL parser writes them. IDNs arrive as punycode (xn--), so homoglyphs stay visible.
 * The URL parser itself accepts far more ("a!b$c", "{x}"): none of that is a host a browser can reach.
 */
const LABEL = /^[a-z0-9_-]{1,63}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

export function isIpAddress(text: string): boolean {
  if (isIpv4(text)) return true;
  return text.length <= MAX_IPV6_CHARS && /^[0-9a-fA-F:.]+$/.test(text) && ipv6Nibbles(text) !== null;
}

/** A host a report may name: an IP address (IPv6 without brackets) or a lower-case DNS name. */
export function isMapHost(text: string): boolean {
  if (text.length === 0 || text.length > MAX_HOST_CHARS) return false;
  if (isIpAddress(text)) return true;
  const labels = text.split('.');
  // WHATWG URL: a name whose last label is numeric is an IPv4 address or invalid, never a DNS name.
  if (/^\d+$/.test(labels.at(-1)!)) return false;
  return labels.every((label) => label.length <= MAX_LABEL_CHARS && LABEL.test(label));
}

/**
 * Characters that change how the text around them reads without showing themselves: C0 and C1 controls,
 * the Arabic letter mark, zero-width characters and left/right marks, line and paragraph separators, the
 * bidi embeddings, overrides and isolates ("Trojan Source", CVE-2021-42574), invisible operators and the
 * BOM. A host "moc.elgoog" with U+202E in front of it displays as "google.com".
 */
const INVISIBLE = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff';
const INVISIBLE_CHARS = new RegExp(`[${INVISIBLE}]`, 'g');
/** Surrogates not in a pair: JSON can carry them, no font can draw them. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text with none of the invisible characters and no lone surrogate, as a pattern so the OpenAPI document
 * states it too.
 */
export const SAFE_TEXT_PATTERN = new RegExp(
  `^(?:[^${INVISIBLE}\\ud800-\\udfff]|[\\ud800-\\udbff][\\udc00-\\udfff])*$`,
);

export function isSafeText(text: string): boolean {
  return SAFE_TEXT_PATTERN.test(text);
}

/** `text` made safe: invisible characters removed, lone surrogates replaced, then cut to `max` characters. */
export function cleanText(text: string, max: number): string {
  const clean = text.replace(INVISIBLE_CHARS, '').replace(LONE_SURROGATE, '\ufffd');
  if (clean.length <= max) return clean;
  // Never end on the first half of a pair.
  const cut = clean.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * Schemes of a report's URLs: requests that reach a network host. Never javascript:, data:, blob: or
 * file:, which would run or show content of their own if anything ever made them a link.
 */
export const NETWORK_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'ws:', 'wss:']);

/**
 * A URL as the map stores it (url.ts storedUrl, or a scan's final URL): printable ASCII, as the URL
 * serialiser writes it, optionally cut with a trailing "…"; a network scheme and no credentials.
 */
export function isStoredUrl(text: string): boolean {
  if (!/^[\x21-\x7e]+…?$/.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return NETWORK_SCHEMES.has(url.protocol) && url.username === '' && url.password === '';
}

/** A MIME type as a HAR states it ("text/css; charset=utf-8"): printable ASCII. */
export const MIME_TYPE_PATTERN = /^[\x20-\x7e]*$/;

/** An address prefix in CIDR notation ("192.0.2.0/24", "2001:db8::/32"), or empty when unknown. */
export function isPrefix(text: string): boolean {
  if (text === '') return true;
  const [address = '', bits, ...rest] = text.split('/');
  if (rest.length > 0 || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
  return isIpv4(address) ? Number(bits) <= 32 : isIpAddress(address) && Number(bits) <= 128;
}

/** Largest AS number: ASNs are 32-bit (RFC 6793). */
export const MAX_ASN = 4_294_967_295;

/** Stable codes (HostError codes, lookup stages): letters, digits, "_" and "-". */
export const CODE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Why a request got no response: a browser net error ("net::ERR_NAME_NOT_RESOLVED", Chromium's
 * net_error_list.h names), or a scanner word ("timeout", "blocked", "failed"). Letters, digits, "_", ":",
 * "." and "-" only.
 */
export const FAILURE_PATTERN = /^[A-Za-z0-9_:.-]{1,64}$/;

/** An HTTP status code a response can carry (RFC 9110 §15: three digits, 1xx to 5xx). */
export const MIN_HTTP_STATUS = 100;
export const MAX_HTTP_STATUS = 599;

export function isHttpStatus(value: unknown): value is number {
  return (
    Number.isInteger(value) && (value as number) >= MIN_HTTP_STATUS && (value as number) <= MAX_HTTP_STATUS
  );
}

/** Schemes that run script when followed: never kept, not even as a bare scheme. */
const SCRIPT_SCHEMES = /^(?:javascript|vbscript):$/i;

/**
 * A URL scheme alone ("file:", "data:"), the form in which a report keeps a refused request that names no
 * network host: nothing after the colon, so nothing to open; never a script scheme.
 */
export function isBareScheme(text: string): boolean {
  return /^[a-z][a-z0-9+.-]{0,30}:$/.test(text) && !SCRIPT_SCHEMES.test(text);
}
