/**
 * Reading an `integrity` attribute the way browsers do (W3C Subresource Integrity, §3.3.3 "Parse
 * metadata", https://www.w3.org/TR/SRI/#parse-metadata): whitespace-separated tokens
 * `<algorithm>-<base64 digest>[?options]`; tokens whose algorithm the browser does not support (only
 * sha256, sha384 and sha512 are) or whose digest is not base64 are ignored. When no token is left the
 * browser performs no check at all and runs whatever arrives, exactly as without the attribute.
 * A well-formed digest that does not match is the opposite case: the browser refuses the resource.
 */

import { MAX_REPORT_INTEGRITY } from '../map/report-limits.ts';

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

/**
 * An `integrity` value as a report keeps it: whitespace runs become one space (tokens are whitespace-
 * separated, so the reading is the same) and, past `max` characters, only the usable tokens are kept (or,
 * when even they are too long, the start of the value). readIntegrity gives the same state for the result
 * as for the original, except for a value whose usable tokens alone exceed `max` (none real do).
 */
export function compactIntegrity(value: string, max: number): string {
  const spaced = value
    .split(/[\t\n\f\r ]+/)
    .filter(Boolean)
    .join(' ');
  if (spaced.length <= max) return spaced;
  const usable = spaced
    .split(' ')
    .filter((t) => TOKEN.test(t))
    .join(' ');
  return usable !== '' && usable.length <= max ? usable : spaced.slice(0, max);
}

/** SRI facts as a report stores them (types.ts MapResource.integrity): null stays null, values compacted. */
export function reportIntegrity(value: string | null): string | null {
  return value === null ? null : compactIntegrity(value, MAX_REPORT_INTEGRITY);
}

/**
 * Two elements of one page load the same file: it is as protected as the weaker of them. Unknown
 * (undefined) yields to what is known; an element without integrity (null) wins over one with it.
 */
export function mergeIntegrity(
  a: string | null | undefined,
  b: string | null | undefined,
): string | null | undefined {
  if (a === undefined) return b;
  if (b === undefined || a === null) return a;
  return b === null ? null : a;
}
