/**
 * GET /api/measure in workerd, through the /api middleware, against the fixture PageSpeed Insights server
 * (test/support/psi-server.ts: real Lighthouse 13.5 and 12.3 reports of the fixture sites, wrapped as PSI
 * wraps them; PSI's failures). Google is the one part that cannot exist here: the fixture stands in for
 * it and records every request, so these tests also prove what was — and was not — sent to it.
 *
 * Expected figures are read here from the raw PSI answer (a second request for a twin URL), following
 * Lighthouse's report format, never from the route's own output.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApiMiddleware } from '../../functions/api/_middleware.ts';
import * as route from '../../functions/api/measure.ts';
import {
  MAX_THIRD_PARTIES,
  MEASURE_CACHE_TTL_SECONDS,
  QUOTA_RETRY_AFTER_SECONDS,
} from '../../src/core/measure/limits.ts';
import { SCENARIO_ASSUMPTION } from '../../src/core/measure/scenario.ts';
import type { MeasureResponse } from '../../src/core/measure/types.ts';
import { measureResponseSchema } from '../../src/core/openapi/measure.ts';
import { callFunction, handlerFor } from './call.ts';

const site = () => (env.SCAN_ALLOWED_ORIGINS ?? '').split(',')[0]!;
const psiControl = () => (env as unknown as { TEST_PSI_CONTROL: string }).TEST_PSI_CONTROL;

/** A page URL no other test uses, so neither the cache nor the request log is shared. */
let counter = 0;
const fresh = (path: string) =>
  `${site()}${path}${path.includes('?') ? '&' : '?'}t=${Date.now()}-${counter++}`;

interface Envelope {
  error: { code: string; message: string };
}

