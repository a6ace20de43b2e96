import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { claimableServiceOf } from '../../../src/core/risk/dangling-cname.ts';

const table = JSON.parse(
  readFileSync(new URL('../../../src/data/claimable-services.json', import.meta.url), 'utf8'),
) as {
  provenance: {
    source: string;
    licence: string;
    date: string;
    notDetected: Array<{ service: string; suffixes: string[]; why: string; source: string }>;
  };
  services: Array<{ suffix: string; labels: number[]; service: string; vendor: string; source: string }>;
};

/** Each vendor's own documentation site: an entry must cite the vendor, not a third party. */
const VENDOR_DOCS: Record<string, RegExp> = {
  Microsoft: /^https:\/\/learn\.microsoft\.com\/en-us\/azure\//,
  Amazon: /^https:\/\/docs\.aws\.amazon\.com\//,
  Google: /^https:\/\/cloud\.google\.com\//,
};

describe('src/data/claimable-services.json', () => {
  it('has a provenance header', () => {
    expect(table.provenance.source).toMatch(/dangling DNS/);
    expect(table.provenance.licence).toBeTruthy();
    expect(table.provenance.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('every service cites its own vendor’s documentation', () => {
    for (const s of table.services) {
      const docs = VENDOR_DOCS[s.vendor];
      expect(docs, s.vendor).toBeDefined();
      expect(docs!.test(s.source), `${s.suffix}: ${s.source}`).toBe(true);
    }
  });

  it('suffixes are lower-case DNS names, sorted, distinct, none inside another; depths are 1 or 2', () => {
    const suffixes = table.services.map((s) => s.suffix);
    expect(suffixes).toEqual([...suffixes].sort());
    expect(new Set(suffixes).size).toBe(suffixes.length);
    for (const s of table.services) {
      expect(s.suffix).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(s.labels.length).toBeGreaterThan(0);
      for (const n of s.labels) expect([1, 2]).toContain(n);
      for (const other of suffixes)
        if (other !== s.suffix) expect(s.suffix.endsWith(`.${other}`)).toBe(false);
      // The rule finds each entry by a name of its own depth.
      const name = [...Array.from({ length: s.labels[0]! }, (_, i) => `n${i}`), s.suffix].join('.');
      expect(claimableServiceOf(name)?.suffix).toBe(s.suffix);
    }
  });

  it('services documented as not detectable by NXDOMAIN are never matched, and say why', () => {
    for (const n of table.provenance.notDetected) {
      expect(n.why.length).toBeGreaterThan(20);
      expect(n.source).toMatch(/^https:\/\//);
      for (const suffix of n.suffixes) {
        expect(table.services.some((s) => s.suffix === suffix)).toBe(false);
        expect(claimableServiceOf(`name.${suffix}`), suffix).toBeNull();
      }
    }
  });
});
