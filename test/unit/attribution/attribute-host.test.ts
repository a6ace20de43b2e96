import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attributeHost, type HostObservation } from '../../../src/core/attribution/attribute-host.ts';
import { buildRangeIndex, type RangeTable } from '../../../src/core/attribution/range-index.ts';

/** The shipped table, so these cases also pin the data. */
const ranges = buildRangeIndex(
  JSON.parse(
    readFileSync(new URL('../../../src/data/provider-ranges.json', import.meta.url), 'utf8'),
  ) as RangeTable,
);

const PAGE = 'https://www.expressen.se/';

function obs(
  host: string,
  o: Partial<Omit<HostObservation, 'host'>> & { asnNumber?: number } = {},
): HostObservation {
  return {
    host,
    cnames: o.cnames ?? [],
    addresses: o.addresses ?? [],
    nameServers: o.nameServers ?? [],
    asn: o.asnNumber ? { number: o.asnNumber, name: `AS${o.asnNumber}`, prefix: '' } : null,
    ...(o.headers ? { headers: o.headers } : {}),
  };
}

/** Observations shaped like real DoH answers (addresses in the providers' published blocks). */
const cases: Array<{
  o: HostObservation;
  entity: { name: string; company: string; category: string; unrecognised: boolean };
  providers: string[];
}> = [
  {
    o: obs('www.googletagmanager.com', {
      addresses: ['142.250.74.40'],
      nameServers: ['ns1.google.com'],
      asnNumber: 15169,
    }),
    entity: { name: 'Google Tag Manager', company: 'Google', category: 'tag-manager', unrecognised: false },
    // AS15169 is dropped: the ip-range already names a Google provider
    providers: ['cdn:Google:ip-range', 'dns:Google (own DNS):ns'],
  },
  {
    o: obs('connect.facebook.net', {
      cnames: ['scontent.xx.fbcdn.net'],
      addresses: ['157.240.201.15'],
      nameServers: ['a.ns.facebook.com'],
      asnNumber: 32934,
    }),
    entity: { name: 'Facebook', company: 'Meta', category: 'social', unrecognised: false },
    providers: ['cdn:Facebook:cname', 'dns:Meta (own DNS):ns'],
  },
  {
    o: obs('cdn.shopify.com', {
      cnames: ['cdn.shopify.com.cdn.cloudflare.net'],
      addresses: ['104.18.26.200', '2606:4700::6812:1ac8'],
      nameServers: ['ns1.dnsimple.com', 'ns-1.awsdns-01.org'],
      asnNumber: 13335,
    }),
    entity: { name: 'Shopify', company: 'Shopify', category: 'hosting', unrecognised: false },
    providers: ['cdn:Cloudflare:ip-range', 'dns:Amazon Route 53:ns', 'dns:DNSimple:ns'],
  },
  {
    o: obs('d111abcdef8.cloudfront.net', {
      addresses: ['13.224.53.40'],
      nameServers: ['ns-1.awsdns-01.org'],
      asnNumber: 16509,
    }),
    // Unknown tenant of CloudFront's own delivery domain: no product, but Amazon's network.
    entity: {
      name: 'd111abcdef8.cloudfront.net',
      company: 'Amazon',
      category: 'other',
      unrecognised: true,
    },
    providers: ['cdn:Amazon CloudFront:ip-range', 'dns:Amazon Route 53:ns'],
  },
  {
    o: obs('assets.adobedtm.com', {
      cnames: ['assets.adobedtm.com.edgekey.net', 'e4.a.akamaiedge.net'],
      addresses: ['23.45.1.2'],
      nameServers: ['a1-1.akam.net'],
      asnNumber: 20940,
    }),
    entity: { name: 'Adobe Tag Manager', company: 'Adobe', category: 'tag-manager', unrecognised: false },
    providers: ['cdn:Akamai:cname', 'dns:Akamai Edge DNS:ns'],
  },
  {
    o: obs('fonts.gstatic.com', {
      addresses: ['142.250.74.3', '2a00:1450:400f:80c::2003'],
      asnNumber: 15169,
    }),
    entity: { name: 'Google Fonts', company: 'Google', category: 'cdn', unrecognised: false },
    providers: ['cdn:Google:ip-range'],
  },
  {
    o: obs('static.hotjar.com', {
      cnames: ['d2zotx1sbkwdvd.cloudfront.net'],
      addresses: ['18.66.2.1'],
      headers: { Via: '1.1 0f7e.cloudfront.net (CloudFront)', Server: 'nginx' },
      asnNumber: 16509,
    }),
    entity: { name: 'Hotjar', company: 'Hotjar', category: 'analytics', unrecognised: false },
    providers: ['cdn:Amazon CloudFront:ip-range'],
  },
  {
    // S3 by name is storage in the cloud, not a CDN
    o: obs('biowebb-data.s3.amazonaws.com', {
      cnames: ['s3-1-w.amazonaws.com'],
      addresses: ['52.216.0.32'],
      asnNumber: 16509,
    }),
    entity: {
      name: 'Amazon Web Services',
      company: 'Amazon',
      category: 'other',
      unrecognised: false,
    },
    providers: ['cloud:Amazon Web Services:ip-range'],
  },
  {
    o: obs('unknown-cdn-thing.example', { addresses: ['192.0.2.1'] }),
    entity: {
      name: 'unknown-cdn-thing.example',
      company: 'unknown-cdn-thing.example',
      category: 'other',
      unrecognised: true,
    },
    providers: [],
  },
  {
    o: obs('api.example-shop.de', {
      addresses: ['5.9.1.1'],
      nameServers: ['ns1.example-shop.de'],
      asnNumber: 24940,
    }),
    entity: { name: 'example-shop.de', company: 'example-shop.de', category: 'other', unrecognised: true },
    // nothing stronger names Hetzner, so the ASN stands
    providers: ['cloud:Hetzner:asn'],
  },
  {
    o: obs('media.example.org', { addresses: ['20.50.2.1'], headers: { Server: 'cloudflare' } }),
    entity: { name: 'example.org', company: 'example.org', category: 'other', unrecognised: true },
    providers: ['cdn:Cloudflare:header', 'cloud:Microsoft Azure:ip-range'],
  },
];

