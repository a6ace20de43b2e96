/**
 * POST /api/scan `{ "url": "example.com" }` → ScanResponse: the page's resources and hosts.
 * Validation, SSRF policy and extraction live in src/core/scan and functions/lib; this file wires them.
 * Like every body-carrying route: 405 for other methods, 415 unless JSON, 413 past MAX_REQUEST_BODY_BYTES.
 */
import { createBudget } from '../../src/core/dns/budget.ts';
import { createDohClient } from '../../src/core/dns/doh-client.ts';
import { resolveHost } from '../../src/core/dns/resolve-host.ts';
import { isFirstParty } from '../../src/core/attribution/first-party.ts';
import { entityOf } from '../../src/core/attribution/entity.ts';
import { ApiError, issuesFrom } from '../../src/core/http/api-error.ts';
import { checkTarget, type HostResolver, type TargetPolicy } from '../../src/core/scan/check-target.ts';
import {
  MAX_DNS_QUERIES,
  MAX_REDIRECTS,
  MAX_REQUEST_BODY_BYTES,
  PAGE_TIME_LIMIT_MS,
  STYLESHEET_TIME_LIMIT_MS,
} from '../../src/core/scan/limits.ts';
import { normaliseScanUrl, parseAllowedOrigins } from '../../src/core/scan/normalise-url.ts';
import { SCAN_REFUSALS, ScanRefusal } from '../../src/core/scan/refusals.ts';
import { scanRequestSchema } from '../../src/core/scan/request-schema.ts';
import { scanPage } from '../../src/core/scan/scan-page.ts';
import { dohClientFromEnv, upstreamsFromEnv } from '../lib/doh.ts';
import { extractHtml } from '../lib/extract-html.ts';
import { readJsonBody } from '../lib/json-body.ts';
import { methodNotAllowed } from '../lib/method-not-allowed.ts';
import { json } from '../lib/respond.ts';
import { safeFetch } from '../lib/safe-fetch.ts';
import { readScanCache, writeScanCache } from '../lib/scan-cache.ts';

export const onRequestPost: PagesFunction<Env> = async ({ request, env, waitUntil }) => {
  const body = await readJsonBody(request, {
    maxBytes: MAX_REQUEST_BODY_BYTES,
    tooLarge: () =>
      new ApiError(
        SCAN_REFUSALS.payload_too_large,
        'payload_too_large',
        `The request body is over ${MAX_REQUEST_BODY_BYTES} bytes.`,
      ),
    notJson: () =>
      new ApiError(SCAN_REFUSALS.invalid_request, 'invalid_request', 'The request body is not JSON.'),
    mediaTypeHint: 'Send {"url": "..."} as application/json.',
  });
  const input = scanRequestSchema.safeParse(body);
  if (!input.success) {
    throw new ApiError(SCAN_REFUSALS.invalid_request, 'invalid_request', 'Send {"url": "..."} as JSON.', {
      issues: issuesFrom(input.error.issues),
    });
  }
  const allowedOrigins = parseAllowedOrigins(env.SCAN_ALLOWED_ORIGINS);
  const normalised = normaliseScanUrl(input.data.url, { allowedOrigins });
  if (!normalised.ok) throw new ApiError(SCAN_REFUSALS[normalised.code], normalised.code, normalised.message);

  // One deadline and one DoH budget for the whole scan; DNS answers share the Cache API with /api/resolve.
  const signal = AbortSignal.timeout(PAGE_TIME_LIMIT_MS + STYLESHEET_TIME_LIMIT_MS);
  const budget = createBudget(MAX_DNS_QUERIES);
  const client = dohClientFromEnv(env, { budget, signal });
  const fresh = createDohClient({
    upstreams: upstreamsFromEnv(env.DOH_UPSTREAMS),
    fetch: (i, init) => fetch(i, init),
    budget,
    signal,
  });
  const policy: TargetPolicy = { allowedOrigins, resolve: (host) => resolveHost(client, host) };
  const recheck: HostResolver = (host) => resolveHost(fresh, host);

  try {
    // The policy runs before the cache, so a cached scan is never served for an address now refused.
    const verdict = await checkTarget(normalised.url.href, policy);
    if (!verdict.ok) throw new ScanRefusal(verdict.code, verdict.message);
    const key = normalised.url.href;
    const cache = typeof caches === 'undefined' ? undefined : caches.default;
    const cached = await readScanCache(cache, key);
    if (cached)
      return json(
        { ...cached, stats: cached.stats && { ...cached.stats, cache: 'hit' } },
        { headers: noStore },
      );

    let pageRequests = 0;
    const result = await scanPage(normalised.url, {
      fetch: (url, options) =>
        safeFetch(url, {
          ...options,
          policy,
          // Only the page's own hops are re-resolved uncached; stylesheets reuse the checked answers.
          recheck: pageRequests++ === 0 ? recheck : undefined,
          fetch: (i, init) => fetch(i, init),
          maxRedirects: MAX_REDIRECTS,
        }),
      extract: extractHtml,
      isFirstParty,
      categoryOf: (host) => entityOf(host)?.category ?? null,
      now: Date.now,
    });
    const scan = { ...result, stats: { ...result.stats, cache: 'miss' as const } };
    waitUntil(writeScanCache(cache, key, scan));
    return json(scan, { headers: noStore });
  } catch (error) {
    if (error instanceof ScanRefusal)
      throw new ApiError(error.status, error.code, error.message, { cause: error });
    throw error;
  }
};

/** The answer depends on a remote site at one moment; shared caches must not keep it. */
const noStore = { 'cache-control': 'no-store' };

/** Anything but POST: 405 with the envelope. */
export const onRequest = methodNotAllowed('POST', 'Use POST with {"url": "..."} as JSON.');
