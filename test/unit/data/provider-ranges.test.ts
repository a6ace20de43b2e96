import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCidr, formatIp } from '../../../src/core/attribution/ip.ts';
import { isKnownProvider } from '../../../src/core/attribution/providers.ts';
import {
  buildRangeIndex,
  lookupAddress,
  type RangeTable,
} from '../../../src/core/attribution/range-index.ts';

const text = readFileSync(new URL('../../../src/data/provider-ranges.json', import.meta.url), 'utf8');
const table = JSON.parse(text) as RangeTable & {
  provenance: { source: string; licence: string; vendorUrls: string[]; script: string; snapshot: string };
};
const ROLES = new Set(['cdn', 'cloud', 'network']);

/** Shipped-size budget: the bundled copy must stay small enough for a Pages Function bundle. */
const MAX_TABLE_BYTES = 400_000;

describe('src/data/provider-ranges.json', () => {
  it('carries provenance, licence and the vendor refresh URLs', () => {
    expect(table.provenance.source).toContain('cdncheck');
    expect(table.provenance.licence).toMatch(/^MIT/);
    expect(table.provenance.script).toContain('scripts/data/provider-ranges.ts');
    expect(table.provenance.snapshot).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const host of [
      'ip-ranges.amazonaws.com',
      'gstatic.com/ipranges',
      'api.cloudflare.com',
      'api.fastly.com',
      'cloudfront.net/tools',
    ]) {
      expect(table.provenance.vendorUrls.join(' ')).toContain(host);
    }
  });

  it('is compact', () => {
    expect(text.length).toBeLessThan(MAX_TABLE_BYTES);
  });

  it('every entry has a known provider name, a valid role and blocks', () => {
    const names = new Set<string>();
    for (const e of table.entries) {
      expect(isKnownProvider(e.name), e.name).toBe(true);
      expect(ROLES.has(e.role), `${e.name}: ${e.role}`).toBe(true);
      expect(names.has(e.name), `duplicate entry ${e.name}`).toBe(false);
      names.add(e.name);
      expect(e.v4.length + e.v6.length).toBeGreaterThan(0);
    }
  });

  it('every CIDR parses, is in its family list, canonical, and listed once per provider', () => {
    for (const e of table.entries) {
      for (const [family, list] of [
        [4, e.v4],
        [6, e.v6],
      ] as const) {
        const seen = new Set<string>();
        for (const cidr of list) {
          const parsed = parseCidr(cidr);
          expect(parsed, `${e.name}: ${cidr}`).not.toBeNull();
          expect(parsed?.family).toBe(family);
          expect(`${formatIp(parsed?.network ?? 0n, family)}/${parsed?.bits}`).toBe(cidr);
          expect(seen.has(cidr), `${e.name}: duplicate ${cidr}`).toBe(false);
          seen.add(cidr);
        }
      }
    }
  });

  it('has no Akamai ranges (upstream has none; Akamai comes from CNAMEs and ASNs)', () => {
    expect(table.entries.some((e) => e.name.startsWith('Akamai'))).toBe(false);
  });

  it('CloudFront comes before AWS so shared blocks answer CloudFront', () => {
    const names = table.entries.map((e) => e.name);
    expect(names.indexOf('Amazon CloudFront')).toBeLessThan(names.indexOf('Amazon Web Services'));
    const index = buildRangeIndex(table);
    for (const cidr of (
      table.entries.find((e) => e.name === 'Amazon CloudFront') as RangeTable['entries'][number]
    ).v4) {
      const first = cidr.split('/')[0] as string;
      expect(lookupAddress(index, first)?.provider, cidr).toBe('Amazon CloudFront');
    }
  });

  it('known addresses land on the right provider', () => {
    const index = buildRangeIndex(table);
    expect(lookupAddress(index, '151.101.1.1')?.provider).toBe('Fastly');
    expect(lookupAddress(index, '104.16.0.1')?.provider).toBe('Cloudflare');
    expect(lookupAddress(index, '8.8.8.8')?.provider).toBe('Google');
    expect(lookupAddress(index, '34.35.0.1')?.provider).toBe('Google Cloud');
    expect(lookupAddress(index, '192.0.2.1')).toBeNull();
  });
});
