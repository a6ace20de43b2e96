/**
 * GET /api/tti under hostile query strings, inside workerd: any query gives a result or a known 4xx,
 * and a result's numbers are finite (no NaN or Infinity ever reaches JSON as null).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as route from '../../functions/api/tti.ts';
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

/** Every number in a JSON value, wherever it sits. */
function numbersIn(value: unknown): unknown[] {
  if (typeof value === 'number' || value === null) return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (typeof value === 'object') return Object.values(value as object).flatMap(numbersIn);
  return [];
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
          if (verdict.status === 200 && method === 'GET') {
            for (const n of numbersIn(verdict.body)) if (n !== null) expect(Number.isFinite(n)).toBe(true);
          }
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
        if (verdict.status === 200) {
          for (const n of numbersIn(verdict.body)) if (n !== null) expect(Number.isFinite(n)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
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
