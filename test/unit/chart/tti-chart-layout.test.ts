import { describe, expect, it } from 'vitest';
import {
  chartSpan,
  layoutTtiChart,
  TTI_CHART_FRAME,
  type ChartMark,
} from '../../../src/core/chart/tti-chart-layout.ts';
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
