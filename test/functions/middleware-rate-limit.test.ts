import { createPagesEventContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { API_SECURITY_HEADERS, createApiMiddleware } from '../../functions/api/_middleware.ts';
import { ApiError } from '../../src/core/http/api-error.ts';
import { RATE_LIMITS } from '../../src/core/http/rate-limit.ts';
import { takeRateLimit } from '../../functions/lib/route-rate-limit.ts';

type Handler = PagesFunction<Env>;
type IncomingRequest = Request<unknown, IncomingRequestCfProperties>;

/** Calls a middleware with a chosen env (RATE_LIMIT_PER_MINUTE) and counts how often the route ran. */
function harness(vars: { RATE_LIMIT_PER_MINUTE?: string } = {}) {
  let t = 1_700_000_000_000;
  const clock = { now: () => t, advance: (ms: number) => (t += ms) };
  const middleware = createApiMiddleware({ now: clock.now });
  let routeCalls = 0;
  let lastData: Record<string, unknown> = {};
  const call = async (
    method: string,
    path: string,
    init: { ip?: string; route?: () => Promise<Response> } = {},
  ): Promise<Response> => {
    const headers = new Headers(init.ip ? { 'cf-connecting-ip': init.ip } : {});
    const request = new Request(`https://tools.example.com${path}`, { method, headers });
    lastData = {};
    const context = createPagesEventContext<Handler>({
      request: request as IncomingRequest,
      params: {},
      data: lastData,
      next: async () => {
        routeCalls++;
        return init.route ? init.route() : Response.json({ ok: true });
      },
    });
    return middleware({ ...context, env: { ...env, ...vars }, data: lastData });
  };
  return { call, clock, routeCalls: () => routeCalls, lastData: () => lastData };
}

describe('/api middleware: errors and headers (workerd)', () => {
  it('answers preflights itself, with CORS and security headers, and never counts them', async () => {
    const h = harness({ RATE_LIMIT_PER_MINUTE: '1' });
    for (let i = 0; i < 5; i++) {
      const response = await h.call('OPTIONS', '/api/scan');
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
    expect(h.routeCalls()).toBe(0);
    expect((await h.call('POST', '/api/scan')).status).toBe(200);
  });

  it('puts the security headers on every answer: success, ApiError and bug', async () => {
    const h = harness();
    const answers = [
      await h.call('GET', '/api/tti'),
      await h.call('GET', '/api/tti', { route: async () => Promise.reject(new ApiError(400, 'x', 'y')) }),
      await h.call('GET', '/api/tti', { route: async () => Promise.reject(new TypeError('boom')) }),
    ];
    for (const response of answers) {
      for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) {
        expect(response.headers.get(name), name).toBe(value);
      }
    }
  });

  it('turns a non-ApiError into a 500 "internal" envelope without leaking the cause', async () => {
    const h = harness();
    const response = await h.call('GET', '/api/tti', {
      route: async () => Promise.reject(new Error('secret stack detail')),
    });
    expect(response.status).toBe(500);
    const body = await response.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('internal');
    expect(JSON.stringify(body)).not.toContain('secret');
  });
});

describe('/api middleware: rate limiting (workerd)', () => {
  // The limits the README promises ("scan 6 at once then 12/min, resolve 60 then 120/min, report saves 3
  // then 6/min"), written out here rather than read from RATE_LIMITS, so a changed constant fails this.
  it.each<[string, string, number, number]>([
    ['POST', '/api/scan', 6, 5],
    ['POST', '/api/resolve', 60, 1],
    ['POST', '/api/reports', 3, 10],
  ])(
    '%s %s: a burst of %i passes, the next is 429 rate_limited with Retry-After %i s, the route never runs',
    async (method, path, burst, retryAfterSeconds) => {
      const h = harness();
      for (let i = 0; i < burst; i++) {
        expect((await h.call(method, path, { ip: '198.51.100.1' })).status).toBe(200);
      }
      const refused = await h.call(method, path, { ip: '198.51.100.1' });
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBe(retryAfterSeconds);
      expect(refused.headers.get('access-control-allow-origin')).toBe('*');
      expect(refused.headers.get('access-control-expose-headers')).toContain('retry-after');
      expect(refused.headers.get('cache-control')).toBe('no-store');
      expect(h.routeCalls()).toBe(burst);
      // After Retry-After seconds one more request passes.
      h.clock.advance(retryAfter * 1000);
      expect((await h.call(method, path, { ip: '198.51.100.1' })).status).toBe(200);
    },
  );

  it('hands the route a `render` limit for the same client: 3 rendered scans, then refused (README)', async () => {
    const h = harness();
    const decisions: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      await h.call('POST', '/api/scan', {
        ip: '198.51.100.2',
        route: async () => {
          decisions.push(takeRateLimit(h.lastData(), 'render')?.allowed ?? true);
          return Response.json({ ok: true });
        },
      });
    }
    expect(decisions).toEqual([true, true, true, false]);
  });

  it('counts clients by CF-Connecting-IP, an IPv6 /64 as one client', async () => {
    const h = harness({ RATE_LIMIT_PER_MINUTE: '1' });
    expect((await h.call('POST', '/api/scan', { ip: '2001:db8:1:2::1' })).status).toBe(200);
    expect((await h.call('POST', '/api/scan', { ip: '2001:db8:1:2::ffff' })).status).toBe(429);
    expect((await h.call('POST', '/api/scan', { ip: '2001:db8:1:3::1' })).status).toBe(200);
    expect((await h.call('POST', '/api/scan', { ip: '203.0.113.9' })).status).toBe(200);
  });

  it('keeps one limit per route: exhausting scans leaves resolve open', async () => {
    const h = harness({ RATE_LIMIT_PER_MINUTE: '1' });
    expect((await h.call('POST', '/api/scan')).status).toBe(200);
    expect((await h.call('POST', '/api/scan')).status).toBe(429);
    expect((await h.call('POST', '/api/resolve')).status).toBe(200);
  });

  it('shares one bucket between requests without a client address (local development)', async () => {
    const h = harness({ RATE_LIMIT_PER_MINUTE: '2' });
    expect((await h.call('POST', '/api/scan')).status).toBe(200);
    expect((await h.call('POST', '/api/scan')).status).toBe(200);
    expect((await h.call('POST', '/api/scan')).status).toBe(429);
  });

  it('never limits the cheap routes', async () => {
    const h = harness({ RATE_LIMIT_PER_MINUTE: '1' });
    for (let i = 0; i < 20; i++) {
      expect((await h.call('GET', '/api/tti?current=5&target=3')).status).toBe(200);
      expect((await h.call('GET', '/api/reports/abc')).status).toBe(200);
    }
  });

  it('RATE_LIMIT_PER_MINUTE=0 switches limiting off', async () => {
    const h = harness({ RATE_LIMIT_PER_MINUTE: '0' });
    for (let i = 0; i < 200; i++) expect((await h.call('POST', '/api/scan')).status).toBe(200);
  });

  it('a mistyped RATE_LIMIT_PER_MINUTE keeps the defaults (fails closed, not open)', async () => {
    const h = harness({ RATE_LIMIT_PER_MINUTE: 'unlimited' });
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMITS.scan.burst; i++)
      statuses.push((await h.call('POST', '/api/scan')).status);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('/api middleware: unknown routes (workerd)', () => {
  it('turns the static fallback page (HTML) under /api/ into a 404 not_found envelope', async () => {
    const h = harness();
    const response = await h.call('GET', '/api/nope', {
      route: async () =>
        new Response('<!doctype html><p>home</p>', {
          headers: { 'content-type': 'text/html; charset=utf-8' },
        }),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
