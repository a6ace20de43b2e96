import * as d3 from 'd3-array';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nice, tickStep, ticks } from '../../../src/core/chart/ticks.ts';

/** Our re-statement of d3-array's tick algorithm must answer exactly as d3-array does. */
describe('ticks (d3-array re-stated)', () => {
  it.each([
    [0, 1, 5],
    [0, 10, 6],
    [0.6, 2.1, 5],
    [0.2, 0.6, 5],
    [1, 60, 6],
    [0, 0.0001, 4],
    [3, 3, 5],
    [0.95, 1.05, 5],
    [0, 90, 6],
    [0.123, 0.987, 7],
  ])('ticks(%d, %d, %d) equals d3', (start, stop, count) => {
    expect(ticks(start, stop, count)).toEqual(d3.ticks(start, stop, count));
    expect(tickStep(start, stop, count)).toBe(d3.tickStep(start, stop, count));
    expect(nice(start, stop, count)).toEqual(d3.nice(start, stop, count));
  });

  it('agrees with d3 on random ascending domains', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        (start, span, count) => {
          const stop = start + span;
          expect(ticks(start, stop, count)).toEqual(d3.ticks(start, stop, count));
          expect(nice(start, stop, count)).toEqual(d3.nice(start, stop, count));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('returns nothing for a non-positive count', () => {
    expect(ticks(0, 1, 0)).toEqual([]);
    expect(ticks(0, 1, -3)).toEqual([]);
  });
});
