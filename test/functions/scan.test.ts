import { describe, expect, it } from 'vitest';
import {
  MAX_PAGE_BYTES,
  MAX_REDIRECTS,
  MAX_REQUEST_BODY_BYTES,
  MAX_RESOURCES,
  PAGE_TIME_LIMIT_MS,
  SCAN_LIMITS,
} from '../../src/core/scan/limits.ts';
import { otherSite, outcome, postScan, scan, site } from './scan-support.ts';

/** A fresh query string per call, so no test is answered from another's cache entry. */
let counter = 0;
const fresh = (path: string) =>
  `${site()}${path}${path.includes('?') ? '&' : '?'}t=${Date.now()}-${counter++}`;

describe('POST /api/scan: pages', () => {
  it('scans a fixture page and reads its first-party stylesheet one level deep', async () => {
    const url = fresh('/sites/all-kinds.html');
    const { status, body } = await scan(url);
    expect(status).toBe(200);
    const o = site();
    expect(body.page).toEqual({
      requestedUrl: url,
      finalUrl: url,
      status: 200,
      redirects: [],
      bytes: expect.any(Number),
      truncated: false,
    });
    expect(body.hosts[0]).toBe('127.0.0.1');
    expect(new Set(body.hosts).size).toBe(body.hosts.length);
    expect(body.limits).toEqual(SCAN_LIMITS);
    expect(body.stats).toMatchObject({
      stylesheetsRead: 1,
      stylesheetsFailed: 0,
      encoding: 'utf-8',
      cache: 'miss',
    });
    const fromSheet = body.resources.map((r) => `${r.kind}${r.renderBlocking ? '!' : ''} ${r.url}`);
    expect(fromSheet).toEqual(
      expect.arrayContaining([
        `css-import! ${o}/sites/css/imported.css`,
        'css-import! https://fonts.fixture.test/from-sheet.css',
        `css-import ${o}/sites/css/print-only.css`,
        `css-url ${o}/fonts/inter.woff2`,
        'css-url https://fonts.fixture.test/inter.woff',
        `css-url ${o}/sites/img/hero.png`,
      ]),
    );
    const all = body.resources.map((r) => r.url).join(' ');
    for (const absent of [
      'in-a-string',
      'in-a-comment',
      'too-deep',
      'commented',
      'links.fixture.test',
      'data-block',
      'template.js',
    ]) {
      expect(all).not.toContain(absent);
    }
    expect(body.resources.find((r) => r.url === 'https://cdn.fixture.test/sync.js')).toEqual({
      url: 'https://cdn.fixture.test/sync.js',
      host: 'cdn.fixture.test',
      kind: 'script',
      renderBlocking: true,
      // a third-party script without integrity (docs/risks.md)
      risks: [expect.objectContaining({ code: 'no_sri', severity: 'medium' })],
    });
  });

  it('serves a repeat scan from the cache, keyed by the normalised URL', async () => {
    const url = fresh('/sites/simple.html');
    const first = await scan(url);
    expect(first.body.stats.cache).toBe('miss');
    // Same page written differently: spaces, upper-case scheme, a fragment.
    const again = await scan(`  ${url.replace(/^http:/, 'HTTP:')}#fragment `);
    expect(again.body.stats.cache).toBe('hit');
    expect({ ...again.body, stats: undefined }).toEqual({ ...first.body, stats: undefined });
    const other = await scan(`${url}&other`);
    expect(other.body.stats.cache).toBe('miss');
  });

  it.each([
    ['/type/xhtml', 'ok'],
    ['/type/html-upper', 'ok'],
    ['/type/json', '422 not_html'],
    ['/type/png', '422 not_html'],
    ['/type/plain', '422 not_html'],
    ['/type/none', '422 not_html'],
    ['/status/404', '424 origin_error'],
    ['/status/500', '424 origin_error'],
    ['/status/503', '424 origin_error'],
    ['/redirect/no-location', '424 origin_error'],
    ['/encoding/utf-16', '422 unsupported_encoding'],
    ['/encoding/bogus', 'ok'],
    ['/no-such-page', '424 origin_error'],
  ])('%s → %s', async (path, expected) => {
    expect(await outcome(fresh(path))).toBe(expected);
  });

  it('reads legacy encodings: header charset, <meta charset>, invalid UTF-8', async () => {
    const latin = await scan(fresh('/encoding/windows-1252'));
    expect(latin.body.stats.encoding).toBe('windows-1252');
    expect(latin.body.resources.map((r) => r.url)).toContain(`${site()}/caf%C3%A9.png`);
    const sjis = await scan(fresh('/encoding/shift_jis-meta'));
    expect(sjis.body.stats.encoding).toBe('shift_jis');
    expect(sjis.body.resources.map((r) => r.url)).toEqual([
      `${site()}/%E3%81%82.png`,
      'https://sjis.fixture.test/a.js',
    ]);
    const bad = await scan(fresh('/encoding/invalid-utf8'));
    expect(bad.body.resources.map((r) => r.host)).toContain('after-bad-bytes.fixture.test');
  });
});

