/**
 * GET /api/tti under hostile query strings, inside workerd: any query gives a result or a known 4xx,
 * and a result's numbers are finite. JSON.stringify writes NaN and ±Infinity as null, so "finite" is
 * checked by the strict response schema (a null where a number belongs fails it), and a test below shows
 * the check catches exactly that.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as route from '../../functions/api/tti.ts';
import { ttiResponseSchema } from '../../src/core/openapi/tti.ts';
import { TTI_QUERY_FIELDS } from '../../src/core/tti/query.ts';
import { ROUTE_CODES } from '../unit/fuzz/error-codes.ts';
import { hostileString } from '../unit/fuzz/generators.ts';
import { dispatch, expectWellFormed } from './fuzz-harness.ts';

/** Number-like strings from sane to absurd. */
const numberish = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.double({ min: 0, max: 100, noNaN: true }).map((n) => n.toFixed(3)),
  fc.nat({ max: 10_000_000_000 }).map(String),
  fc.constantFrom(
    '0',
    '0.0',
    '.5',
    '5.',
    '1e3',
    '-1',
    '+1',
    ' 5',
    '5 ',
    '1,000',
    '0x1f',
    'Infinity',
    '9'.repeat(400),
  ),
  hostileString,
);

const key = fc.oneof(
  { arbitrary: fc.constantFrom(...TTI_QUERY_FIELDS), weight: 4 },
  fc.constantFrom('utm_source', 'current[]', '__proto__', ''),
  hostileString,
);

/** A query as pairs, so repeats (current=1&current=2) and unknown keys happen. */
const query = fc
  .array(fc.tuple(key, numberish), { maxLength: 12 })
  .map((pairs) => new URLSearchParams(pairs).toString());

/** Fails unless the body is a complete result whose every number is finite. */
function expectFiniteResult(body: unknown): void {
  const parsed = ttiResponseSchema.safeParse(body);
  expect(parsed.success, parsed.error?.message).toBe(true);
}

describe('GET /api/tti under fuzzing (workerd)', () => {
  it('answers any query with a finite result or a known 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        query,
        fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT'),
        async (q, method) => {
          const response = await dispatch(
            route,
            new Request(`https://tools.example.com/api/tti?${q}`, { method }),
          );
          const verdict = await expectWellFormed(response, ROUTE_CODES.tti);
          if (verdict.status === 200 && method === 'GET') expectFiniteResult(verdict.body);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('answers valid inputs over the whole accepted range with finite numbers', async () => {
    const valid = fc.record({
      current: fc.double({ min: 0.01, max: 60, noNaN: true }),
      target: fc.double({ min: 0.01, max: 60, noNaN: true }),
      bounceRate: fc.double({ min: 0, max: 1, noNaN: true }),
      sessions: fc.nat({ max: 1_000_000_000 }),
      conversionRate: fc.double({ min: 0, max: 1, noNaN: true }),
      orderValue: fc.double({ min: 0, max: 100_000, noNaN: true }),
    });
    await fc.assert(
      fc.asyncProperty(valid, async (input) => {
        const q = new URLSearchParams(Object.entries(input).map(([k, v]) => [k, v.toFixed(4)])).toString();
        const verdict = await expectWellFormed(
          await dispatch(route, new Request(`https://tools.example.com/api/tti?${q}`)),
          ROUTE_CODES.tti,
        );
        expect(verdict.status, `valid query ${q} answered ${JSON.stringify(verdict.body)}`).toBe(200);
        expectFiniteResult(verdict.body);
      }),
      { numRuns: 300 },
    );
  });

  it('has a finiteness check that fails when a NaN or an Infinity reaches the JSON (as null)', async () => {
    const response = await dispatch(
      route,
      new Request('https://tools.example.com/api/tti?current=8&target=4'),
    );
    const body = (await response.json()) as {
      conversion: Record<string, number>;
      bounce: Record<string, number>;
    };
    expectFiniteResult(body);
    for (const [part, field, value] of [
      ['conversion', 'liftPct', NaN],
      ['conversion', 'highPct', Infinity],
      ['bounce', 'changePct', -Infinity],
    ] as const) {
      const broken = JSON.parse(
        JSON.stringify({ ...body, [part]: { ...body[part], [field]: value } }),
      ) as unknown;
      expect(ttiResponseSchema.safeParse(broken).success, `${part}.${field} = ${value}`).toBe(false);
    }
  });

  it('answers an over-long query with 4xx query_too_long, not by parsing it', async () => {
    const verdict = await expectWellFormed(
      await dispatch(
        route,
        new Request(`https://tools.example.com/api/tti?current=5&target=3&x=${'a'.repeat(20_000)}`),
      ),
      ROUTE_CODES.tti,
    );
    expect(verdict.code).toBe('query_too_long');
  });
});
