import { describe, expect, it } from 'vitest';
import { buildGraph, MAX_GRAPH_COMPANIES, MAX_GRAPH_PROVIDERS } from '../../../src/core/map/graph-model.ts';
import {
  GRAPH_WIDTH,
  LABEL_LINE_PX,
  layoutGraph,
  MAX_GRAPH_WIDTH,
  MIN_GRAPH_WIDTH,
  NARROW_BELOW,
  placeGraph,
  ROW_GAP,
  type GraphLayout,
  type GraphNode,
} from '../../../src/core/map/graph-layout.ts';
import type { ResolvedHost } from '../../../src/core/resolve/types.ts';
import { shopHosts, shopReport } from './fixture-report.ts';

describe('layoutGraph', () => {
  it('lays the shop out in three columns, deterministic to the tenth of a unit', () => {
    const layout = layoutGraph(shopReport());
    const brief = layout.nodes.map((n) => `${n.id} ${n.x},${n.y} r${n.r} h${n.hosts.length}`);
    expect(layout.width).toBe(GRAPH_WIDTH);
    expect(layout.narrow).toBe(false);
    // 6 companies, 6 providers (operators: Cloudflare = its CDN and DNS, Google = Cloud and Cloud DNS,
    // Amazon = CloudFront; "Unattributed" for broken.example): 6 rows, 24 px above and below.
    expect(layout.height).toBe(48 + 5 * ROW_GAP);
    // Providers first by hosts (Cloudflare, Google, Amazon, AS, Fastly, Unattributed = 0..5); companies
    // by the mean index of their providers weighted by hosts: first party (0*2+2*1)/3, Google 1,
    // jsDelivr (0+4)/2 and Stripe 2 (ties by name), tracker 3, broken 5; providers again by their
    // companies' mean index: Cloudflare (0*2+2)/3, Google 1, Amazon (0+3)/2, Fastly 2, AS 4, Unattributed 5.
    // Columns at 12 %, 36 % and 66 % of 760 px.
    expect(brief).toEqual([
      'site 91.2,89 r14 h9',
      'c:Your site (first party) 273.6,24 r6.8 h2',
      'c:Google 273.6,50 r7.5 h3',
      'c:jsDelivr 273.6,76 r6 h1',
      'c:Stripe 273.6,102 r6 h1',
      'c:t.tracker.example 273.6,128 r6 h1',
      'c:broken.example 273.6,154 r6 h1',
      'p:Cloudflare 501.6,24 r7.5 h3',
      'p:Google 501.6,50 r7.5 h3',
      'p:Amazon 501.6,76 r6.8 h2',
      'p:Fastly 501.6,102 r6 h1',
      'p:AS64500 EXAMPLE-NET 501.6,128 r6 h1',
      'p:Unattributed 501.6,154 r6 h1',
    ]);
    expect(layout.links).toHaveLength(6 + 8);
    expect(layout.links[0]).toEqual({
      source: 'site',
      target: 'c:Your site (first party)',
      weight: 2,
      path: 'M91.2,89C182.4,89 182.4,24 273.6,24',
      width: 2,
    });
    // Label boxes: centred under the site (as wide as the room left of it), right of the others up to
    // the next column's circles (501.6 - 14 - 4) or the drawing's edge (760 - 8).
    expect(layout.nodes[0]!.labelBox).toEqual({ x: 91.2, y: 117, anchor: 'middle', maxWidth: 166 });
    expect(layout.nodes[1]!.labelBox).toEqual({ x: 284.4, y: 28, anchor: 'start', maxWidth: 199 });
    expect(layout.nodes[7]!.labelBox).toEqual({ x: 513.1, y: 28, anchor: 'start', maxWidth: 238 });
  });

  it('marks a company node with the worst risk of its hosts, and no node without one', () => {
    const report = shopReport();
    const cdn = report.hosts.find((h) => h.host === 'cdn.jsdelivr.net')!;
    cdn.risks = [{ code: 'known_compromised', severity: 'high', message: 'm', evidence: 'e' }];
    report.resources.push({
      url: 'http://cdn.jsdelivr.net/x.png',
      host: 'cdn.jsdelivr.net',
      type: 'image',
      renderBlocking: false,
      blockingEvidence: 'scan',
      risks: [{ code: 'insecure_transport', severity: 'low', message: 'm', evidence: 'e' }],
    });
    const risky = buildGraph(report).nodes.filter((n) => n.risk !== undefined);
    expect(risky.map((n) => [n.id, n.risk])).toEqual([['c:jsDelivr', 'high']]);
    expect(buildGraph(shopReport()).nodes.some((n) => n.risk !== undefined)).toBe(false);
  });

  it('gives the same layout whatever the order of hosts', () => {
    const a = layoutGraph(shopReport());
    const b = layoutGraph(shopReport({ hosts: [...shopReport().hosts].reverse() }));
    expect(b.nodes.map((n) => [n.id, n.x, n.y])).toEqual(a.nodes.map((n) => [n.id, n.x, n.y]));
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

  it('never folds a company or network that carries render-blocking resources; folds the least important first', () => {
    const report = bigReport(120);
    // The smallest company and network of the tail each get one render-blocking resource.
    report.resources = [
      {
        url: 'https://h39.example/a.js',
        host: 'h39.example',
        type: 'script',
        renderBlocking: true,
        blockingEvidence: 'browser',
      },
      {
        url: 'https://h29.example/b.css',
        host: 'h29.example',
        type: 'stylesheet',
        renderBlocking: true,
        blockingEvidence: 'browser',
      },
    ];
    const layout = layoutGraph(report);
    const companies = layout.nodes.filter((n) => n.kind === 'company');
    const providers = layout.nodes.filter((n) => n.kind === 'provider');
    expect(companies).toHaveLength(MAX_GRAPH_COMPANIES);
    expect(providers).toHaveLength(MAX_GRAPH_PROVIDERS);
    // h39: Company 39 on Net 9; h29: Company 29 on Net 29.
    for (const label of ['Company 39', 'Company 29', 'Net 9', 'Net 29']) {
      const node = layout.nodes.find((n) => n.label === label);
      expect(node?.group, label).toBe(false);
      expect(node!.renderBlocking).toBe(1);
    }
    // Nothing render-blocking is left inside a group node.
    for (const n of layout.nodes.filter((x) => x.group)) expect(n.renderBlocking, n.label).toBe(0);
  });

  it('never folds a single point of failure, even with more of them than the cap', () => {
    const report = bigReport(120);
    // Every company serves one blocking resource: all 40 are drawn, none folded.
    report.resources = Array.from({ length: 40 }, (_, i) => ({
      url: `https://h${i}.example/a.js`,
      host: `h${i}.example`,
      type: 'script' as const,
      renderBlocking: true,
      blockingEvidence: 'browser' as const,
    }));
    const companies = layoutGraph(report).nodes.filter((n) => n.kind === 'company');
    expect(companies).toHaveLength(40);
    expect(companies.some((n) => n.group)).toBe(false);
  });

  it('draws an empty map as the site alone, its label inside the drawing', () => {
    const layout = layoutGraph(shopReport({ hosts: [], resources: [] }));
    expect(layout.nodes.map((n) => n.id)).toEqual(['site']);
    expect(layout.links).toEqual([]);
    expect(problems(layout)).toEqual([]);
  });

  it('lays out for the width it is given, clamped to what a phone and a wide screen need', () => {
    expect(layoutGraph(shopReport(), { width: 100 }).width).toBe(MIN_GRAPH_WIDTH);
    expect(layoutGraph(shopReport(), { width: 5000 }).width).toBe(MAX_GRAPH_WIDTH);
    expect(layoutGraph(shopReport(), { width: 958.4 }).width).toBe(958);
    expect(layoutGraph(shopReport(), { width: NARROW_BELOW - 1 }).narrow).toBe(true);
    expect(layoutGraph(shopReport(), { width: NARROW_BELOW }).narrow).toBe(false);
  });

  it('narrow: the site heads the drawing, companies and providers below it in two label columns', () => {
    const layout = layoutGraph(bigReport(120), { width: 328, top: 44 });
    const [site, ...rest] = layout.nodes as [GraphNode, ...GraphNode[]];
    expect([site.x, site.y]).toEqual([22, 66]);
    expect(site.labelBox).toEqual({ x: 40, y: 70, anchor: 'start', maxWidth: 280 });
    for (const n of rest) expect(n.y).toBeGreaterThanOrEqual(site.y + ROW_GAP);
    // Each label column keeps about 15 characters of a 12 px font, the same for both.
    const room = (kind: string) =>
      Math.min(...layout.nodes.filter((n) => n.kind === kind).map((n) => n.labelBox.maxWidth));
    expect(room('company')).toBeGreaterThanOrEqual(100);
    expect(Math.abs(room('company') - room('provider'))).toBeLessThanOrEqual(10);
    // The site's edges drop down from it, then bend into their company.
    expect(layout.links[0]!.path).toMatch(/^M22,66C22,\d+(\.\d)? 22,\d+(\.\d)? 54,\d+(\.\d)?$/);
  });

  it('places an existing layout again exactly as laying out the report afresh (the view relies on it)', () => {
    const report = bigReport(120);
    const options = { width: 360, top: 44 };
    expect(placeGraph(layoutGraph(report), options)).toEqual(layoutGraph(report, options));
    expect(placeGraph(buildGraph(report), options)).toEqual(layoutGraph(report, options));
  });

  describe.each([
    ['the shop', () => shopReport()],
    ['120 hosts', () => bigReport(120)],
    ['120 hosts with long names', () => bigReport(120, 'a-rather-long-company-name-for-a-label')],
  ])('readable at every width: %s', (_name, report) => {
    it.each([280, 328, 414, 559, 560, 768, 958, 1200])(
      '%i px: nodes and label boxes inside, under the controls band, none over another',
      (width) => {
        const layout = layoutGraph(report(), { width, top: 44 });
        expect(layout.width).toBe(width);
        expect(problems(layout, 44)).toEqual([]);
        for (const kind of ['company', 'provider'] as const) {
          const ys = layout.nodes.filter((n) => n.kind === kind).map((n) => n.y);
          expect(new Set(ys).size).toBe(ys.length);
        }
      },
    );
  });
});

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
/** The most a label may cover: its whole box, one LABEL_LINE_PX tall around the baseline. */
function labelRect(n: GraphNode): Box {
  const { x, y, anchor, maxWidth } = n.labelBox;
  const left = anchor === 'middle' ? x - maxWidth / 2 : x;
  return { left, right: left + maxWidth, top: y - LABEL_LINE_PX + 4, bottom: y + 4 };
}
const circleRect = (n: GraphNode): Box => ({
  left: n.x - n.r,
  right: n.x + n.r,
  top: n.y - n.r,
  bottom: n.y + n.r,
});
const overlap = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Everything a reader would call unreadable, as sentences; [] when the drawing is clean. */
function problems(layout: GraphLayout, top = 0): string[] {
  const out: string[] = [];
  const drawing: Box = { left: 0, right: layout.width, top, bottom: layout.height };
  const within = (a: Box) =>
    a.left >= drawing.left && a.right <= drawing.right && a.top >= drawing.top && a.bottom <= drawing.bottom;
  layout.nodes.forEach((a, i) => {
    if (!within(labelRect(a))) out.push(`label ${a.id} outside`);
    if (!within(circleRect(a))) out.push(`node ${a.id} outside`);
    if (a.labelBox.maxWidth < 60) out.push(`label ${a.id} only ${a.labelBox.maxWidth} px`);
    layout.nodes.forEach((b, j) => {
      if (j > i && overlap(labelRect(a), labelRect(b))) out.push(`label ${a.id} over label ${b.id}`);
      if (j !== i && overlap(labelRect(a), circleRect(b))) out.push(`label ${a.id} over node ${b.id}`);
      if (j > i && overlap(circleRect(a), circleRect(b))) out.push(`node ${a.id} over node ${b.id}`);
    });
  });
  return out;
}

/** n hosts over n/3 companies and 30 networks: enough to need grouping. */
function bigReport(n: number, prefix = 'Company') {
  const hosts: ResolvedHost[] = Array.from({ length: n }, (_, i) => ({
    ...shopHosts[2]!,
    host: `h${i}.example`,
    entity: { name: `E${i % 40}`, company: `${prefix} ${i % 40}`, category: 'utility', unrecognised: false },
    providers: [{ name: `Net ${i % 30}`, role: 'cdn', signal: 'cname' }],
  }));
  return shopReport({ hosts, resources: [] });
}
