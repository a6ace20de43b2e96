/**
 * DnsCache on the Workers Cache API (caches.default), keyed by synthetic GET URLs. Entries carry the
 * answer's TTL as `cache-control: max-age` (the Cache API honours it) and their own expiry, checked
 * against the client's clock. A small per-isolate memory tier in front answers repeats for free.
 *
 * Cache API calls are budgeted too (Cloudflare lists a per-request limit for them on the free plan);
 * when the allowance is spent the cache simply misses and skips writes, it never fails a query.
 *
 * Writes land in the memory tier at once and go to the Cache API in the background: the DoH client
 * does not wait for them (a `put` took 21-37 ms in `wrangler pages dev`, and would sit on the path of
 * every dependent question), so `waitUntil` keeps the invocation alive until the put is done.
 */
import { createBudget, type Budget } from '../../src/core/dns/budget.ts';
import { createMemoryCache } from '../../src/core/dns/memory-cache.ts';
import type { DnsCache, DnsCacheEntry } from '../../src/core/dns/types.ts';

/** Synthetic origin of cache keys; `.invalid` (RFC 2606) can never collide with a real site. */
export const DNS_CACHE_KEY_ORIGIN = 'https://dns-cache.invalid/v1/';

/** Cache API calls (match + put) one /api/resolve call may make: the free plan's per-request figure. */
export const CACHE_API_OPS_PER_REQUEST = 50;

/** Shared by every request the isolate serves. */
const isolateTier = createMemoryCache();

export function cacheKeyUrl(key: string): string {
  return DNS_CACHE_KEY_ORIGIN + key.split('/').map(encodeURIComponent).join('/');
}

export interface CacheApiDnsCacheOptions {
  now?: () => number;
  budget?: Budget;
  memory?: DnsCache;
  /** The invocation's `context.waitUntil`: background Cache API writes outlive the response. */
  waitUntil?: (promise: Promise<unknown>) => void;
  /**
   * Cache API writes start once this settles (e.g. when the answer is ready), so they never compete
   * with the request's own lookups; the memory tier is written at once regardless.
   */
  writesAfter?: Promise<unknown>;
}

export function createCacheApiDnsCache(cache: Cache, options: CacheApiDnsCacheOptions = {}): DnsCache {
  const now = options.now ?? Date.now;
  const budget = options.budget ?? createBudget(CACHE_API_OPS_PER_REQUEST);
  const memory = options.memory ?? isolateTier;
  return {
    async get(key) {
      const fast = await memory.get(key);
      if (fast) return fast;
      if (!budget.take()) return undefined;
      try {
        const response = await cache.match(cacheKeyUrl(key));
        if (!response) return undefined;
        const entry = (await response.json()) as DnsCacheEntry;
        if (!entry?.result || typeof entry.expiresAt !== 'number' || entry.expiresAt <= now())
          return undefined;
        await memory.set(key, entry);
        return entry;
      } catch {
        return undefined;
      }
    },
    set(key, entry) {
      // The memory tier's write runs synchronously inside this call, so the next get sees it at once.
      const write = (async () => {
        await memory.set(key, entry);
        await options.writesAfter?.catch(() => undefined);
        const seconds = Math.floor((entry.expiresAt - now()) / 1000);
        if (seconds <= 0 || !budget.take()) return;
        try {
          await cache.put(
            cacheKeyUrl(key),
            new Response(JSON.stringify(entry), {
              headers: { 'content-type': 'application/json', 'cache-control': `max-age=${seconds}` },
            }),
          );
        } catch {
          // A full or unavailable cache is a miss next time, nothing more.
        }
      })();
      options.waitUntil?.(write);
      return write;
    },
  };
}
