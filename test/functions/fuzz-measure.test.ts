/**
 * GET /api/measure under hostile input, inside workerd: any query gets a measurement or a documented
 * 4xx, never a 5xx. The URL check runs first (the scanner's rules), so only what passes it reaches the
 * fixture PageSpeed Insights server on loopback; nothing leaves the machine.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as route from '../../functions/api/measure.ts';
import { isPublicAddress } from '../../src/core/scan/classify-address.ts';
import { ROUTE_CODES } from '../unit/fuzz/error-codes.ts';
import { hostileString, hostileUrl } from '../unit/fuzz/generators.ts';
import { dispatch, expectWellFormed } from './fuzz-harness.ts';

const psiControl = (env as unknown as { TEST_PSI_CONTROL: string }).TEST_PSI_CONTROL;

const get = (search: string, method = 'GET') =>
  dispatch(route, new Request(`https://tools.example.com/api/measure${search}`, { method }));

describe('GET /api/measure (fuzz)', () => {
  it('answers any url and strategy with a measurement or a documented 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileUrl, hostileString),
        fc.oneof(fc.constantFrom('mobile', 'desktop', '', 'MOBILE', 'tablet'), hostileString),
        async (url, strategy) => {
          const query = new URLSearchParams({ url, strategy });
          await expectWellFormed(await get(`?${query}`), ROUTE_CODES.measure);
        },
      ),
      { numRuns: 60 },
    );
    // Whatever was typed, PSI only ever heard of http(s) pages on public addresses or the fixture sites
    // (one fixture page is measured here, so the list below is never empty).
    const allowed = new Set((env.SCAN_ALLOWED_ORIGINS ?? '').split(','));
    const shop = `${[...allowed][0]}/sites/simple.html?fuzz=${Date.now()}`;
    expect((await get(`?${new URLSearchParams({ url: shop })}`)).status).toBe(200);
    const sent = (await (await fetch(psiControl)).json()) as Array<{ page: string }>;
    expect(sent.map((r) => r.page)).toContain(shop);
    for (const { page } of sent) {
      const url = new URL(page);
      expect(['http:', 'https:'], page).toContain(url.protocol);
      expect(url.username + url.password, page).toBe('');
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (!allowed.has(url.origin) && (/^[\d.]+$/.test(host) || host.includes(':'))) {
        expect(isPublicAddress(host), page).toBe(true);
      }
    }
  });

  it('answers raw, broken query strings the same way', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, async (raw) => {
        await expectWellFormed(await get(`?${raw}`), ROUTE_CODES.measure);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses every method but GET and HEAD with 405', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const verdict = await expectWellFormed(await get('?url=example.com', method), ROUTE_CODES.measure);
      expect(`${verdict.status} ${verdict.code}`).toBe('405 method_not_allowed');
    }
  });
});
