import {
  DELIVERY_SUFFIXES,
  operatorOfAttributionName,
  operatorOfNameServer,
  operatorOfOwnDomain,
} from '../../../src/core/attribution/operator-names.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attributeHost, type HostObservation } from '../../../src/core/attribution/attribute-host.ts';
import { entityForHost } from '../../../src/core/attribution/entity.ts';
import { OPERATOR_DOMAINS, operatorForHost, operatorOf } from '../../../src/core/attribution/operator.ts';
import { isKnownProvider } from '../../../src/core/attribution/providers.ts';
import { buildRangeIndex, type RangeTable } from '../../../src/core/attribution/range-index.ts';
import { registrableDomain, siteOf } from '../../../src/core/attribution/registrable.ts';

const ranges = buildRangeIndex(
  JSON.parse(
    readFileSync(new URL('../../../src/data/provider-ranges.json', import.meta.url), 'utf8'),
  ) as RangeTable,
);

describe('operatorOf: one operator behind every name of its services', () => {
  it.each([
    ['Cloudflare', 'Cloudflare'],
    ['Cloudflare DNS', 'Cloudflare'],
    ['cloudflare.com', 'Cloudflare'],
    ['Akamai', 'Akamai'],
    ['Akamai Edge DNS', 'Akamai'],
    ['Amazon CloudFront', 'Amazon'],
    ['Amazon Web Services', 'Amazon'],
    ['Amazon Route 53', 'Amazon'],
    ['awsdns-01.org', 'awsdns-01.org'],
    ['Google', 'Google'],
    ['Google (own DNS)', 'Google'],
    ['Google Cloud DNS', 'Google'],
    ['Microsoft Azure', 'Microsoft'],
    ['Azure DNS', 'Microsoft'],
    ['Azure CDN', 'Microsoft'],
    ['Meta (own DNS)', 'Meta'],
    ['Facebook', 'Meta'],
    ['Fastly', 'Fastly'],
    ['Apple (own DNS)', 'Apple'],
    // Unknown names are their own operator: an ASN label, an unknown NS domain.
    ['AS64500 EXAMPLE-NET', 'AS64500 EXAMPLE-NET'],
    ['example-dns.net', 'example-dns.net'],
    ['Unattributed', 'Unattributed'],
  ])('%s -> %s', (name, operator) => {
    expect(operatorOf(name)).toBe(operator);
  });

  it('an attribution keeps the operator the resolver stated; an old one without it derives it', () => {
    expect(operatorOfAttributionName({ name: 'Cloudflare DNS', operator: 'Cloudflare' })).toBe('Cloudflare');
    expect(operatorOfAttributionName({ name: 'Amazon Route 53' })).toBe('Amazon');
    expect(operatorOfAttributionName({ name: 'Amazon Route 53', operator: '' })).toBe('Amazon');
  });
});

describe('operatorForHost: hosts on an operator’s own domains', () => {
  it.each<[string, string | null]>([
    ['challenges.cloudflare.com', 'Cloudflare'],
    ['ns3.cloudflare.com', 'Cloudflare'],
    ['static.cloudflareinsights.com', 'Cloudflare'],
    ['foo.akamaized.net', 'Akamai'],
    ['e123.a.akamaiedge.net', 'Akamai'],
    ['bucket.s3.amazonaws.com', 'Amazon'],
    ['d111abcdef8.cloudfront.net', 'Amazon'],
    ['endpoint.azureedge.net', 'Microsoft'],
    ['js.monitor.azure.com', 'Microsoft'],
    ['fonts.gstatic.com', 'Google'],
    ['www.google.co.uk', 'Google'],
    ['a.ns.apple.com', 'Apple'],
    // Not an operator: look-alikes, tenants of other private suffixes, junk.
    ['notcloudflare.com', null],
    ['cloudflare.com.evil.example', null],
    ['dangling.fault.test', null],
    ['x.github.io', null],
    ['', null],
  ])('%s -> %s', (host, operator) => {
    expect(operatorForHost(host)).toBe(operator);
  });

  it('every OPERATOR_DOMAINS key is a registrable domain and names a known company', () => {
    const companies = new Set(
      ['Cloudflare DNS', 'Azure DNS', 'Amazon Route 53', 'Google', 'Meta', 'Akamai', 'Fastly'].map(
        operatorOf,
      ),
    );
    companies.add('Apple');
    for (const [domain, operator] of Object.entries(OPERATOR_DOMAINS)) {
      expect(registrableDomain(domain), domain).toBe(domain);
      expect(companies.has(operator) || isKnownProvider(operator), operator).toBe(true);
    }
  });

  it('the light rules the page uses (operator-names.ts) give the same operator as the full rules', () => {
    for (const suffix of Object.keys(DELIVERY_SUFFIXES)) {
      const host = `x1.${suffix}`;
      expect(operatorOfOwnDomain(host), host).toBe(operatorForHost(host));
    }
    for (const domain of Object.keys(OPERATOR_DOMAINS)) {
      expect(operatorOfOwnDomain(`www.${domain}`), domain).toBe(operatorForHost(`www.${domain}`));
    }
    expect(operatorOfOwnDomain('www.example.org')).toBeNull();
  });
});

