/**
 * SVG path data through points with d3-shape's `curveMonotoneX` (Steffen 1990, "A simple method for
 * monotonic interpolation in one dimension": the curve never overshoots the data, so a monotone model
 * curve stays monotone on screen). d3-shape 3.2 (ISC licence) draws it; until December 2026 this file
 * re-stated the algorithm to fit a 15 KB JavaScript budget (docs/decisions.md). The names and
 * signatures stay: the page, the no-JS Function and the server-rendered validation chart call them.
 */
import { area, curveMonotoneX, line } from 'd3-shape';

export type Point = readonly [x: number, y: number];

/** An open monotone curve through the points: "M…C…", coordinates rounded to `digits`. Empty for no points. */
export function monotoneLine(points: readonly Point[], digits = 1): string {
  return line<Point>().curve(curveMonotoneX).digits(digits)(points) ?? '';
}

/**
 * A closed band between two curves over the same x values (`area()` with y1 on top, y0 below): along
 * `upper` left to right, down to `lower`, back along `lower` right to left. Empty unless they pair up.
 */
export function monotoneArea(upper: readonly Point[], lower: readonly Point[], digits = 1): string {
  if (upper.length === 0 || lower.length !== upper.length) return '';
  return (
    area<number>()
      .x((i) => upper[i]![0])
      .y1((i) => upper[i]![1])
      .y0((i) => lower[i]![1])
      .curve(curveMonotoneX)
      .digits(digits)(upper.map((_, i) => i)) ?? ''
  );
}
