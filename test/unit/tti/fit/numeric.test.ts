import { describe, expect, it } from 'vitest';
import { median, pctFromLog, quantile, round } from '../../../../src/core/tti/fit/numeric.ts';

describe('quantile (type 7)', () => {
  it.each([
    [[3, 1, 2], 0.5, 2],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4, 5], 0.25, 2],
    [[10, 20], 0.25, 12.5],
    [[7], 0.9, 7],
    // R: quantile(c(0.05, 0.1, 0.2, 0.4, 0.8, 1.6), 0.25) = 0.125
    [[0.8, 0.05, 1.6, 0.1, 0.4, 0.2], 0.25, 0.125],
  ])('%j at %s → %s', (values, p, expected) => expect(quantile(values, p)).toBeCloseTo(expected, 12));

  it('refuses an empty list', () => expect(() => quantile([], 0.5)).toThrow(/empty/));

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('round and pctFromLog', () => {
  it.each([
    [0.123456, 4, 0.1235],
    [-0.00001, 4, 0],
    [2.5, 0, 3],
  ])('round(%s, %s) → %s', (value, decimals, expected) => expect(round(value, decimals)).toBe(expected));

  it('writes no negative zero', () => expect(Object.is(round(-0.00001, 4), 0)).toBe(true));

  it('turns a log ratio into a percent change', () => {
    expect(pctFromLog(Math.log(1.1))).toBeCloseTo(10, 12);
    expect(pctFromLog(Math.log(0.5))).toBeCloseTo(-50, 12);
  });
});
