/**
 * GET /api/measure?url=…&strategy=mobile|desktop → MeasureResponse: Lighthouse's lab metrics, the origin's
 * field data and third-party costs from PageSpeed Insights (PSI), cached per URL and strategy.
 * The URL passes the scanner's rules before it goes anywhere (functions/lib/public-target.ts); PSI is
 * called by functions/lib/psi-client.ts and read by src/core/measure. Config: PSI_ENDPOINT (default
 * Google's), the secret PSI_API_KEY (optional), PSI_TIME_LIMIT_MS (may only shorten the limit).
 */
import { ApiError } from '../../src/core/http/api-error.ts';
import { MEASURE_FAILURES, MEASURE_INVALID_QUERY } from '../../src/core/measure/failures.ts';
import { measureTimeLimitFromEnv } from '../../src/core/measure/limits.ts';
import { parseMeasureQuery, psiEndpoint, psiRequestUrl } from '../../src/core/measure/psi-request.ts';
import { headFromGet } from '../lib/head-from-get.ts';
import { measureResponse, readMeasureCache, writeMeasureCache } from '../lib/measure-cache.ts';
import { methodNotAllowed } from '../lib/method-not-allowed.ts';
import { callPsi } from '../lib/psi-client.ts';
import { publicTarget } from '../lib/public-target.ts';
import { json } from '../lib/respond.ts';

/** A measurement depends on a remote page at one moment; the server-side cache is the only one. */
const noStore = { 'cache-control': 'no-store' };

export const onRequestGet: PagesFunction<Env> = async ({ request, env, waitUntil }) => {
  const query = parseMeasureQuery(new URL(request.url).search);
  if (!query.ok) {
    throw new ApiError(
      400,
      MEASURE_INVALID_QUERY,
      'Give the page as url=… and, optionally, strategy=mobile or desktop.',
      {
        issues: query.issues,
      },
    );
  }
  const { strategy } = query.query;
  // The target rules run before the cache, so a cached answer is never served for an address now refused.
  const url = (await publicTarget(query.query.url, env)).href;
  const cache = typeof caches === 'undefined' ? undefined : caches.default;
  const cached = await readMeasureCache(cache, url, strategy, Date.now());
  if (cached) return json(cached, { headers: noStore });

  const now = Date.now();
  const outcome = await callPsi({
    psiUrl: psiRequestUrl(psiEndpoint(env.PSI_ENDPOINT), url, strategy, env.PSI_API_KEY),
    url,
    strategy,
    now,
    timeLimitMs: measureTimeLimitFromEnv(env.PSI_TIME_LIMIT_MS),
    fetch: (input, init) => fetch(input, init),
  });
  if (!outcome.ok) {
    const retry = outcome.retryAfterSeconds;
    throw new ApiError(MEASURE_FAILURES[outcome.code], outcome.code, outcome.message, {
      headers: retry === undefined ? {} : { 'retry-after': String(retry) },
    });
  }
  waitUntil(writeMeasureCache(cache, outcome.measurement, now));
  return json(measureResponse(outcome.measurement, now, 'miss'), { headers: noStore });
};

export const onRequestHead = headFromGet(onRequestGet);

export const onRequest = methodNotAllowed(
  'GET, HEAD',
  'Use GET with ?url=… (and strategy=mobile or desktop).',
);
