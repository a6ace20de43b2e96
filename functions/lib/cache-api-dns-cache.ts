/**
 * DnsCache on the Workers Cache API (caches.default), keyed by synthetic GET URLs. Entries carry the
 * answer's TTL as `cache-control: max-age` (the Cache API honours it) and their own expiry, checked
 * against the client's clock. A small per-isolate memory tier in front answers repeats for free.
 *
 * Cache API calls are budgeted too (Cloudflare lists a per-request limit for them on the free plan);
 * when the allowance is spent the cache simply misses and skips writes, it never fails a query.
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

export function createCacheApiDnsCache(
  cache: Cache,
  options: { now?: () => number; budget?: Budget; memory?: DnsCache } = {},
): DnsCache {
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
    async set(key, entry) {
      await memory.set(key, entry);
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
    },
  };
}
