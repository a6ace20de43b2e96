import { describe, expect, it } from 'vitest';
import {
  chartSpan,
  layoutTtiChart,
  TTI_CHART_FRAME,
  type ChartMark,
  Y_CAP_OVER_CENTRAL,
} from '../../../src/core/chart/tti-chart-layout.ts';
import { chartLayoutFor, renderChartHtml } from '../../../src/components/tti/render-chart.ts';
import { computeTti, conversionCurve } from '../../../src/core/tti/compute.ts';
import type { TtiInput } from '../../../src/core/tti/types.ts';

function layoutFor(input: TtiInput) {
  const result = computeTti(input);
  const { current, target } = result.effective;
  const span = chartSpan(current, target);
  const marks: ChartMark[] = [
    {
      id: 'current',
      label: `Now ${current} s`,
      t: current,
      conversion: 1,
      bounce: result.bounce.currentRate,
    },
    {
      id: 'target',
      label: `Target ${target} s`,
      t: target,
      conversion: 1 + result.conversion.liftPct / 100,
      bounce: result.bounce.targetRate,
    },
  ];
  return { layout: layoutTtiChart(conversionCurve(input, { to: span.to }), marks), span };
}

const inputs: TtiInput[] = [
  { current: 8, target: 4 },
  { current: 6, target: 3, bounceRate: 0.45 },
  { current: 3, target: 9 },
  { current: 5, target: 5 },
  { current: 1.2, target: 1.1 },
  { current: 60, target: 0.5 },
  { current: 14.5, target: 13.9, bounceRate: 0.9 },
];

describe('chartSpan', () => {
  it.each([
    [8, 4, 12],
    [6, 3, 10],
    [3, 9, 14],
    [0.5, 0.5, 1.6],
  ])('covers %d s and %d s with room: 0..%d', (current, target, to) => {
    expect(chartSpan(current, target)).toEqual({ from: 0, to });
  });
});

describe('layoutTtiChart', () => {
  it.each(inputs)('keeps marks inside the plot and their labels apart and inside the frame: %j', (input) => {
    const { layout } = layoutFor(input);
    const { plot } = layout;
    // Both marks, so the loop below cannot pass on an empty list.
    expect(layout.marks.map((m) => m.id)).toEqual(['current', 'target']);
    for (const mark of layout.marks) {
      expect(mark.x).toBeGreaterThanOrEqual(plot.x);
      expect(mark.x).toBeLessThanOrEqual(plot.x + plot.width);
      expect(mark.bounceY).toBeGreaterThanOrEqual(plot.y);
      expect(mark.bounceY).toBeLessThanOrEqual(plot.y + plot.height);
      expect(mark.conversionY).toBeGreaterThanOrEqual(plot.y);
      expect(mark.conversionY).toBeLessThanOrEqual(plot.y + plot.height);
      expect(mark.labelY).toBeGreaterThan(0);
      expect(mark.labelY).toBeLessThan(plot.y);
    }
    const [a, b] = layout.marks;
    if (a && b && a.labelY === b.labelY) {
      const width = (label: string) => label.length * 10.5;
      expect(Math.abs(a.labelX - b.labelX)).toBeGreaterThan((width(a.label) + width(b.label)) / 2);
    }
  });

  it.each(inputs)('has ascending ticks on every axis and finite paths: %j', (input) => {
    const { layout } = layoutFor(input);
    const increasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);
    expect(increasing(layout.xTicks.map((t) => t.value))).toBe(true);
    expect(increasing(layout.conversionTicks.map((t) => t.value))).toBe(true);
    expect(increasing(layout.bounceTicks.map((t) => t.value))).toBe(true);
    // Screen y goes down as values go up.
    expect(increasing(layout.conversionTicks.map((t) => -t.at))).toBe(true);
    for (const d of [layout.band, layout.conversionLine, layout.bounceLine]) {
      expect(d).toMatch(/^M/);
      expect(d).not.toMatch(/NaN|Infinity/);
    }
    expect(layout.xTicks.length).toBeGreaterThanOrEqual(3);
    expect(layout.conversionTicks.length).toBeGreaterThanOrEqual(3);
  });

  it('draws today as the 1× baseline, through the current mark', () => {
    const { layout } = layoutFor({ current: 8, target: 4 });
    const current = layout.marks.find((m) => m.id === 'current')!;
    expect(layout.baselineY).toBe(current.conversionY);
  });

  it('places a faster target left of and above the current mark', () => {
    const { layout } = layoutFor({ current: 8, target: 4 });
    const [current, target] = layout.marks;
    expect(target!.x).toBeLessThan(current!.x);
    expect(target!.conversionY).toBeLessThan(current!.conversionY);
    expect(target!.bounceY).toBeGreaterThan(current!.bounceY);
  });

  it('moves a crowded second label to the second row', () => {
    const { layout } = layoutFor({ current: 5, target: 4.8 });
    const [a, b] = layout.marks;
    expect(a!.labelY).not.toBe(b!.labelY);
  });

  it('uses the fixed frame (the page reserves its aspect ratio)', () => {
    const { layout } = layoutFor({ current: 8, target: 4 });
    expect([layout.width, layout.height]).toEqual([TTI_CHART_FRAME.width, TTI_CHART_FRAME.height]);
  });

  it('survives an empty curve', () => {
    const layout = layoutTtiChart([], []);
    expect(layout.conversionLine).toBe('');
    expect(layout.xTicks.length).toBeGreaterThan(0);
  });
});