describe('unknown hosts on an operator’s domain join the operator as company', () => {
  it.each([
    ['challenges.cloudflare.com', 'cloudflare.com', 'Cloudflare'],
    ['js.monitor.azure.com', 'azure.com', 'Microsoft'],
    ['d111abcdef8.cloudfront.net', 'd111abcdef8.cloudfront.net', 'Amazon'],
    ['dangling.fault.test', 'fault.test', 'fault.test'],
  ])('%s: product unknown (%s), company %s', (host, name, company) => {
    expect(entityForHost(host, siteOf(host)!)).toEqual({
      name,
      company,
      category: 'other',
      unrecognised: true,
    });
  });
});

function obs(host: string, nameServers: string[], addresses: string[] = []): HostObservation {
  return { host, cnames: [], addresses, nameServers, asn: null };
}

describe('attributeHost states the operator of every attribution', () => {
  it('cdnjs.cloudflare.com on Cloudflare’s own name servers: "Cloudflare DNS", never "cloudflare.com"', () => {
    // cloudflare.com is served by ns3-ns7.cloudflare.com, not by the customers' <name>.ns.cloudflare.com.
    const r = attributeHost(
      obs('cdnjs.cloudflare.com', ['ns3.cloudflare.com', 'ns4.cloudflare.com'], ['104.17.24.14']),
      null,
      ranges,
    );
    expect(r.providers.map((p) => `${p.role}:${p.name}:${p.operator}`)).toEqual([
      'cdn:Cloudflare:Cloudflare',
      'dns:Cloudflare DNS:Cloudflare',
    ]);
  });

  it.each([
    ['www.example.com', ['ns-1536.awsdns-00.co.uk'], 'dns:Amazon Route 53:Amazon'],
    ['www.example.com', ['a1-64.akam.net'], 'dns:Akamai Edge DNS:Akamai'],
    ['www.example.com', ['ns1-01.azure-dns.com'], 'dns:Azure DNS:Microsoft'],
    ['www.example.com', ['amy.ns.cloudflare.com'], 'dns:Cloudflare DNS:Cloudflare'],
    ['www.apple.com', ['a.ns.apple.com'], 'dns:Apple (own DNS):Apple'],
  ])('%s NS %s -> %s', (host, ns, expected) => {
    const r = attributeHost(obs(host, ns), null, ranges);
    expect(r.providers.map((p) => `${p.role}:${p.name}:${p.operator}`)).toEqual([expected]);
  });
});

describe('operatorOfNameServer: the fallback of reports without a DNS attribution', () => {
  it.each<[string, string | null]>([
    ['ns-1.awsdns-01.org', 'Amazon'],
    ['NS3.CLOUDFLARE.COM.', 'Cloudflare'],
    ['amy.ns.cloudflare.com', 'Cloudflare'],
    ['a1-64.akam.net', 'Akamai'],
    ['ns1.google.com', 'Google'],
    ['ns1.example-dns.net', null],
  ])('%s -> %s', (ns, operator) => {
    expect(operatorOfNameServer(ns)).toBe(operator);
  });
});
