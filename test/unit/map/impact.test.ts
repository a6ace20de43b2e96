import { describe, expect, it } from 'vitest';
import {
  classifyImpact,
  IMPACT_CLASSES,
  whatBreaks,
  type ImpactClass,
} from '../../../src/core/map/impact.ts';
import type { ResolvedHost } from '../../../src/core/resolve/types.ts';
import type { MapResource, ResourceType } from '../../../src/core/map/types.ts';
import { shopHosts, shopReport } from './fixture-report.ts';

const resource = (type: ResourceType, renderBlocking = false): MapResource => ({
  url: 'https://x.example/a',
  host: 'x.example',
  type,
  renderBlocking,
  blockingEvidence: 'browser',
});
const third = (category: string): ResolvedHost => ({
  ...shopHosts[2]!,
  entity: { ...shopHosts[2]!.entity, category },
});
const own = (category: string): ResolvedHost => ({ ...third(category), firstParty: true });

describe('classifyImpact', () => {
  it.each<[string, MapResource, ResolvedHost | undefined, ImpactClass]>([
    ['blocking script', resource('script', true), third('utility'), 'render-blocking'],
    [
      'blocking analytics script (hangs the page all the same)',
      resource('script', true),
      third('analytics'),
      'render-blocking',
    ],
    ['document even if unflagged', resource('document'), undefined, 'render-blocking'],
    ['async script', resource('script'), third('utility'), 'functional'],
    ['tag manager script', resource('script'), third('tag-manager'), 'functional'],
    ['iframe', resource('iframe'), third('video'), 'functional'],
    ['form', resource('form'), third('utility'), 'functional'],
    ['font', resource('font'), third('cdn'), 'functional'],
    ['fetch', resource('fetch'), third('utility'), 'functional'],
    ['unknown type', resource('other'), undefined, 'functional'],
    ['analytics script', resource('script'), third('analytics'), 'cosmetic'],
    ['ad iframe', resource('iframe'), third('ad'), 'cosmetic'],
    [
      'first-party script in an "analytics" entity stays functional',
      resource('script'),
      own('analytics'),
      'functional',
    ],
    ['image', resource('image'), third('content'), 'cosmetic'],
    ['beacon', resource('beacon'), undefined, 'cosmetic'],
    ['preconnect hint', resource('hint'), undefined, 'cosmetic'],
  ])('%s -> %s', (_name, r, host, expected) => {
    expect(classifyImpact(r, host)).toBe(expected);
  });
});

const urls = (items: { resource: MapResource }[]) => items.map((i) => i.resource.url);

describe('whatBreaks', () => {
  it('Cloudflare (site CDN + site DNS + one CDN of jsDelivr): the page goes down', () => {
    const result = whatBreaks(shopReport(), 'Cloudflare');
    expect(result.pageDown).toBe(true);
    expect(result.hosts).toEqual(['www.shop.example', 'static.shop.example', 'cdn.jsdelivr.net']);
    expect(urls(result.byClass['render-blocking'])).toEqual([
      'https://www.shop.example/',
      'https://static.shop.example/app.css',
      'https://cdn.jsdelivr.net/npm/lib.js',
    ]);
    expect(result.byClass.functional).toEqual([]);
    expect(urls(result.byClass.cosmetic)).toEqual(['https://static.shop.example/logo.png']);
  });

  it('Google Cloud: tag manager and fonts stop working, analytics is lost, the page renders', () => {
    const result = whatBreaks(shopReport(), 'Google Cloud');
    expect(result.pageDown).toBe(false);
    expect(result.byClass['render-blocking']).toEqual([]);
    expect(urls(result.byClass.functional)).toEqual([
      'https://www.googletagmanager.com/gtm.js',
      'https://fonts.gstatic.com/s/inter.woff2',
    ]);
    expect(urls(result.byClass.cosmetic)).toEqual(['https://www.google-analytics.com/analytics.js']);
    expect(result.byClass.functional[0]!.company).toBe('Google');
  });

  it('a DNS-only provider breaks the hosts it answers for', () => {
    const result = whatBreaks(shopReport(), 'Google Cloud DNS');
    expect(result.hosts).toEqual(['www.googletagmanager.com', 'www.google-analytics.com']);
  });

  it('an ASN stands in for a provider when nothing else matched', () => {
    expect(urls(whatBreaks(shopReport(), 'AS64500 EXAMPLE-NET').byClass.cosmetic)).toEqual([
      'https://t.tracker.example/p',
    ]);
  });

  it('an unknown provider breaks nothing', () => {
    const result = whatBreaks(shopReport(), 'Nobody');
    expect(result.hosts).toEqual([]);
    expect(Object.values(result.byClass).flat()).toEqual([]);
  });
});

describe('whatBreaks: what goes indirectly', () => {
  /** The shop where the tag manager loads Stripe, and Stripe the tracker's pixel. */
  function tagged() {
    const report = shopReport();
    const at = (url: string) => report.resources.find((r) => r.url === url)!;
    const by = (host: string) => ({ type: 'script' as const, url: `https://${host}/x.js`, host });
    at('https://js.stripe.com/v3/').initiator = by('www.googletagmanager.com');
    at('https://t.tracker.example/p').initiator = by('js.stripe.com');
    return report;
  }

  it.each<[string, string, string[], string[]]>([
    [
      'Google Cloud (the tag manager): Stripe and the pixel Stripe loads, each with its loader and class',
      'Google Cloud',
      [
        'https://js.stripe.com/v3/ <- www.googletagmanager.com (functional)',
        'https://t.tracker.example/p <- js.stripe.com (cosmetic)',
      ],
      ['js.stripe.com', 't.tracker.example'],
    ],
    [
      'Amazon CloudFront (Stripe’s CDN): the pixel Stripe loads',
      'Amazon CloudFront',
      ['https://t.tracker.example/p <- js.stripe.com (cosmetic)'],
      ['t.tracker.example'],
    ],
    ['Fastly (jsDelivr, which loads nothing)', 'Fastly', [], []],
  ])('%s', (_name, provider, lost, hosts) => {
    const result = whatBreaks(tagged(), provider);
    expect(result.loadedBy.map((i) => `${i.resource.url} <- ${i.loadedBy} (${i.impact})`)).toEqual(lost);
    expect(result.lostHosts).toEqual(hosts);
    // Indirect losses are listed apart: the classes keep the resources on the provider's own hosts.
    expect(IMPACT_CLASSES.flatMap((c) => result.byClass[c]).some((i) => i.loadedBy !== undefined)).toBe(
      false,
    );
  });
});
