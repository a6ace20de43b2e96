/**
 * The fence's decisions: the scanner's target policy (checkTarget) per request URL, asked once per origin
 * per scan, never throwing. The resolver is a table (no network), and counts its lookups.
 */
import { describe, expect, it } from 'vitest';
import { createFenceDecisions } from '../../../src/core/render/fence-decisions.ts';
import type { TargetPolicy } from '../../../src/core/scan/check-target.ts';

const answers: Record<string, string[]> = {
  'cdn.example.com': ['93.184.215.14'],
  'inside.example.com': ['10.0.0.7'],
  'mixed.example.com': ['93.184.215.14', '127.0.0.1'],
};

function policy(allowed: string[] = []) {
  const lookups: string[] = [];
  const value: TargetPolicy = {
    allowedOrigins: new Set(allowed),
    resolve: async (host) => {
      lookups.push(host);
      const addresses = answers[host] ?? [];
      return {
        cnames: [],
        addresses,
        errors: addresses.length ? [] : [{ code: 'nxdomain', message: 'no such name' }],
      };
    },
  };
  return { value, lookups };
}

describe('createFenceDecisions', () => {
  it.each<[string, string]>([
    ['https://cdn.example.com/a.js', 'allow'],
    ['http://cdn.example.com/a.js', 'allow'],
    ['https://cdn.example.com:8443/a.js', 'port_not_allowed'],
    ['http://127.0.0.1:9999/', 'port_not_allowed'],
    ['http://127.0.0.1/', 'private_address'],
    ['http://[::1]/', 'private_address'],
    ['http://169.254.169.254/latest/meta-data/', 'private_address'],
    ['http://2130706433/', 'private_address'],
    ['http://localhost/', 'private_address'],
    ['http://metadata.google.internal/', 'private_address'],
    ['https://inside.example.com/', 'private_address'],
    ['https://mixed.example.com/', 'private_address'],
    ['https://nowhere.example.com/', 'dns_failed'],
    ['https://user:pass@cdn.example.com/', 'credentials_in_url'],
    ['ws://cdn.example.com/', 'unsupported_scheme'],
    ['ftp://cdn.example.com/', 'unsupported_scheme'],
    ['data:text/html,x', 'unsupported_scheme'],
    ['not a url', 'invalid_url'],
  ])('%s → %s', async (url, expected) => {
    const verdict = await createFenceDecisions(policy().value).decide(url);
    expect(verdict.allow ? 'allow' : verdict.code).toBe(expected);
  });

  it('exempts exactly the allowed origins (SCAN_ALLOWED_ORIGINS), nothing near them', async () => {
    const decisions = createFenceDecisions(policy(['http://127.0.0.1:8000']).value);
    expect((await decisions.decide('http://127.0.0.1:8000/page')).allow).toBe(true);
    expect((await decisions.decide('http://127.0.0.1:8001/page')).allow).toBe(false);
    expect((await decisions.decide('https://127.0.0.1:8000/page')).allow).toBe(false);
  });

  it('asks DNS once per origin per scan, however many requests', async () => {
    const { value, lookups } = policy();
    const decisions = createFenceDecisions(value);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => decisions.decide(`https://cdn.example.com/img/${i}.png`)),
    );
    await decisions.decide('http://cdn.example.com/other');
    expect(lookups).toEqual(['cdn.example.com', 'cdn.example.com']);
    expect(decisions.origins()).toBe(2);
  });

  it('refuses (fails closed) when the resolver throws', async () => {
    const decisions = createFenceDecisions({
      allowedOrigins: new Set(),
      resolve: async () => {
        throw new Error('upstream down');
      },
    });
    expect(await decisions.decide('https://cdn.example.com/')).toMatchObject({
      allow: false,
      code: 'dns_failed',
    });
  });
});
