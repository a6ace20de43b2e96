import { describe, expect, it } from 'vitest';
import { matchDnsProvider } from '../../../src/core/attribution/dns-provider.ts';

describe('matchDnsProvider', () => {
  it.each([
    ['ns-1536.awsdns-00.co.uk', 'Amazon Route 53'],
    ['ns-12.awsdns-01.com.', 'Amazon Route 53'],
    ['ns-700.awsdns-23.net', 'Amazon Route 53'],
    ['ns-1100.awsdns-15.org', 'Amazon Route 53'],
    ['dina.ns.cloudflare.com', 'Cloudflare DNS'],
    ['a1-67.akam.net', 'Akamai Edge DNS'],
    ['dns1.p01.nsone.net', 'NS1'],
    ['ns1-01.azure-dns.com', 'Azure DNS'],
    ['ns4-01.azure-dns.info', 'Azure DNS'],
    // Microsoft's own zones use three-digit pool numbers (issue 10, item 5)
    ['ns1-204.azure-dns.com', 'Azure DNS'],
    ['ns2-204.azure-dns.net', 'Azure DNS'],
    ['ns3-204.azure-dns.org', 'Azure DNS'],
    ['ns4-204.azure-dns.info', 'Azure DNS'],
    ['ns2-2.azure-dns.net', 'Azure DNS'],
    ['ns-2051.awsdns-67.co.uk', 'Amazon Route 53'],
    ['ns-0.awsdns-00.com', 'Amazon Route 53'],
    ['kate.secondary.cloudflare.com', 'Cloudflare DNS'],
    ['ada.ns.foundationdns.com', 'Cloudflare DNS'],
    ['ada.ns.foundationdns.net', 'Cloudflare DNS'],
    ['ada.ns.foundationdns.org', 'Cloudflare DNS'],
    ['ns-cloud-a1.googledomains.com', 'Google Cloud DNS'],
    ['ns1.google.com', 'Google (own DNS)'],
    ['pdns1.ultradns.net', 'UltraDNS (Vercara)'],
    ['ns1.p16.dynect.net', 'Dyn (Oracle)'],
    ['ns51.domaincontrol.com', 'GoDaddy DNS'],
    ['NS1.DOMAINCONTROL.COM.', 'GoDaddy DNS'],
  ])('%s → %s', (ns, provider) => {
    expect(matchDnsProvider(ns)?.provider).toBe(provider);
  });

  it.each([
    'ns1.example.com',
    'awsdns-00.com.example',
    'ns-1.awsdns-00.com.evil',
    'notcloudflare.com',
    'ns.cloudflare.com.example',
    // Azure DNS has four servers per zone, ns1 to ns4, on their own TLDs
    'ns5-01.azure-dns.com',
    'ns1-01.azure-dns.co',
    'ns1-.azure-dns.com',
    'ns1-12345.azure-dns.com',
    // a company's own (vanity) name servers name no shared provider
    'ns1.fixture-news.com',
    '',
  ])('%j → null', (ns) => {
    expect(matchDnsProvider(ns)).toBeNull();
  });
});