describe('POST /api/scan: redirects', () => {
  it(`follows up to ${MAX_REDIRECTS} redirects and reports each hop`, async () => {
    const { status, body } = await scan(fresh(`/redirect/chain/${MAX_REDIRECTS}`));
    expect(status).toBe(200);
    expect(body.page.redirects).toHaveLength(MAX_REDIRECTS);
    expect(body.page.finalUrl).toBe(`${site()}/sites/simple.html`);
    expect(body.hosts).toContain('cdn.fixture.test');
  });

  it.each([
    [`/redirect/chain/${MAX_REDIRECTS + 1}`, '422 too_many_redirects'],
    ['/redirect/loop', '422 too_many_redirects'],
  ])('%s → %s', async (path, expected) => {
    expect(await outcome(fresh(path))).toBe(expected);
  });

  it('follows a redirect to another allowed origin (every hop re-checked, both exempt)', async () => {
    const target = `${otherSite()}/sites/simple.html`;
    const { status, body } = await scan(fresh(`/redirect/to?status=308&url=${encodeURIComponent(target)}`));
    expect(status).toBe(200);
    expect(body.page.finalUrl).toBe(target);
  });
});

describe('POST /api/scan: hostile origins', () => {
  it('cuts a gzip bomb at the byte limit, counted after decompression', async () => {
    const { status, body } = await scan(fresh('/gzip-bomb'));
    expect(status).toBe(200);
    expect(body.page).toMatchObject({ truncated: true, bytes: MAX_PAGE_BYTES });
    expect(body.stats.limitsHit).toContain('maxPageBytes');
    expect(body.hosts).toContain('bomb.fixture.test');
  });

  it('cuts a 10 MB page at the byte limit and lists at most the resource limit', async () => {
    const { status, body } = await scan(fresh('/big'));
    expect(status).toBe(200);
    expect(body.page).toMatchObject({ truncated: true, bytes: MAX_PAGE_BYTES });
    expect(body.resources).toHaveLength(MAX_RESOURCES);
    expect(body.stats.limitsHit).toEqual(expect.arrayContaining(['maxPageBytes', 'maxResources']));
    expect(body.hosts).not.toContain('tail.fixture.test');
  });

  it('scans 100k elements and a 1 MB attribute', async () => {
    const many = await scan(fresh('/many-elements'));
    expect(many.body.hosts).toContain('last.fixture.test');
    const huge = await scan(fresh('/huge-attribute'));
    expect(huge.body.hosts).toEqual(
      expect.arrayContaining(['before.fixture.test', 'huge-attr.fixture.test', 'after.fixture.test']),
    );
  });

  it('gives up on a server that never answers, with timeout, within the time limit', async () => {
    const started = Date.now();
    expect(await outcome(fresh('/slow/headers'))).toBe('424 timeout');
    expect(Date.now() - started).toBeLessThan(PAGE_TIME_LIMIT_MS + 2_000);
  }, 20_000);

  it('cuts a slow-loris body at the time limit and keeps what arrived', async () => {
    const started = Date.now();
    const { status, body } = await scan(fresh('/slow/body'));
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(PAGE_TIME_LIMIT_MS + 2_000);
    expect(body.page.truncated).toBe(true);
    expect(body.stats.limitsHit).toContain('pageTimeLimitMs');
    expect(body.hosts).toContain('early.fixture.test');
  }, 20_000);

  it('gives up on a slow first-party stylesheet within its own budget', async () => {
    const { status, body } = await scan(fresh('/sites/slow-css.html'));
    expect(status).toBe(200);
    expect(body.stats).toMatchObject({ stylesheetsRead: 1, stylesheetsFailed: 1 });
    expect(body.stats.limitsHit).toContain('stylesheetTimeLimitMs');
  }, 20_000);
});

