import { describe, expect, it } from 'vitest';
import {
  hostsFromScan,
  pageFromScan,
  reportBaseFromScan,
  resourcesFromScan,
} from '../../../src/core/map/from-scan.ts';
import { unresolvedHost } from '../../../src/core/map/hosts.ts';
import { browserRequest } from '../../support/rendered-scan.ts';
import { MAX_REPORT_BLOCKED } from '../../../src/core/map/report-limits.ts';
import { reportSchema } from '../../../src/core/map/report-schema.ts';
import type { ScanResponse } from '../../../src/core/scan/types.ts';

const scan: ScanResponse = {
  method: 'static',
  page: {
    requestedUrl: 'http://shop.example',
    finalUrl: 'https://www.shop.example/?utm=x',
    status: 200,
    redirects: [],
    bytes: 1000,
    truncated: false,
  },
  resources: [
    {
      url: 'https://static.shop.example/app.css',
      host: 'static.shop.example',
      kind: 'stylesheet',
      renderBlocking: true,
    },
    {
      url: 'https://cdn.example.net/lib.js?v=1',
      host: 'cdn.example.net',
      kind: 'script',
      renderBlocking: true,
    },
    {
      url: 'https://cdn.example.net/lib.js?v=2',
      host: 'cdn.example.net',
      kind: 'script',
      renderBlocking: false,
    },
    {
      url: 'https://fonts.example.com/a.woff2',
      host: 'fonts.example.com',
      kind: 'css-url',
      renderBlocking: false,
    },
    {
      url: 'https://www.tagmanager.example/gtm.js',
      host: 'www.tagmanager.example',
      kind: 'inferred',
      renderBlocking: false,
      inferred: true,
    },
    { url: 'https://pay.example/checkout', host: 'pay.example', kind: 'form', renderBlocking: false },
    { url: 'https://x.example/', host: 'x.example', kind: 'preconnect', renderBlocking: false },
    { url: 'javascript:void(0)', host: '', kind: 'iframe', renderBlocking: false },
  ],
  hosts: ['www.shop.example', 'static.shop.example', 'cdn.example.net', 'fonts.example.com'],
  limits: {},
};

describe('resourcesFromScan', () => {
  it('adds the page document, maps kinds to types, merges duplicates, drops non-network URLs', () => {
    expect(
      resourcesFromScan(scan).map(
        (r) => `${r.type} ${r.url}${r.renderBlocking ? ' BLOCKING' : ''}${r.inferred ? ' INFERRED' : ''}`,
      ),
    ).toEqual([
      'document https://www.shop.example/ BLOCKING',
      'stylesheet https://static.shop.example/app.css BLOCKING',
      'script https://cdn.example.net/lib.js BLOCKING',
      'font https://fonts.example.com/a.woff2',
      'script https://www.tagmanager.example/gtm.js INFERRED',
      'form https://pay.example/checkout',
      'hint https://x.example/',
    ]);
    expect(resourcesFromScan(scan).every((r) => r.blockingEvidence === 'scan')).toBe(true);
  });
});

describe('resourcesFromScan: SRI facts', () => {
  const res = (url: string, kind: ScanResponse['resources'][number]['kind'], integrity?: string) => ({
    url,
    host: new URL(url).hostname,
    kind,
    renderBlocking: false,
    ...(integrity === undefined ? {} : { integrity }),
  });
  const facts = (resources: ScanResponse['resources']) =>
    resourcesFromScan({ ...scan, resources })
      .slice(1)
      .map((r) => [r.type, r.url, r.integrity]);

  it('keeps what the element says: the attribute, null for none, nothing for what no SRI element loads', () => {
    expect(
      facts([
        res('https://cdn.example.net/a.js', 'script', 'sha384-abc'),
        res('https://cdn.example.net/b.css', 'stylesheet'),
        res('https://cdn.example.net/m.js', 'modulepreload', ''),
        res('https://cdn.example.net/i.png', 'image'),
        res('https://cdn.example.net/f.woff2', 'preload', 'sha384-abc'),
      ]),
    ).toEqual([
      ['script', 'https://cdn.example.net/a.js', 'sha384-abc'],
      ['stylesheet', 'https://cdn.example.net/b.css', null],
      ['script', 'https://cdn.example.net/m.js', ''],
      ['image', 'https://cdn.example.net/i.png', undefined],
      ['font', 'https://cdn.example.net/f.woff2', undefined],
    ]);
  });

  it('merges a preload with integrity and the script without into an unprotected script', () => {
    expect(
      facts([
        res('https://cdn.example.net/p.js', 'preload', 'sha384-abc'),
        res('https://cdn.example.net/p.js', 'script'),
      ]),
    ).toEqual([['script', 'https://cdn.example.net/p.js', null]]);
  });

  it('collapses whitespace in a long attribute so a saved report can hold it', () => {
    const [, , integrity] = facts([
      res('https://cdn.example.net/a.js', 'script', ' sha384-abc\n\tsha512-def '),
    ])[0]!;
    expect(integrity).toBe('sha384-abc sha512-def');
  });
});

