/**
 * Every limit of `POST /api/scan`, named once. The route reports them in `ScanResponse.limits`, the docs
 * table (docs/scan.md) lists them, and tests drive each one to its edge.
 *
 * The scanner fetches a stranger's page on a stranger's behalf, so each limit bounds what one request can
 * cost us (time, memory, subrequests) while staying far above what a real page needs.
 */

/** Longest URL accepted in the request body. Browsers accept more, but no page address a person pastes is longer. */
export const MAX_INPUT_URL_LENGTH = 2048;

/** Largest request body: `{"url": ...}` with the longest URL fits many times over. */
export const MAX_REQUEST_BODY_BYTES = 8 * 1024;

/** Redirects followed (each hop re-checked). Browsers allow 20 (Fetch standard); real sites use 1-3. */
export const MAX_REDIRECTS = 5;

/**
 * Wall-clock budget for the page itself: DNS checks, every redirect hop and reading the body. Past it a
 * request that has no response yet fails with `timeout`; a body still arriving is cut and marked truncated.
 */
export const PAGE_TIME_LIMIT_MS = 8_000;

/**
 * Bytes of (decoded) HTML read. The HTTP Archive puts the median HTML document near 30 KB and the
 * 90th percentile near 150 KB (Web Almanac, Page Weight chapter), so 2 MiB keeps >99% of pages whole while
 * bounding the parse (and a gzip bomb, since the count is taken after decompression).
 */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;

/** Resources listed. Far above any real page (median ≈ 70 requests); stops 100k-element pages from bloating the answer. */
export const MAX_RESOURCES = 2_000;

/** Distinct hosts listed (the mapper resolves each one, so this bounds the follow-up DNS work). */
export const MAX_HOSTS = 300;

/** URLs longer than this are skipped (tracking pixels with kilobytes of query string add nothing to a map). */
export const MAX_RESOURCE_URL_LENGTH = 4_096;

/** First-party stylesheets fetched to read their `@import` and `url()` (one level deep). */
export const MAX_STYLESHEETS = 10;

/** Bytes read from each followed stylesheet. */
export const MAX_STYLESHEET_BYTES = 512 * 1024;

/** Bytes read from all followed stylesheets together. */
export const MAX_STYLESHEET_TOTAL_BYTES = 1536 * 1024;

/** Wall-clock budget for all followed stylesheets together, on top of the page's. */
export const STYLESHEET_TIME_LIMIT_MS = 3_000;

/** Characters of one inline `<script>` searched for URL literals. */
export const MAX_INLINE_SCRIPT_CHARS = 256 * 1024;

/** Characters of one `<style>` element or `style` attribute tokenised for `url()` and `@import`. */
export const MAX_INLINE_STYLE_CHARS = 256 * 1024;

/**
 * DoH queries one scan may send (A, AAAA and CNAME steps of every hop, plus the uncached re-check before
 * each page request). With at most 6 page requests and 10 stylesheets this keeps a scan under the Workers
 * free plan's 50 subrequests per invocation.
 */
export const MAX_DNS_QUERIES = 24;

/** How long a successful scan is served from cache (keyed by the normalised URL). */
export const SCAN_CACHE_TTL_SECONDS = 300;

/** The limits as reported in every ScanResponse. */
export const SCAN_LIMITS = {
  maxInputUrlLength: MAX_INPUT_URL_LENGTH,
  maxRequestBodyBytes: MAX_REQUEST_BODY_BYTES,
  maxRedirects: MAX_REDIRECTS,
  pageTimeLimitMs: PAGE_TIME_LIMIT_MS,
  maxPageBytes: MAX_PAGE_BYTES,
  maxResources: MAX_RESOURCES,
  maxHosts: MAX_HOSTS,
  maxResourceUrlLength: MAX_RESOURCE_URL_LENGTH,
  maxStylesheets: MAX_STYLESHEETS,
  maxStylesheetBytes: MAX_STYLESHEET_BYTES,
  maxStylesheetTotalBytes: MAX_STYLESHEET_TOTAL_BYTES,
  stylesheetTimeLimitMs: STYLESHEET_TIME_LIMIT_MS,
  maxInlineScriptChars: MAX_INLINE_SCRIPT_CHARS,
  maxInlineStyleChars: MAX_INLINE_STYLE_CHARS,
  maxDnsQueries: MAX_DNS_QUERIES,
  cacheTtlSeconds: SCAN_CACHE_TTL_SECONDS,
} as const satisfies Record<string, number>;
