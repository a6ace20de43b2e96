import { describe, expect, it } from 'vitest';
import {
  buildRangeIndex,
  lookupAddress,
  type RangeTable,
} from '../../../src/core/attribution/range-index.ts';

/** A small table shaped like the shipped one: CloudFront inside a broader AWS block. */
const table: RangeTable = {
  entries: [
    {
      name: 'Amazon CloudFront',
      role: 'cdn',
      service: 'CloudFront',
      v4: ['13.32.0.0/15', '52.84.0.0/15'],
      v6: ['2600:9000::/28'],
    },
    {
      name: 'Amazon Web Services',
      role: 'cloud',
      v4: ['13.32.0.0/11', '52.84.0.0/15', '3.5.140.0/22'],
      v6: ['2600:9000::/24'],
    },
    { name: 'Cloudflare', role: 'cdn', v4: ['104.16.0.0/13', '104.24.0.0/14'], v6: ['2606:4700::/32'] },
    {
      name: 'Tiny',
      role: 'network',
      v4: ['13.32.5.7/32', 'not-a-cidr', '1.2.3.4/40'],
      v6: ['2600:9000:1::/48', '5.6.7.0/24'],
    },
  ],
};
const index = buildRangeIndex(table);

describe('lookupAddress', () => {
  it.each([
    // longest prefix wins: CloudFront's /15 inside AWS's /11
    ['13.32.0.1', 'Amazon CloudFront', '13.32.0.0/15'],
    ['13.33.255.255', 'Amazon CloudFront', '13.32.0.0/15'],
    ['13.34.0.0', 'Amazon Web Services', '13.32.0.0/11'],
    ['13.31.255.255', null, null],
    ['13.63.255.255', 'Amazon Web Services', '13.32.0.0/11'],
    ['13.64.0.0', null, null],
    // a /32 inside the /15 inside the /11, and the addresses either side of it
    ['13.32.5.7', 'Tiny', '13.32.5.7/32'],
    ['13.32.5.6', 'Amazon CloudFront', '13.32.0.0/15'],
    ['13.32.5.8', 'Amazon CloudFront', '13.32.0.0/15'],
    // the same block published by two providers: the first in table order wins
    ['52.84.1.1', 'Amazon CloudFront', '52.84.0.0/15'],
    ['3.5.143.255', 'Amazon Web Services', '3.5.140.0/22'],
    ['3.5.144.0', null, null],
    // adjacent blocks of one provider
    ['104.23.255.255', 'Cloudflare', '104.16.0.0/13'],
    ['104.24.0.0', 'Cloudflare', '104.24.0.0/14'],
    // IPv6, nested three deep
    ['2600:9000:1::1', 'Tiny', '2600:9000:1::/48'],
    ['2600:9000:2::1', 'Amazon CloudFront', '2600:9000::/28'],
    ['2600:9010::1', 'Amazon Web Services', '2600:9000::/24'],
    ['2606:4700:ffff:ffff:ffff:ffff:ffff:ffff', 'Cloudflare', '2606:4700::/32'],
    ['2606:4701::', null, null],
    // IPv4-mapped IPv6 finds the IPv4 block
    ['::ffff:104.16.0.1', 'Cloudflare', '104.16.0.0/13'],
  ])('%s → %s', (ip, provider, prefix) => {
    const m = lookupAddress(index, ip);
    expect(m?.provider ?? null).toBe(provider);
    expect(m?.prefix ?? null).toBe(prefix);
  });

  it('gives role and service', () => {
    expect(lookupAddress(index, '13.32.0.1')).toEqual({
      provider: 'Amazon CloudFront',
      role: 'cdn',
      service: 'CloudFront',
      prefix: '13.32.0.0/15',
    });
    expect(lookupAddress(index, '13.34.0.1')).toEqual({
      provider: 'Amazon Web Services',
      role: 'cloud',
      prefix: '13.32.0.0/11',
    });
  });

  it.each(['', 'junk', '1.2.3', '1.2.3.4/32', '::g', 'example.com', '999.1.1.1'])(
    'invalid input %j → null',
    (ip) => {
      expect(lookupAddress(index, ip)).toBeNull();
    },
  );

  it('skips unparsable and wrong-family blocks instead of failing', () => {
    expect(index.size).toBe(12);
    expect(lookupAddress(index, '5.6.7.8')).toBeNull();
  });

  it('an empty table finds nothing', () => {
    const empty = buildRangeIndex({ entries: [] });
    expect(lookupAddress(empty, '1.1.1.1')).toBeNull();
    expect(lookupAddress(empty, '::1')).toBeNull();
  });

  it('covers the whole address space with 0.0.0.0/0 and ::/0', () => {
    const all = buildRangeIndex({
      entries: [{ name: 'All', role: 'network', v4: ['0.0.0.0/0'], v6: ['::/0'] }],
    });
    for (const ip of ['0.0.0.0', '255.255.255.255', '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff']) {
      expect(lookupAddress(all, ip)?.provider).toBe('All');
    }
  });

  it('agrees with a brute-force longest-prefix scan on random addresses', () => {
    const cidrs = table.entries.flatMap((e, i) => e.v4.map((c) => ({ c, i })));
    const toNum = (ip: string): number => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 2000; k++) {
      const ip = `13.${32 + Math.floor(rand() * 34)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}`;
      let best: { bits: number; name: string } | null = null;
      for (const { c, i } of cidrs) {
        const [net, bitsText] = c.split('/') as [string, string];
        const bits = Number(bitsText);
        if (!/^\d+\.\d+\.\d+\.\d+$/.test(net) || bits > 32) continue;
        const size = 2 ** (32 - bits);
        if (Math.floor(toNum(ip) / size) === Math.floor(toNum(net) / size) && (!best || bits > best.bits)) {
          best = { bits, name: (table.entries[i] as RangeTable['entries'][number]).name };
        }
      }
      expect(lookupAddress(index, ip)?.provider ?? null).toBe(best?.name ?? null);
    }
  });
});
