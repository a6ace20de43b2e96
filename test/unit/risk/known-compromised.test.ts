import { describe, expect, it } from 'vitest';
import { compromisedEntry, knownCompromisedRisk } from '../../../src/core/risk/known-compromised.ts';

describe('compromisedEntry: the host or any parent domain, at a label boundary', () => {
  it.each<[string, string | null]>([
    ['polyfill.io', 'polyfill.io'],
    ['cdn.polyfill.io', 'polyfill.io'],
    ['CDN.Polyfill.IO.', 'polyfill.io'],
    ['cdn.bootcdn.net', 'bootcdn.net'],
    ['www.googie-anaiytics.com', 'googie-anaiytics.com'],
    // not a label boundary, or another domain altogether
    ['notpolyfill.io', null],
    ['polyfill.io.example.com', null],
    ['polyfill-fastly.io', null],
    ['cdnjs.cloudflare.com', null],
    ['www.google-analytics.com', null],
    ['io', null],
  ])('%s → %s', (host, domain) => {
    expect(compromisedEntry(host)?.domain ?? null).toBe(domain);
  });
});

describe('knownCompromisedRisk', () => {
  it('flags a listed host as high, citing the list entry and its source', () => {
    const risk = knownCompromisedRisk('cdn.polyfill.io');
    expect(risk).toMatchObject({
      code: 'known_compromised',
      severity: 'high',
      evidence: 'cdn.polyfill.io matches polyfill.io (sold to a malicious operator, reported 2024-06-25)',
      source: 'https://sansec.io/research/polyfill-supply-chain-attack',
    });
    expect(risk?.message).toContain('polyfill.io');
  });

  it('flags a host that is only an alias of a listed domain, naming the chain', () => {
    const risk = knownCompromisedRisk('libs.fixture-risky.com', ['cdn.bootcdn.net', 'edge.example.net']);
    expect(risk?.evidence).toBe(
      'libs.fixture-risky.com → cdn.bootcdn.net matches bootcdn.net (same operator as a sold domain, reported 2024-06)',
    );
  });

  it('flags nothing on clean names and chains', () => {
    expect(knownCompromisedRisk('code.jquery.com', ['code.jquery.com.cdn.cloudflare.net'])).toBeNull();
    expect(knownCompromisedRisk('polyfill-fastly.io')).toBeNull();
  });
});
