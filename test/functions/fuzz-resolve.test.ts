/**
 * POST /api/resolve under hostile input, inside workerd with the real DoH client against the loopback
 * DoH server: arbitrary bodies, media types and methods, and well-formed bodies full of hostile host
 * names. Never a 5xx, every 4xx a known code, every 200 a per-host answer within the deadline.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as route from '../../functions/api/resolve.ts';
import type { ResolveResponse } from '../../src/core/resolve/types.ts';
import {
  MAX_HOSTS_PER_REQUEST,
  MAX_RESOLVE_BODY_BYTES,
  RESOLVE_DEADLINE_MS,
} from '../../src/core/dns/limits.ts';
import { HOST_ERROR_CODES, ROUTE_CODES } from '../unit/fuzz/error-codes.ts';
import { hostileHost, hostileString, hostileUrl } from '../unit/fuzz/generators.ts';
import { dispatch, expectWellFormed } from './fuzz-harness.ts';

/** Time a call may take beyond the documented deadline (scheduling on a shared 2-core machine). */
const DEADLINE_SLACK_MS = 2_000;

const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 6 },
  fc.constantFrom(
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'text/plain',
    '',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
  ),
);

const method = fc.oneof(
  { arbitrary: fc.constant('POST'), weight: 8 },
  fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'HEAD'),
);

/** Bodies of any shape: junk text, JSON of any type, near-miss objects. */
const anyBody = fc.oneof(
  hostileString,
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        hosts: fc.oneof(
          fc.array(fc.oneof(hostileHost, fc.jsonValue({ maxDepth: 1 })), { maxLength: 14 }),
          fc.jsonValue({ maxDepth: 1 }),
        ),
        page: fc.oneof(hostileUrl, fc.constant(null), fc.jsonValue({ maxDepth: 1 })),
        extra: fc.jsonValue({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
);

/** Bodies the schema accepts, with host strings anywhere from valid to absurd. */
const validBody = fc.record({
  hosts: fc.array(
    fc
      .oneof(
        hostileHost,
        fc.constantFrom(
          'www.google-analytics.com',
          'site.fixture.test',
          'servfail.fault.test',
          'loop-a.fault.test',
          'xn--bcher-kva.fault.test',
          'bücher.fault.test',
          'localhost',
          '127.0.0.1',
        ),
      )
      .filter((h) => h.length > 0 && h.length <= 1012),
    { minLength: 1, maxLength: MAX_HOSTS_PER_REQUEST },
  ),
  page: fc.oneof(fc.constant(undefined), fc.constant(null), fc.webUrl()),
});

async function post(body: string, type = 'application/json', verb = 'POST'): Promise<Response> {
  const hasBody = verb !== 'GET' && verb !== 'HEAD';
  const headers: Record<string, string> = type ? { 'content-type': type } : {};
  return dispatch(
    route,
    new Request('https://tools.example.com/api/resolve', {
      method: verb,
      headers,
      body: hasBody ? body : undefined,
    }),
  );
}

describe('POST /api/resolve under fuzzing (workerd)', () => {
  it('answers any body, media type and method with 2xx or a known 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(anyBody, contentType, method, async (body, type, verb) => {
        await expectWellFormed(await post(body, type, verb), ROUTE_CODES.resolve);
      }),
      { numRuns: 300 },
    );
  });

  it('resolves any accepted body to one answer per distinct host, within the deadline', async () => {
    await fc.assert(
      fc.asyncProperty(validBody, async (body) => {
        const started = Date.now();
        const verdict = await expectWellFormed(await post(JSON.stringify(body)), ROUTE_CODES.resolve);
        expect(Date.now() - started).toBeLessThan(RESOLVE_DEADLINE_MS + DEADLINE_SLACK_MS);
        expect(verdict.status).toBe(200);
        const answer = verdict.body as ResolveResponse;
        expect(answer.hosts.length).toBeGreaterThan(0);
        expect(answer.hosts.length).toBeLessThanOrEqual(body.hosts.length);
        for (const host of answer.hosts) {
          expect(Array.isArray(host.addresses) && Array.isArray(host.cnames)).toBe(true);
          for (const error of host.errors) expect(HOST_ERROR_CODES).toContain(error.code);
          // A host either resolved or says why not.
          expect(host.addresses.length > 0 || host.errors.length > 0).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('is wired to the live loopback DoH server (so the properties above are not vacuous)', async () => {
    const verdict = await expectWellFormed(
      await post('{"hosts":["site.fixture.test","nxdomain-x.fixture.test"]}'),
      [],
    );
    const [site, missing] = (verdict.body as ResolveResponse).hosts;
    expect(site?.addresses).toContain('127.0.0.1');
    expect(missing?.errors.map((e) => e.code)).toContain('nxdomain');
  });

  it.each([
    ['a body over the limit', 'x'.repeat(MAX_RESOLVE_BODY_BYTES + 1), 413, 'body_too_large'],
    [
      'multi-byte characters over the limit',
      JSON.stringify({ hosts: ['é'.repeat(MAX_RESOLVE_BODY_BYTES / 2)] }),
      413,
      'body_too_large',
    ],
    [
      'too many hosts',
      JSON.stringify({ hosts: Array.from({ length: MAX_HOSTS_PER_REQUEST + 1 }, (_, i) => `h${i}.example`) }),
      413,
      'too_many_hosts',
    ],
    [
      '__proto__ pollution attempt',
      '{"hosts":["a.example"],"__proto__":{"polluted":true}}',
      400,
      'invalid_body',
    ],
    ['an empty body', '', 400, 'invalid_json'],
  ])('%s → %i %s', async (_name, body, status, code) => {
    const verdict = await expectWellFormed(await post(body), ROUTE_CODES.resolve);
    expect([verdict.status, verdict.code]).toEqual([status, code]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
