import { describe, expect, it } from 'vitest';
import {
  MEASURE_QUERY_MAX_LENGTH,
  MEASURE_TIME_LIMIT_MS,
  MIN_MEASURE_TIME_LIMIT_MS,
  PSI_DEFAULT_ENDPOINT,
  measureTimeLimitFromEnv,
} from '../../../src/core/measure/limits.ts';
import { parseMeasureQuery, psiEndpoint, psiRequestUrl } from '../../../src/core/measure/psi-request.ts';

describe('parseMeasureQuery', () => {
  it.each([
    ['url=example.com', { url: 'example.com', strategy: 'mobile' }],
    ['?url=example.com&strategy=desktop', { url: 'example.com', strategy: 'desktop' }],
    ['url=example.com&strategy=', { url: 'example.com', strategy: 'mobile' }],
    [
      'url=https%3A%2F%2Fshop.example%2F%3Fa%3D1&utm_source=x',
      { url: 'https://shop.example/?a=1', strategy: 'mobile' },
    ],
  ])('%s → %j', (search, query) => {
    expect(parseMeasureQuery(search)).toEqual({ ok: true, query });
  });

  it.each([
    ['', ['url']],
    ['url=', ['url']],
    ['url=a&strategy=tablet', ['strategy']],
    ['url=a&strategy=MOBILE', ['strategy']],
    ['url=a&url=b', ['url']],
    ['url=a&strategy=mobile&strategy=desktop', ['strategy']],
    [`url=${'a'.repeat(MEASURE_QUERY_MAX_LENGTH)}`, ['']],
  ])('%s → issues on %j', (search, paths) => {
    const parsed = parseMeasureQuery(search);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => i.path)).toEqual(paths);
  });
});

describe('psiEndpoint and psiRequestUrl', () => {
  it('defaults to Google’s runPagespeed and refuses a non-http endpoint', () => {
    expect(psiEndpoint(undefined).href).toBe(PSI_DEFAULT_ENDPOINT);
    expect(psiEndpoint('  ').href).toBe(PSI_DEFAULT_ENDPOINT);
    expect(psiEndpoint('http://127.0.0.1:9/pagespeedonline/v5/runPagespeed').host).toBe('127.0.0.1:9');
    expect(() => psiEndpoint('ftp://x/')).toThrow(/http/);
    expect(() => psiEndpoint('not a url')).toThrow();
  });

  it('asks for the page, the strategy and the performance category, with the key only when there is one', () => {
    const endpoint = psiEndpoint(undefined);
    const withKey = psiRequestUrl(endpoint, 'https://shop.example/?a=1&b=2', 'mobile', 'k-1');
    expect([...withKey.searchParams]).toEqual([
      ['url', 'https://shop.example/?a=1&b=2'],
      ['strategy', 'mobile'],
      ['category', 'performance'],
      ['key', 'k-1'],
    ]);
    expect(psiRequestUrl(endpoint, 'https://shop.example/', 'desktop').searchParams.has('key')).toBe(false);
    expect(psiRequestUrl(endpoint, 'https://shop.example/', 'desktop', '').searchParams.has('key')).toBe(
      false,
    );
  });
});

describe('measureTimeLimitFromEnv (PSI_TIME_LIMIT_MS)', () => {
  it.each([
    [undefined, MEASURE_TIME_LIMIT_MS],
    ['', MEASURE_TIME_LIMIT_MS],
    ['5000', 5000],
    ['10', MIN_MEASURE_TIME_LIMIT_MS],
    ['999999', MEASURE_TIME_LIMIT_MS],
    ['1e3', MEASURE_TIME_LIMIT_MS],
    ['-5', MEASURE_TIME_LIMIT_MS],
    ['fast', MEASURE_TIME_LIMIT_MS],
  ])('%j → %i ms', (value, ms) => {
    expect(measureTimeLimitFromEnv(value)).toBe(ms);
  });
});
