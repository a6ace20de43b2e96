import { describe, expect, it } from 'vitest';
import { summarise } from '../../../src/core/map/summary.ts';
import { providerTable } from '../../../src/core/map/provider-table.ts';
import { shopReport } from './fixture-report.ts';

describe('summarise', () => {
  it('counts the shop fixture', () => {
    expect(summarise(shopReport())).toEqual({
      hosts: 9,
      firstPartyHosts: 2,
      thirdPartyHosts: 7,
      // Google (3 hosts), jsDelivr, Stripe, and two unknown hosts as their own companies.
      thirdPartyCompanies: 5,
      // Cloudflare, Amazon CloudFront, Fastly, Google Cloud, AS64500 EXAMPLE-NET.
      networks: 5,
      dnsProviders: 2,
      resources: 10,
      renderBlocking: 3,
      renderBlockingThirdParty: 1,
      unresolved: 1,
      unattributed: 0,
    });
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

  it('is all zeros for an empty map', () => {
    const s = summarise(shopReport({ hosts: [], resources: [] }));
    expect(Object.values(s).every((v) => v === 0)).toBe(true);
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
      { name: 'Amazon CloudFront', roles: 'cdn', hosts: 2, resources: 3, blocking: 1, own: true },
      { name: 'Fastly', roles: 'cdn', hosts: 1, resources: 1, blocking: 1, own: false },
      { name: 'Google Cloud', roles: 'cloud', hosts: 3, resources: 3, blocking: 0, own: false },
      { name: 'Google Cloud DNS', roles: 'dns', hosts: 2, resources: 2, blocking: 0, own: false },
      { name: 'AS64500 EXAMPLE-NET', roles: 'network', hosts: 1, resources: 1, blocking: 0, own: false },
    ]);
  });

  it('puts resolved hosts without any attribution under "Unattributed"', () => {
    const report = shopReport();
    report.hosts[7]!.asn = null;
    const row = providerTable(report).find((r) => r.name === 'Unattributed');
    expect(row?.hosts).toEqual(['t.tracker.example']);
  });

  it('falls back to name-server domains when no DNS provider is attributed', () => {
    const report = shopReport();
    report.hosts[6]!.nameServers = ['NS-1.AWSDNS-01.ORG.', 'ns-2.awsdns-01.org'];
    const row = providerTable(report).find((r) => r.name === 'awsdns-01.org');
    expect(row).toMatchObject({ roles: ['dns'], hosts: ['js.stripe.com'] });
  });
});
