/**
 * One operator under several names (the demo shop's "Cloudflare", "Cloudflare DNS" and "cloudflare.com";
 * Amazon CloudFront, Route 53 and AWS; Akamai and Akamai Edge DNS): every view counts it once, with its
 * services listed under it, and the provider table, "what breaks", the single points of failure and the
 * graph give the same numbers for the same name.
 */
import { describe, expect, it } from 'vitest';
import type { ProviderAttribution, ResolvedHost } from '../../../src/core/resolve/types.ts';
import { hostChains } from '../../../src/core/map/chains.ts';
import { layoutGraph } from '../../../src/core/map/graph-layout.ts';
import { IMPACT_CLASSES, whatBreaks } from '../../../src/core/map/impact.ts';
import { hostCompany, operatorsOf, serviceDependencies } from '../../../src/core/map/operators.ts';
import { providerTable } from '../../../src/core/map/provider-table.ts';
import { findSinglePointsOfFailure } from '../../../src/core/map/spof.ts';
import { summarise } from '../../../src/core/map/summary.ts';
import type { DependencyReport, MapResource } from '../../../src/core/map/types.ts';

/** Attributions as a report saved before operators existed carries them: no `operator` field. */
const p = (role: ProviderAttribution['role'], name: string): ProviderAttribution => ({
  name,
  role,
  signal: role === 'dns' ? 'ns' : 'cname',
});

function host(
  name: string,
  company: string | null,
  providers: ProviderAttribution[],
  extra: Partial<ResolvedHost> = {},
): ResolvedHost {
  const site = name.split('.').slice(-2).join('.');
  return {
    host: name,
    firstParty: false,
    entity:
      company === null
        ? { name: site, company: site, category: 'other', unrecognised: true }
        : { name: company, company, category: 'utility', unrecognised: false },
    cnames: [],
    addresses: ['192.0.2.1'],
    providers,
    asn: null,
    errors: [],
    ...extra,
  };
}

const hosts: ResolvedHost[] = [
  host('www.shop.example', 'Shop', [p('cdn', 'Amazon CloudFront'), p('dns', 'Amazon Route 53')], {
    firstParty: true,
  }),
  // Cloudflare's own zone: no DNS attribution, only its name servers (the "cloudflare.com" row).
  host('cdnjs.cloudflare.com', 'Cloudflare', [p('cdn', 'Cloudflare')], {
    nameServers: ['ns3.cloudflare.com', 'ns4.cloudflare.com'],
  }),
  host('challenges.cloudflare.com', null, [p('cdn', 'Cloudflare')], { nameServers: ['ns3.cloudflare.com'] }),
  host('code.jquery.com', 'jQuery CDN', [p('cdn', 'Fastly'), p('dns', 'Cloudflare DNS')]),
  host('assets.adobedtm.com', 'Adobe', [p('cdn', 'Akamai'), p('dns', 'Akamai Edge DNS')]),
  host('api.shop-backend.example', null, [p('cloud', 'Amazon Web Services'), p('dns', 'Amazon Route 53')]),
  host('www.googletagmanager.com', 'Google', [p('network', 'Google'), p('dns', 'Google (own DNS)')]),
  host('connect.facebook.net', 'Facebook', [p('cdn', 'Facebook'), p('dns', 'Meta (own DNS)')]),
  host('www.facebook.com', 'Facebook', [p('cdn', 'Facebook'), p('dns', 'Meta (own DNS)')]),
];

const res = (
  url: string,
  type: MapResource['type'],
  renderBlocking = false,
  initiatorHost?: string,
): MapResource => ({
  url,
  host: new URL(url).hostname,
  type,
  renderBlocking,
  blockingEvidence: 'browser',
  ...(initiatorHost ? { initiatorHost } : {}),
});

const resources: MapResource[] = [
  res('https://www.shop.example/', 'document', true),
  res('https://cdnjs.cloudflare.com/lib.js', 'script', true),
  res('https://code.jquery.com/jquery.js', 'script', true),
  res('https://assets.adobedtm.com/launch.js', 'script', true),
  res('https://challenges.cloudflare.com/turnstile.js', 'script'),
  res('https://api.shop-backend.example/cart', 'fetch'),
  res('https://www.googletagmanager.com/gtm.js', 'script'),
  res('https://connect.facebook.net/fbevents.js', 'script', false, 'www.googletagmanager.com'),
  res('https://www.facebook.com/tr', 'beacon', false, 'connect.facebook.net'),
];

const report = (over: Partial<DependencyReport> = {}): DependencyReport => ({
  version: 1,
  method: 'har',
  page: 'https://www.shop.example/',
  createdAt: '2026-11-26T12:00:00.000Z',
  source: {},
  hosts: structuredClone(hosts),
  resources: structuredClone(resources),
  ...over,
});

