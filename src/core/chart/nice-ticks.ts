import { nice, tickStep, ticks } from './ticks.ts';

/** A tick: its value and the label to print. */
export interface Tick {
  value: number;
  label: string;
}

/**
 * Extends [lo, hi] to round numbers and returns about `count` ticks on it (d3's 1-2-5 steps).
 * `format` turns a value into a label given the number of decimals the step needs, so labels of one
 * axis all share a precision ("0.8, 0.9, 1.0", not "0.8, 0.9, 1").
 */
export function niceTicks(
  lo: number,
  hi: number,
  count: number,
  format: (value: number, decimals: number) => string,
): { domain: [number, number]; ticks: Tick[] } {
  const [start, stop] = nice(lo, hi, count);
  const step = tickStep(start, stop, count);
  const decimals = decimalsFor(step);
  return {
    domain: [start, stop],
    ticks: ticks(start, stop, count).map((value) => ({ value, label: format(value, decimals) })),
  };
}

/** Decimals needed to print multiples of `step` exactly (0.25 -> 2, 0.5 -> 1, 5 -> 0). */
export function decimalsFor(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  for (let decimals = 0; decimals < 10; decimals++) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return decimals;
  }
  return 10;
}
