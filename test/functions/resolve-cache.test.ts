import { describe, expect, it } from 'vitest';
import { cacheKeyUrl, createCacheApiDnsCache } from '../../functions/lib/cache-api-dns-cache.ts';
import { createBudget } from '../../src/core/dns/budget.ts';
import { createMemoryCache } from '../../src/core/dns/memory-cache.ts';
import type { DnsCacheEntry } from '../../src/core/dns/types.ts';

const entry = (expiresAt: number, name = 'pypi.org'): DnsCacheEntry => ({
  expiresAt,
  result: {
    name,
    type: 'A',
    rcode: 'NOERROR',
    answers: [{ name, type: 'A', ttl: 60, data: '151.101.0.223' }],
    ttl: 60,
  },
});

describe('Cache API DnsCache (workerd caches.default)', () => {
  it('stores under a synthetic .invalid URL and reads back through a cold memory tier', async () => {
    const now = Date.now();
    const key = `A/cache-${crypto.randomUUID()}.example`;
    await createCacheApiDnsCache(caches.default, { memory: createMemoryCache() }).set(
      key,
      entry(now + 60_000),
    );
    expect(await caches.default.match(cacheKeyUrl(key))).toBeDefined();
    expect(cacheKeyUrl(key)).toMatch(/^https:\/\/dns-cache\.invalid\/v1\/A\//);
    const fresh = createCacheApiDnsCache(caches.default, { memory: createMemoryCache() });
    expect((await fresh.get(key))?.result.answers[0]?.data).toBe('151.101.0.223');
  });

  it('treats an entry past its expiry on the injected clock as a miss', async () => {
    let now = Date.now();
    const key = `A/expiry-${crypto.randomUUID()}.example`;
    await createCacheApiDnsCache(caches.default, { now: () => now, memory: createMemoryCache() }).set(
      key,
      entry(now + 60_000),
    );
    now += 61_000;
    const later = createCacheApiDnsCache(caches.default, {
      now: () => now,
      memory: createMemoryCache({ now: () => now }),
    });
    expect(await later.get(key)).toBeUndefined();
  });

  it('stops calling the Cache API when its per-request allowance is spent (a miss, never an error)', async () => {
    const key = `A/budget-${crypto.randomUUID()}.example`;
    await createCacheApiDnsCache(caches.default, { memory: createMemoryCache() }).set(
      key,
      entry(Date.now() + 60_000),
    );
    const starved = createCacheApiDnsCache(caches.default, {
      budget: createBudget(0),
      memory: createMemoryCache(),
    });
    expect(await starved.get(key)).toBeUndefined();
  });

  it('shows a write to its own reads at once, and holds the Cache API put until writesAfter settles', async () => {
    const key = `A/deferred-${crypto.randomUUID()}.example`;
    let release!: () => void;
    const background: Promise<unknown>[] = [];
    const cache = createCacheApiDnsCache(caches.default, {
      memory: createMemoryCache(),
      writesAfter: new Promise<void>((resolve) => (release = resolve)),
      waitUntil: (promise) => background.push(promise),
    });
    const write = cache.set(key, entry(Date.now() + 60_000));
    expect((await cache.get(key))?.result.answers[0]?.data).toBe('151.101.0.223');
    expect(background).toEqual([write]);
    await new Promise((r) => setTimeout(r, 20));
    expect(await caches.default.match(cacheKeyUrl(key))).toBeUndefined();
    release();
    await write;
    expect(await caches.default.match(cacheKeyUrl(key))).toBeDefined();
  });

  it('ignores corrupt cached values', async () => {
    const key = `A/corrupt-${crypto.randomUUID()}.example`;
    await caches.default.put(
      cacheKeyUrl(key),
      new Response('not json', { headers: { 'cache-control': 'max-age=60' } }),
    );
    expect(
      await createCacheApiDnsCache(caches.default, { memory: createMemoryCache() }).get(key),
    ).toBeUndefined();
  });
});