describe('one operator, several names', () => {
  it('each host’s services carry their operator, derived for a report saved without it', () => {
    const byHost = Object.fromEntries(
      report().hosts.map((h) => [
        h.host,
        serviceDependencies(h).map((s) => `${s.role}:${s.service}@${s.operator}`),
      ]),
    );
    expect(byHost['cdnjs.cloudflare.com']).toEqual([
      'cdn:Cloudflare@Cloudflare',
      'dns:cloudflare.com@Cloudflare',
    ]);
    expect(byHost['code.jquery.com']).toEqual(['cdn:Fastly@Fastly', 'dns:Cloudflare DNS@Cloudflare']);
    expect(byHost['api.shop-backend.example']).toEqual([
      'cloud:Amazon Web Services@Amazon',
      'dns:Amazon Route 53@Amazon',
    ]);
    expect(operatorsOf(report().hosts[6]!)).toEqual(['Google']);
  });

  it('the provider table has one row per operator, with its services under it', () => {
    const rows = providerTable(report());
    expect(rows.map((r) => `${r.name} ${r.roles.join('+')} ${r.renderBlocking}`)).toEqual([
      // cdnjs (CDN + DNS) and jQuery (DNS): 2 render-blocking.
      'Cloudflare cdn+dns 2',
      // the document (CloudFront + Route 53); the API on AWS.
      'Amazon cdn+cloud+dns 1',
      'Akamai cdn+dns 1',
      'Fastly cdn 1',
      'Meta cdn+dns 0',
      'Google network+dns 0',
    ]);
    const cloudflare = rows[0]!;
    expect(cloudflare.services.map((s) => `${s.name}: ${s.hosts.join(', ')}`)).toEqual([
      'Cloudflare: cdnjs.cloudflare.com, challenges.cloudflare.com',
      'cloudflare.com: cdnjs.cloudflare.com, challenges.cloudflare.com',
      'Cloudflare DNS: code.jquery.com',
    ]);
    expect(rows.map((r) => r.name)).not.toContain('cloudflare.com');
    expect(summarise(report()).dnsProviders).toBe(5);
  });

  it('what breaks if Cloudflare goes down: every resource on any of its services, and through which', () => {
    const result = whatBreaks(report(), 'Cloudflare');
    expect(result.level).toBe('operator');
    expect(result.byClass['render-blocking'].map((i) => `${i.resource.host} via ${i.via.join('+')}`)).toEqual(
      ['cdnjs.cloudflare.com via Cloudflare+cloudflare.com', 'code.jquery.com via Cloudflare DNS'],
    );
    expect(result.services.map((s) => s.name)).toEqual(['Cloudflare', 'cloudflare.com', 'Cloudflare DNS']);
  });

  it('one service alone stays selectable, with the per-service detail', () => {
    const result = whatBreaks(report(), 'Cloudflare DNS');
    expect(result.level).toBe('service');
    expect(result.hosts).toEqual(['code.jquery.com']);
    const amazon = whatBreaks(report(), 'Amazon Route 53');
    expect(amazon.hosts).toEqual(['www.shop.example', 'api.shop-backend.example']);
    expect(amazon.pageDown).toBe(true);
  });

  it('an unknown host on Cloudflare’s domain is Cloudflare the company, not a company of its own', () => {
    const challenges = report().hosts[2]!;
    expect(hostCompany(challenges)).toBe('Cloudflare');
    const companies = layoutGraph(report()).nodes.filter((n) => n.kind === 'company');
    expect(companies.find((n) => n.label === 'Cloudflare')?.hosts).toEqual([
      'cdnjs.cloudflare.com',
      'challenges.cloudflare.com',
    ]);
    expect(companies.map((n) => n.label)).not.toContain('challenges.cloudflare.com');
    // Cloudflare, jQuery CDN, Adobe, shop-backend.example, Google, Facebook.
    expect(summarise(report()).thirdPartyCompanies).toBe(6);
  });
});

/**
 * The same loads as new reports store them: an initiator object (type, URL, host) on every resource, the
 * page's own requests included, and the pixel's self-loaded configuration.
 */
function withInitiators(): DependencyReport {
  const r = report();
  for (const x of r.resources) {
    const by = x.initiatorHost ?? (x.type === 'document' ? undefined : 'www.shop.example');
    delete x.initiatorHost;
    if (by) x.initiator = { type: 'script', url: `https://${by}/`, host: by };
  }
  r.resources.push({
    ...res('https://connect.facebook.net/signals/config.js', 'script'),
    initiator: {
      type: 'script',
      url: 'https://connect.facebook.net/fbevents.js',
      host: 'connect.facebook.net',
    },
  });
  return r;
}

