/**
 * Why a measurement did not happen, as stable codes with their HTTP status. Tests assert the code; the
 * messages are for people and may change.
 *
 * Everything PageSpeed Insights (PSI) or the measured page does wrong is 424 Failed Dependency, as for a
 * scan (src/core/scan/refusals.ts explains why not a 5xx). The target URL's own refusals (invalid_url,
 * private_address, …) are the scanner's, with their codes: the same rules decide what we may send on.
 */
export const MEASURE_FAILURES = {
  /** PSI's quota (per key, or the shared public one without a key) is spent; Retry-After says when to come back. */
  psi_quota: 424,
  /** PSI did not answer within the time limit. */
  psi_timeout: 424,
  /** Lighthouse could not load the page (DNS, connection, an error status, not HTML, …). */
  page_unreachable: 424,
  /** Lighthouse loaded the page but could not measure it (no paint, a crashed tab, a report without metrics). */
  lighthouse_error: 424,
  /** PSI failed on its side, or answered something we cannot read. */
  psi_unavailable: 424,
  /** PSI refused our request (an invalid API key, the API not enabled): our configuration, not the visitor's. */
  psi_refused: 424,
} as const;

export type MeasureFailureCode = keyof typeof MEASURE_FAILURES;

/** A failure returned (not thrown) by the pure readers; the route turns it into an ApiError. */
export interface MeasureFailed {
  ok: false;
  code: MeasureFailureCode;
  message: string;
  /** For psi_quota: whole seconds until trying again makes sense. */
  retryAfterSeconds?: number;
}

export const failed = (
  code: MeasureFailureCode,
  message: string,
  retryAfterSeconds?: number,
): MeasureFailed => ({
  ok: false,
  code,
  message,
  ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
});

/** Stable code of a malformed GET /api/measure query (400). */
export const MEASURE_INVALID_QUERY = 'invalid_query';
