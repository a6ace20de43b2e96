import { describe, expect, it } from 'vitest';
import { onRequest as middleware } from '../../functions/api/_middleware.ts';
import * as ttiRoute from '../../functions/api/tti.ts';
import { ttiResponseSchema } from '../../src/core/openapi/tti.ts';
import { TTI_QUERY_MAX_LENGTH } from '../../src/core/tti/api.ts';
import { DEFAULT_PARAMS } from '../../src/core/tti/params.ts';
import validation from '../../src/data/tti-validation.json';
import { callFunction, handlerFor } from './call.ts';

/** Calls /api/tti the way Pages does: through the /api middleware (error envelope, CORS) to the method's handler. */
const call = (query: string, init: RequestInit = {}) => {
  const request = new Request(`https://tools.test/api/tti${query}`, init);
  const handler = handlerFor<PagesFunction<Env>>(ttiRoute, request.method)!;
  return callFunction(middleware, request, { next: () => callFunction(handler, request) });
};

describe('GET /api/tti (workerd)', () => {
  it('answers the headline, range, bounce rates and model version', async () => {
    const response = await call('?current=8.3&target=5.7&bounceRate=0.45');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = ttiResponseSchema.parse(await response.json());
    // The closed form (current ÷ target)^β − 1 with the shipped elasticities.
    const { betaCentral, betaLow, betaHigh } = DEFAULT_PARAMS.conversion;
    const closedForm = (beta: number) => (Math.pow(8.3 / 5.7, beta) - 1) * 100;
    expect(body.conversion.liftPct).toBeCloseTo(closedForm(betaCentral), 8);
    expect(body.conversion.lowPct).toBeCloseTo(closedForm(betaLow), 8);
    expect(body.conversion.highPct).toBeCloseTo(closedForm(betaHigh), 8);
    expect(body.bounce).toMatchObject({ currentRate: 0.45, currentRateSource: 'input' });
    expect(body.bounce.targetRate).toBeGreaterThan(0.38);
    expect(body.bounce.targetRate).toBeLessThan(0.45);
    expect(body.revenue).toBeNull();
    expect(body.model.version).toBe(DEFAULT_PARAMS.version);
    // How well the model predicts: the figures the fit shipped (src/data/tti-validation.json).
    expect(body.model.validation).toEqual(validation.summary);
    expect(body.flags).toEqual([]);
    expect(body.input).toEqual({ current: 8.3, target: 5.7, bounceRate: 0.45 });
    expect(body.text.title).toMatch(/8\.3 s to 5\.7 s/);
  });

  it('adds revenue when sessions, conversion rate and order value are given', async () => {
    const body = ttiResponseSchema.parse(
      await (
        await call('?current=8.3&target=5.7&sessions=100000&conversionRate=0.02&orderValue=80&currency=EUR')
      ).json(),
    );
    expect(body.revenue?.currency).toBe('EUR');
    expect(body.revenue?.monthlyBaseline).toBe(160000);
    expect(body.revenue?.yearlyDelta.central).toBeCloseTo(body.revenue!.monthlyDelta.central * 12, 6);
    expect(body.flags.map((flag) => flag.code)).toEqual(['default_used']);
  });

  it('reports clamping and extrapolation in flags', async () => {
    const body = ttiResponseSchema.parse(await (await call('?current=45&target=0.5&bounceRate=0.5')).json());
    expect(body.flags.map((flag) => [flag.code, flag.field])).toEqual([
      ['extrapolated', 'current'],
      ['clamped', 'target'],
    ]);
    expect(body.effective).toEqual({ current: 45, target: 1 });
  });

  it('is cacheable for a day with a deterministic ETag that ignores unknown parameters', async () => {
    const first = await call('?current=8.3&target=5.7');
    const again = await call('?utm_source=x&target=5.7&current=8.30');
    const other = await call('?current=8.3&target=5.6');
    expect(first.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{8}"$/);
    expect(again.headers.get('etag')).toBe(etag);
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('answers 304 without a body when If-None-Match matches', async () => {
    const etag = (await call('?current=4&target=2')).headers.get('etag')!;
    const response = await call('?current=4&target=2', { headers: { 'if-none-match': etag } });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe('');
    expect(response.headers.get('etag')).toBe(etag);
  });

  it.each<[string, string, string[]]>([
    ['no query', '', ['current', 'target']],
    ['a missing target', '?current=8', ['target']],
    ['a non-number', '?current=fast&target=2', ['current']],
    ['an exponent', '?current=1e400&target=2', ['current']],
    ['zero', '?current=8&target=0', ['target']],
    ['beyond the maximum', '?current=8&target=61', ['target']],
    ['a bounce rate in percent', '?current=8&target=4&bounceRate=45', ['bounceRate']],
    ['a negative number of sessions', '?current=8&target=4&sessions=-1', ['sessions']],
    ['a conversion rate above 1', '?current=8&target=4&conversionRate=1.5', ['conversionRate']],
    ['a huge order value', '?current=8&target=4&orderValue=1e12', ['orderValue']],
    ['a bad currency', '?current=8&target=4&currency=euro', ['currency']],
    ['a repeated field', '?current=8&target=4&target=5', ['target']],
  ])('rejects %s with 400 invalid_query and the offending paths', async (_name, query, paths) => {
    const response = await call(query);
    expect(response.status).toBe(400);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { error: { code: string; issues: Array<{ path: string }> } };
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.issues.map((issue) => issue.path)).toEqual(paths);
  });

  it('rejects an over-long query with 400 query_too_long', async () => {
    const response = await call(`?current=8&target=4&pad=${'x'.repeat(TTI_QUERY_MAX_LENGTH)}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'query_too_long' } });
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])(
    'rejects %s with 405 method_not_allowed and Allow',
    async (method) => {
      const response = await call('?current=8&target=4', { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expect(await response.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    },
  );

  it('answers HEAD like GET', async () => {
    const response = await call('?current=8&target=4', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"/);
  });

  it('never answers 5xx, whatever the query', async () => {
    const hostile = [
      '?current=%00&target=%ff',
      '?current[]=1&target=2',
      '?=&&&=',
      '?current=NaN&target=-0',
      '?current=9'.repeat(200),
    ];
    for (const query of hostile) expect((await call(query)).status).toBeLessThan(500);
  });
});
