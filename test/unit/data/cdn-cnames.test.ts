import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isKnownProvider } from '../../../src/core/attribution/providers.ts';

const text = readFileSync(new URL('../../../src/data/cdn-cnames.json', import.meta.url), 'utf8');
const table = JSON.parse(text) as {
  provenance: {
    sources: Array<{ name: string; licence: string; source: string }>;
    licenceNote: string;
    script: string;
  };
  suffixes: Record<string, [string, string]>;
  brandLabels: Record<string, [string, string]>;
  headers: Array<{ provider: string; all: Array<[string, string]> }>;
};

describe('src/data/cdn-cnames.json', () => {
  it('keeps both licences and the regeneration script', () => {
    const licences = table.provenance.sources.map((s) => `${s.name}: ${s.licence}`).join('\n');
    expect(licences).toMatch(/WebPageTest.*Apache-2\.0/);
    expect(licences).toMatch(/cdncheck.*MIT/);
    expect(table.provenance.licenceNote).toMatch(/Apache-2\.0.*MIT/);
    expect(table.provenance.script).toContain('scripts/data/cdn-cnames.ts');
  });

  it('every key is a lower-case DNS suffix of two or more labels (no substring rules left)', () => {
    for (const suffix of Object.keys(table.suffixes)) {
      expect(suffix, suffix).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    }
  });

  it('has no duplicate keys in the file (JSON.parse would silently keep the last)', () => {
    const block = text.slice(text.indexOf('"suffixes": {'), text.indexOf('"brandLabels"'));
    const keys = [...block.matchAll(/^ {4}"([^"]+)": \[/gm)].map((m) => m[1]);
    expect(keys.length).toBe(Object.keys(table.suffixes).length);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('no suffix repeats a shorter suffix of the same provider', () => {
    for (const [suffix, [provider]] of Object.entries(table.suffixes)) {
      const labels = suffix.split('.');
      for (let i = 1; i < labels.length - 1; i++) {
        const parent = table.suffixes[labels.slice(i).join('.')];
        expect(parent?.[0] === provider, `${suffix} is covered by ${labels.slice(i).join('.')}`).toBe(false);
      }
    }
  });

  it('every provider is known and every role is cdn or cloud', () => {
    const rules = [...Object.values(table.suffixes), ...Object.values(table.brandLabels)];
    for (const [provider, role] of rules) {
      expect(isKnownProvider(provider), provider).toBe(true);
      expect(['cdn', 'cloud']).toContain(role);
    }
    for (const h of table.headers) {
      expect(isKnownProvider(h.provider), h.provider).toBe(true);
      expect(h.all.length).toBeGreaterThan(0);
      for (const [name] of h.all) expect(name).toBe(name.toLowerCase());
    }
  });

  it('settles the known traps deliberately', () => {
    expect(table.suffixes['edgesuite.net']).toEqual(['Akamai', 'cdn']);
    expect(table.suffixes['edgecastcdn.net']?.[0]).toBe('Edgecast');
    expect(Object.keys(table.suffixes).some((s) => s.includes('google.') && !s.endsWith('.com'))).toBe(false);
    expect(table.suffixes['nocookie.net']).toBeUndefined();
    expect(table.brandLabels['google']).toEqual(['Google', 'cdn']);
  });
});
