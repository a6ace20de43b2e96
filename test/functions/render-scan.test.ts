/**
 * Rendered scans of fixture pages in workerd, with the local browser behind the fence and the fixture
 * internet (test/support/render-world.ts): what a rendered scan records (every request with its resource
 * type, method, status and initiator), the superset of the static scan, render-blocking from the browser,
 * and the chain of the demo shop's tag manager. The expected values come from the fixture files
 * (test/fixtures/render/), not from a previous run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  renderPage,
  renderScan,
  resourceEndingWith,
  type RenderedScan,
  noBrowser,
} from './render-support.ts';

describe.skipIf(noBrowser)('rendered scan: the demo shop (test/fixtures/render/pages/shop.html)', () => {
  let url: string;
  let rendered: RenderedScan;
  let staticScan: RenderedScan;
  beforeAll(async () => {
    url = renderPage('shop.html');
    const [a, b] = await Promise.all([renderScan(url), renderScan(url, 'static')]);
    expect(a.status, JSON.stringify(a.body.error)).toBe(200);
    expect(b.status).toBe(200);
    rendered = a.body;
    staticScan = b.body;
  }, 90_000);

  it('answers as a rendered scan of the page', () => {
    expect(rendered.method).toBe('rendered');
    expect(rendered.fallback).toBeUndefined();
    expect(rendered.page).toMatchObject({ requestedUrl: url, finalUrl: url, status: 200, redirects: [] });
    expect(rendered.page.bytes).toBeGreaterThan(1000);
    expect(rendered.stats.render).toMatchObject({ stopReason: 'quiet', blocked: 0 });
    expect(rendered.limits).toMatchObject({
      maxRenderRequests: 1000,
      renderTimeLimitMs: 15_000,
      maxResources: 2000,
    });
  });

  it('finds every third party, most of which only scripts name', () => {
    expect(new Set(rendered.hosts)).toEqual(
      new Set([
        '127.0.0.1',
        'assets.fixture-shop.com',
        'www.googletagmanager.com',
        'widgets.outbrain.com',
        'm.media-amazon.com',
        'static.hotjar.com',
        'snap.licdn.com',
        'analytics.tiktok.com',
        'cdn.segment.com',
        'pagead2.googlesyndication.com',
        'static.klaviyo.com',
        'cdn.heapanalytics.com',
        'static.criteo.net',
      ]),
    );
    // The static scan sees what the HTML names: the page, its CDN, the tag manager, the widget, and the
    // two URLs nobody requests (a lazy image, a literal in a late timer).
    expect(new Set(staticScan.hosts)).toEqual(
      new Set([
        '127.0.0.1',
        'assets.fixture-shop.com',
        'www.googletagmanager.com',
        'widgets.outbrain.com',
        'm.media-amazon.com',
        'static.hotjar.com',
      ]),
    );
  });

  /** [URL ending, kind, resource type, method, status, initiator type, initiator URL ending] */
  const chain: Array<[string, string, string, string, number, string, string]> = [
    ['/css/shop.css', 'stylesheet', 'stylesheet', 'GET', 200, 'parser', 'shop.html'],
    ['/gtm.js?id=GTM-FX12AB', 'script', 'script', 'GET', 200, 'parser', 'shop.html'],
    ['/li.lms-analytics/insight.min.js', 'browser', 'script', 'GET', 200, 'script', '/gtm.js?id=GTM-FX12AB'],
    ['/i18n/pixel/events.js?sdkid=FX1', 'browser', 'script', 'GET', 200, 'script', '/gtm.js?id=GTM-FX12AB'],
    ['/v1/fx1234/analytics.min.js', 'browser', 'script', 'GET', 200, 'script', '/gtm.js?id=GTM-FX12AB'],
    ['/px.gif?pid=fx1&fmt=gif', 'browser', 'ping', 'POST', 200, 'script', '/li.lms-analytics/insight.min.js'],
    [
      '/api/v2/pixel?sdkid=FX1&event=Pageview',
      'browser',
      'fetch',
      'POST',
      200,
      'script',
      '/events.js?sdkid=FX1',
    ],
    ['/v1/projects/fx1234/settings.json', 'browser', 'xhr', 'GET', 200, 'script', '/analytics.min.js'],
    ['/onsite/js/klaviyo.js?company_id=FX1', 'browser', 'script', 'GET', 200, 'script', '/analytics.min.js'],
    ['/js/heap-fx1.js', 'browser', 'script', 'GET', 200, 'script', '/analytics.min.js'],
    ['/widget/fx1.html', 'iframe', 'document', 'GET', 200, 'parser', 'shop.html'],
    ['widgets.outbrain.com/outbrain.js', 'browser', 'script', 'GET', 200, 'parser', '/widget/fx1.html'],
    ['static.criteo.net/images/pixel.gif', 'browser', 'image', 'GET', 200, 'parser', '/widget/fx1.html'],
    ['/img/hero.png', 'browser', 'image', 'GET', 200, 'parser', '/css/shop.css'],
  ];

  it.each(chain)('%s: %s, %s %s, %i, brought by %s %s', (ending, kind, type, method, status, by, byUrl) => {
    const resource = resourceEndingWith(rendered, ending);
    expect(resource, ending).toBeDefined();
    expect(resource).toMatchObject({ kind, requested: true, resourceType: type, method, status });
    expect(resource?.initiator?.type).toBe(by);
    expect(resource?.initiator?.url?.split('?run=')[0]).toMatch(new RegExp(`${escape(byUrl)}$`));
  });

  it('attributes an Image() pixel made by a script to the document, as Chrome reports it', () => {
    // heap-fx1.js creates this image; the browser gives no stack for it (docs/scan.md).
    const pixel = resourceEndingWith(rendered, '/h?a=fx1&t=pageview');
    expect(pixel?.initiator).toEqual({ type: 'parser', url });
  });

  it('keeps what the HTML names but the page never requested, marked not requested', () => {
    expect(resourceEndingWith(rendered, '/images/fx-reviews.png')).toMatchObject({
      kind: 'image',
      requested: false,
      renderBlocking: false,
      renderBlockingSource: 'markup',
    });
    expect(resourceEndingWith(rendered, '/c/hotjar-3456789.js?sv=6')).toMatchObject({
      kind: 'inferred',
      inferred: true,
      requested: false,
    });
  });

  it('is a superset of the static scan: every static resource is there, with its kind', () => {
    const renderedKeys = new Set(rendered.resources.map((r) => `${r.kind} ${r.url}`));
    expect(staticScan.resources.length).toBeGreaterThan(5);
    for (const resource of staticScan.resources)
      expect(renderedKeys).toContain(`${resource.kind} ${resource.url}`);
  });

  it('takes render-blocking from the browser where it says so', () => {
    expect(resourceEndingWith(rendered, '/css/shop.css')).toMatchObject({
      renderBlocking: true,
      renderBlockingSource: 'browser',
    });
    expect(resourceEndingWith(rendered, '/gtm.js?id=GTM-FX12AB')).toMatchObject({
      renderBlocking: true,
      renderBlockingSource: 'browser',
    });
    expect(resourceEndingWith(rendered, '/img/logo.png')).toMatchObject({
      renderBlocking: false,
      renderBlockingSource: 'browser',
    });
    expect(resourceEndingWith(rendered, '/v1/fx1234/analytics.min.js')).toMatchObject({
      renderBlocking: false,
    });
  });
});

