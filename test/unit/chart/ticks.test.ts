/**
 * The tick algorithm (d3-array behind the project's own signatures). Oracles independent of d3: the
 * examples of d3-array's documentation (https://d3js.org/d3-array/ticks), and the rules ticks obey —
 * inside the domain, evenly spaced by tickStep, multiples of 1, 2 or 5 × 10^k, and nice() widening the
 * domain to multiples of that step.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nice, tickStep, ticks } from '../../../src/core/chart/ticks.ts';

describe('ticks: documented examples', () => {
  it('d3.ticks(1, 9, 5) is [2, 4, 6, 8] and d3.ticks(1, 9, 20) counts by 0.5', () => {
    expect(ticks(1, 9, 5)).toEqual([2, 4, 6, 8]);
    expect(ticks(1, 9, 20)).toEqual([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9]);
  });

  it('d3.tickStep(1, 9, 5) is 2, and exact decimals come out exact (no 0.30000000000000004)', () => {
    expect(tickStep(1, 9, 5)).toBe(2);
    expect(ticks(0, 1, 10)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it('d3.nice(1, 9, 5) widens to multiples of the step of 2: [0, 10]', () => {
    expect(nice(1, 9, 5)).toEqual([0, 10]);
    expect(nice(0.201479, 0.996679, 10)).toEqual([0.2, 1]);
  });

  it('degenerate input', () => {
    expect(ticks(3, 3, 5)).toEqual([3]);
    expect(ticks(0, 1, 0)).toEqual([]);
    expect(ticks(0, 1, -3)).toEqual([]);
  });
});

describe('ticks: rules', () => {
  const domain = fc
    .tuple(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
      fc.integer({ min: 1, max: 20 }),
    )
    .map(([start, span, count]) => ({ start, stop: start + span, count }));

  it('are inside the domain, ascending and evenly spaced by a 1-2-5 step', () => {
    fc.assert(
      fc.property(domain, ({ start, stop, count }) => {
        const values = ticks(start, stop, count);
        const step = tickStep(start, stop, count);
        const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-12);
        expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
        for (const [i, value] of values.entries()) {
          expect(value).toBeGreaterThanOrEqual(start);
          expect(value).toBeLessThanOrEqual(stop);
          if (i > 0) expect(value - values[i - 1]!).toBeCloseTo(step, 6);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('nice() contains the domain and ends on multiples of its step', () => {
    fc.assert(
      fc.property(domain, ({ start, stop, count }) => {
        const [low, high] = nice(start, stop, count);
        expect(low).toBeLessThanOrEqual(start);
        expect(high).toBeGreaterThanOrEqual(stop);
        const step = tickStep(low, high, count);
        for (const end of [low, high])
          expect(Math.abs(end / step - Math.round(end / step))).toBeLessThan(1e-6);
      }),
      { numRuns: 300 },
    );
  });
});
