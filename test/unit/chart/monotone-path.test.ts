import { area, curveMonotoneX, line } from 'd3-shape';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monotoneArea, monotoneLine, type Point } from '../../../src/core/chart/monotone-path.ts';

/** d3-shape is the reference: our curve must produce its path data character for character. */
const d3Line = (points: Point[], digits: number) =>
  line<Point>().curve(curveMonotoneX).digits(digits)(points) ?? '';

const d3Area = (upper: Point[], lower: Point[], digits: number) =>
  area<number>()
    .x((i) => upper[i]![0])
    .y1((i) => upper[i]![1])
    .y0((i) => lower[i]![1])
    .curve(curveMonotoneX)
    .digits(digits)(upper.map((_, i) => i)) ?? '';

const sortedPoints = (min: number) =>
  fc
    .array(
      fc.tuple(fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true })),
      {
        minLength: min,
        maxLength: 40,
      },
    )
    .map((pts) => pts.sort((a, b) => a[0] - b[0]) as Point[]);

describe('monotoneLine (d3-shape curveMonotoneX re-stated)', () => {
  it.each([
    ['no points', []],
    ['one point', [[1, 2]]],
    [
      'two points',
      [
        [0, 0],
        [10, 5],
      ],
    ],
    [
      'a falling curve',
      [
        [0, 100],
        [1, 60],
        [2, 40],
        [4, 30],
        [8, 25],
      ],
    ],
    [
      'a peak (no overshoot)',
      [
        [0, 0],
        [1, 10],
        [2, 0],
      ],
    ],
    [
      'repeated x',
      [
        [0, 0],
        [0, 5],
        [1, 6],
      ],
    ],
  ] as Array<[string, Point[]]>)('matches d3 for %s', (_name, points) => {
    expect(monotoneLine(points, 1)).toBe(d3Line(points, 1));
    expect(monotoneLine(points, 3)).toBe(d3Line(points, 3));
  });

  it('matches d3 on random sorted points', () => {
    fc.assert(
      fc.property(sortedPoints(0), (points) => {
        expect(monotoneLine(points, 1)).toBe(d3Line(points, 1));
      }),
      { numRuns: 300 },
    );
  });
});

describe('monotoneArea (d3-shape area + curveMonotoneX re-stated)', () => {
  it('matches d3 for a band', () => {
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
    expect(monotoneArea(upper, lower, 1)).toBe(d3Area(upper, lower, 1));
  });

  it('matches d3 on random bands', () => {
    fc.assert(
      fc.property(sortedPoints(1), fc.double({ min: 0, max: 50, noNaN: true }), (upper, gap) => {
        const lower = upper.map(([x, y]): Point => [x, y + gap]);
        expect(monotoneArea(upper, lower, 1)).toBe(d3Area(upper, lower, 1));
      }),
      { numRuns: 300 },
    );
  });

  it('is empty when the two curves do not pair up', () => {
    expect(monotoneArea([[0, 1]], [], 1)).toBe('');
  });
});
