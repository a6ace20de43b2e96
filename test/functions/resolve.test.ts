import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import { onRequest, onRequestPost } from '../../functions/api/resolve.ts';
import { MAX_HOSTS_PER_REQUEST, MAX_RESOLVE_BODY_BYTES } from '../../src/core/dns/limits.ts';
import type { ResolveResponse } from '../../src/core/resolve/types.ts';
import { callFunction } from './call.ts';

/** The loopback DoH server's control endpoint (vitest.config.ts binds it for tests only). */
const controlUrl = (env as unknown as { TEST_DOH_CONTROL: string }).TEST_DOH_CONTROL;

async function control(body?: object): Promise<{ counts: Record<string, number> }> {
  const response = await fetch(controlUrl, body ? { method: 'POST', body: JSON.stringify(body) } : {});
  return response.json() as Promise<{ counts: Record<string, number> }>;
}

function post(
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Request {
  return new Request('http://x/api/resolve', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function resolve(body: unknown): Promise<ResolveResponse> {
  const response = await callFunction(onRequestPost, post(body));
  expect(response.status).toBe(200);
  return response.json() as Promise<ResolveResponse>;
}

async function errorOf(
  promise: Promise<Response>,
): Promise<{ status: number; code: string; issues?: unknown[] }> {
  try {
    const response = await promise;
    return { status: response.status, code: 'none' };
  } catch (error) {
    const e = error as { status: number; code: string; issues?: unknown[] };
    return { status: e.status, code: e.code, issues: e.issues };
  }
}

afterEach(() => control({ match: '', latencyMs: 0 }));

describe('POST /api/resolve (workerd, loopback DoH via env.DOH_UPSTREAMS)', () => {
  it('asks its questions at the upstream the environment names (the loopback DoH server counts them)', async () => {
    // A name no other test asks, so its count at the server can only come from this call.
    const body = await resolve({ hosts: ['upstream-check.fixture.test'] });
    expect(body.hosts[0]?.errors.map((e) => e.code)).toEqual(['nxdomain']);
    const { counts } = await control();
    expect(counts['A upstream-check.fixture.test']).toBeGreaterThanOrEqual(1);
    expect(counts['AAAA upstream-check.fixture.test']).toBeGreaterThanOrEqual(1);
  });

  it('resolves and attributes real-world chains', async () => {
    const body = await resolve({
      hosts: ['assets.fixture-shop.com', 'www.apple.com', 'cdnjs.cloudflare.com', 'www.fixture-shop.com'],
      page: 'https://www.fixture-shop.com/',
    });
    expect(body.page).toBe('https://www.fixture-shop.com/');
    const [cloudfront, akamai, cloudflare, own] = body.hosts;
    expect(cloudfront).toMatchObject({
      host: 'assets.fixture-shop.com',
      firstParty: true,
      cnames: ['d111111abcdef8.cloudfront.net'],
      asn: { number: 16509, prefix: '13.224.0.0/14' },
    });
    expect(cloudfront?.nameServers?.some((ns) => ns.includes('awsdns'))).toBe(true);
    expect(cloudfront?.providers.map((p) => p.role)).toContain('cdn');
    expect(akamai).toMatchObject({
      firstParty: false,
      cnames: ['www.apple.com.edgekey.net', 'e6858.dscx.akamaiedge.net'],
    });
    expect(akamai?.providers.some((p) => /akamai/i.test(p.name))).toBe(true);
    expect(cloudflare?.asn?.number).toBe(13335);
    expect(cloudflare?.providers.some((p) => /cloudflare/i.test(p.name))).toBe(true);
    // A name that does not exist is data about that host, not a failed call.
    expect(own?.errors.map((e) => e.code)).toContain('nxdomain');
    expect(body.stats?.queries).toBeGreaterThan(0);
  });

  it('reports failures per host and still answers the others', async () => {
    const body = await resolve({
      hosts: ['servfail.fault.test', 'loop-a.fault.test', 'bad..host', 'pypi.org'],
    });
    expect(body.hosts.map((h) => h.errors[0]?.code)).toEqual([
      'servfail',
      'cname_loop',
      'invalid_host',
      undefined,
    ]);
    expect(body.hosts[3]?.addresses).toContain('151.101.0.223');
  });

  it('shares one NS question per registrable domain and de-duplicates repeated hosts', async () => {
    await control({ resetCounts: true });
    const body = await resolve({
      hosts: ['www.youtube.com', 'WWW.YOUTUBE.COM', 'i.ytimg.com', 'www.youtube.com.'],
    });
    expect(body.hosts.map((h) => h.host)).toEqual(['www.youtube.com', 'i.ytimg.com']);
    const { counts } = await control();
    expect(counts['A www.youtube.com']).toBeLessThanOrEqual(1);
    expect(counts['NS youtube.com']).toBeLessThanOrEqual(1);
  });

  it('serves a repeat call from the cache without new upstream queries', async () => {
    const hosts = ['cdn.segment.com', 'js.intercomcdn.com'];
    await resolve({ hosts });
    await control({ resetCounts: true });
    const again = await resolve({ hosts });
    expect(again.stats?.queries).toBe(0);
    expect(again.stats?.cacheHits).toBeGreaterThan(0);
    const { counts } = await control();
    expect(Object.keys(counts).filter((k) => k.includes('segment') || k.includes('intercom'))).toEqual([]);
  });

  it(`takes ${MAX_HOSTS_PER_REQUEST} hosts and refuses more with 413 too_many_hosts`, async () => {
    const hosts = Array.from({ length: MAX_HOSTS_PER_REQUEST }, (_, i) => `h${i}.fixture.test`);
    expect((await resolve({ hosts })).hosts).toHaveLength(MAX_HOSTS_PER_REQUEST);
    const error = await errorOf(
      callFunction(onRequestPost, post({ hosts: [...hosts, 'one-more.fixture.test'] })),
    );
    expect(error).toMatchObject({ status: 413, code: 'too_many_hosts' });
  });

  it.each([
    ['no hosts field', { page: 'https://a.example/' }, 'hosts'],
    ['empty hosts', { hosts: [] }, 'hosts'],
    ['a host that is not a string', { hosts: ['a.example', 42] }, 'hosts.1'],
    ['a page that is not http(s)', { hosts: ['a.example'], page: 'javascript:alert(1)' }, 'page'],
    ['an unknown field', { hosts: ['a.example'], extra: true }, ''],
    ['an array body', [], ''],
  ])('400 invalid_body for %s, with issues', async (_label, body, path) => {
    const error = await errorOf(callFunction(onRequestPost, post(body)));
    expect(error).toMatchObject({ status: 400, code: 'invalid_body' });
    expect(error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it.each([
    ['invalid JSON', post('{"hosts": ['), 400, 'invalid_json'],
    [
      'a text/plain body',
      post({ hosts: ['a.example'] }, { 'content-type': 'text/plain' }),
      415,
      'unsupported_media_type',
    ],
    [
      'no content type',
      new Request('http://x/api/resolve', { method: 'POST', body: '{}' }),
      415,
      'unsupported_media_type',
    ],
    [
      'a body over the limit',
      post(JSON.stringify({ hosts: ['a'.repeat(MAX_RESOLVE_BODY_BYTES)] })),
      413,
      'body_too_large',
    ],
  ])('%s → %i %s', async (_label, request, status, code) => {
    expect(await errorOf(callFunction(onRequestPost, request))).toMatchObject({ status, code });
  });

  it('answers other methods with 405', async () => {
    const error = await errorOf(callFunction(onRequest, new Request('http://x/api/resolve')));
    expect(error).toMatchObject({ status: 405, code: 'method_not_allowed' });
  });
});
