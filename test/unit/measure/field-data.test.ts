import { describe, expect, it } from 'vitest';
import { readFieldData } from '../../../src/core/measure/field-data.ts';

const m = (percentile: number) => ({ percentile, category: 'AVERAGE' });

describe('readFieldData (the origin’s Chrome UX Report p75)', () => {
  it.each([
    [
      'INP and LCP',
      {
        metrics: {
          INTERACTION_TO_NEXT_PAINT: m(342),
          LARGEST_CONTENTFUL_PAINT_MS: m(3812),
          CUMULATIVE_LAYOUT_SHIFT_SCORE: m(9),
        },
      },
      { inpMs: 342, lcpMs: 3812, scope: 'origin' },
    ],
    [
      'LCP only (too few interactions for INP)',
      { metrics: { LARGEST_CONTENTFUL_PAINT_MS: m(2100) } },
      { inpMs: null, lcpMs: 2100, scope: 'origin' },
    ],
    [
      'INP under its pre-2024 name',
      { metrics: { EXPERIMENTAL_INTERACTION_TO_NEXT_PAINT: m(180) } },
      { inpMs: 180, lcpMs: null, scope: 'origin' },
    ],
    ['metrics without percentiles', { metrics: { LARGEST_CONTENTFUL_PAINT_MS: { category: 'FAST' } } }, null],
    ['only other metrics', { metrics: { FIRST_CONTENTFUL_PAINT_MS: m(1000) } }, null],
    ['no metrics (PSI without CrUX data)', { id: 'https://example.com' }, null],
    ['no origin object at all', undefined, null],
  ])('%s', (_label, origin, expected) => {
    expect(readFieldData(origin)).toEqual(expected);
  });
});