describe('a hostile scanned page', () => {
  const hostile: ScanResponse = {
    ...scan,
    page: { ...scan.page, finalUrl: 'https://www.shop.example/account?reset_token=s3cr3t#x' },
    resources: [
      // The URL parser takes these hosts; no DNS name looks like them.
      { url: 'https://a!b$c.example/x.js', host: 'a!b$c.example', kind: 'script', renderBlocking: true },
      { url: `https://${'a'.repeat(300)}.example/`, host: 'long', kind: 'image', renderBlocking: false },
      { url: 'https://gооgle.com/x.js', host: 'gооgle.com', kind: 'script', renderBlocking: false },
      { url: 'data:text/html,<script>alert(1)</script>', host: '', kind: 'iframe', renderBlocking: false },
    ],
    hosts: ['www.shop.example', 'a!b$c.example', '\u202emoc.elgoog', 'WWW.EVIL.EXAMPLE'],
  };

  it('maps only network URLs on real host names, IDNs as punycode', () => {
    expect(resourcesFromScan(hostile).map((r) => `${r.host} ${r.url}`)).toEqual([
      'www.shop.example https://www.shop.example/account',
      'xn--ggle-55da.com https://xn--ggle-55da.com/x.js',
    ]);
  });

  it('resolves only host names a report can hold', () => {
    expect(hostsFromScan(hostile, resourcesFromScan(hostile))).toEqual([
      'www.shop.example',
      'xn--ggle-55da.com',
    ]);
  });

  it('stores the page without its query or fragment: a saved report is readable by anyone with the link', () => {
    expect(pageFromScan(hostile)).toBe('https://www.shop.example/account');
    expect(
      pageFromScan({ ...hostile, page: { ...hostile.page, finalUrl: 'javascript:alert(1)' } }),
    ).toBeNull();
  });
});

/**
 * A rendered scan of the shop, shaped exactly as the contract (src/core/scan/types.ts) says a rendered
 * scan answers: the browser's requests with their initiators, status or failure, what the HTML names but
 * the page never requested, and the fence's refusals.
 */
