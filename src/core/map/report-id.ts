/** Report ids and their KV keys. Randomness is passed in (crypto.getRandomValues at the edge). */
import { REPORT_ID_BYTES, REPORT_ID_PATTERN } from './report-limits.ts';

/** Unpadded base64url of REPORT_ID_BYTES random bytes (22 characters). */
export function newReportId(fill: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = fill(new Uint8Array(REPORT_ID_BYTES));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function isReportId(id: string): boolean {
  return REPORT_ID_PATTERN.test(id);
}

/** KV key of a report; the prefix keeps reports apart from the other data in the namespace. */
export function reportKey(id: string): string {
  return `report:${id}`;
}

/** The page that opens a saved report. */
export function reportPermalink(origin: string, id: string): string {
  return `${origin}/deps/?report=${id}`;
}
