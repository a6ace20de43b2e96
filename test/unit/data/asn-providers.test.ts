import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isKnownProvider } from '../../../src/core/attribution/providers.ts';

const table = JSON.parse(
  readFileSync(new URL('../../../src/data/asn-providers.json', import.meta.url), 'utf8'),
) as {
  provenance: { source: string; licence: string; date: string };
  asns: Array<{ asn: number; provider: string; role: string }>;
};

/** The facts from ../shared/reference/README.md, by company. */
const REFERENCE: Record<string, number[]> = {
  Amazon: [16509, 14618],
  Google: [15169, 396982],
  Microsoft: [8075, 8068, 8069, 8070, 8071, 8072, 8073, 8074, 12076],
  Cloudflare: [13335, 209242],
  Fastly: [54113],
  Akamai: [20940, 16625, 12222, 32787, 63949],
  Oracle: [31898],
  DigitalOcean: [14061],
  Meta: [32934],
  Hetzner: [24940],
  OVH: [16276],
};

describe('src/data/asn-providers.json', () => {
  it('has a provenance header', () => {
    expect(table.provenance.source).toMatch(/peeringdb/i);
    expect(table.provenance.licence).toBeTruthy();
    expect(table.provenance.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('lists every reference ASN exactly once, under the right company', () => {
    const byAsn = new Map(table.asns.map((a) => [a.asn, a]));
    expect(byAsn.size).toBe(table.asns.length);
    const expected = Object.values(REFERENCE).flat();
    expect([...byAsn.keys()].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    for (const [company, asns] of Object.entries(REFERENCE)) {
      for (const asn of asns) {
        const name = byAsn.get(asn)?.provider ?? '';
        expect(
          name.startsWith(company) || (company === 'Amazon' && name === 'Amazon Web Services'),
          `AS${asn}: ${name}`,
        ).toBe(true);
      }
    }
  });

  it('roles are cloud, cdn or network; providers are known; ASNs are valid 32-bit numbers', () => {
    for (const a of table.asns) {
      expect(['cloud', 'cdn', 'network']).toContain(a.role);
      expect(isKnownProvider(a.provider), a.provider).toBe(true);
      expect(Number.isInteger(a.asn) && a.asn > 0 && a.asn < 2 ** 32).toBe(true);
    }
  });
});
