import { describe, expect, it } from 'vitest';
import { hostsFromScan, pageFromScan, resourcesFromScan } from '../../../src/core/map/from-scan.ts';
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
