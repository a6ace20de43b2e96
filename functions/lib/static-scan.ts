/**
 * The static scan (the served HTML and first-party CSS, no script runs) with its Workers wiring: one
 * deadline and one DoH budget for the whole scan, DNS answers shared with /api/resolve through the Cache
 * API, the page's own hops re-resolved uncached right before each request (safe-fetch.ts).
 */
import { createBudget } from '../../src/core/dns/budget.ts';
import { createDohClient } from '../../src/core/dns/doh-client.ts';
import { resolveHost } from '../../src/core/dns/resolve-host.ts';
import { entityOf } from '../../src/core/attribution/entity.ts';
import { isFirstParty } from '../../src/core/attribution/first-party.ts';
import type { HostResolver, TargetPolicy } from '../../src/core/scan/check-target.ts';
import {
  MAX_DNS_QUERIES,
  MAX_REDIRECTS,
  PAGE_TIME_LIMIT_MS,
  STYLESHEET_TIME_LIMIT_MS,
} from '../../src/core/scan/limits.ts';
import { scanPage } from '../../src/core/scan/scan-page.ts';
import type { ScanResponse, ScanStats } from '../../src/core/scan/types.ts';
import { dohClientFromEnv, upstreamsFromEnv } from './doh.ts';
import { extractHtml } from './extract-html.ts';
import { safeFetch } from './safe-fetch.ts';

/** The target policy of one static scan and its uncached second resolver. */
export interface StaticScanPolicy {
  policy: TargetPolicy;
  recheck: HostResolver;
}

export function staticScanPolicy(env: Env, allowedOrigins: ReadonlySet<string>): StaticScanPolicy {
  const signal = AbortSignal.timeout(PAGE_TIME_LIMIT_MS + STYLESHEET_TIME_LIMIT_MS);
  const budget = createBudget(MAX_DNS_QUERIES);
  const client = dohClientFromEnv(env, { budget, signal });
  const fresh = createDohClient({
    upstreams: upstreamsFromEnv(env.DOH_UPSTREAMS),
    fetch: (i, init) => fetch(i, init),
    budget,
    signal,
  });
  return {
    policy: { allowedOrigins, resolve: (host) => resolveHost(client, host) },
    recheck: (host) => resolveHost(fresh, host),
  };
}

/** Scans `url` statically; throws ScanRefusal as scanPage does. */
export async function staticScan(
  url: URL,
  { policy, recheck }: StaticScanPolicy,
): Promise<ScanResponse & { stats: ScanStats }> {
  let pageRequests = 0;
  return scanPage(url, {
    fetch: (target, options) =>
      safeFetch(target, {
        ...options,
        policy,
        // Only the page's own hops are re-resolved uncached; stylesheets reuse the checked answers.
        recheck: pageRequests++ === 0 ? recheck : undefined,
        fetch: (i, init) => fetch(i, init),
        maxRedirects: MAX_REDIRECTS,
      }),
    extract: extractHtml,
    ...hostFacts,
    now: Date.now,
  });
}

/**
 * What the risk rules ask of a host (src/core/risk/scan-risks.ts): whether it is the page's own, and its
 * third-party-web category ("tag-manager"…) for the wording of no_sri. The rendered scan uses the same.
 */
export const hostFacts = {
  isFirstParty,
  categoryOf: (host: string): string | null => entityOf(host)?.category ?? null,
};