const rendered: ScanResponse = {
  method: 'rendered',
  page: {
    requestedUrl: 'http://shop.example/',
    finalUrl: 'https://www.shop.example/?utm=x',
    status: 200,
    redirects: ['http://shop.example/'],
    bytes: 20_000,
    truncated: false,
  },
  resources: [
    // The navigation itself and its redirect hop, as the browser lists them.
    {
      url: 'http://shop.example/',
      host: 'shop.example',
      kind: 'browser',
      resourceType: 'document',
      renderBlocking: true,
      renderBlockingSource: 'browser',
      requested: true,
      status: 301,
      initiator: { type: 'other' },
    },
    {
      url: 'https://www.shop.example/?utm=x',
      host: 'www.shop.example',
      kind: 'browser',
      resourceType: 'document',
      renderBlocking: true,
      renderBlockingSource: 'browser',
      requested: true,
      status: 200,
      initiator: { type: 'redirect', url: 'http://shop.example/' },
    },
    {
      url: 'https://static.shop.example/app.css',
      host: 'static.shop.example',
      kind: 'stylesheet',
      resourceType: 'stylesheet',
      renderBlocking: true,
      renderBlockingSource: 'browser',
      requested: true,
      status: 200,
      method: 'GET',
      initiator: { type: 'parser', url: 'https://www.shop.example/?utm=x' },
    },
    // A literal in an inline script, and then the request the tag manager's loader made of it.
    {
      url: 'https://www.googletagmanager.com/gtm.js?id=GTM-1',
      host: 'www.googletagmanager.com',
      kind: 'inferred',
      inferred: true,
      // The markup's guess; the browser's word on the request below wins.
      renderBlocking: true,
      renderBlockingSource: 'markup',
      requested: false,
    },
    browserRequest('https://www.googletagmanager.com/gtm.js?id=GTM-1', 'script', {
      type: 'script',
      url: 'https://www.shop.example/?utm=x',
    }),
    browserRequest('https://connect.facebook.net/en_US/fbevents.js', 'script', {
      type: 'script',
      url: 'https://www.googletagmanager.com/gtm.js?id=GTM-1',
    }),
    browserRequest(
      'https://www.facebook.com/tr?id=1&ev=PageView',
      'ping',
      { type: 'script', url: 'https://connect.facebook.net/en_US/fbevents.js' },
      { status: 204, method: 'POST' },
    ),
    browserRequest(
      'https://api.gone.example/v1/cart',
      'fetch',
      { type: 'script', url: 'https://static.shop.example/app.js' },
      { status: undefined, failure: 'net::ERR_NAME_NOT_RESOLVED' },
    ),
    {
      url: 'https://pay.example/frame',
      host: 'pay.example',
      kind: 'iframe',
      resourceType: 'document',
      renderBlocking: false,
      renderBlockingSource: 'browser',
      requested: true,
      status: 0,
      failure: 'something odd!',
      initiator: { type: 'parser', url: 'https://www.shop.example/' },
    },
    {
      url: 'https://fonts.example.com/a.woff2',
      host: 'fonts.example.com',
      kind: 'preload',
      resourceType: 'font',
      renderBlocking: false,
      renderBlockingSource: 'browser',
      requested: true,
      status: 200,
      initiator: { type: 'preload', url: 'javascript:void(0)' },
    },
    {
      url: 'https://lazy.example/hero.jpg',
      host: 'lazy.example',
      kind: 'image',
      renderBlocking: false,
      renderBlockingSource: 'markup',
      requested: false,
    },
  ],
  hosts: ['www.shop.example', 'shop.example', 'static.shop.example', 'www.googletagmanager.com'],
  limits: {},
  blocked: [
    { url: 'http://127.0.0.1:8080/canary?token=s3cr3t', reason: 'private_address' },
    { url: 'http://127.0.0.1:8080/canary?token=other', reason: 'private_address' },
    { url: 'file:///etc/passwd', reason: 'unsupported_scheme' },
    { url: 'javascript:alert(1)', reason: 'unsupported_scheme' },
    { url: `data:text/html,${'x'.repeat(10_000)}`, reason: 'unsupported\u202e_scheme' },
  ],
};