describe('the provider table, what breaks, single points of failure, the summary and the graph agree', () => {
  it.each([
    ['the multi-name shop', () => report()],
    ['without the document', () => report({ resources: resources.filter((r) => r.type !== 'document') })],
    ['with initiators as new reports store them', withInitiators],
  ])('%s: the same counts for every operator in every view', (_name, make) => {
    const r = make();
    const rows = providerTable(r);
    const spof = findSinglePointsOfFailure(r).filter((s) => s.level === 'operator' && s.kind !== 'site-dns');
    const graph = layoutGraph(r).nodes.filter((n) => n.kind === 'provider');
    const chains = hostChains(r);
    for (const row of rows) {
      const breaks = whatBreaks(r, row.name);
      expect(breaks.level, row.name).toBe('operator');
      expect([...breaks.hosts].sort(), row.name).toEqual([...row.hosts].sort());
      expect(
        IMPACT_CLASSES.reduce((n, c) => n + breaks.byClass[c].length, 0),
        row.name,
      ).toBe(row.resources);
      expect(breaks.byClass['render-blocking'].length, row.name).toBe(row.renderBlocking);
      // What goes indirectly: the table's column is what-breaks' list.
      expect(breaks.loadedBy.length, row.name).toBe(row.indirect);
      const point = spof.find((s) => s.name === row.name);
      expect(point?.renderBlocking ?? 0, row.name).toBe(row.renderBlocking);
      if (point) expect(point.indirect, row.name).toBe(row.indirect);
      const node = graph.find((n) => n.label === row.name)!;
      expect(node.renderBlocking, row.name).toBe(row.renderBlocking);
      expect([...node.hosts].sort(), row.name).toEqual([...row.hosts].sort());
      // A host lost as a whole has no way in but through the provider: its chain passes through it.
      for (const lost of breaks.lostHosts) {
        const chain = chains.find((c) => c.host === lost)!;
        expect(
          chain.path.some((h) => breaks.hosts.includes(h)),
          `${row.name}: ${lost}`,
        ).toBe(true);
      }
    }
    // Every operator that carries a render-blocking resource is named a single point of failure.
    expect(spof.map((s) => s.name).sort()).toEqual(
      rows
        .filter((x) => x.renderBlocking > 0)
        .map((x) => x.name)
        .sort(),
    );
  });

  it('what goes indirectly is counted where it goes: Google takes the Facebook pixel, its config and beacon', () => {
    const r = withInitiators();
    expect(providerTable(r).map((row) => `${row.name} ${row.indirect}`)).toContain('Google 3');
    expect(whatBreaks(r, 'Google').lostHosts).toEqual(['connect.facebook.net', 'www.facebook.com']);
    // Amazon runs the page's host: everything the page requested goes with it.
    expect(whatBreaks(r, 'Amazon').loadedBy.length).toBe(r.resources.length - 2);
  });

  it('states SPOFs per operator, with the kind, and per company only where labelled so', () => {
    expect(
      findSinglePointsOfFailure(report()).map((s) => `${s.kind} ${s.level} ${s.name} ${s.renderBlocking}`),
    ).toEqual([
      'site-dns operator Amazon 0',
      'blocking-network operator Cloudflare 2',
      'blocking-network operator Amazon 1',
      'blocking-network operator Akamai 1',
      'blocking-network operator Fastly 1',
      // Companies whose blocking hosts no operator entry of the same name covers (Cloudflare's is).
      'blocking-third-party company Adobe 1',
      'blocking-third-party company jQuery CDN 1',
    ]);
  });
});

describe('tag-manager chains (HAR initiators)', () => {
  it('if Google goes down, the tags Google Tag Manager loads are lost too, down the chain', () => {
    const result = whatBreaks(report(), 'Google');
    expect(result.hosts).toEqual(['www.googletagmanager.com']);
    expect(result.loadedBy.map((i) => `${i.resource.url} <- ${i.loadedBy} (${i.impact})`)).toEqual([
      'https://connect.facebook.net/fbevents.js <- www.googletagmanager.com (functional)',
      'https://www.facebook.com/tr <- connect.facebook.net (cosmetic)',
    ]);
  });

  it('a host the page also loads directly stays up: its own requests do not go', () => {
    const r = report();
    r.resources.push(res('https://connect.facebook.net/sdk.js', 'script'));
    const lost = whatBreaks(r, 'Google').loadedBy.map((i) => i.resource.url);
    expect(lost).toEqual(['https://connect.facebook.net/fbevents.js']);
  });

  it('chains never count in the provider table’s numbers (they are listed apart)', () => {
    const result = whatBreaks(report(), 'Google');
    const row = providerTable(report()).find((x) => x.name === 'Google')!;
    expect(IMPACT_CLASSES.reduce((n, c) => n + result.byClass[c].length, 0)).toBe(row.resources);
  });

  it('a cycle of initiators ends', () => {
    const r = report();
    for (const x of r.resources)
      if (x.host === 'www.googletagmanager.com') x.initiatorHost = 'www.facebook.com';
    expect(whatBreaks(r, 'Meta').loadedBy.map((i) => i.resource.url)).toEqual([
      'https://www.googletagmanager.com/gtm.js',
    ]);
  });
});
