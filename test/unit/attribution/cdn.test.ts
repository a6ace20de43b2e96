import { describe, expect, it } from 'vitest';
import { matchCdnHeaders, matchCdnName } from '../../../src/core/attribution/cdn.ts';

describe('matchCdnName', () => {
  it.each([
    ['e4.a.akamaiedge.net', 'Akamai', 'akamaiedge.net'],
    ['assets.adobedtm.com.edgekey.net', 'Akamai', 'edgekey.net'],
    // conflict settled deliberately: cdncheck also lists edgesuite.net under edgecast
    ['a1.g.edgesuite.net', 'Akamai', 'edgesuite.net'],
    ['wildcard.edgecastcdn.net', 'Edgecast', 'edgecastcdn.net'],
    ['d111abcdef8.cloudfront.net', 'Amazon CloudFront', 'cloudfront.net'],
    ['bucket.s3.amazonaws.com', 'Amazon Web Services', 'amazonaws.com'],
    ['shops.myshopify.com.cdn.cloudflare.net', 'Cloudflare', 'cloudflare.net'],
    ['dualstack.j.sni.global.fastly.net', 'Fastly', 'fastly.net'],
    ['fonts.gstatic.com', 'Google', 'gstatic.com'],
    ['www.google.com', 'Google', 'google.com'],
    // WebPageTest's loose ".google." becomes a brand label on the ICANN registrable domain
    ['www.google.se', 'Google', 'google.se'],
    ['www.google.co.uk', 'Google', 'google.co.uk'],
    ['example.azureedge.net', 'Azure CDN', 'azureedge.net'],
    ['x.l-msedge.net', 'Azure CDN', 'l-msedge.net'],
    ['cdn.jsdelivr.net', 'jsDelivr', 'cdn.jsdelivr.net'],
    ['WWW.EXAMPLE.B-CDN.NET.', 'BunnyCDN', 'b-cdn.net'],
  ])('%s → %s (%s)', (name, provider, suffix) => {
    expect(matchCdnName(name)).toMatchObject({ provider, suffix });
  });

  it.each([
    // substring look-alikes that the upstream substring rules would have matched
    'notakamaiedge.net',
    'akamaiedge.net.evil.example',
    'www.google.blogspot.com',
    'google.example',
    'my.google.example.com',
    'fandom.nocookie.net',
    'cloudfront.net.example.org',
    'cdn.jsdelivr.net.example',
    'unknown-cdn-thing.example',
    '',
    '127.0.0.1',
  ])('%j → null', (name) => {
    expect(matchCdnName(name)).toBeNull();
  });

  it('gives the storage service the cloud role', () => {
    expect(matchCdnName('bucket.s3.amazonaws.com')?.role).toBe('cloud');
    expect(matchCdnName('d1.cloudfront.net')?.role).toBe('cdn');
  });
});

describe('matchCdnHeaders', () => {
  it.each([
    [{ Server: 'cloudflare' }, ['Cloudflare']],
    [{ via: '1.1 5d1e2b.cloudfront.net (CloudFront)' }, ['Amazon CloudFront']],
    [{ 'X-Served-By': 'cache-fra-etou8220071-FRA', 'X-Cache': 'HIT' }, ['Fastly']],
    // Fastly's rule needs both headers
    [{ 'X-Served-By': 'cache-fra-etou8220071-FRA' }, []],
    [{ server: 'ECS (dcb/7F84)' }, ['Edgecast']],
    [{ 'x-akamai-request-id': '1a2b' }, ['Akamai']],
    // Server matches as a prefix: "now" must not match any server containing "now"
    [{ server: 'unknown-server' }, []],
    [{ server: 'now' }, ['Vercel']],
    [{ 'x-edge-location': 'FRA' }, []],
    [{}, []],
  ])('%j → %j', (headers, providers) => {
    expect(matchCdnHeaders(headers as Record<string, string>).map((m) => m.provider)).toEqual(providers);
  });

  it('cites the matching headers as evidence', () => {
    expect(matchCdnHeaders({ Server: 'cloudflare' })).toEqual([
      { provider: 'Cloudflare', evidence: 'server: cloudflare' },
    ]);
  });
});
