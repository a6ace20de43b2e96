import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import bundled from '../../src/data/provider-ranges.json' with { type: 'json' };
import { lookupAddress, type RangeTable } from '../../src/core/attribution/range-index.ts';
import { attributeHost } from '../../src/core/attribution/attribute-host.ts';
import {
  RANGE_TABLE_KV_KEY,
  loadRangeIndex,
  loadRangeIndexWithOrigin,
  resetRangeIndexMemo,
} from '../../functions/lib/range-index-source.ts';

/** A KV table that differs from the bundled one, so a lookup shows which copy answered. */
const kvTable: RangeTable = {
  entries: [{ name: 'Cloudflare', role: 'cdn', v4: ['192.0.2.0/24'], v6: [] }],
};

/** Samples for the printed load figures: odd, so the median is one of them. */
const LOAD_SAMPLES = 9;

afterEach(async () => {
  resetRangeIndexMemo();
  await env.KV.delete(RANGE_TABLE_KV_KEY);
});

describe('loadRangeIndex', () => {
  it('falls back to the bundled table when KV has no value', async () => {
    const { index, origin } = await loadRangeIndexWithOrigin(env.KV);
    expect(origin).toBe('bundled');
    expect(lookupAddress(index, '151.101.1.1')?.provider).toBe('Fastly');
  });

  it('feeds attributeHost inside workerd (third-party-web, tldts and the JSON tables all load here)', async () => {
    const ranges = await loadRangeIndex(env.KV);
    const result = attributeHost(
      { host: 'fonts.gstatic.com', cnames: [], addresses: ['142.250.74.3'], nameServers: [], asn: null },
      'https://www.example.com/',
      ranges,
    );
    expect(result.entity).toMatchObject({ name: 'Google Fonts', company: 'Google', unrecognised: false });
    expect(result.providers).toEqual([
      {
        name: 'Google',
        operator: 'Google',
        role: 'cdn',
        signal: 'ip-range',
        evidence: '142.250.74.3 in 142.250.0.0/15',
        corroboration: [{ signal: 'hostname', evidence: 'gstatic.com' }],
      },
    ]);
  });

  it('uses the bundled table without a KV binding', async () => {
    expect((await loadRangeIndexWithOrigin(undefined)).origin).toBe('bundled');
  });

  it('prefers the KV value when present', async () => {
    await env.KV.put(RANGE_TABLE_KV_KEY, JSON.stringify(kvTable));
    const { index, origin } = await loadRangeIndexWithOrigin(env.KV);
    expect(origin).toBe('kv');
    expect(lookupAddress(index, '192.0.2.7')?.provider).toBe('Cloudflare');
    expect(lookupAddress(index, '151.101.1.1')).toBeNull();
  });

  it.each([
    ['not json', '{"entries": ['],
    ['wrong shape', '{"rows": []}'],
    ['empty table', '{"entries": []}'],
    ['entries without lists', '{"entries": [{"name": "x"}]}'],
  ])('ignores a malformed KV value (%s)', async (_label, value) => {
    await env.KV.put(RANGE_TABLE_KV_KEY, value);
    expect((await loadRangeIndexWithOrigin(env.KV)).origin).toBe('bundled');
  });

  it('is memoised per isolate: one build, later calls share it', async () => {
    const first = loadRangeIndex(env.KV);
    await env.KV.put(RANGE_TABLE_KV_KEY, JSON.stringify(kvTable));
    const second = loadRangeIndex(env.KV);
    expect(await second).toBe(await first);
  });

  it('a KV read that throws falls back to bundled', async () => {
    const broken = { get: () => Promise.reject(new Error('KV down')) } as unknown as KVNamespace;
    expect((await loadRangeIndexWithOrigin(broken)).origin).toBe('bundled');
  });

  // Figures for docs/attribution.md (scripts/bench/range-load.ts runs this and prints the line).
  // Timer resolution in workerd is coarse (about 1 ms), so take several samples and the median.
  it('prints load figures (KV get vs bundled)', async () => {
    await env.KV.put(RANGE_TABLE_KV_KEY, JSON.stringify(bundled));
    const rounds = LOAD_SAMPLES;
    const kvMs: number[] = [];
    const getMs: number[] = [];
    const bundledMs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      resetRangeIndexMemo();
      let t = performance.now();
      const viaKv = await loadRangeIndexWithOrigin(env.KV);
      kvMs.push(performance.now() - t);
      expect(viaKv.origin).toBe('kv');
      t = performance.now();
      await env.KV.get(RANGE_TABLE_KV_KEY, 'text');
      getMs.push(performance.now() - t);
      resetRangeIndexMemo();
      t = performance.now();
      const viaBundle = await loadRangeIndexWithOrigin(undefined);
      bundledMs.push(performance.now() - t);
      expect(viaBundle.index.size).toBe(viaKv.index.size);
    }
    const median = (xs: number[]): string =>
      ([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number).toFixed(1);
    console.log(
      `[range-load workerd] n=${rounds} median ms: bundled build ${median(bundledMs)}; KV get+parse+build ${median(kvMs)}; KV get alone ${median(getMs)}`,
    );
  });
});
