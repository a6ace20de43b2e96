/**
 * Which scan answers POST /api/scan, by `mode`, in workerd: `static` never starts a browser; `auto`
 * renders when it can and otherwise answers statically with `fallback` (no BROWSER binding, the client's
 * `render` rate limit, the per-isolate concurrency cap); `rendered` answers 424 `browser_unavailable` or
 * 429 instead. A page's own refusal (its status, type, redirects) carries the static scan's code in
 * every mode. Rendered answers are cached per URL and method.
 */
import { createPagesEventContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApiMiddleware } from '../../functions/api/_middleware.ts';
import { onRequestPost } from '../../functions/api/scan.ts';
import { RATE_LIMITS } from '../../src/core/http/rate-limit.ts';
import { MAX_CONCURRENT_RENDERS } from '../../src/core/render/limits.ts';
import { MAX_REDIRECTS } from '../../src/core/scan/limits.ts';
import { site } from './scan-support.ts';
import { renderPage, renderScan, type RenderedScan, noBrowser } from './render-support.ts';

type Handler = PagesFunction<Env>;
type IncomingRequest = Request<unknown, IncomingRequestCfProperties>;

/** POST /api/scan through a given middleware (its limiters persist across calls) and env. */
async function post(
  body: object,
  options: { env?: Partial<Env>; middleware?: PagesFunction<Env>; ip?: string } = {},
): Promise<{ status: number; body: RenderedScan; headers: Headers }> {
  const request = () =>
    new Request('https://tools.example.com/api/scan', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.ip ? { 'cf-connecting-ip': options.ip } : {}),
      },
      body: JSON.stringify(body),
    });
  const scanEnv = { ...env, ...options.env } as Env;
  const data: Record<string, unknown> = {};
  const context = (next: () => Promise<Response>) => ({
    ...createPagesEventContext<Handler>({ request: request() as IncomingRequest, params: {}, data, next }),
    env: scanEnv,
    data,
  });
  const middleware = options.middleware ?? createApiMiddleware();
  const response = await middleware(
    context(async () => onRequestPost(context(async () => new Response(null, { status: 404 })))),
  );
  return {
    status: response.status,
    body: (await response.json()) as RenderedScan,
    headers: response.headers,
  };
}

const withoutBinding = { BROWSER: undefined };
/** Tests that start the local browser (skipped, saying why, where none can be launched). */
const itRenders = it.skipIf(noBrowser);