describe('attributeHost', () => {
  it.each(cases)('$o.host', ({ o, entity, providers }) => {
    const result = attributeHost(o, PAGE, ranges);
    expect(result.firstParty).toBe(false);
    expect(result.entity).toEqual(entity);
    expect(result.providers.map((p) => `${p.role}:${p.name}:${p.signal}`)).toEqual(providers);
    for (const p of result.providers) expect(p.evidence).toBeTruthy();
  });

  it('explains itself: evidence and corroboration', () => {
    const [cloudfront] = attributeHost((cases[6] as (typeof cases)[number]).o, PAGE, ranges).providers;
    expect(cloudfront).toEqual({
      name: 'Amazon CloudFront',
      operator: 'Amazon',
      role: 'cdn',
      signal: 'ip-range',
      service: 'CloudFront',
      evidence: '18.66.2.1 in 18.64.0.0/14',
      corroboration: [
        { signal: 'cname', evidence: 'd2zotx1sbkwdvd.cloudfront.net (cloudfront.net)' },
        { signal: 'header', evidence: 'via: 1.1 0f7e.cloudfront.net (CloudFront)' },
      ],
    });
  });

  it('first party by site and by entity', () => {
    expect(attributeHost(obs('static.expressen.se'), PAGE, ranges).firstParty).toBe(true);
    expect(attributeHost(obs('i.ytimg.com'), 'https://www.youtube.com/', ranges).firstParty).toBe(true);
    expect(attributeHost(obs('www.expressen.se'), null, ranges).firstParty).toBe(false);
  });

  it('IP-literal hosts get an entity named after the address', () => {
    const r = attributeHost(obs('104.18.26.200', { addresses: ['104.18.26.200'] }), PAGE, ranges);
    expect(r.entity).toEqual({
      name: '104.18.26.200',
      company: '104.18.26.200',
      category: 'other',
      unrecognised: true,
    });
    expect(r.providers.map((p) => p.name)).toEqual(['Cloudflare']);
  });

  it('hostile observations are data, not errors', () => {
    const hostile = {
      host: 'X.'.repeat(200),
      cnames: [42, null, 'a.akamaiedge.net', ...Array<string>(1000).fill('x.fastly.net')],
      addresses: ['junk', '1.2.3.4/8', ...Array<string>(1000).fill('151.101.1.1')],
      nameServers: 'not-a-list',
      asn: { number: Number.NaN, name: '', prefix: '' },
      headers: { server: 'x'.repeat(100_000) },
    } as unknown as HostObservation;
    const r = attributeHost(hostile, 'javascript:alert(1)', ranges);
    expect(r.firstParty).toBe(false);
    expect(r.entity.unrecognised).toBe(true);
    expect(r.providers.map((p) => p.name)).toEqual(['Fastly', 'Akamai']);
    // the per-list caps bound the evidence kept
    expect(r.providers[0]?.corroboration?.length ?? 0).toBeLessThan(40);
  });
});
