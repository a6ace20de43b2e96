/**
 * Lighthouse's runtime error codes (lighthouse/core/lib/lh-error.js, Lighthouse 13), sorted into the two
 * failures a visitor can act on differently: the page could not be loaded (check the address, the site is
 * down or refuses the robot), or it loaded and Lighthouse could not measure it (try again).
 */
import { failed, type MeasureFailed } from './failures.ts';

/** Codes meaning Lighthouse never got a usable page: the visitor's URL or site is the problem. */
export const PAGE_LOAD_ERROR_CODES: ReadonlySet<string> = new Set([
  'NO_DOCUMENT_REQUEST',
  'FAILED_DOCUMENT_REQUEST',
  'ERRORED_DOCUMENT_REQUEST',
  'INSECURE_DOCUMENT_REQUEST',
  'CHROME_INTERSTITIAL_ERROR',
  'PAGE_HUNG',
  'NOT_HTML',
  'DNS_FAILURE',
  'INVALID_URL',
]);

/** PSI's prefix for a Lighthouse failure in its error message: "Lighthouse returned error: NO_FCP. …". */
const RETURNED_ERROR = /Lighthouse returned error: ([A-Z][A-Z0-9_]*)/;

/** The Lighthouse code named in a PSI error message, or null. */
export function lighthouseCodeIn(message: string): string | null {
  return RETURNED_ERROR.exec(message)?.[1] ?? null;
}

/** A Lighthouse runtime error as our failure, with Lighthouse's own explanation. */
export function lighthouseFailure(code: string, explanation: string): MeasureFailed {
  const detail = explanation.trim() || 'no explanation given';
  return PAGE_LOAD_ERROR_CODES.has(code)
    ? failed('page_unreachable', `Lighthouse could not load the page (${code}): ${detail}`)
    : failed('lighthouse_error', `Lighthouse could not measure the page (${code}): ${detail}`);
}