describe.skipIf(noBrowser)('rendered scan: every way a script brings in a request (inject.html)', () => {
  let url: string;
  let body: RenderedScan;
  beforeAll(async () => {
    url = renderPage('inject.html');
    const scan = await renderScan(url);
    expect(scan.status, JSON.stringify(scan.body.error)).toBe(200);
    body = scan.body;
  }, 90_000);

  /** [URL ending, initiator type, initiator URL ending ('' = the page itself)] */
  const cases: Array<[string, string, string, string]> = [
    ['a script written by document.write', '/fx-written@1/written.js', 'script', ''],
    ['a dynamic import()', '/fx-module@1/index.mjs', 'script', ''],
    ["the module's static import", '/fx-module@1/dep.mjs', 'script', '/fx-module@1/index.mjs'],
    ["a dedicated worker's fetch", '/ekr/fx.json', 'script', '/render/inject-worker.js'],
    ["an iframe's own third party", 'static.criteo.net/images/pixel.gif', 'parser', '/widget/fx1.html'],
    ['a fetch after three dialogs (dismissed, the page ran on)', '/libs/fx.json', 'script', ''],
    ['three levels down the tag manager', '/js/heap-fx1.js', 'script', '/analytics.min.js'],
  ];

  it.each(cases)('%s: %s brought by %s', (_what, ending, by, byUrl) => {
    const resource = resourceEndingWith(body, ending);
    expect(resource, ending).toMatchObject({ requested: true, status: 200, initiator: { type: by } });
    const initiatorUrl = resource?.initiator?.url ?? '';
    if (byUrl === '') expect(initiatorUrl).toBe(url);
    else expect(initiatorUrl.split('?run=')[0]).toMatch(new RegExp(`${escape(byUrl)}$`));
  });

  it('follows a redirect between CDNs, naming the hop that brought the target', () => {
    const hop = body.resources.find((r) => r.url.includes('/fx-redirect@1/index.js'));
    expect(hop).toMatchObject({ status: 302, requested: true });
    const target = body.resources.find((r) => r.url === 'http://code.jquery.com/jquery-fx.min.js');
    expect(target).toMatchObject({
      status: 200,
      initiator: { type: 'redirect', url: hop?.url },
    });
  });

  it('refuses the popup and lists it', () => {
    expect(body.blocked?.find((b) => b.code === 'popup')?.url).toBe(
      'http://widgets.outbrain.com/widget/fx1.html?popup',
    );
  });
});

/** A string as a literal in a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