describe('resourcesFromScan: rendered scans', () => {
  const rows = (scan: ScanResponse) =>
    resourcesFromScan(scan).map(
      (r) =>
        `${r.type} ${r.url} ${r.blockingEvidence}${r.renderBlocking ? ' BLOCKING' : ''} ` +
        `by=${r.initiator ? `${r.initiator.type}:${r.initiator.host ?? '?'}` : '-'} ` +
        `requested=${r.requested ?? '-'} status=${r.status ?? '-'} failure=${r.failure ?? '-'}`,
    );

  it("maps the browser's types, initiators (stored like every URL), status and failures", () => {
    expect(rows(rendered)).toEqual([
      'document https://www.shop.example/ browser BLOCKING by=- requested=- status=- failure=-',
      // The redirect hop stays a document of the page, not a frame.
      'document http://shop.example/ browser BLOCKING by=other:? requested=true status=301 failure=-',
      'stylesheet https://static.shop.example/app.css browser BLOCKING by=parser:www.shop.example requested=true status=200 failure=-',
      // Named in an inline script first, then requested: one resource, as the browser requested it.
      'script https://www.googletagmanager.com/gtm.js browser by=script:www.shop.example requested=true status=200 failure=-',
      'script https://connect.facebook.net/en_US/fbevents.js browser by=script:www.googletagmanager.com requested=true status=200 failure=-',
      'beacon https://www.facebook.com/tr browser by=script:connect.facebook.net requested=true status=204 failure=-',
      'fetch https://api.gone.example/v1/cart browser by=script:static.shop.example requested=true status=- failure=net::ERR_NAME_NOT_RESOLVED',
      // A document that is not the page is a frame's; a status of 0 is no status; an odd failure is kept as a failure.
      'iframe https://pay.example/frame browser by=parser:www.shop.example requested=true status=- failure=failed',
      // A javascript: initiator URL is dropped, its type kept.
      'font https://fonts.example.com/a.woff2 browser by=preload:? requested=true status=200 failure=-',
      'image https://lazy.example/hero.jpg scan by=- requested=false status=- failure=-',
    ]);
  });

  it('keeps the initiator URL as origin and path: a query can carry tokens', () => {
    const fb = resourcesFromScan(rendered).find((r) => r.host === 'connect.facebook.net')!;
    expect(fb.initiator).toEqual({
      type: 'script',
      url: 'https://www.googletagmanager.com/gtm.js',
      host: 'www.googletagmanager.com',
    });
  });

  it("a static scan's resources carry none of the rendered fields", () => {
    const keys = new Set(resourcesFromScan(scan).flatMap((r) => Object.keys(r)));
    for (const key of ['initiator', 'requested', 'status', 'failure']) expect(keys.has(key), key).toBe(false);
  });
});

describe('reportBaseFromScan', () => {
  it('says how the page was seen, and keeps the refusals as stored URLs or bare schemes', () => {
    const base = reportBaseFromScan(rendered, '2026-12-01T00:00:00.000Z');
    expect(base.method).toBe('scan');
    expect(base.page).toBe('https://www.shop.example/');
    expect(base.source).toEqual({
      tool: 'rendered scan',
      scanMethod: 'rendered',
      truncated: false,
      blocked: [
        // Two requests to one target are one refusal; no query string, no script scheme, no data payload.
        { url: 'http://127.0.0.1:8080/canary', reason: 'private_address' },
        { url: 'file:', reason: 'unsupported_scheme' },
        { url: 'data:', reason: 'unsupported_scheme' },
      ],
    });
    expect(base.resources).toEqual(resourcesFromScan(rendered));
  });

  it(`keeps at most MAX_REPORT_BLOCKED (${MAX_REPORT_BLOCKED}) refusals`, () => {
    const many = {
      ...rendered,
      blocked: Array.from({ length: MAX_REPORT_BLOCKED + 20 }, (_, i) => ({
        url: `http://10.0.0.${i % 250}:${8000 + i}/`,
        reason: 'private_address',
      })),
    };
    expect(reportBaseFromScan(many, '2026-12-01T00:00:00.000Z').source.blocked).toHaveLength(
      MAX_REPORT_BLOCKED,
    );
  });

  it('a static answer to a rendered request says why, in words the report may hold', () => {
    const fellBack: ScanResponse = {
      ...scan,
      fallback: { code: 'browser_unavailable', message: 'No browser binding.\u202e' },
    };
    expect(reportBaseFromScan(fellBack, '2026-12-01T00:00:00.000Z').source).toEqual({
      tool: 'static scan',
      scanMethod: 'static',
      truncated: false,
      fallback: { code: 'browser_unavailable', message: 'No browser binding.' },
    });
    const odd = { ...scan, fallback: { code: '<b>x</b>', message: 'x' } };
    expect(reportBaseFromScan(odd, '2026-12-01T00:00:00.000Z').source.fallback?.code).toBe('unknown');
  });

  it('builds a report the saved-report schema accepts as it is', () => {
    const base = reportBaseFromScan(rendered, '2026-12-01T00:00:00.000Z');
    const resources = base.resources;
    const report = {
      ...base,
      hosts: hostsFromScan(rendered, resources).map((h) => unresolvedHost(h, 'timeout', 'not resolved')),
    };
    expect(reportSchema.parse(report)).toEqual(report);
  });
});
