/**
 * The DoH client of a Function, configured from the environment: upstreams from DOH_UPSTREAMS
 * (comma-separated, tried in order; empty = Cloudflare then Google), the Cache API as cache, and a fresh
 * subrequest budget per incoming request.
 */
import { createBudget, type Budget } from '../../src/core/dns/budget.ts';
import { createDohClient, DEFAULT_UPSTREAMS, type InFlightQuestions } from '../../src/core/dns/doh-client.ts';
import { DOH_SUBREQUEST_BUDGET } from '../../src/core/dns/limits.ts';
import type { DohClient } from '../../src/core/dns/types.ts';
import type { AsnSource } from '../../src/core/resolve/resolve-hosts.ts';
import { createCacheApiDnsCache } from './cache-api-dns-cache.ts';

/**
 * Questions in flight in this isolate, across its concurrent requests: identical questions go upstream
 * once (after an outage everyone maps the same popular third parties at the same moment). Found by
 * `npm run bench:load`: with a per-request map, 200 concurrent flows sent ~16,000 queries for ~430
 * distinct questions and half the hosts timed out.
 */
const isolateInFlight: InFlightQuestions = new Map();

/** DOH_UPSTREAMS → URLs; anything that is not an http(s) URL is ignored rather than fetched. */
export function upstreamsFromEnv(value: string | undefined): string[] {
  const urls = (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => {
      try {
        return ['http:', 'https:'].includes(new URL(part).protocol);
      } catch {
        return false;
      }
    });
  return urls.length > 0 ? urls : DEFAULT_UPSTREAMS;
}

/** ASN_SOURCE → "cymru" (default) or "off"; an unknown value means off, so a typo never calls a third party. */
export function asnSourceFromEnv(value: string | undefined): AsnSource {
  const normalised = (value ?? '').trim().toLowerCase();
  if (normalised === '' || normalised === 'cymru') return 'cymru';
  return 'off';
}

export function dohClientFromEnv(
  env: Env,
  options: {
    budget?: Budget;
    signal?: AbortSignal;
    /** The invocation's `context.waitUntil`, so cache writes finish after the response. */
    waitUntil?: (promise: Promise<unknown>) => void;
    /** Cache API writes wait for this (the response being ready); see createCacheApiDnsCache. */
    writesAfter?: Promise<unknown>;
  } = {},
): DohClient {
  return createDohClient({
    upstreams: upstreamsFromEnv(env.DOH_UPSTREAMS),
    fetch: (input, init) => fetch(input, init),
    cache:
      typeof caches === 'undefined'
        ? undefined
        : createCacheApiDnsCache(caches.default, {
            waitUntil: options.waitUntil,
            writesAfter: options.writesAfter,
          }),
    budget: options.budget ?? createBudget(DOH_SUBREQUEST_BUDGET),
    signal: options.signal,
    inFlight: isolateInFlight,
  });
}