describe('POST /api/scan: requests', () => {
  type Case = { raw?: string; body?: unknown; headers?: Record<string, string>; method?: string };
  it.each<[string, Case, string]>([
    ['not JSON', { raw: 'url=example.com' }, '400 invalid_request'],
    ['empty body', { raw: '' }, '400 invalid_request'],
    ['no url', { body: {} }, '400 invalid_request'],
    ['url not a string', { body: { url: 42 } }, '400 invalid_request'],
    ['JSON null', { raw: 'null' }, '400 invalid_request'],
    ['JSON array', { raw: '["example.com"]' }, '400 invalid_request'],
    ['empty url', { body: { url: '' } }, '400 invalid_url'],
    [
      'body over the limit',
      { raw: JSON.stringify({ url: 'x'.repeat(MAX_REQUEST_BODY_BYTES) }) },
      '413 payload_too_large',
    ],
    [
      'lying content-length',
      { raw: '{"url":"a.b"}', headers: { 'content-length': String(MAX_REQUEST_BODY_BYTES * 10) } },
      '413 payload_too_large',
    ],
    // Same answers as /api/resolve and /api/reports (functions/lib/json-body.ts, method-not-allowed.ts).
    [
      'text/plain',
      { body: { url: 'a.b' }, headers: { 'content-type': 'text/plain' } },
      '415 unsupported_media_type',
    ],
    [
      'a form post',
      { raw: 'url=a.b', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      '415 unsupported_media_type',
    ],
    [
      'no content type',
      { body: { url: 'a.b' }, headers: { 'content-type': '' } },
      '415 unsupported_media_type',
    ],
    [
      'JSON as a suffix type',
      { body: { url: 'a.b' }, headers: { 'content-type': 'application/vnd.api+json' } },
      '415 unsupported_media_type',
    ],
    [
      'media type checked before size',
      { raw: 'x'.repeat(MAX_REQUEST_BODY_BYTES + 1), headers: { 'content-type': 'text/plain' } },
      '415 unsupported_media_type',
    ],
    ['GET', { method: 'GET' }, '405 method_not_allowed'],
    ['PUT', { body: { url: 'a.b' }, method: 'PUT' }, '405 method_not_allowed'],
    ['DELETE', { method: 'DELETE' }, '405 method_not_allowed'],
  ])('%s → %s', async (_, request, expected) => {
    const response = await postScan(request.body, request);
    const body = (await response.json()) as { error: { code: string } };
    expect(`${response.status} ${body.error.code}`).toBe(expected);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('allow')).toBe(response.status === 405 ? 'POST' : null);
  });

  it.each([['application/json; charset=utf-8'], ['Application/JSON']])(
    'accepts the JSON media type spelt %s',
    async (type) => {
      const response = await postScan({ url: '' }, { headers: { 'content-type': type } });
      // Past the media-type check: the empty URL is the first thing refused.
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_url');
    },
  );

  it.each([
    ['https://nope.fixture.test/', '424 dns_failed'],
    ['https://servfail.fault.test/', '424 dns_failed'],
    ['https://nodata.fault.test/', '424 dns_failed'],
    ['https://public.fixture.test/', '424 origin_unreachable'],
  ])(
    '%s → %s',
    async (url, expected) => {
      expect(await outcome(url)).toBe(expected);
    },
    20_000,
  );
});
