import { describe, expect, it } from 'vitest';
import { linearScale } from '../../../src/core/chart/linear-scale.ts';
import { decimalsFor, niceTicks } from '../../../src/core/chart/nice-ticks.ts';

describe('linearScale', () => {
  it.each([
    [[0, 10], [0, 100], 5, 50],
    [[0, 10], [100, 0], 2.5, 75],
    [[1, 3], [10, 30], 4, 40],
    [[2, 2], [0, 100], 7, 50],
  ] as Array<[[number, number], [number, number], number, number]>)(
    'domain %j range %j maps %d to %d',
    (domain, range, value, expected) => {
      expect(linearScale(domain, range)(value)).toBeCloseTo(expected, 12);
    },
  );
});

describe('niceTicks', () => {
  it('widens to round values and labels every tick with one precision', () => {
    const axis = niceTicks(0.93, 1.62, 5, (v, d) => v.toFixed(d));
    expect(axis.domain).toEqual([0.8, 1.8]);
    expect(axis.ticks.map((t) => t.label)).toEqual(['0.8', '1.0', '1.2', '1.4', '1.6', '1.8']);
  });

  it.each([
    [1, 0],
    [5, 0],
    [0.5, 1],
    [0.2, 1],
    [0.25, 2],
    [0.05, 2],
    [0.001, 3],
    [0, 0],
    [Number.NaN, 0],
  ])('decimalsFor(%d) = %d', (step, decimals) => {
    expect(decimalsFor(step)).toBe(decimals);
  });
});
