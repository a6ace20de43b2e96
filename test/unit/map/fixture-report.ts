/**
 * A hand-written map of a small shop: two first-party hosts, a multi-CDN library, Google's tag manager,
 * analytics and fonts, Stripe, an unknown tracker and a host that does not resolve. Shapes follow
 * src/core/resolve/types.ts and src/core/scan/types.ts (what /api/resolve returns). Expected figures are worked out in the tests.
 */
import type { ProviderAttribution, ResolvedHost } from '../../../src/core/resolve/types.ts';
import type { DependencyReport, MapResource } from '../../../src/core/map/types.ts';

const cdn = (name: string): ProviderAttribution => ({ name, role: 'cdn', signal: 'cname' });
const cloud = (name: string): ProviderAttribution => ({ name, role: 'cloud', signal: 'ip-range' });
const dns = (name: string): ProviderAttribution => ({ name, role: 'dns', signal: 'ns' });

function host(
  name: string,
  company: string,
  category: string,
  providers: ProviderAttribution[],
  extra: Partial<ResolvedHost> = {},
): ResolvedHost {
  return {
    host: name,
    firstParty: false,
    entity: { name: company, company, category, unrecognised: false },
    cnames: [],
    addresses: ['192.0.2.1'],
    providers,
    asn: null,
    errors: [],
    ...extra,
  };
}

export const shopHosts: ResolvedHost[] = [
  host('www.shop.example', 'Shop', 'first-party', [cdn('Cloudflare'), dns('Cloudflare')], {
    firstParty: true,
  }),
  host('static.shop.example', 'Shop', 'first-party', [cdn('Amazon CloudFront'), dns('Cloudflare')], {
    firstParty: true,
  }),
  host('cdn.jsdelivr.net', 'jsDelivr', 'cdn', [cdn('Fastly'), cdn('Cloudflare')]),
  host('www.googletagmanager.com', 'Google', 'tag-manager', [cloud('Google Cloud'), dns('Google Cloud DNS')]),
  host('www.google-analytics.com', 'Google', 'analytics', [cloud('Google Cloud'), dns('Google Cloud DNS')]),
  host('fonts.gstatic.com', 'Google', 'cdn', [cloud('Google Cloud')]),
  host('js.stripe.com', 'Stripe', 'utility', [cdn('Amazon CloudFront')]),
  host('t.tracker.example', 't.tracker.example', 'unknown', [], {
    entity: {
      name: 't.tracker.example',
      company: 't.tracker.example',
      category: 'unknown',
      unrecognised: true,
    },
    asn: { number: 64500, name: 'EXAMPLE-NET', prefix: '192.0.2.0/24' },
  }),
  host('broken.example', 'broken.example', 'unknown', [], {
    entity: { name: 'broken.example', company: 'broken.example', category: 'unknown', unrecognised: true },
    addresses: [],
    errors: [{ code: 'nxdomain', message: 'No such host', stage: 'A' }],
  }),
];

const r = (
  url: string,
  type: MapResource['type'],
  renderBlocking = false,
  extra: Partial<MapResource> = {},
) => ({
  url,
  host: new URL(url).hostname,
  type,
  renderBlocking,
  blockingEvidence: 'browser' as const,
  ...extra,
});

export const shopResources: MapResource[] = [
  r('https://www.shop.example/', 'document', true),
  r('https://static.shop.example/app.css', 'stylesheet', true),
  r('https://cdn.jsdelivr.net/npm/lib.js', 'script', true),
  r('https://www.googletagmanager.com/gtm.js', 'script'),
  r('https://www.google-analytics.com/analytics.js', 'script', false, {
    initiatorHost: 'www.googletagmanager.com',
  }),
  r('https://fonts.gstatic.com/s/inter.woff2', 'font'),
  r('https://js.stripe.com/v3/', 'script'),
  r('https://static.shop.example/logo.png', 'image'),
  r('https://t.tracker.example/p', 'beacon'),
  r('https://broken.example/x.png', 'image'),
];

export function shopReport(overrides: Partial<DependencyReport> = {}): DependencyReport {
  return {
    version: 1,
    method: 'har',
    page: 'https://www.shop.example/',
    createdAt: '2026-11-26T12:00:00.000Z',
    source: { tool: 'hand-written', entries: 10, pages: 1 },
    resources: structuredClone(shopResources),
    hosts: structuredClone(shopHosts),
    ...overrides,
  };
}

/** The shop as a rendered scan maps it: initiators, what the browser did (requested, status, failure), the fence's refusals. */
export function renderedShopReport(): DependencyReport {
  const report = shopReport({ method: 'scan' });
  for (const r of report.resources) delete r.initiatorHost;
  report.resources[3]!.initiator = {
    type: 'parser',
    url: 'https://www.shop.example/',
    host: 'www.shop.example',
  };
  Object.assign(report.resources[4]!, {
    initiator: {
      type: 'script',
      url: 'https://www.googletagmanager.com/gtm.js',
      host: 'www.googletagmanager.com',
    },
    requested: true,
    status: 200,
  });
  Object.assign(report.resources[8]!, {
    initiator: { type: 'script' },
    requested: true,
    failure: 'net::ERR_FAILED',
  });
  Object.assign(report.resources[9]!, { requested: false });
  report.source = {
    tool: 'rendered scan',
    scanMethod: 'rendered',
    truncated: false,
    blocked: [
      { url: 'http://127.0.0.1/canary', reason: 'private_address' },
      { url: 'http://169.254.169.254/latest/meta-data/', reason: 'private_address' },
      { url: 'file:', reason: 'unsupported_scheme' },
    ],
  };
  return report;
}
