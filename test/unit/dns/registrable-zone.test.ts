import { describe, expect, it } from 'vitest';
import { registrableZone } from '../../../src/core/dns/registrable-zone.ts';

/** The zone whose NS set names a host's DNS provider: ICANN section of the PSL only. */
describe('registrableZone', () => {
  it.each([
    ['www.example.com', 'example.com'],
    ['example.com', 'example.com'],
    ['static.fixture-bank.co.uk', 'fixture-bank.co.uk'],
    ['www.bbc.co.uk', 'bbc.co.uk'],
    ['a.b.c.example.com.au', 'example.com.au'],
    // Private-section suffixes: the platform's zone, because that is whose DNS answers.
    ['www.fixture-news.github.io', 'github.io'],
    ['d111111abcdef8.cloudfront.net', 'cloudfront.net'],
    ['x.y.d111111abcdef8.cloudfront.net', 'cloudfront.net'],
    ['fixture.azureedge.net', 'azureedge.net'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
  ])('%s → %s', (host, zone) => {
    expect(registrableZone(host)).toBe(zone);
  });

  it.each(['co.uk', 'com', '104.16.122.175', 'localhost'])('%s has no registrable zone', (host) => {
    expect(registrableZone(host)).toBeNull();
  });
});
