/**
 * POST /api/scan under hostile input, inside workerd: arbitrary bodies and URLs (SSRF tricks included)
 * get a known 4xx or a scan, never a 5xx; every refusal is one of SCAN_REFUSALS with its status.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as route from '../../functions/api/scan.ts';
import { isPublicAddress } from '../../src/core/scan/classify-address.ts';
import { SCAN_REFUSALS } from '../../src/core/scan/refusals.ts';
import { ROUTE_CODES } from '../unit/fuzz/error-codes.ts';
import { hostileString, hostileUrl } from '../unit/fuzz/generators.ts';
import { dispatch, expectWellFormed } from './fuzz-harness.ts';

/**
 * Hostile URLs minus literal public IP addresses: the scanner would really fetch those, and tests never
 * leave loopback (a dropped packet would also hold a case for the whole page deadline). Names still
 * resolve only through the loopback DoH server's fixture zones; private literals are kept (refused).
 */
const scanUrl = hostileUrl.filter((text) => {
  let host: string;
  try {
    host = new URL(text).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return true;
  }
  const literal = /^[\d.]+$/.test(host) || host.includes(':');
  return !(literal && isPublicAddress(host));
});

const post = (body: string, type = 'application/json', method = 'POST') =>
  dispatch(
    route,
    new Request('https://tools.example.com/api/scan', {
      method,
      headers: type ? { 'content-type': type } : {},
      body: method === 'GET' || method === 'HEAD' ? undefined : body,
    }),
  );

/** Targets the SSRF policy must refuse, in the spellings that have fooled other scanners. */
const ssrfTargets = [
  'http://127.0.0.1/',
  'http://localhost/',
  'http://[::1]/',
  'http://0.0.0.0/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://017700000001/',
  'http://127.1/',
  'http://[::ffff:127.0.0.1]/',
  'http://169.254.169.254/latest/meta-data/',
  'http://10.0.0.1/',
  'http://192.168.1.1/',
  'http://[fd00::1]/',
  'http://user:pass@example.com/',
  'http://example.com:22/',
  'file:///etc/passwd',
  'gopher://example.com/',
  'javascript:alert(1)',
  'data:text/html,<p>x</p>',
  'http://site.fixture.test/',
];

describe('POST /api/scan under fuzzing (workerd)', () => {
  it('answers any body, media type and method with a scan or a known 4xx', async () => {
    const body = fc.oneof(
      hostileString,
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc
        .record({ url: fc.oneof(scanUrl, fc.jsonValue({ maxDepth: 1 })) }, { requiredKeys: [] })
        .map((v) => JSON.stringify(v)),
    );
    const type = fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 5 },
      fc.constantFrom('text/plain', ''),
    );
    const method = fc.oneof({ arbitrary: fc.constant('POST'), weight: 8 }, fc.constantFrom('GET', 'PUT'));
    await fc.assert(
      fc.asyncProperty(body, type, method, async (b, t, m) => {
        const verdict = await expectWellFormed(await post(b, t, m), ROUTE_CODES.scan);
        if (verdict.code && verdict.code in SCAN_REFUSALS) {
          expect(verdict.status).toBe(SCAN_REFUSALS[verdict.code as keyof typeof SCAN_REFUSALS]);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it.each(ssrfTargets)('refuses %s with a 4xx and never fetches it', async (url) => {
    const verdict = await expectWellFormed(await post(JSON.stringify({ url })), ROUTE_CODES.scan);
    expect(verdict.status).toBeGreaterThanOrEqual(400);
  });
});
