/**
 * Which scan answers `POST /api/scan`, by the request's `mode`:
 * - `static`: the served HTML and first-party CSS (static-scan.ts).
 * - `rendered`: the page in a real browser behind the fence (render/render-page.ts), merged with the
 *   static scan of the same URL into a superset (src/core/render/merge.ts); both run at once. No browser
 *   (binding absent, service refusing, isolate busy) is a 424 `browser_unavailable`, a client over its
 *   `render` rate limit a 429.
 * - `auto` (default): rendered when it can be, else the static scan with `fallback: { code, message }`
 *   saying why (no binding, `browser_unavailable`, `rate_limited`, `render_failed`, or the browser could
 *   not load a page the static fetch could). Never an error that the static scan would not give.
 * Successful answers are cached per URL and method; a cached rendered answer costs no render token.
 */
import { ApiError } from '../../src/core/http/api-error.ts';
import { MAX_RENDER_DNS_QUERIES, RENDER_TIME_LIMIT_MS } from '../../src/core/render/limits.ts';
import { mergeScans } from '../../src/core/render/merge.ts';
import { withScanRisks } from '../../src/core/risk/scan-risks.ts';
import { resolveHost } from '../../src/core/dns/resolve-host.ts';
import { createBudget } from '../../src/core/dns/budget.ts';
import { SCAN_REFUSALS, ScanRefusal } from '../../src/core/scan/refusals.ts';
import type { ScanMode } from '../../src/core/scan/request-schema.ts';
import type { ScanResponse } from '../../src/core/scan/types.ts';
import { dohClientFromEnv } from './doh.ts';
import { renderPage, type RenderOutcome } from './render/render-page.ts';
import { rateLimited, takeRateLimit } from './route-rate-limit.ts';
import { readScanCache, writeScanCache } from './scan-cache.ts';
import { hostFacts, staticScan, type StaticScanPolicy } from './static-scan.ts';

export interface ScanRequestContext {
  env: Env;
  data: Record<string, unknown>;
  waitUntil: (promise: Promise<unknown>) => void;
  allowedOrigins: ReadonlySet<string>;
  /** The static scan's policy, whose DoH budget the route's own check of the URL already used. */
  staticPolicy: StaticScanPolicy;
  now?: () => number;
}

export interface ScanAnswer {
  body: ScanResponse;
  headers?: Record<string, string>;
}

/** The route's scan of an already checked, normalised URL. Throws ApiError for refusals. */
export async function scanByMode(url: URL, mode: ScanMode, context: ScanRequestContext): Promise<ScanAnswer> {
  const { env } = context;
  const now = context.now ?? Date.now;
  const cache = typeof caches === 'undefined' ? undefined : caches.default;
  const key = url.href;
  const runStatic = () => staticScan(url, context.staticPolicy);

  if (mode !== 'static') {
    const cached = await readScanCache(cache, key, 'rendered');
    if (cached) return { body: asHit(cached) };
    const refusal = renderRefusal(env, context.data);
    if (refusal === null) {
      const started = now();
      const [rendered, settled] = await Promise.all([
        renderPage(url.href, {
          binding: env.BROWSER as Fetcher,
          policy: renderPolicy(env, context.allowedOrigins),
          now,
        }),
        settle(runStatic()),
      ]);
      if (rendered.ok) {
        const merged = mergeScans(settled.ok ? settled.value : null, rendered.page, now() - started);
        // Risks of the superset: the browser's own requests (an http: pixel, a compromised host a tag
        // manager brought in) are judged too; SRI only where an element of the HTML names the file.
        const resources = withScanRisks(merged.resources, { pageUrl: merged.page.finalUrl, ...hostFacts });
        const answer = { ...merged, resources, stats: { ...merged.stats!, cache: 'miss' as const } };
        context.waitUntil(writeScanCache(cache, key, answer));
        if (settled.ok) context.waitUntil(writeScanCache(cache, key, settled.value));
        return { body: answer };
      }
      if (mode === 'rendered') throw renderError(rendered);
      if (!settled.ok) throw settled.error;
      context.waitUntil(writeScanCache(cache, key, settled.value));
      return withFallback(settled.value, rendered.code, rendered.message);
    }
    if (mode === 'rendered') throw refusal;
    const staticAnswer = await cachedStatic(cache, key, runStatic, context);
    return withFallback(staticAnswer, refusal.code, refusal.message);
  }
  return { body: await cachedStatic(cache, key, runStatic, context) };
}

/** Why this request cannot render (no binding, or the client is over its `render` limit); null if it can. */
function renderRefusal(env: Env, data: Record<string, unknown>): ApiError | null {
  if (!env.BROWSER) {
    return new ApiError(
      SCAN_REFUSALS.browser_unavailable,
      'browser_unavailable',
      'This deployment has no browser (no BROWSER binding); use mode "static" or "auto".',
    );
  }
  const decision = takeRateLimit(data, 'render');
  if (decision && !decision.allowed) return rateLimited('render', decision.retryAfterSeconds);
  return null;
}

function renderError(outcome: Extract<RenderOutcome, { ok: false }>): ApiError {
  return new ApiError(SCAN_REFUSALS[outcome.code], outcome.code, outcome.message, {
    ...(outcome.retryAfterSeconds ? { headers: { 'retry-after': String(outcome.retryAfterSeconds) } } : {}),
  });
}

/** The fence's policy: the scan's rules, one DoH budget of its own, answers shared through the Cache API. */
function renderPolicy(env: Env, allowedOrigins: ReadonlySet<string>) {
  const client = dohClientFromEnv(env, {
    budget: createBudget(MAX_RENDER_DNS_QUERIES),
    signal: AbortSignal.timeout(RENDER_TIME_LIMIT_MS + 5_000),
  });
  return { allowedOrigins, resolve: (host: string) => resolveHost(client, host) };
}

async function cachedStatic(
  cache: Cache | undefined,
  key: string,
  run: () => Promise<ScanResponse>,
  context: ScanRequestContext,
): Promise<ScanResponse> {
  const cached = await readScanCache(cache, key, 'static');
  if (cached) return asHit(cached);
  const scan = await run().catch(rethrowRefusal);
  const answer = { ...scan, stats: { ...scan.stats!, cache: 'miss' as const } };
  context.waitUntil(writeScanCache(cache, key, answer));
  return answer;
}

function withFallback(scan: ScanResponse, code: string, message: string): ScanAnswer {
  return {
    body: {
      ...scan,
      stats: { ...scan.stats!, cache: scan.stats?.cache ?? 'miss' },
      fallback: { code, message },
    },
  };
}

const asHit = (scan: ScanResponse): ScanResponse => ({
  ...scan,
  stats: scan.stats && { ...scan.stats, cache: 'hit' },
});

type Settled<T> = { ok: true; value: T } | { ok: false; error: ApiError };

async function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

function rethrowRefusal(error: unknown): never {
  throw toApiError(error);
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ScanRefusal)
    return new ApiError(error.status, error.code, error.message, { cause: error });
  throw error;
}
