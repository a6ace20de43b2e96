/**
 * The demo's shop page (test/fixtures/sites/shop.html, printed by `npm run start:demo`) through the real
 * pipeline: POST /api/scan, POST /api/resolve in batches as the mapper sends them, then the mapper's
 * core. Pins what the page is for: render-blocking third parties of several companies on several
 * networks, and the single points of failure they make.
 */
import { describe, expect, it } from 'vitest';
import { resourcesFromScan } from '../../src/core/map/from-scan.ts';
import { networksOf } from '../../src/core/map/hosts.ts';
import { hostCompany } from '../../src/core/map/operators.ts';
import { findSinglePointsOfFailure } from '../../src/core/map/spof.ts';
import type { DependencyReport } from '../../src/core/map/types.ts';
import { resolveAll, scan, site } from './scan-support.ts';

describe('the demo shop page, scanned and resolved', () => {
  it('shows render-blocking third parties on several networks, and the single points they make', async () => {
    const { status, body } = await scan(`${site()}/sites/shop.html`);
    expect(status).toBe(200);
    const hosts = await resolveAll(body.hosts, body.page.finalUrl);
    expect(hosts.filter((h) => h.errors.length > 0).map((h) => h.host)).toEqual([]);

    const blocking = body.resources.filter((r) => r.renderBlocking);
    const byHost = new Map(hosts.map((h) => [h.host, h]));
    const blockingThirdParty = [...new Set(blocking.map((r) => r.host))]
      .map((h) => byHost.get(h)!)
      .filter((h) => !h.firstParty);
    expect(Object.fromEntries(blockingThirdParty.map((h) => [h.host, networksOf(h).join('+')]))).toEqual({
      'cdn.cookielaw.org': 'Cloudflare',
      'www.googletagmanager.com': 'Google',
      'assets.adobedtm.com': 'Akamai',
      'code.jquery.com': 'Fastly',
      'cdnjs.cloudflare.com': 'Cloudflare',
      'cdn.jsdelivr.net': 'Cloudflare+jsDelivr',
      'fonts.googleapis.com': 'Google',
    });
    // The web font arrives twice blocking: a <link> in the head and an @import in the theme.
    expect(blocking.filter((r) => r.host === 'fonts.googleapis.com').map((r) => r.kind)).toEqual([
      'stylesheet',
      'css-import',
    ]);

    // Async/deferred analytics, body scripts, images, the iframe and the print stylesheet never block.
    const neverBlocking = [
      'www.google-analytics.com',
      'cdn.segment.com',
      'static.hotjar.com',
      'connect.facebook.net',
      'js.monitor.azure.com',
      'static.cloudflareinsights.com',
      'www.paypalobjects.com',
      'cdn.shopify.com',
      'www.youtube.com',
      'i.ytimg.com',
      'cdn.fixture-azure.com',
    ];
    for (const host of neverBlocking) {
      expect(body.hosts, host).toContain(host);
      expect(
        blocking.map((r) => r.host),
        host,
      ).not.toContain(host);
    }
    expect(body.resources).toContainEqual(
      expect.objectContaining({ host: 'www.youtube.com', kind: 'iframe', renderBlocking: false }),
    );

    // Every network of the fixture zones carries part of the page.
    const networks = new Set(hosts.flatMap(networksOf));
    for (const network of [
      'Google',
      'Cloudflare',
      'Akamai',
      'Fastly',
      'Amazon CloudFront',
      'Azure CDN',
      'Facebook',
    ]) {
      expect([...networks], network).toContain(network);
    }

    const report: DependencyReport = {
      version: 1,
      method: 'scan',
      page: body.page.finalUrl,
      createdAt: new Date(0).toISOString(),
      source: {},
      resources: resourcesFromScan(body),
      hosts,
    };
    const spofs = findSinglePointsOfFailure(report);
    const named = (kind: string) =>
      spofs
        .filter((s) => s.kind === kind)
        .map((s) => [s.name, s.renderBlocking])
        .sort();
    // Networks first, at operator level (CDN or DNS): Google carries GTM and the font CSS (the map keeps
    // URLs without their query, so both css2?family=… are one); Cloudflare's CDN or DNS sits under four
    // blocking resources; NS1 (IBM) answers DNS for jsDelivr's.
    expect(named('blocking-network')).toEqual(
      [
        ['Akamai', 1],
        ['Cloudflare', 4],
        ['Fastly', 1],
        ['Google', 2],
        ['IBM', 1],
        ['jsDelivr', 1],
      ].sort(),
    );
    // Companies only where no network of the same name already says it.
    expect(named('blocking-third-party')).toEqual(
      [
        ['OneTrust', 1],
        ['Adobe', 1],
        ['jQuery CDN', 1],
        ['JSDelivr CDN', 1],
      ].sort(),
    );
    // YouTube and Google Fonts are one company on the map (entity owners), not two.
    expect(hostCompany(byHost.get('i.ytimg.com')!)).toBe(hostCompany(byHost.get('fonts.gstatic.com')!));
  }, 30_000);
});