describe('chart for extreme and clamped inputs (render-chart.ts)', () => {
  it('caps the conversion axis so the headline curve stays readable (60 s → 1 s)', () => {
    const result = computeTti({ current: 60, target: 1 });
    const layout = chartLayoutFor(result);
    const top = Math.max(...layout.conversionTicks.map((t) => t.value));
    const target = layout.marks.find((m) => m.id === 'target')!;
    expect(layout.capped).toBe(true);
    // The axis ends within one tick step of Y_CAP_OVER_CENTRAL × the headline's peak, not at the range's 15×.
    expect(top).toBeLessThanOrEqual(target.conversion * Y_CAP_OVER_CENTRAL + 1);
    expect(1 + result.conversion.highPct / 100).toBeGreaterThan(top * 2);
    // The headline's mark sits in the upper part of the plot, not flat along the bottom.
    const { plot } = layout;
    expect(target.conversionY).toBeLessThan(plot.y + plot.height * 0.6);
    expect(renderChartHtml(result)).toContain('range continues above');
  });

  it.each<[TtiInput, boolean]>([
    [{ current: 8, target: 4 }, false],
    [{ current: 6, target: 3, bounceRate: 0.45 }, false],
    [{ current: 3, target: 9 }, false],
    [{ current: 60, target: 0.5 }, true],
  ])('caps %j: %s', (input, capped) => {
    const layout = chartLayoutFor(computeTti(input));
    expect(layout.capped).toBe(capped);
    expect(renderChartHtml(computeTti(input)).includes('range continues above')).toBe(capped);
  });

  it.each<[TtiInput, boolean]>([
    [{ current: 8, target: 4 }, false],
    [{ current: 12, target: 4 }, false],
    [{ current: 60, target: 1 }, true],
    [{ current: 3, target: 45 }, true],
  ])('shades the region beyond the 20 s of evidence for %j: %s', (input, shaded) => {
    const layout = chartLayoutFor(computeTti(input));
    expect(layout.beyondX !== null).toBe(shaded);
    if (layout.beyondX !== null) {
      const twenty = layout.xTicks.find((t) => t.value === 20);
      if (twenty) expect(layout.beyondX).toBeCloseTo(twenty.at, 0);
    }
    expect(renderChartHtml(computeTti(input)).includes('extrapolated')).toBe(shaded);
  });

  it.each<[TtiInput, string, string]>([
    [{ current: 0.5, target: 5.7 }, 'Now 0.5 s (as 1 s)', 'Target 5.7 s'],
    [{ current: 0.9, target: 0.5 }, 'Now 0.9 s (as 1 s)', 'Target 0.5 s (as 1 s)'],
    [{ current: 8, target: 4 }, 'Now 8 s', 'Target 4 s'],
  ])('labels the marks with the typed values for %j', (input, now, target) => {
    const result = computeTti(input);
    const marks = chartLayoutFor(result).marks;
    expect(marks.map((m) => m.label)).toEqual([now, target]);
    // The marks stand where the model evaluated them: on the floor.
    expect(marks.map((m) => m.t)).toEqual([result.effective.current, result.effective.target]);
    expect(renderChartHtml(result)).toContain(`>${now}</text>`);
  });

  it('states rates in the chart title as the cards do', () => {
    const title = /<title[^>]*>([^<]*)</.exec(
      renderChartHtml(computeTti({ current: 8, target: 4, bounceRate: 0.615 })),
    )![1]!;
    expect(title).toMatch(/bounce rate goes from 61\.5% to \d+(\.\d)?%\./);
  });
});
