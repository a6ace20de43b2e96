import { readFileSync } from 'node:fs';
import { getDomain } from 'tldts';
import { describe, expect, it } from 'vitest';

const text = readFileSync(new URL('../../../src/data/compromised-domains.json', import.meta.url), 'utf8');
const table = JSON.parse(text) as {
  provenance: { source: string; licence: string; date: string; howToAdd: string };
  domains: Array<{ domain: string; reported: string; kind: string; summary: string; source: string }>;
};

/**
 * Publishers whose word an entry may rest on: security researchers and rule sets that published the
 * reports. A new publisher is a deliberate change to this list, reviewed with the entry.
 */
const PUBLISHERS: Record<string, RegExp> = {
  'Sansec research': /^https:\/\/sansec\.io\/research\//,
  "GitHub CodeQL's domain models": /^https:\/\/github\.com\/github\/codeql\/blob\/main\/javascript\//,
  'The Cloudflare blog': /^https:\/\/blog\.cloudflare\.com\//,
};

describe('src/data/compromised-domains.json', () => {
  it('has a provenance header that says how to add an entry', () => {
    expect(table.provenance.source).toBeTruthy();
    expect(table.provenance.licence).toBeTruthy();
    expect(table.provenance.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(table.provenance.howToAdd).toMatch(/docs\/risks\.md/);
  });

  it('lists registrable domains, each once, in order, none under another', () => {
    const domains = table.domains.map((d) => d.domain);
    expect(domains.length).toBeGreaterThan(0);
    expect(domains).toEqual([...domains].sort());
    expect(new Set(domains).size).toBe(domains.length);
    for (const domain of domains) {
      expect(getDomain(domain), domain).toBe(domain);
      for (const other of domains) if (other !== domain) expect(domain.endsWith(`.${other}`)).toBe(false);
    }
  });

  it('every entry has a kind, a dated report and a source from a known publisher', () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const entry of table.domains) {
      expect(['sold', 'same-operator', 'payload'], entry.domain).toContain(entry.kind);
      expect(entry.reported, entry.domain).toMatch(/^20\d{2}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/);
      expect(entry.reported <= today, entry.domain).toBe(true);
      expect(
        Object.values(PUBLISHERS).some((p) => p.test(entry.source)),
        `${entry.domain}: ${entry.source}`,
      ).toBe(true);
      // The summary is spliced into a sentence: lower-case start, no final full stop, short.
      expect(entry.summary, entry.domain).toMatch(/^[a-z].*[^.]$/);
      expect(entry.summary.length, entry.domain).toBeLessThan(200);
    }
  });

  it('names the polyfill.io domain and the CDNs of the same operator that the issue reports', () => {
    const domains = new Set(table.domains.map((d) => d.domain));
    for (const d of ['polyfill.io', 'bootcdn.net', 'bootcss.com', 'staticfile.net', 'staticfile.org'])
      expect(domains.has(d), d).toBe(true);
  });
});
