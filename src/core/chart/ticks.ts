/**
 * The chart's tick algorithm: d3-array's `ticks`, `tickStep` and `nice` (d3-array 3.2, ISC licence), for
 * ascending domains. Until December 2026 this file re-stated them to fit a 15 KB JavaScript budget; with
 * the 25 KB budget d3-array and d3-shape fit, so the chart uses the libraries (docs/decisions.md). The
 * names and signatures stay, because the page, the no-JS Function and the server-rendered validation
 * chart all call them.
 */
import { nice as d3Nice, tickStep as d3TickStep, ticks as d3Ticks } from 'd3-array';

/** About `count` round values in [start, stop] (start ≤ stop): 1, 2 or 5 times a power of ten apart. */
export function ticks(start: number, stop: number, count: number): number[] {
  return d3Ticks(start, stop, count);
}

/** The distance between ticks(start, stop, count) (start ≤ stop). */
export function tickStep(start: number, stop: number, count: number): number {
  return d3TickStep(start, stop, count);
}

/** [start, stop] widened to multiples of the tick step (start ≤ stop). */
export function nice(start: number, stop: number, count: number): [number, number] {
  const [low, high] = d3Nice(start, stop, count);
  return [low, high];
}
