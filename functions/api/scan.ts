/**
 * POST /api/scan `{ "url": "example.com" }` → ScanResponse: the page's resources and hosts.
 * Validation, SSRF policy and extraction live in src/core/scan and functions/lib; this file wires them.
 */
import { z } from 'zod';
import { createBudget } from '../../src/core/dns/budget.ts';
import { createDohClient } from '../../src/core/dns/doh-client.ts';
import { resolveHost } from '../../src/core/dns/resolve-host.ts';
import { isFirstParty } from '../../src/core/attribution/registrable.ts';
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
import { scanPage } from '../../src/core/scan/scan-page.ts';
import { dohClientFromEnv, upstreamsFromEnv } from '../lib/doh.ts';
import { extractHtml } from '../lib/extract-html.ts';
import { json } from '../lib/respond.ts';
import { safeFetch } from '../lib/safe-fetch.ts';
import { readScanCache, writeScanCache } from '../lib/scan-cache.ts';

const ScanRequest = z.object({ url: z.string() });

export const onRequestPost: PagesFunction<Env> = async ({ request, env, waitUntil }) => {
  const input = ScanRequest.safeParse(await readJsonBody(request));
  if (!input.success) {
    throw new ApiError(400, 'invalid_request', 'Send {"url": "..."} as JSON.', {
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

/** Reads a JSON body of at most MAX_REQUEST_BODY_BYTES; anything else is a 4xx. */
async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_REQUEST_BODY_BYTES) {
    throw new ApiError(413, 'payload_too_large', `The request body is over ${MAX_REQUEST_BODY_BYTES} bytes.`);
  }
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const result = reader ? await reader.read() : { done: true as const, value: undefined };
    if (result.done) break;
    size += result.value.byteLength;
    if (size > MAX_REQUEST_BODY_BYTES) {
      await reader?.cancel().catch(() => {});
      throw new ApiError(
        413,
        'payload_too_large',
        `The request body is over ${MAX_REQUEST_BODY_BYTES} bytes.`,
      );
    }
    chunks.push(result.value);
  }
  const text = new TextDecoder().decode(await new Blob(chunks).arrayBuffer());
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_request', 'The request body is not JSON.');
  }
}
