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
    '',
  ])('%j → null', (ns) => {
    expect(matchDnsProvider(ns)).toBeNull();
  });
});
