/**
 * SVG path data through points with d3-shape's `curveMonotoneX` (Steffen 1990, "A simple method for
 * monotonic interpolation in one dimension": the curve never overshoots the data, so a monotone model
 * curve stays monotone on screen). Same algorithm and output as d3-shape 3.2 `line().curve(curveMonotoneX)
 * .digits(digits)` (ISC licence, Mike Bostock) — checked against d3-shape in
 * test/unit/chart/monotone-path.test.ts — re-stated because d3-shape costs about 4.5 KB gzip of the /tti/
 * page's 15 KB JS budget.
 */
export type Point = readonly [x: number, y: number];

const sign = (x: number): number => (x < 0 ? -1 : 1);

/** Tangent at (x1, y1) from both neighbours (d3's slope3). */
function slope3(p0: Point, p1: Point, p2: Point): number {
  const h0 = p1[0] - p0[0];
  const h1 = p2[0] - p1[0];
  // d3 divides by a signed zero to get the infinite slope's sign right; (h0 || …) keeps that.
  const s0 = (p1[1] - p0[1]) / (h0 || (h1 < 0 ? -0 : 0));
  const s1 = (p2[1] - p1[1]) / (h1 || (h0 < 0 ? -0 : 0));
  const p = (s0 * h1 + s1 * h0) / (h0 + h1);
  return (sign(s0) + sign(s1)) * Math.min(Math.abs(s0), Math.abs(s1), 0.5 * Math.abs(p)) || 0;
}

/** One-sided tangent at an end from the neighbouring tangent t (d3's slope2). */
function slope2(p0: Point, p1: Point, t: number): number {
  const h = p1[0] - p0[0];
  return h ? ((3 * (p1[1] - p0[1])) / h - t) / 2 : t;
}

/** Commands for the curve through `points` (no leading "M"): "L…" or "C…" segments. */
function segments(points: readonly Point[], f: (n: number) => string): string {
  const n = points.length;
  if (n === 2) return `L${f(points[1]![0])},${f(points[1]![1])}`;
  const tangents: number[] = new Array<number>(n);
  for (let i = 1; i < n - 1; i++) tangents[i] = slope3(points[i - 1]!, points[i]!, points[i + 1]!);
  tangents[0] = slope2(points[0]!, points[1]!, tangents[1]!);
  tangents[n - 1] = slope2(points[n - 2]!, points[n - 1]!, tangents[n - 2]!);
  let out = '';
  for (let i = 1; i < n; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    const dx = (x1 - x0) / 3;
    out +=
      `C${f(x0 + dx)},${f(y0 + dx * tangents[i - 1]!)},` +
      `${f(x1 - dx)},${f(y1 - dx * tangents[i]!)},${f(x1)},${f(y1)}`;
  }
  return out;
}

/** Drops a point equal to the one before it, as d3's monotone curve ignores coincident points. */
function distinct(points: readonly Point[]): Point[] {
  return points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
}

function formatter(digits: number): (n: number) => string {
  const k = 10 ** digits;
  return (n) => String(Math.round(n * k) / k);
}

/** An open monotone curve through the points: "M…C…". Empty string for no points. */
export function monotoneLine(input: readonly Point[], digits = 1): string {
  const f = formatter(digits);
  const points = distinct(input);
  if (points.length === 0) return '';
  const [x, y] = points[0]!;
  const head = `M${f(x)},${f(y)}`;
  return points.length === 1 ? `${head}Z` : head + segments(points, f);
}

/**
 * A closed band between two curves over the same x values (d3's `area()` with y1 on top, y0 below):
 * along `upper` left to right, down to `lower`, back along `lower` right to left.
 */
export function monotoneArea(upper: readonly Point[], lower: readonly Point[], digits = 1): string {
  const f = formatter(digits);
  if (upper.length === 0 || lower.length !== upper.length) return '';
  const back = distinct([...lower].reverse());
  upper = distinct(upper);
  const top = upper.length === 1 ? '' : segments(upper, f);
  const bottom = back.length === 1 ? '' : segments(back, f);
  return `M${f(upper[0]![0])},${f(upper[0]![1])}${top}` + `L${f(back[0]![0])},${f(back[0]![1])}${bottom}Z`;
}
