import { describe, expect, it } from 'vitest';
import {
  layoutValidationChart,
  VALIDATION_CHART_FRAME,
  type ValidationPoint,
} from '../../../src/core/chart/validation-chart-layout.ts';

const point = (id: string, predicted: number, observed: number, inside = true): ValidationPoint => ({
  id,
  label: id,
  predicted,
  observed,
  inside,
});

const sample = [
  point('a', 9.5, 27),
  point('b', 5.4, 41.7, false),
  point('c', 45.1, 12, false),
  point('d', 7, 6),
];

describe('layoutValidationChart', () => {
  it('uses one axis for predicted and observed, so the diagonal runs corner to corner', () => {
    const layout = layoutValidationChart(sample);
    expect(layout.xTicks.map((t) => t.value)).toEqual(layout.yTicks.map((t) => t.value));
    expect(layout.xTicks.map((t) => t.label)).toEqual(['0%', '10%', '20%', '30%', '40%', '50%']);
    const { plot, diagonal } = layout;
    expect(diagonal).toEqual({
      x1: plot.x,
      y1: plot.y + plot.height,
      x2: plot.x + plot.width,
      y2: plot.y,
    });
  });

  it('has a square plot, so the diagonal is at 45°', () => {
    const { plot } = layoutValidationChart(sample);
    expect(plot.width).toBe(plot.height);
  });

  it('puts a perfect prediction on the diagonal and a miss above or below it', () => {
    const layout = layoutValidationChart([...sample, point('exact', 20, 20)]);
    const { x1, y1, x2, y2 } = layout.diagonal;
    const diagonalY = (x: number) => y1 + ((x - x1) * (y2 - y1)) / (x2 - x1);
    const byId = new Map(layout.points.map((p) => [p.id, p]));
    expect(byId.get('exact')!.y).toBeCloseTo(diagonalY(byId.get('exact')!.x), 0);
    // Observed more than predicted: above the diagonal (smaller y on screen); less: below.
    expect(byId.get('b')!.y).toBeLessThan(diagonalY(byId.get('b')!.x));
    expect(byId.get('c')!.y).toBeGreaterThan(diagonalY(byId.get('c')!.x));
  });

  it('keeps every point inside the plot, with its coverage flag', () => {
    const layout = layoutValidationChart(sample);
    expect(layout.points).toHaveLength(sample.length);
    for (const p of layout.points) {
      expect(p.x).toBeGreaterThanOrEqual(layout.plot.x);
      expect(p.x).toBeLessThanOrEqual(layout.plot.x + layout.plot.width);
      expect(p.y).toBeGreaterThanOrEqual(layout.plot.y);
      expect(p.y).toBeLessThanOrEqual(layout.plot.y + layout.plot.height);
    }
    expect(layout.points.filter((p) => !p.inside).map((p) => p.id)).toEqual(['b', 'c']);
  });

  it('extends the axis below zero for a loss, and drops points that are not numbers', () => {
    const layout = layoutValidationChart([point('loss', -12, -20), point('nan', NaN, 3), point('g', 8, 10)]);
    expect(layout.points.map((p) => p.id)).toEqual(['loss', 'g']);
    expect(layout.xTicks[0]!.value).toBeLessThanOrEqual(-20);
  });

  it('uses the fixed frame, and still draws axes without points', () => {
    const layout = layoutValidationChart([]);
    expect([layout.width, layout.height]).toEqual([
      VALIDATION_CHART_FRAME.width,
      VALIDATION_CHART_FRAME.height,
    ]);
    expect(layout.points).toEqual([]);
    expect(layout.xTicks.length).toBeGreaterThanOrEqual(2);
  });
});
