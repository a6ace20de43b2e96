/**
 * The graph's "loaded by" arrows (src/core/map/graph-loaders.ts): which company nodes get an arrow, with
 * which host pairs behind it, and where each is drawn; the arrows agree with the chains.
 */
import { describe, expect, it } from 'vitest';
import { hostChains } from '../../../src/core/map/chains.ts';
import { buildLoaderLinks, placeLoaderLinks } from '../../../src/core/map/graph-loaders.ts';
import { layoutGraph, placeGraph } from '../../../src/core/map/graph-layout.ts';
import { buildGraph } from '../../../src/core/map/graph-model.ts';
import type { DependencyReport, MapInitiator } from '../../../src/core/map/types.ts';
import { shopReport } from './fixture-report.ts';

const by = (host: string): MapInitiator => ({ type: 'script', url: `https://${host}/x.js`, host });

/**
 * The shop with loads across companies: the page loads the tag manager and jsDelivr; the tag manager
 * loads Google Analytics (same company: no arrow), Stripe and the tracker; Analytics loads the tracker
 * too; Stripe loads the tracker's second file.
 */
function loadedShop(): DependencyReport {
  const report = shopReport();
  const at = (url: string) => report.resources.find((r) => r.url === url)!;
  for (const r of report.resources) delete r.initiatorHost;
  at('https://www.googletagmanager.com/gtm.js').initiator = by('www.shop.example');
  at('https://cdn.jsdelivr.net/npm/lib.js').initiator = by('www.shop.example');
  at('https://www.google-analytics.com/analytics.js').initiator = by('www.googletagmanager.com');
  at('https://js.stripe.com/v3/').initiator = by('www.googletagmanager.com');
  at('https://t.tracker.example/p').initiator = by('www.google-analytics.com');
  report.resources.push(
    {
      ...at('https://t.tracker.example/p'),
      url: 'https://t.tracker.example/q',
      initiator: by('www.googletagmanager.com'),
    },
    {
      ...at('https://t.tracker.example/p'),
      url: 'https://t.tracker.example/r',
      initiator: by('js.stripe.com'),
    },
  );
  return report;
}

describe('buildLoaderLinks', () => {
  it('one arrow per pair of companies, host pairs behind it, none within a company or from the site', () => {
    const report = loadedShop();
    const links = buildLoaderLinks(report, buildGraph(report));
    expect(
      links.map(
        (l) => `${l.source} -> ${l.target} (${l.weight}): ${l.pairs.map((p) => p.join('>')).join(', ')}`,
      ),
    ).toEqual([
      'c:Google -> c:Stripe (1): www.googletagmanager.com>js.stripe.com',
      'c:Google -> c:t.tracker.example (2): www.google-analytics.com>t.tracker.example, www.googletagmanager.com>t.tracker.example',
      'c:Stripe -> c:t.tracker.example (1): js.stripe.com>t.tracker.example',
    ]);
  });

  it('draws nothing for a map without loaders (a static scan, a Firefox HAR)', () => {
    const report = shopReport();
    for (const r of report.resources) delete r.initiatorHost;
    expect(buildLoaderLinks(report, buildGraph(report))).toEqual([]);
  });

  it('agrees with the chains: every third party brought in by another company has its arrow', () => {
    const report = loadedShop();
    const model = buildGraph(report);
    const pairs = buildLoaderLinks(report, model).flatMap((l) => l.pairs.map((p) => p.join('>')));
    const company = (host: string) =>
      model.nodes.find((n) => n.kind === 'company' && n.hosts.includes(host))!.id;
    const expected = hostChains(report)
      .filter((c) => c.by === 'third-party' && company(c.path.at(-1)!) !== company(c.host))
      .map((c) => `${c.path.at(-1)}>${c.host}`);
    expect(expected).toEqual([
      'www.googletagmanager.com>js.stripe.com',
      'www.googletagmanager.com>t.tracker.example',
    ]);
    for (const pair of expected) expect(pairs).toContain(pair);
  });
});

describe('placeLoaderLinks', () => {
  it('wide: curves left of the company column, bulging more the more rows they span', () => {
    const report = loadedShop();
    const model = buildGraph(report);
    const placed = placeLoaderLinks(placeGraph(model), buildLoaderLinks(report, model));
    // Company column at 273.6; Google (y 50, r 7.5), Stripe (y 102, r 6), tracker (y 128, r 6);
    // bulge 14 + 9 per row spanned (26 px): 2 rows 32, 3 rows 41, 1 row 23.
    expect(placed.map((l) => [l.path, l.width])).toEqual([
      ['M266.1,50C241.6,50 241.6,102 267.6,102', 1],
      ['M266.1,50C232.6,50 232.6,128 267.6,128', 1.5],
      ['M267.6,102C250.6,102 250.6,128 267.6,128', 1],
    ]);
  });

  it.each([
    ['wide', 760],
    ['narrow', 360],
  ])('%s: a long arrow stays between the site and the company column, inside the drawing', (_name, width) => {
    const report = loadedShop();
    // Besides the real arrows, one from the first company to the last: as many rows apart as there are.
    const model = buildGraph(report);
    const layout = placeGraph(model, { width });
    const site = layout.nodes[0]!;
    const company = layout.nodes.find((n) => n.kind === 'company')!;
    const far = [
      {
        source: layout.nodes[1]!.id,
        target: layout.nodes.filter((n) => n.kind === 'company').at(-1)!.id,
        pairs: [],
        weight: 40,
      },
    ];
    for (const link of placeLoaderLinks(layout, [...buildLoaderLinks(report, model), ...far])) {
      const xs = [...link.path.matchAll(/[MC ](-?[\d.]+),/g)].map((m) => Number(m[1]));
      for (const x of xs) {
        expect(x).toBeGreaterThanOrEqual(layout.narrow ? 0 : site.x);
        expect(x).toBeLessThan(company.x);
      }
    }
  });

  it('places the arrows of any layout of the same model (the view lays out per width)', () => {
    const report = loadedShop();
    const model = buildGraph(report);
    const links = buildLoaderLinks(report, model);
    expect(placeLoaderLinks(layoutGraph(report), links)).toEqual(placeLoaderLinks(placeGraph(model), links));
    expect(placeLoaderLinks(placeGraph(model, { width: 360 }), links)).toHaveLength(links.length);
  });
});
