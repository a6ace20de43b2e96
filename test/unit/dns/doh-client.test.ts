import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBudget } from '../../../src/core/dns/budget.ts';
import {
  createDohClient,
  DEFAULT_UPSTREAMS,
  type DohClientOptions,
} from '../../../src/core/dns/doh-client.ts';
import { createMemoryCache } from '../../../src/core/dns/memory-cache.ts';
import type { DnsCache, DnsCacheEntry } from '../../../src/core/dns/types.ts';
import { startDohServer, type DohServer } from '../../support/doh-server.ts';
import { freePort } from '../../support/pages-dev.ts';

let server: DohServer;
beforeAll(async () => {
  server = await startDohServer();
});
afterAll(() => server.stop());
afterEach(() => control({ reset: true }));

async function control(body?: object): Promise<{ total: number; counts: Record<string, number> }> {
  const response = await fetch(server.controlUrl, body ? { method: 'POST', body: JSON.stringify(body) } : {});
  return response.json() as Promise<{ total: number; counts: Record<string, number> }>;
}

const client = (options: Partial<DohClientOptions> = {}) =>
  createDohClient({ upstreams: [server.url], fetch, timeoutMs: 1_000, ...options });

describe('createDohClient against the local RFC 8484 server', () => {
  it.each(['GET', 'POST'] as const)('resolves a CloudFront chain with %s in one query', async (method) => {
    const c = client({ method });
    const result = await c.query('assets.fixture-shop.com', 'A');
    expect(result.error).toBeUndefined();
    expect(result.answers.filter((a) => a.type === 'CNAME').map((a) => a.data)).toEqual([
      'd111111abcdef8.cloudfront.net',
    ]);
    expect(result.answers.filter((a) => a.type === 'A')).toHaveLength(4);
    expect(c.stats().queries).toBe(1);
  });

  it('de-duplicates identical questions in flight: 20 callers, 1 upstream query', async () => {
    await control({ latencyMs: 30, match: 'googletagmanager.com' });
    const c = client();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => c.query('WWW.googletagmanager.com.', 'A')),
    );
    expect(new Set(results.map((r) => r.answers.at(-1)?.data))).toEqual(new Set(['142.250.185.72']));
    expect((await control()).counts['A www.googletagmanager.com']).toBe(1);
    expect(c.stats()).toMatchObject({ queries: 1, deduplicated: 19 });
  });

  it("shares questions in flight across clients given one map (an isolate's concurrent requests)", async () => {
    await control({ latencyMs: 30, match: 'googletagmanager.com' });
    const inFlight = new Map();
    const [a, b] = [client({ inFlight }), client({ inFlight })];
    const results = await Promise.all([
      a.query('www.googletagmanager.com', 'A'),
      b.query('www.googletagmanager.com', 'A'),
    ]);
    expect(results[0]).toEqual(results[1]);
    expect((await control()).counts['A www.googletagmanager.com']).toBe(1);
    expect(b.stats()).toMatchObject({ queries: 0, deduplicated: 1 });
    expect(inFlight.size).toBe(0);
  });

  it("asks again itself when the shared question failed for the asker's own reasons (budget, deadline)", async () => {
    await control({ latencyMs: 30, match: 'googletagmanager.com' });
    const inFlight = new Map();
    const broke = client({ inFlight, budget: createBudget(0) });
    const deadline = new AbortController();
    const late = client({ inFlight, signal: deadline.signal });
    const healthy = client({ inFlight });
    const first = late.query('www.googletagmanager.com', 'A');
    const joined = healthy.query('www.googletagmanager.com', 'A');
    deadline.abort();
    expect((await first).error?.code).toBe('timeout');
    expect((await joined).error).toBeUndefined();
    const spent = broke.query('fonts.gstatic.com', 'A');
    const joinedSpent = healthy.query('fonts.gstatic.com', 'A');
    expect((await spent).error?.code).toBe('budget_exhausted');
    expect((await joinedSpent).error).toBeUndefined();
  });

  it('keeps different questions apart (type and name are the key)', async () => {
    const c = client();
    await Promise.all([
      c.query('pypi.org', 'A'),
      c.query('pypi.org', 'AAAA'),
      c.query('code.jquery.com', 'A'),
    ]);
    expect((await control()).total).toBe(3);
  });

  it('never runs more than maxConcurrency requests at once', async () => {
    let running = 0;
    let peak = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      running++;
      peak = Math.max(peak, running);
      try {
        return await fetch(input, init);
      } finally {
        running--;
      }
    };
    await control({ latencyMs: 15 });
    const hosts = [
      'pypi.org',
      'code.jquery.com',
      'unpkg.com',
      'www.gstatic.com',
      'i.ytimg.com',
      'cdnjs.cloudflare.com',
    ];
    const c = client({ fetch: countingFetch, maxConcurrency: 3 });
    await Promise.all(hosts.flatMap((h) => [c.query(h, 'A'), c.query(h, 'AAAA')]));
    expect(peak).toBe(3);
    expect(c.stats().queries).toBe(12);
  });

  it("caches by the answers' TTL on the injected clock", async () => {
    let now = 1_000_000;
    const cache = createMemoryCache({ now: () => now });
    const c = client({ cache, now: () => now });
    await c.query('fonts.googleapis.com', 'A'); // A records have TTL 60 in the fixture
    now += 59_000;
    expect((await c.query('fonts.googleapis.com', 'A')).cached).toBe(true);
    now += 2_000;
    expect((await c.query('fonts.googleapis.com', 'A')).cached).toBeUndefined();
    expect(c.stats()).toMatchObject({ queries: 2, cacheHits: 1 });
    expect((await control()).counts['A fonts.googleapis.com']).toBe(2);
  });

  it('never waits for a cache write: a write that never settles still answers, and is read back at once', async () => {
    const entries = new Map<string, DnsCacheEntry>();
    const writes: string[] = [];
    const slowRemote: DnsCache = {
      get: async (key) => entries.get(key),
      // Visible to get at once (as the contract asks), but the "remote" part never finishes.
      set: (key, entry) => {
        entries.set(key, entry);
        writes.push(key);
        return new Promise<void>(() => undefined);
      },
    };
    const c = client({ cache: slowRemote });
    const origin = await c.query('pypi.org', 'A');
    expect(origin.error).toBeUndefined();
    expect(writes).toEqual(['A/pypi.org']);
    expect((await c.query('pypi.org', 'A')).cached).toBe(true);
    expect(c.stats()).toMatchObject({ queries: 1, cacheHits: 1 });
  });

  it.each([
    ['rejects', (): Promise<void> => Promise.reject(new Error('cache full'))],
    [
      'throws',
      (): Promise<void> => {
        throw new Error('cache broken');
      },
    ],
  ])('answers when a cache write %s (a failed write is a miss next time)', async (_, set) => {
    const c = client({ cache: { get: async () => undefined, set } });
    expect((await c.query('pypi.org', 'A')).error).toBeUndefined();
    expect((await c.query('pypi.org', 'A')).cached).toBeUndefined();
    expect(c.stats().queries).toBe(2);
  });

  it('caches NXDOMAIN for the SOA minimum (RFC 2308), not SERVFAIL', async () => {
    let now = 0;
    const cache = createMemoryCache({ now: () => now });
    const c = client({ cache, now: () => now });
    expect((await c.query('does-not-exist.fixture.test', 'A')).error?.code).toBe('nxdomain');
    now += 59_000;
    expect((await c.query('does-not-exist.fixture.test', 'A')).cached).toBe(true);
    now += 2_000;
    await c.query('does-not-exist.fixture.test', 'A');
    await c.query('servfail.fault.test', 'A');
    await c.query('servfail.fault.test', 'A');
    const counts = (await control()).counts;
    expect(counts['A does-not-exist.fixture.test']).toBe(2);
    expect(counts['A servfail.fault.test']).toBe(4); // 2 questions × (try + retry)
  });

  it('falls back to the second upstream when the first is down, and counts both attempts', async () => {
    const dead = `http://127.0.0.1:${await freePort()}/dns-query`;
    const c = client({ upstreams: [dead, server.url] });
    const result = await c.query('www.apple.com', 'A');
    expect(result.error).toBeUndefined();
    expect(result.answers.at(-1)?.data).toBe('23.42.76.17');
    expect(c.stats().queries).toBe(2);
  });

  it.each([
    ['http5xxRate', 'upstream_error'],
    ['timeoutRate', 'timeout'],
    ['malformedRate', 'malformed'],
    ['truncatedRate', 'truncated'],
    ['servfailRate', 'servfail'],
  ])('reports %s faults as %s after one retry', async (rate, code) => {
    await control({ [rate]: 1, match: 'unpkg.com' });
    const c = client({ timeoutMs: 200 });
    const result = await c.query('unpkg.com', 'A');
    expect(result.error?.code).toBe(code);
    expect(c.stats().queries).toBe(2);
  });

  it('does not retry an answer (NXDOMAIN is a fact, not a fault)', async () => {
    const c = client();
    expect((await c.query('nothing.fault.test', 'A')).error?.code).toBe('nxdomain');
    expect(c.stats().queries).toBe(1);
  });

  it('stops at the budget with budget_exhausted instead of fetching', async () => {
    const c = client({ budget: createBudget(2) });
    const [a, b, d] = [
      await c.query('pypi.org', 'A'),
      await c.query('pypi.org', 'AAAA'),
      await c.query('unpkg.com', 'A'),
    ];
    expect([a.error, b.error]).toEqual([undefined, undefined]);
    expect(d.error?.code).toBe('budget_exhausted');
    expect((await control()).total).toBe(2);
  });

  it('aborts pending queries when the caller signal fires', async () => {
    // The upstream holds its answer far longer than the abort takes: ending before LATENCY_MS can only be
    // the abort's doing, however slow this machine is at the moment.
    const LATENCY_MS = 10_000;
    await control({ latencyMs: LATENCY_MS, match: 'pypi.org' });
    const controller = new AbortController();
    const c = client({ signal: controller.signal, timeoutMs: 2 * LATENCY_MS });
    const pending = c.query('pypi.org', 'A');
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    expect((await pending).error?.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(LATENCY_MS);
    expect(c.stats().queries).toBe(1);
  });

  it('defaults to Cloudflare then Google', () => {
    expect(DEFAULT_UPSTREAMS).toEqual([
      'https://cloudflare-dns.com/dns-query',
      'https://dns.google/dns-query',
    ]);
  });
});