async function measure(
  query: string,
  options: { method?: string; vars?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: MeasureResponse & Envelope }> {
  const method = options.method ?? 'GET';
  const make = () => new Request(`https://tools.test/api/measure?${query}`, { method });
  const handler = handlerFor(route, method)!;
  const response = await callFunction(createApiMiddleware(), make(), {
    next: () =>
      callFunction(handler, make(), { settle: true, ...(options.vars ? { vars: options.vars } : {}) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : null) as never,
  };
}

const q = (page: string, strategy?: string) =>
  `url=${encodeURIComponent(page)}${strategy ? `&strategy=${strategy}` : ''}`;

/** What the fixture PSI server received for a page. */
async function psiRequests(
  page: string,
): Promise<Array<{ strategy: string; category: string[]; key: string | null }>> {
  return (await (await fetch(`${psiControl()}?page=${encodeURIComponent(page)}`)).json()) as never;
}

interface RawLhr {
  lighthouseVersion: string;
  configSettings: { throttlingMethod: string; throttling: { cpuSlowdownMultiplier: number } };
  audits: Record<string, { numericValue?: number; details?: { items: Array<Record<string, unknown>> } }>;
}

/** The raw PSI answer for a twin of `path` (same page, its own cache-busting query). */
async function rawPsi(path: string, strategy: string): Promise<{ lighthouseResult: RawLhr }> {
  const url = `${env.PSI_ENDPOINT}?url=${encodeURIComponent(fresh(path))}&strategy=${strategy}`;
  return (await (await fetch(url)).json()) as never;
}

describe('GET /api/measure: a measurement', () => {
  it('reads Lighthouse 13 lab metrics, origin field data and third parties of the shop (mobile)', async () => {
    const page = fresh('/sites/shop.html');
    const { status, headers, body } = await measure(q(page));
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(measureResponseSchema.parse(body)).toEqual(body);

    const lhr = (await rawPsi('/sites/shop.html', 'mobile')).lighthouseResult;
    const ms = (id: string) => Math.round(lhr.audits[id]!.numericValue!);
    expect(body.url).toBe(page);
    expect(body.strategy).toBe('mobile');
    expect(body.lab).toEqual({
      ttiMs: ms('interactive'),
      tbtMs: ms('total-blocking-time'),
      lcpMs: ms('largest-contentful-paint'),
      fcpMs: ms('first-contentful-paint'),
      lighthouseVersion: '13.5.0',
      cpuSlowdown: lhr.configSettings.throttling.cpuSlowdownMultiplier,
    });
    expect(lhr.configSettings.throttlingMethod).toBe('simulate');
    // test/fixtures/psi/crux/shop-origin.json: INP p75 342 ms, LCP p75 3812 ms.
    expect(body.field).toEqual({ inpMs: 342, lcpMs: 3812, scope: 'origin' });

    // Lighthouse 13's insight records observed time; on the simulated phone it is × the CPU slowdown.
    const items = lhr.audits['third-parties-insight']!.details!.items;
    const slowdown = lhr.configSettings.throttling.cpuSlowdownMultiplier;
    expect(slowdown).toBeGreaterThan(1);
    const expected = items
      .map((item) => ({
        entity: item['entity'] as string,
        mainThreadMs: Math.round((item['mainThreadTime'] as number) * slowdown),
        transferBytes: item['transferSize'] as number,
      }))
      .sort((a, b) => b.mainThreadMs - a.mainThreadMs || b.transferBytes - a.transferBytes);
    expect(body.thirdPartyAudit).toBe('third-parties-insight');
    expect(expected.length).toBeGreaterThan(MAX_THIRD_PARTIES);
    expect(body.thirdParties).toEqual(expected.slice(0, MAX_THIRD_PARTIES));
    expect(body.thirdParties.map((p) => p.entity)).toEqual(
      expect.arrayContaining(['Google Tag Manager', 'Facebook', 'Hotjar', 'Google Analytics']),
    );

    // The scenario counts every company, also those past the listed twenty.
    const total = expected.reduce((sum, p) => sum + p.mainThreadMs, 0);
    const tti = ms('interactive');
    const fcp = ms('first-contentful-paint');
    expect(body.scenario).toEqual({
      ttiMs: Math.max(fcp, tti - total),
      savedMs: tti - Math.max(fcp, tti - total),
      mainThreadMs: total,
      flooredAtFcp: tti - total < fcp,
      assumption: SCENARIO_ASSUMPTION,
    });
    expect(body.notes).toEqual([
      {
        code: 'third_parties_truncated',
        message:
          expected.length - MAX_THIRD_PARTIES === 1
            ? '1 lighter third party is not listed.'
            : `${expected.length - MAX_THIRD_PARTIES} lighter third parties are not listed.`,
      },
    ]);
  });

  it('asks PSI for the normalised URL, the strategy and the performance category only, once', async () => {
    const page = fresh('/sites/shop.html');
    await measure(q(page, 'desktop'));
    expect(await psiRequests(page)).toEqual([
      expect.objectContaining({ strategy: 'desktop', category: ['performance'], key: null }),
    ]);
  });

  it('sends PSI_API_KEY as `key` and never echoes it', async () => {
    const page = fresh('/sites/simple.html');
    const { body } = await measure(q(page), { vars: { PSI_API_KEY: 'test-key-123' } });
    expect((await psiRequests(page)).map((r) => r.key)).toEqual(['test-key-123']);
    expect(JSON.stringify(body)).not.toContain('test-key-123');
  });

  it('measures desktop with its own settings (no CPU slowdown)', async () => {
    const { status, body } = await measure(q(fresh('/sites/shop.html'), 'desktop'));
    expect(status).toBe(200);
    expect(body.strategy).toBe('desktop');
    expect(body.lab.cpuSlowdown).toBe(1);
    const lhr = (await rawPsi('/sites/shop.html', 'desktop')).lighthouseResult;
    expect(body.lab.ttiMs).toBe(Math.round(lhr.audits['interactive']!.numericValue!));
  });

  it('has no field data for a page whose origin PSI has none for (missing field data)', async () => {
    const { status, body } = await measure(q(fresh('/sites/simple.html')));
    expect(status).toBe(200);
    expect(body.field).toBeNull();
    expect(body.lab.ttiMs).toEqual(expect.any(Number));
  });

  it('reads an older Lighthouse report that has only third-party-summary (blocking time, already scaled)', async () => {
    const { status, body } = await measure(q(fresh('/sites/shop.html?psi-case=old-lighthouse')));
    expect(status).toBe(200);
    expect(body.lab.lighthouseVersion).toBe('12.3.0');
    expect(body.thirdPartyAudit).toBe('third-party-summary');
    // third-party-summary's times are already on the simulated device: taken as they are, not scaled again.
    const lhr = (await rawPsi('/sites/shop.html?psi-case=old-lighthouse', 'mobile')).lighthouseResult;
    const summary = lhr.audits['third-party-summary']!.details!.items;
    expect(lhr.audits['third-parties-insight']).toBeUndefined();
    const ads = summary.find((item) => item['entity'] === 'Google/Doubleclick Ads')!;
    expect(body.thirdParties.find((p) => p.entity === 'Google/Doubleclick Ads')).toEqual({
      entity: 'Google/Doubleclick Ads',
      mainThreadMs: Math.round(ads['mainThreadTime'] as number),
      transferBytes: ads['transferSize'],
      blockingMs: Math.round(ads['blockingTime'] as number),
    });
    expect(body.thirdParties).toHaveLength(Math.min(summary.length, MAX_THIRD_PARTIES));
    expect(body.thirdParties.every((p) => typeof p.blockingMs === 'number')).toBe(true);
    expect(body.scenario?.mainThreadMs).toBe(body.thirdParties.reduce((s, p) => s + p.mainThreadMs, 0));
  });

  it('serves a repeat from cache for an hour, saying so, without asking PSI again', async () => {
    const page = fresh('/sites/shop.html');
    const first = await measure(q(page));
    const second = await measure(q(page));
    expect(first.body.cache).toBe('miss');
    expect(second.body.cache).toBe('hit');
    expect(second.body.fetchedAt).toBe(first.body.fetchedAt);
    expect(second.body.expiresAt).toBe(first.body.expiresAt);
    expect(Date.parse(first.body.expiresAt) - Date.now()).toBeGreaterThan(
      (MEASURE_CACHE_TTL_SECONDS - 60) * 1000,
    );
    expect(await psiRequests(page)).toHaveLength(1);
    // The other strategy is its own measurement.
    expect((await measure(q(page, 'desktop'))).body.cache).toBe('miss');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const { status, body } = await measure(q(fresh('/sites/simple.html')), { method: 'HEAD' });
    expect(status).toBe(200);
    expect(body).toBeNull();
  });
});

describe('GET /api/measure: failures have their own codes and are never cached', () => {
  const cases: Array<[label: string, path: string, status: number, code: string, mentions: RegExp]> = [
    ['PSI quota spent', '/?psi-case=quota', 424, 'psi_quota', /quota/i],
    [
      'Lighthouse runtime error in the payload',
      '/?psi-case=runtime-error',
      424,
      'page_unreachable',
      /ERRORED_DOCUMENT_REQUEST/,
    ],
    ['the page answers 500 (PSI error envelope)', '/status/500', 424, 'page_unreachable', /Status code: 500/],
    [
      'the page cannot be reached',
      '/?psi-case=unreachable',
      424,
      'page_unreachable',
      /ERR_CONNECTION_REFUSED/,
    ],
    ['PSI breaks', '/?psi-case=server-error', 424, 'psi_unavailable', /HTTP 500/],
    [
      'PSI answers something that is not JSON',
      '/?psi-case=not-json',
      424,
      'psi_unavailable',
      /not a Lighthouse result/,
    ],
    ['PSI refuses our key', '/?psi-case=bad-key', 424, 'psi_refused', /API key not valid/],
  ];

  it.each(cases)('%s (%s) → %i %s', async (_label, path, status, code, mentions) => {
    const page = fresh(path);
    const first = await measure(q(page));
    expect(first.status).toBe(status);
    expect(first.body.error.code).toBe(code);
    expect(first.body.error.message).toMatch(mentions);
    expect(first.headers.get('cache-control')).toBe('no-store');
    await measure(q(page));
    expect(await psiRequests(page)).toHaveLength(2);
  });

  it('a spent quota says when to come back (Retry-After)', async () => {
    const { headers } = await measure(q(fresh('/?psi-case=quota')));
    expect(headers.get('retry-after')).toBe(String(QUOTA_RETRY_AFTER_SECONDS));
  });

  it('gives up on PSI at the time limit with psi_timeout', async () => {
    const started = Date.now();
    const { status, body } = await measure(q(fresh('/?psi-case=slow')), {
      vars: { PSI_TIME_LIMIT_MS: '1000' },
    });
    expect(status).toBe(424);
    expect(body.error.code).toBe('psi_timeout');
    expect(body.error.message).toContain('1 s');
    // The fixture holds the request for two minutes: only our limit can have ended it.
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});

describe('GET /api/measure: the URL passes /api/scan’s rules before anything is sent', () => {
  const refusals: Array<[label: string, query: string, status: number, code: string]> = [
    ['no url', '', 400, 'invalid_query'],
    ['empty url', 'url=', 400, 'invalid_query'],
    ['unknown strategy', `${q('example.com')}&strategy=tablet`, 400, 'invalid_query'],
    ['url given twice', `${q('a.example')}&${q('b.example')}`, 400, 'invalid_query'],
    ['ftp', q('ftp://example.com/'), 422, 'unsupported_scheme'],
    ['credentials', q('https://user:pw@example.com/'), 422, 'credentials_in_url'],
    ['a private address', q('http://10.0.0.1/'), 422, 'private_address'],
    ['loopback by another spelling', q('http://2130706433/'), 422, 'private_address'],
    ['a port', q('https://example.com:8443/'), 422, 'port_not_allowed'],
    ['a host that does not resolve', q('https://nope.fixture.test/'), 424, 'dns_failed'],
  ];

  it.each(refusals)('%s (%s) → %i %s, and PSI never hears of it', async (_label, query, status, code) => {
    const { status: got, body } = await measure(query);
    expect(`${got} ${body.error.code}`).toBe(`${status} ${code}`);
    const page = new URLSearchParams(query).get('url');
    if (!page) return;
    // Neither as typed nor as the URL parser spells it (http://2130706433/ is http://127.0.0.1/).
    const spellings = new Set([page, URL.canParse(page) ? new URL(page).href : page]);
    for (const spelling of spellings) expect(await psiRequests(spelling), spelling).toEqual([]);
  });

  it('refuses other methods with 405 and Allow', async () => {
    const { status, headers, body } = await measure(q('example.com'), { method: 'POST' });
    expect(status).toBe(405);
    expect(body.error.code).toBe('method_not_allowed');
    expect(headers.get('allow')).toBe('GET, HEAD');
  });
});
