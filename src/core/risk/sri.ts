/**
 * Reading an `integrity` attribute the way browsers do (W3C Subresource Integrity, §3.3.3 "Parse
 * metadata", https://www.w3.org/TR/SRI/#parse-metadata): whitespace-separated tokens
 * `<algorithm>-<base64 digest>[?options]`; tokens whose algorithm the browser does not support (only
 * sha256, sha384 and sha512 are) or whose digest is not base64 are ignored. When no token is left the
 * browser performs no check at all and runs whatever arrives, exactly as without the attribute.
 * A well-formed digest that does not match is the opposite case: the browser refuses the resource.
 */

/** The hash functions SRI defines (§3.2 "Cryptographic hash functions"). */
export const SRI_ALGORITHMS = ['sha256', 'sha384', 'sha512'] as const;

/** One metadata token: algorithm, '-', base64 or base64url digest (padding optional), optional '?options'. */
const TOKEN = /^(sha256|sha384|sha512)-[A-Za-z0-9+/_-]+={0,2}(?:\?[\x21-\x7e]*)?$/i;

export type IntegrityReading =
  | { state: 'checked'; algorithms: string[] }
  /** The attribute is there but empty (or only whitespace): no check. */
  | { state: 'empty' }
  /** Tokens, none of which the browser can use: no check. */
  | { state: 'unusable'; tokens: string[] };

export function readIntegrity(value: string): IntegrityReading {
  const tokens = value.split(/[\t\n\f\r ]+/).filter(Boolean);
  if (tokens.length === 0) return { state: 'empty' };
  const usable = tokens.filter((t) => TOKEN.test(t));
  if (usable.length === 0) return { state: 'unusable', tokens };
  return { state: 'checked', algorithms: [...new Set(usable.map((t) => t.split('-')[0]!.toLowerCase()))] };
}
