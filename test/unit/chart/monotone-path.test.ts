/**
 * monotoneLine / monotoneArea (d3-shape's curveMonotoneX behind the project's own signatures). The
 * oracles are independent of d3: path data worked out by hand from Steffen's method (tangent = the
 * harmonic-style limit of the neighbouring slopes, zero at a peak; one-sided at the ends; Bézier handles
 * a third of the way along), and the properties the chart relies on — the curve passes through every
 * point and never overshoots monotone data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monotoneArea, monotoneLine, type Point } from '../../../src/core/chart/monotone-path.ts';

describe('monotoneLine: worked examples', () => {
  it.each([
    ['no points', [], ''],
    ['one point', [[1, 2]], 'M1,2Z'],
    [
      'two points: a straight segment',
      [
        [0, 0],
        [10, 5],
      ],
      'M0,0L10,5',
    ],
    // Collinear: every tangent is the line's slope 1; handles at 1/3 and 2/3.
    [
      'three collinear points',
      [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
      'M0,0C0.3,0.3,0.7,0.7,1,1C1.3,1.3,1.7,1.7,2,2',
    ],
    // A peak: slopes +10 and −10 disagree in sign, so the tangent there is 0 (no overshoot above 10);
    // the ends get (3·slope − 0)/2 = ±15.
    [
      'a peak',
      [
        [0, 0],
        [1, 10],
        [2, 0],
      ],
      'M0,0C0.3,5,0.7,10,1,10C1.3,10,1.7,5,2,0',
    ],
  ] as Array<[string, Point[], string]>)('%s', (_label, points, path) => {
    expect(monotoneLine(points, 1)).toBe(path);
  });

  it('rounds coordinates to the requested digits', () => {
    const path = monotoneLine(
      [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
      3,
    );
    expect(path).toBe('M0,0C0.333,0.333,0.667,0.667,1,1C1.333,1.333,1.667,1.667,2,2');
  });
});

/** The numbers of a path, grouped per command: [[x, y], [x1, y1, x2, y2, x, y], …]. */
function commands(path: string): Array<{ op: string; values: number[] }> {
  return [...path.matchAll(/([MLCZ])([^MLCZ]*)/g)].map((m) => ({
    op: m[1]!,
    values: m[2]!.split(',').filter(Boolean).map(Number),
  }));
}

const ascending = fc
  .uniqueArray(fc.integer({ min: 0, max: 500 }), { minLength: 2, maxLength: 30 })
  .map((xs) => xs.sort((a, b) => a - b));

describe('monotoneLine: properties', () => {
  it('passes through every point, in order', () => {
    fc.assert(
      fc.property(
        ascending,
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 30, maxLength: 30 }),
        (xs, ys) => {
          const points = xs.map((x, i): Point => [x, ys[i]!]);
          const ends = commands(monotoneLine(points, 6)).map((c) => c.values.slice(-2));
          expect(ends).toEqual(points.map(([x, y]) => [x, y]));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never overshoots monotone data: each segment stays between its two points', () => {
    fc.assert(
      fc.property(ascending, fc.boolean(), (xs, rising) => {
        // A monotone series (like the model's conversion curve).
        const points = xs.map((x, i): Point => [x, rising ? i * i : 1000 - i * 7]);
        const parts = commands(monotoneLine(points, 6));
        for (let i = 1; i < parts.length; i++) {
          const [y0, y1] = [points[i - 1]![1], points[i]![1]];
          const [lo, hi] = [Math.min(y0, y1), Math.max(y0, y1)];
          const values = parts[i]!.values;
          const handles = values.length === 6 ? [values[1]!, values[3]!] : [];
          // A cubic Bézier stays inside the hull of its control points.
          for (const y of handles) {
            expect(y).toBeGreaterThanOrEqual(lo - 1e-6);
            expect(y).toBeLessThanOrEqual(hi + 1e-6);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('monotoneArea', () => {
  const upper: Point[] = [
    [0, 10],
    [1, 20],
    [3, 25],
    [6, 40],
  ];
  const lower: Point[] = [
    [0, 50],
    [1, 45],
    [3, 44],
    [6, 41],
  ];

  it('runs along the upper curve, then back along the lower one, and closes', () => {
    const back = monotoneLine([...lower].reverse(), 1).replace(/^M/, 'L');
    expect(monotoneArea(upper, lower, 1)).toBe(`${monotoneLine(upper, 1)}${back}Z`);
  });

  it('is empty when the two curves do not pair up', () => {
    expect(monotoneArea([[0, 1]], [], 1)).toBe('');
    expect(monotoneArea([], [], 1)).toBe('');
  });
});
