/**
 * A linear scale: the one piece of d3-scale this chart needs, without d3-scale's interpolators, colour
 * parsing and number formatting. Measured in the /tti/ build (December 2026), scaleLinear adds 9.0 KB gzip
 * (d3-interpolate, d3-color, d3-format), which the page's 25 KB budget cannot take on top of everything
 * else (docs/decisions.md); ticks and curves do come from d3-array and d3-shape.
 * Same semantics as d3's `scaleLinear().domain(domain).range(range)` without clamping.
 */
export interface LinearScale {
  (value: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
}

export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  // A degenerate domain maps everything to the middle of the range, as d3 does.
  const scale = (value: number): number =>
    span === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / span) * (r1 - r0);
  return Object.assign(scale, { domain: [d0, d1] as const, range: [r0, r1] as const });
}