describe('POST /api/scan by mode', () => {
  it('static: the served HTML only, no browser', async () => {
    const { status, body } = await post({ url: renderPage('tiny.html'), mode: 'static' });
    expect(status).toBe(200);
    expect(body.method).toBe('static');
    expect(body.stats.render).toBeUndefined();
    expect(body.fallback).toBeUndefined();
  });

  itRenders(
    'auto (the default) renders when the deployment has a browser',
    async () => {
      const { status, body } = await post({ url: renderPage('tiny.html') });
      expect(status, JSON.stringify(body.error)).toBe(200);
      expect(body.method).toBe('rendered');
      expect(body.fallback).toBeUndefined();
    },
    60_000,
  );

  it('auto without a BROWSER binding answers statically and says why', async () => {
    const { status, body } = await post({ url: renderPage('tiny.html') }, { env: withoutBinding });
    expect(status).toBe(200);
    expect(body).toMatchObject({ method: 'static', fallback: { code: 'browser_unavailable' } });
    expect(body.fallback?.message).toMatch(/BROWSER/);
  });

  it('rendered without a BROWSER binding: 424 browser_unavailable', async () => {
    const { status, body } = await post(
      { url: renderPage('tiny.html'), mode: 'rendered' },
      { env: withoutBinding },
    );
    expect(status).toBe(424);
    expect(body.error?.code).toBe('browser_unavailable');
  });

  itRenders(
    `spends a render token per rendered scan: ${RATE_LIMITS.render.burst} pass, then auto falls back and rendered is 429`,
    async () => {
      const middleware = createApiMiddleware();
      const ip = '198.51.100.77';
      for (let i = 0; i < RATE_LIMITS.render.burst; i += 1) {
        const { status, body } = await post({ url: renderPage('tiny.html') }, { middleware, ip });
        expect(status, JSON.stringify(body.error)).toBe(200);
        expect(body.method, `scan ${i + 1}`).toBe('rendered');
      }
      const auto = await post({ url: renderPage('tiny.html') }, { middleware, ip });
      expect(auto.status).toBe(200);
      expect(auto.body).toMatchObject({ method: 'static', fallback: { code: 'rate_limited' } });
      const rendered = await post({ url: renderPage('tiny.html'), mode: 'rendered' }, { middleware, ip });
      expect(rendered.status).toBe(429);
      expect(rendered.body.error?.code).toBe('rate_limited');
      expect(Number(rendered.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Static scans have their own, larger budget and still pass.
      expect((await post({ url: renderPage('tiny.html'), mode: 'static' }, { middleware, ip })).status).toBe(
        200,
      );
    },
    90_000,
  );

  itRenders(
    `renders at most MAX_CONCURRENT_RENDERS (${MAX_CONCURRENT_RENDERS}) pages at once per isolate; the next one falls back`,
    async () => {
      const scans = await Promise.all(
        Array.from({ length: MAX_CONCURRENT_RENDERS + 1 }, () => post({ url: renderPage('slow.html') })),
      );
      const methods = scans
        .map((s) => `${s.status} ${s.body.method} ${s.body.fallback?.code ?? ''}`.trim())
        .sort();
      expect(methods).toEqual([
        ...Array.from({ length: MAX_CONCURRENT_RENDERS }, () => '200 rendered'),
        '200 static browser_unavailable',
      ]);
    },
    90_000,
  );

  itRenders(
    'caches a rendered answer per URL and method; a cached one costs no render',
    async () => {
      const url = renderPage('tiny.html');
      const first = await post({ url, mode: 'rendered' });
      expect(first.body.stats.cache).toBe('miss');
      const again = await post({ url, mode: 'rendered' });
      expect(again.body.stats.cache).toBe('hit');
      expect(again.body.method).toBe('rendered');
      // A cached rendered answer needs no browser at all, in auto mode as in rendered mode.
      for (const mode of ['auto', 'rendered'] as const) {
        const cached = await post({ url, mode }, { env: withoutBinding });
        expect(cached.status, mode).toBe(200);
        expect(cached.body, mode).toMatchObject({ method: 'rendered', stats: { cache: 'hit' } });
        expect(cached.body.fallback, mode).toBeUndefined();
      }
      // The static answer of the same URL is another entry: the static scan the rendered one ran beside it.
      const staticAnswer = await post({ url, mode: 'static' });
      expect(staticAnswer.body).toMatchObject({ method: 'static', stats: { cache: 'hit' } });
      expect(staticAnswer.body.stats.render).toBeUndefined();
    },
    60_000,
  );

  /** [path on the fixture origin, the refusal both methods answer with] */
  const refusals: Array<[string, string]> = [
    ['/status/404', '424 origin_error'],
    ['/type/json', '422 not_html'],
    [`/redirect/chain/${MAX_REDIRECTS + 1}`, '422 too_many_redirects'],
    ['/redirect/to?url=http%3A%2F%2Floopback.render-canary.test%2F', '422 redirect_refused'],
    ['/redirect/to?url=http%3A%2F%2F169.254.169.254%2Flatest%2F', '422 redirect_refused'],
  ];

  itRenders.each(refusals)(
    '%s → %s, rendered or static',
    async (path, expected) => {
      const url = `${site()}${path}${path.includes('?') ? '&' : '?'}run=${Date.now()}`;
      for (const mode of ['rendered', 'auto', 'static'] as const) {
        const { status, body } = await renderScan(url, mode);
        expect(`${status} ${body.error?.code}`, mode).toBe(expected);
      }
    },
    60_000,
  );
});
