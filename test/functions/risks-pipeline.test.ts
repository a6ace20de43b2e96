/**
 * Risks through the real pipeline (workerd, loopback DoH, the fixture site): POST /api/scan of the demo's
 * risk page (test/fixtures/sites/risks.html) returns Resource.risks, POST /api/resolve returns
 * ResolvedHost.risks and the SOAs that sister-domain evidence needs, both valid against the OpenAPI
 * mirrors, and the mapper's core turns them into the Risks section's list with polyfill.io first.
 */
import { describe, expect, it } from 'vitest';
import { resourcesFromScan } from '../../src/core/map/from-scan.ts';
import type { DependencyReport } from '../../src/core/map/types.ts';
import { resolvedHostSchema, scanResponseSchema } from '../../src/core/openapi/deps.ts';
import { applyOwnership } from '../../src/core/ownership/apply-ownership.ts';
import { resourcesWithRisks } from '../../src/core/risk/map-risks.ts';
import { missingSri, riskList } from '../../src/core/risk/risk-list.ts';
import { resolveAll, scan, site } from './scan-support.ts';

describe('the demo risk page, scanned and resolved', async () => {
  const { status, body } = await scan(`${site()}/sites/risks.html`);
  const hosts = status === 200 ? await resolveAll(body.hosts, body.page.finalUrl) : [];
  const risksOf = (url: string) =>
    (body.resources.find((r) => r.url.startsWith(url))?.risks ?? []).map((r) => `${r.code} ${r.severity}`);

  it('answers a scan that passes the OpenAPI mirror, with risks on its resources', () => {
    expect(status).toBe(200);
    expect(scanResponseSchema.safeParse(body).success).toBe(true);
  });

  it.each([
    ['https://cdn.polyfill.io/v3/polyfill.min.js', ['known_compromised high', 'no_sri medium']],
    ['https://cdn.bootcdn.net/', ['known_compromised high', 'no_sri medium']],
    ['https://cdnjs.cloudflare.com/', ['no_sri low']],
    ['https://cdn.jsdelivr.net/', ['no_sri medium']],
    ['https://unpkg.com/', ['no_sri medium']],
    ['https://www.googletagmanager.com/', ['no_sri low']],
    ['https://code.jquery.com/', []],
    [`${site()}/sites/js/site.js`, []],
    ['https://assets.fixture-risky.com/', []],
  ])('%s → %j', (url, expected) => {
    expect(risksOf(url)).toEqual(expected);
  });

  it('flags the script whose preload has integrity but whose element has none, not the preload', () => {
    const segment = body.resources.filter((r) => r.host === 'cdn.segment.com');
    expect(segment.map((r) => [r.kind, (r.risks ?? []).map((x) => x.code)])).toEqual([
      ['preload', []],
      ['script', ['no_sri']],
    ]);
    expect(segment[0]?.integrity).toMatch(/^sha384-/);
  });

  it('resolves the hosts with their own risks: the takeover candidate and the compromised domains', () => {
    for (const h of hosts) expect(resolvedHostSchema.safeParse(h).success, h.host).toBe(true);
    const flagged = Object.fromEntries(
      hosts.filter((h) => (h.risks ?? []).length > 0).map((h) => [h.host, h.risks!.map((r) => r.code)]),
    );
    expect(flagged).toEqual({
      'cdn.polyfill.io': ['known_compromised'],
      'cdn.bootcdn.net': ['known_compromised'],
      'assets.fixture-risky.com': ['dangling_cname'],
    });
    expect(hosts.find((h) => h.host === 'assets.fixture-risky.com')?.risks?.[0]?.evidence).toBe(
      'assets.fixture-risky.com → fixture-risky-gone.azurewebsites.net: NXDOMAIN (A, AAAA)',
    );
  });

  it('opens the page’s Risks section with the compromised domains, and counts what loads without SRI', () => {
    const report: DependencyReport = {
      version: 1,
      method: 'scan',
      page: body.page.finalUrl,
      createdAt: new Date().toISOString(),
      source: {},
      resources: resourcesFromScan(body),
      hosts,
    };
    const view = applyOwnership(report).report;
    view.resources = resourcesWithRisks(view);
    const list = riskList(view);
    expect(list.filter((i) => i.severity === 'high').map((i) => `${i.code} ${i.host}`)).toEqual([
      'known_compromised cdn.bootcdn.net',
      'known_compromised cdn.polyfill.io',
      'dangling_cname assets.fixture-risky.com',
    ]);
    expect(missingSri(view)).toEqual({ scripts: 6, stylesheets: 1 });
  });
});

describe('sister domains of a news site, as /api/resolve reports them', async () => {
  const page = 'https://www.fixture-news.com/';
  const hosts = await resolveAll(
    [
      'www.fixture-news.com',
      'static.fixture-newsimg.com',
      'a1.fxnws.com',
      'video.fixture-newsvideo.com',
      'widgets.fixture-widgets.com',
      'www.googletagmanager.com',
    ],
    page,
  );
  const report: DependencyReport = {
    version: 1,
    method: 'har',
    page,
    createdAt: new Date().toISOString(),
    source: {},
    resources: [],
    hosts,
  };

  it('carries the zones, sites and SOAs the evidence rests on', () => {
    expect(hosts.map((h) => [h.host, h.zone, h.soa?.contact ?? null])).toEqual([
      ['www.fixture-news.com', 'fixture-news.com', 'hostmaster.fixture-news.com'],
      ['static.fixture-newsimg.com', 'fixture-newsimg.com', null],
      ['a1.fxnws.com', 'fxnws.com', 'hostmaster.fixture-news.com'],
      ['video.fixture-newsvideo.com', 'fixture-newsvideo.com', null],
      ['widgets.fixture-widgets.com', 'fixture-widgets.com', 'dns.cloudflare.com'],
      // a company third-party-web knows is never asked: no SOA could make it yours
      ['www.googletagmanager.com', 'googletagmanager.com', null],
    ]);
  });

  it('marks three sisters "probably yours", each on its own evidence, and never the stranger on shared name servers', () => {
    const { sisters } = applyOwnership(report);
    expect(sisters.map((s) => [s.site, s.evidence.map((e) => e.kind)])).toEqual([
      ['fixture-newsimg.com', ['name-servers']],
      ['fixture-newsvideo.com', ['cname']],
      ['fxnws.com', ['soa']],
    ]);
  });
});
