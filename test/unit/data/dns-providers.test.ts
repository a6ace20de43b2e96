import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isKnownProvider } from '../../../src/core/attribution/providers.ts';

const text = readFileSync(new URL('../../../src/data/dns-providers.json', import.meta.url), 'utf8');
const table = JSON.parse(text) as {
  provenance: { source: string; licence: string; date: string };
  suffixes: Record<string, string>;
  patterns: Array<{ pattern: string; provider: string; example: string }>;
};

describe('src/data/dns-providers.json', () => {
  it('has a provenance header', () => {
    expect(table.provenance.source).toBeTruthy();
    expect(table.provenance.licence).toBeTruthy();
    expect(table.provenance.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('has no duplicate suffixes in the file', () => {
    const block = text.slice(text.indexOf('"suffixes": {'), text.indexOf('"patterns"'));
    const keys = [...block.matchAll(/^ {4}"([^"]+)": "/gm)].map((m) => m[1]);
    expect(keys.length).toBe(Object.keys(table.suffixes).length);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('suffixes are lower-case DNS names and providers are known', () => {
    for (const [suffix, provider] of Object.entries(table.suffixes)) {
      expect(suffix).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(isKnownProvider(provider), provider).toBe(true);
    }
  });

  it('patterns are anchored, compile, match their example and are not shadowed by a suffix', () => {
    for (const p of table.patterns) {
      expect(p.pattern.startsWith('^') && p.pattern.endsWith('$'), p.pattern).toBe(true);
      expect(new RegExp(p.pattern).test(p.example), p.example).toBe(true);
      expect(isKnownProvider(p.provider), p.provider).toBe(true);
      const labels = p.example.split('.');
      for (let i = 0; i < labels.length; i++)
        expect(table.suffixes[labels.slice(i).join('.')]).toBeUndefined();
    }
  });
});
