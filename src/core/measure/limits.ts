/**
 * Every limit and default of GET /api/measure, named once. docs/measure.md lists them; tests drive each.
 *
 * A measurement is one call to PageSpeed Insights (PSI), which runs Lighthouse on Google's servers:
 * 10–40 s of waiting on our side, almost no CPU. Workers limit CPU time per request, not wall time
 * while the client stays connected, so the wait itself costs nothing; what needs bounding is how long a
 * visitor waits, how much of a reply we read, and how often one visitor may spend the shared PSI quota
 * (src/core/http/rate-limit.ts, `measure`).
 */

/** Google's runPagespeed method (https://developers.google.com/speed/docs/insights/v5/reference/pagespeedapi/runpagespeed). */
export const PSI_DEFAULT_ENDPOINT = 'https://www.googleapis.com/pagespeedonline/v5/runPagespeed';

/**
 * How long we wait for PSI's answer. A PSI run takes 10–40 s; Lighthouse inside it gives a page up to
 * 35 s to load (maxWaitForLoad of its lr-mobile-config) plus up to 15 s for a first paint, so a slow page
 * legitimately needs most of a minute. Past 60 s the visitor gets `psi_timeout` rather than a spinner.
 */
export const MEASURE_TIME_LIMIT_MS = 60_000;

/** Smallest PSI_TIME_LIMIT_MS honoured (the variable can only shorten MEASURE_TIME_LIMIT_MS, e.g. for tests). */
export const MIN_MEASURE_TIME_LIMIT_MS = 1_000;

/**
 * The time limit in force: PSI_TIME_LIMIT_MS when it is a whole number of milliseconds within
 * [MIN_MEASURE_TIME_LIMIT_MS, MEASURE_TIME_LIMIT_MS], else MEASURE_TIME_LIMIT_MS. It can only shorten the
 * wait (the demo and tests use a few seconds), never lengthen it.
 */
export function measureTimeLimitFromEnv(value: string | undefined): number {
  const text = value?.trim() ?? '';
  if (!/^\d{1,9}$/.test(text)) return MEASURE_TIME_LIMIT_MS;
  return Math.min(MEASURE_TIME_LIMIT_MS, Math.max(MIN_MEASURE_TIME_LIMIT_MS, Number(text)));
}

/**
 * DoH queries for checking the page's host before it is sent on: one cold host needs up to
 * QUERIES_PER_HOST_COLD (5, src/core/dns/limits.ts); twice that allows a retry of each.
 */
export const MEASURE_DNS_QUERIES = 10;

/** Wall-clock budget of that check; DoH queries time out after 2.5 s each (QUERY_TIMEOUT_MS). */
export const MEASURE_DNS_TIME_LIMIT_MS = 5_000;

/**
 * How long a successful measurement is served from cache, per normalised URL and strategy. Lab results
 * of one page vary from run to run by more than a page changes in an hour, a PSI run costs quota, and a
 * visitor comparing before and after a deploy can wait an hour or measure the other strategy. The answer
 * says when it was measured (`fetchedAt`) and until when it is reused (`expiresAt`).
 */
export const MEASURE_CACHE_TTL_SECONDS = 3_600;

/**
 * Bytes of PSI's reply read. A PSI reply is the whole Lighthouse report: 0.3–2 MB with its base64
 * screenshots for ordinary pages. 16 MiB leaves room for huge pages and bounds a Worker's memory (128 MB).
 */
export const MAX_PSI_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Characters of the query string read (the URL itself is capped at MAX_INPUT_URL_LENGTH, 2048). */
export const MEASURE_QUERY_MAX_LENGTH = 4_096;

/** Third parties listed, the heaviest first: a page with more has a long tail worth less than a line each. */
export const MAX_THIRD_PARTIES = 20;

/**
 * Retry-After sent with `psi_quota` when PSI gives none. Google's quota windows are per minute and per
 * day ("Queries per minute", "Queries per day" in its 429 messages); a minute is the shorter.
 */
export const QUOTA_RETRY_AFTER_SECONDS = 60;

/** Characters of PSI's own error message passed on in ours (it explains Lighthouse's failures well). */
export const MAX_UPSTREAM_MESSAGE_CHARS = 400;

/** The limits as reported in the OpenAPI document and docs. */
export const MEASURE_LIMITS = {
  timeLimitMs: MEASURE_TIME_LIMIT_MS,
  cacheTtlSeconds: MEASURE_CACHE_TTL_SECONDS,
  maxPsiResponseBytes: MAX_PSI_RESPONSE_BYTES,
  maxThirdParties: MAX_THIRD_PARTIES,
} as const satisfies Record<string, number>;
