import { describe, expect, it } from 'vitest';
import { hostChains } from '../../../src/core/map/chains.ts';
import { summarise } from '../../../src/core/map/summary.ts';
import { describeServices, providerTable } from '../../../src/core/map/provider-table.ts';
import { shopReport } from './fixture-report.ts';

describe('summarise', () => {
  it('counts the shop fixture', () => {
    expect(summarise(shopReport())).toEqual({
      hosts: 9,
      firstPartyHosts: 2,
      thirdPartyHosts: 7,
      // Google (3 hosts), jsDelivr, Stripe, and two unknown hosts as their own companies.
      thirdPartyCompanies: 5,
      // Operators: Cloudflare, Amazon (CloudFront), Fastly, Google (Cloud), AS64500 EXAMPLE-NET.
      networks: 5,
      // Cloudflare and Google (Google Cloud DNS).
      dnsProviders: 2,
      operators: 5,
      resources: 10,
      renderBlocking: 3,
      renderBlockingThirdParty: 1,
      unresolved: 1,
      unattributed: 0,
      // Google Analytics: its initiator (a HAR saved before chains) is the tag manager; no other loader is known.
      loaderKnown: 1,
      broughtByThirdParty: 1,
    });
  });

  it('counts who brought the third parties in exactly as the chains do', () => {
    const report = shopReport();
    const own = { type: 'parser' as const, url: 'https://www.shop.example/', host: 'www.shop.example' };
    for (const r of report.resources) if (r.host === 'www.googletagmanager.com') r.initiator = own;
    const s = summarise(report);
    expect([s.loaderKnown, s.broughtByThirdParty]).toEqual([2, 1]);
    const chains = hostChains(report);
    expect(s.loaderKnown).toBe(chains.filter((c) => c.by === 'site' || c.by === 'third-party').length);
    expect(s.broughtByThirdParty).toBe(chains.filter((c) => c.by === 'third-party').length);
  });

  it('counts a host with addresses but no provider or ASN as unattributed', () => {
    const report = shopReport();
    report.hosts[7]!.asn = null;
    expect(summarise(report).unattributed).toBe(1);
    expect(summarise(report).networks).toBe(4);
  });

  it('counts the document as render-blocking even when unflagged', () => {
    const report = shopReport();
    report.resources[0]!.renderBlocking = false;
    expect(summarise(report).renderBlocking).toBe(3);
  });

  it('counts one operator once, whatever its services are called', () => {
    const report = shopReport();
    report.hosts[6]!.providers.push({ name: 'Amazon Route 53', role: 'dns', signal: 'ns' });
    report.hosts[5]!.providers.push({ name: 'Google (own DNS)', role: 'dns', signal: 'ns' });
    report.hosts[2]!.nameServers = ['ns3.cloudflare.com'];
    const s = summarise(report);
    // Cloudflare, Google, Amazon: "Google (own DNS)" is Google Cloud DNS's operator.
    expect(s.dnsProviders).toBe(3);
    expect(s.networks).toBe(5);
  });

  it('an unknown host on an operator’s domain counts for that operator, not as a company of its own', () => {
    const report = shopReport();
    const unknown = (host: string) => ({
      ...report.hosts[7]!,
      host,
      entity: { name: host, company: host, category: 'other', unrecognised: true },
    });
    const cdnjs = {
      ...unknown('cdnjs.cloudflare.com'),
      entity: { name: 'Cloudflare CDN', company: 'Cloudflare', category: 'cdn', unrecognised: false },
    };
    // Saved before the resolver named the operator (company = host): derived on read.
    report.hosts.push(cdnjs, unknown('challenges.cloudflare.com'));
    // Google, jsDelivr, Stripe, the tracker, broken.example, and Cloudflare once.
    expect(summarise(report).thirdPartyCompanies).toBe(6);
    // As the resolver now states it.
    report.hosts[report.hosts.length - 1]!.entity.company = 'Cloudflare';
    expect(summarise(report).thirdPartyCompanies).toBe(6);
  });

  it('is all zeros for an empty map', () => {
    expect(summarise(shopReport({ hosts: [], resources: [] }))).toEqual({
      hosts: 0,
      firstPartyHosts: 0,
      thirdPartyHosts: 0,
      thirdPartyCompanies: 0,
      networks: 0,
      dnsProviders: 0,
      operators: 0,
      resources: 0,
      renderBlocking: 0,
      renderBlockingThirdParty: 0,
      unresolved: 0,
      unattributed: 0,
      loaderKnown: 0,
      broughtByThirdParty: 0,
    });
  });
});

describe('providerTable', () => {
  it('lists every provider with roles, hosts and resources, render-blocking first', () => {
    const rows = providerTable(shopReport()).map((r) => ({
      name: r.name,
      roles: r.roles.join('+'),
      hosts: r.hosts.length,
      resources: r.resources,
      blocking: r.renderBlocking,
      own: r.servesFirstParty,
    }));
    expect(rows).toEqual([
      // www + static (DNS) + jsDelivr (CDN): document, app.css, lib.js, logo.png
      { name: 'Cloudflare', roles: 'cdn+dns', hosts: 3, resources: 4, blocking: 3, own: true },
      { name: 'Amazon', roles: 'cdn', hosts: 2, resources: 3, blocking: 1, own: true },
      { name: 'Fastly', roles: 'cdn', hosts: 1, resources: 1, blocking: 1, own: false },
      // Google Cloud and Google Cloud DNS: one operator, each resource counted once.
      { name: 'Google', roles: 'cloud+dns', hosts: 3, resources: 3, blocking: 0, own: false },
      { name: 'AS64500 EXAMPLE-NET', roles: 'network', hosts: 1, resources: 1, blocking: 0, own: false },
    ]);
  });

  it('keeps the per-service detail under each operator', () => {
    const google = providerTable(shopReport()).find((r) => r.name === 'Google')!;
    expect(google.services.map((s) => `${s.name} ${s.roles} ${s.hosts.length} ${s.resources}`)).toEqual([
      'Google Cloud cloud 3 3',
      'Google Cloud DNS dns 2 2',
    ]);
    expect(describeServices(google)).toBe(
      'Google Cloud: cloud (www.googletagmanager.com, www.google-analytics.com, +1 more); ' +
        'Google Cloud DNS: DNS (www.googletagmanager.com, www.google-analytics.com)',
    );
  });

  it('puts resolved hosts without any attribution under "Unattributed"', () => {
    const report = shopReport();
    report.hosts[7]!.asn = null;
    const row = providerTable(report).find((r) => r.name === 'Unattributed');
    expect(row?.hosts).toEqual(['t.tracker.example']);
  });

  it('falls back to name-server domains when no DNS provider is attributed, under their operator', () => {
    const report = shopReport();
    report.hosts[6]!.nameServers = ['NS-1.AWSDNS-01.ORG.', 'ns-2.awsdns-01.org'];
    const row = providerTable(report).find((r) => r.name === 'Amazon')!;
    expect(row.roles).toEqual(['cdn', 'dns']);
    expect(row.services.find((s) => s.name === 'awsdns-01.org')).toMatchObject({
      roles: ['dns'],
      hosts: ['js.stripe.com'],
    });
  });

  it('an unrecognised name-server domain is a provider of its own', () => {
    const report = shopReport();
    report.hosts[6]!.nameServers = ['ns1.example-dns.net'];
    expect(providerTable(report).find((r) => r.name === 'example-dns.net')?.hosts).toEqual(['js.stripe.com']);
  });
});
