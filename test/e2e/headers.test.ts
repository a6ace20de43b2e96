/**
 * Security and caching headers as served by `wrangler pages dev` (public/_headers for the site, the /api
 * middleware for Functions): every route a visitor or a client reaches, each header asserted.
 */
import { createHash } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';

const base = () => inject('baseUrl');

/** `default-src 'none'; script-src 'self' …` → Map of directive → sources. */
function parseCsp(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(
      ([, attrs = '']) =>
        !/\bsrc\s*=/i.test(attrs) && !/type\s*=\s*["']?application\/(ld\+)?json/i.test(attrs),
    )
    .map(([, , body = '']) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}

/** Headers every HTML page must carry, whatever its frame policy. */
function expectPageBaseline(response: Response): void {
  const h = response.headers;
  expect(h.get('strict-transport-security')).toMatch(/^max-age=(\d+); includeSubDomains$/);
  expect(Number(/max-age=(\d+)/.exec(h.get('strict-transport-security') ?? '')?.[1])).toBeGreaterThanOrEqual(
    31_536_000,
  );
  expect(h.get('x-content-type-options')).toBe('nosniff');
  expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  const permissions = h.get('permissions-policy') ?? '';
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'browsing-topics']) {
    expect(permissions).toContain(`${feature}=()`);
  }
  expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
  // Pages must revalidate (a deploy changes them); only hashed assets are immutable.
  expect(h.get('cache-control') ?? '').not.toContain('immutable');
}

/** A strict script policy: own files and hashes of the inline scripts actually served, nothing else. */
function expectStrictCsp(csp: Map<string, string[]>, html: string): void {
  expect(csp.get('default-src')).toEqual(["'none'"]);
  const scripts = csp.get('script-src') ?? [];
  expect(scripts[0]).toBe("'self'");
  for (const source of scripts.slice(1)) expect(source).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
  for (const hash of inlineScriptHashes(html)) expect(scripts).toContain(hash);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(csp.get('connect-src')).toEqual(["'self'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  expect(csp.has('script-src-attr')).toBe(false);
}

describe('security headers on pages (wrangler pages dev + public/_headers)', () => {
  /**
   * Who may frame each page: the mapper and the plain pages nobody; the calculator HTTPS pages (decision
   * in docs/hardening.md); the embeddable calculator any HTTPS page (docs/cards.md "Embed").
   * X-Frame-Options cannot express "HTTPS pages", and DENY would override the CSP in old browsers.
   */
  const FRAMING = [
    {
      paths: ['/', '/privacy/', '/deps/'],
      who: 'never framed',
      ancestors: ["'none'"],
      xFrameOptions: 'DENY',
    },
    {
      paths: ['/tti/', '/tti/?current=8&target=4&utm_source=x'],
      who: 'embeddable by HTTPS pages',
      ancestors: ["'self'", 'https:'],
      xFrameOptions: null,
    },
    {
      paths: ['/embed/tti/', '/embed/tti/?current=8&target=4&utm_source=x'],
      who: 'embeddable by any HTTPS page',
      ancestors: ['https:'],
      xFrameOptions: null,
    },
  ];

  it.each(FRAMING.flatMap(({ paths, ...rule }) => paths.map((path) => ({ path, ...rule }))))(
    '$path: strict CSP, $who',
    async ({ path, ancestors, xFrameOptions }) => {
      const response = await fetch(`${base()}${path}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expectPageBaseline(response);
      const csp = parseCsp(response.headers.get('content-security-policy'));
      expectStrictCsp(csp, html);
      expect(csp.get('frame-ancestors')).toEqual(ancestors);
      expect(response.headers.get('x-frame-options')).toBe(xFrameOptions);
      // One policy only: a second header would intersect and undo the frame allowance.
      expect(response.headers.get('content-security-policy')).not.toContain(',');
    },
  );

  it("the 404 page: strict CSP, never framed (below /tti/ it keeps that path's rules, _headers being by path)", async () => {
    const response = await fetch(`${base()}/no-such-page`);
    expect(response.status).toBe(404);
    expectStrictCsp(parseCsp(response.headers.get('content-security-policy')), await response.text());
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const below = await fetch(`${base()}/tti/nope`);
    expect(below.status).toBe(404);
    expectStrictCsp(parseCsp(below.headers.get('content-security-policy')), await below.text());
  });

  it.each(['/og/tti.png?current=8&target=4', '/og/static/site.png'])(
    '%s: a PNG anyone may show, never sniffed',
    async (path) => {
      const response = await fetch(`${base()}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      await response.arrayBuffer();
    },
  );

  it('hashed /_astro/ assets: immutable for a year, nosniff, served as JavaScript', async () => {
    const html = await (await fetch(`${base()}/tti/`)).text();
    const asset = /(?:src|href)="(\/_astro\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset, 'the /tti/ page references a bundled script').toBeDefined();
    const response = await fetch(`${base()}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
  });
});

describe('HEAD answers with the headers of GET (Pages dispatches it to onRequestHead)', () => {
  /** Headers a Function computes per answer; the rest (date, and so on) may differ between two requests. */
  const COMPARED = ['cache-control', 'content-type', 'content-security-policy', 'etag', 'x-robots-tag'];

  it.each([
    ['a shared /tti/ link (rendered by its Function)', '/tti/?current=8&target=4'],
    ['/tti/ with invalid values', '/tti/?current=x&target=4'],
    ['the embed with a query', '/embed/tti/?current=8&target=4'],
    ['a result card', '/og/tti.png?current=8&target=4'],
    ['GET /api/tti', '/api/tti?current=8&target=4'],
    ['the OpenAPI document', '/api/openapi.json'],
  ])('%s', async (_name, path) => {
    const [viaGet, viaHead] = await Promise.all([
      fetch(`${base()}${path}`),
      fetch(`${base()}${path}`, { method: 'HEAD' }),
    ]);
    expect(viaHead.status).toBe(viaGet.status);
    for (const name of COMPARED) expect(viaHead.headers.get(name), name).toBe(viaGet.headers.get(name));
    expect(await viaHead.text()).toBe('');
    await viaGet.arrayBuffer();
  });
});

describe('security headers on the API (functions/api/_middleware.ts)', () => {
  it.each([
    ['GET', '/api/tti?current=8&target=4', 200],
    ['GET', '/api/tti?current=nope', 400],
    ['GET', '/api/reports/not-an-id', 400],
    ['GET', '/api/resolve', 405],
  ])('%s %s (%i): JSON that cannot run, be framed or be sniffed', async (method, path, status) => {
    const response = await fetch(`${base()}${path}`, { method });
    expect(response.status).toBe(status);
    const h = response.headers;
    expect(h.get('content-type')).toMatch(/^application\/json/);
    const csp = parseCsp(h.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('strict-transport-security')).toMatch(/^max-age=31536000/);
    expect(h.get('access-control-allow-origin')).toBe('*');
    if (status >= 400)
      expect(((await response.json()) as { error: { code: string } }).error.code).toMatch(/^[a-z_]+$/);
  });

  it('answers a CORS preflight with 204 and the same headers', async () => {
    const response = await fetch(`${base()}/api/scan`, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
