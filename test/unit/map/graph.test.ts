import { describe, expect, it } from 'vitest';
import {
  GRAPH_WIDTH,
  layoutGraph,
  MAX_GRAPH_COMPANIES,
  MAX_GRAPH_PROVIDERS,
  ROW_GAP,
} from '../../../src/core/map/graph.ts';
import type { ResolvedHost } from '../../../src/core/deps/types.ts';
import { shopHosts, shopReport } from './fixture-report.ts';

describe('layoutGraph', () => {
  it('lays the shop out in three columns, deterministic to the tenth of a unit', () => {
    const layout = layoutGraph(shopReport());
    const brief = layout.nodes.map((n) => `${n.id} ${n.x},${n.y} r${n.r} h${n.hosts.length}`);
    expect(layout.width).toBe(GRAPH_WIDTH);
    // 6 companies, 7 providers (incl. "Unattributed" for broken.example): 7 rows.
    expect(layout.height).toBe(48 + 6 * ROW_GAP);
    // Providers first by hosts (CF, GC, ACF, GCDNS, AS, Fastly, Unattr. = 0..6); companies by the mean
    // index of their providers weighted by hosts: first party (0*2+2*1)/3, Google (1*3+3*2)/5 = 1.8,
    // Stripe 2, jsDelivr (0+5)/2, tracker 4, broken 6; providers again by their companies' mean index:
    // CloudFront, Cloudflare, Google Cloud and its DNS all 1 (ties by name), Fastly 3, AS 4, Unattributed 5.
    expect(brief).toEqual([
      'site 76,102 r14 h9',
      'c:Your site (first party) 273.6,37 r6.8 h2',
      'c:Google 273.6,63 r7.5 h3',
      'c:Stripe 273.6,89 r6 h1',
      'c:jsDelivr 273.6,115 r6 h1',
      'c:t.tracker.example 273.6,141 r6 h1',
      'c:broken.example 273.6,167 r6 h1',
      'p:Amazon CloudFront 501.6,24 r6.8 h2',
      'p:Cloudflare 501.6,50 r7.5 h3',
      'p:Google Cloud 501.6,76 r7.5 h3',
      'p:Google Cloud DNS 501.6,102 r6.8 h2',
      'p:Fastly 501.6,128 r6 h1',
      'p:AS64500 EXAMPLE-NET 501.6,154 r6 h1',
      'p:Unattributed 501.6,180 r6 h1',
    ]);
    expect(layout.links).toHaveLength(6 + 9);
    expect(layout.links[0]).toEqual({
      source: 'site',
      target: 'c:Your site (first party)',
      weight: 2,
      path: 'M76,102C174.8,102 174.8,37 273.6,37',
      width: 2,
    });
  });

  it('gives the same layout whatever the order of hosts', () => {
    const a = layoutGraph(shopReport());
    const b = layoutGraph(shopReport({ hosts: [...shopReport().hosts].reverse() }));
    expect(b.nodes.map((n) => [n.id, n.x, n.y])).toEqual(a.nodes.map((n) => [n.id, n.x, n.y]));
  });

  it('keeps every node inside the drawing and no two nodes of a column on the same row', () => {
    const layout = layoutGraph(bigReport(120));
    for (const n of layout.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x).toBeLessThanOrEqual(layout.width);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeLessThanOrEqual(layout.height);
    }
    for (const kind of ['company', 'provider'] as const) {
      const ys = layout.nodes.filter((n) => n.kind === kind).map((n) => n.y);
      expect(new Set(ys).size).toBe(ys.length);
    }
  });

  it(`groups the long tails: at most ${MAX_GRAPH_COMPANIES} companies and ${MAX_GRAPH_PROVIDERS} providers at 120 hosts`, () => {
    const layout = layoutGraph(bigReport(120));
    const companies = layout.nodes.filter((n) => n.kind === 'company');
    const providers = layout.nodes.filter((n) => n.kind === 'provider');
    expect(companies).toHaveLength(MAX_GRAPH_COMPANIES);
    expect(providers).toHaveLength(MAX_GRAPH_PROVIDERS);
    const other = companies.find((n) => n.group)!;
    expect(other.label).toMatch(/^\d+ other companies$/);
    // Every host is behind exactly one company node.
    expect(companies.reduce((s, n) => s + n.hosts.length, 0)).toBe(120);
    expect(providers.some((n) => n.group && /other networks$/.test(n.label))).toBe(true);
  });

  it('draws an empty map as the site alone', () => {
    const layout = layoutGraph(shopReport({ hosts: [], resources: [] }));
    expect(layout.nodes.map((n) => n.id)).toEqual(['site']);
    expect(layout.links).toEqual([]);
  });
});

/** n hosts over n/3 companies and 30 networks: enough to need grouping. */
function bigReport(n: number) {
  const hosts: ResolvedHost[] = Array.from({ length: n }, (_, i) => ({
    ...shopHosts[2]!,
    host: `h${i}.example`,
    entity: { name: `E${i % 40}`, company: `Company ${i % 40}`, category: 'utility', unrecognised: false },
    providers: [{ name: `Net ${i % 30}`, role: 'cdn', signal: 'cname' }],
  }));
  return shopReport({ hosts, resources: [] });
}
