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
import { site } from './scan-support.ts';

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

/** Every target below carries this path, so a request that got out is recognisable at the canary. */
const MARK = '/fuzz-ssrf-never-fetched';

/**
 * Targets the SSRF policy must refuse, in the spellings that have fooled other scanners, each with the
 * refusal it gets (the policy's first broken rule: scheme, credentials, port, then the address).
 */
const ssrfTargets: Array<[string, string]> = [
  [`http://127.0.0.1${MARK}`, 'private_address'],
  [`http://localhost${MARK}`, 'private_address'],
  [`http://[::1]${MARK}`, 'private_address'],
  [`http://0.0.0.0${MARK}`, 'private_address'],
  [`http://2130706433${MARK}`, 'private_address'],
  [`http://0x7f000001${MARK}`, 'private_address'],
  [`http://017700000001${MARK}`, 'private_address'],
  [`http://127.1${MARK}`, 'private_address'],
  [`http://[::ffff:127.0.0.1]${MARK}`, 'private_address'],
  [`http://169.254.169.254${MARK}/latest/meta-data/`, 'private_address'],
  [`http://10.0.0.1${MARK}`, 'private_address'],
  [`http://192.168.1.1${MARK}`, 'private_address'],
  [`http://[fd00::1]${MARK}`, 'private_address'],
  [`http://site.fixture.test${MARK}`, 'private_address'],
  [`http://user:pass@example.com${MARK}`, 'credentials_in_url'],
  [`http://example.com:22${MARK}`, 'port_not_allowed'],
  [`file://${MARK}`, 'unsupported_scheme'],
  [`gopher://example.com${MARK}`, 'unsupported_scheme'],
  ['javascript:alert(1)', 'unsupported_scheme'],
  ['data:text/html,<p>x</p>', 'unsupported_scheme'],
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

  it.each(ssrfTargets)('refuses %s with %s, in every mode', async (url, code) => {
    for (const mode of [undefined, 'auto', 'rendered', 'static']) {
      const verdict = await expectWellFormed(await post(JSON.stringify({ url, mode })), ROUTE_CODES.scan);
      expect(`${verdict.status} ${verdict.code}`, String(mode)).toBe(
        `${SCAN_REFUSALS[code as keyof typeof SCAN_REFUSALS]} ${code}`,
      );
    }
  });

  it('never fetched any of them: no request with their path reached the canary', async () => {
    // The canary listens on a free loopback port and, where it may, on port 80 of a loopback address;
    // the targets without a port aim at port 80, so say plainly when that half could not be watched.
    const state = (await (await fetch(`${site()}/__fixture/state`)).json()) as {
      canaryOrigins: string[];
      canaryHits: Array<{ url: string }>;
    };
    if (state.canaryOrigins.length < 2)
      console.log(
        'fuzz-scan: no port-80 canary (not root); port-80 targets are checked by their refusal codes only',
      );
    expect(state.canaryHits.filter((hit) => hit.url.includes(MARK))).toEqual([]);
  });
});
