import type { CurvePoint } from '../tti/types.ts';
import { linearScale } from './linear-scale.ts';
import { monotoneArea, monotoneLine, type Point } from './monotone-path.ts';
import { niceTicks, type Tick } from './nice-ticks.ts';
import { plotArea, type ChartFrame } from './plot-area.ts';

export type { ChartFrame };

/**
 * Layout of the TTI chart: relative conversion (band low–high and central line, left axis) and bounce
 * rate (right axis) against TTI, with the current and target TTI marked. Pure numbers and SVG path
 * strings; the page only binds them to elements ("d3 draws, the core lays out": ticks and the monotone curve
 * come from d3-array and d3-shape, the linear scale is d3's re-stated, docs/decisions.md). Units are SVG user units
 * of a fixed viewBox, so the chart scales with its container and its box never changes size (CLS 0).
 */
/**
 * 480 × 300 keeps 14-unit tick labels about 10 px tall on a 360 px wide phone; the top margin holds two
 * rows of marker labels, the side margins the two y axes' labels, the bottom the x labels and axis title.
 */
export const TTI_CHART_FRAME: ChartFrame = {
  width: 480,
  height: 300,
  margin: { top: 44, right: 50, bottom: 48, left: 52 },
};

/** About this many ticks per axis (d3's 1-2-5 steps may give a few more or fewer). */
export const TICKS_X = 6;
export const TICKS_Y = 5;
/** Decimal places kept in path strings: a tenth of a user unit is invisible, and it keeps the DOM small. */
export const PATH_DIGITS = 1;
/**
 * Widest glyph advance of the mark labels, in user units: the page draws labels at 15 units, 18 on
 * narrow screens (so they stay legible when the chart is scaled down), at about 0.58 em per glyph.
 */
const GLYPH_WIDTH = 10.5;
/**
 * The conversion axis is fitted to the curve from this fraction of the faster input onwards: nearer the
 * model's floor the high-end curve shoots up (3× and more) and would squash everything that matters;
 * the band is clipped to the plot there instead.
 */
export const Y_FOCUS_FRACTION = 0.75;
/**
 * The conversion axis stops at this multiple of the highest central value it shows: for extreme inputs
 * (60 s → 1 s) the high end of the range reaches 15× and more while the headline curve stays near 2×, which
 * would flatten the headline along the bottom. The band is clipped at the top then, and `capped` says so.
 * At 2× no ordinary input (8 s → 4 s: central 1.2×, high 1.9×) is clipped.
 */
export const Y_CAP_OVER_CENTRAL = 2;
/** Smallest vertical span of the conversion axis, so a flat curve does not fill the plot with noise. */
const MIN_CONVERSION_SPAN = 0.2;

/** A marked TTI (current or target) with the model's values there, so marks match the headline numbers. */
export interface ChartMark {
  id: 'current' | 'target';
  label: string;
  t: number;
  /** Relative conversion at t (1 = today). */
  conversion: number;
  /** Bounce rate at t, fraction. */
  bounce: number;
}

export interface PositionedTick extends Tick {
  /** Position along the axis (x for the x axis, y for the y axes). */
  at: number;
}

export interface PositionedMark extends ChartMark {
  x: number;
  conversionY: number;
  bounceY: number;
  /** Label anchor: centre x and baseline y, kept inside the frame and off the other label. */
  labelX: number;
  labelY: number;
}

export interface TtiChartLayout {
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  xTicks: PositionedTick[];
  conversionTicks: PositionedTick[];
  bounceTicks: PositionedTick[];
  /** Whether the conversion axis was capped (Y_CAP_OVER_CENTRAL), so the band runs off the top. */
  capped: boolean;
  /** Left edge of the region beyond `options.beyond` seconds (evidence ends there), or null. */
  beyondX: number | null;
  /** Where relative conversion is 1 (today), for a reference line; null when outside the axis. */
  baselineY: number | null;
  band: string;
  conversionLine: string;
  bounceLine: string;
  marks: PositionedMark[];
}

/**
 * The TTI span the chart covers for a given current and target: from 0 to a round value about half
 * again beyond the slower of the two, so both marks sit well inside the plot.
 */
export function chartSpan(current: number, target: number): { from: number; to: number } {
  const slowest = Math.max(current, target, 1);
  const [, to] = niceTicks(0, slowest * 1.5, TICKS_X, String).domain;
  return { from: 0, to };
}

const trimZeros = (value: number, decimals: number): string => value.toFixed(decimals);

export function layoutTtiChart(
  points: readonly CurvePoint[],
  marks: readonly ChartMark[],
  frame: ChartFrame = TTI_CHART_FRAME,
  options: { beyond?: number } = {},
): TtiChartLayout {
  const { width, height } = frame;
  const plot = plotArea(frame);
  const sorted = [...points].filter((p) => isFiniteRange(p)).sort((a, b) => a.t - b.t);
  const ts = [...sorted.map((p) => p.t), ...marks.map((m) => m.t)];
  const tMin = Math.min(...ts, 0);
  const tMax = Math.max(...ts, 1);

  const xAxis = niceTicks(tMin, tMax, TICKS_X, trimZeros);
  const x = linearScale(xAxis.domain, [plot.x, plot.x + plot.width]);

  const focusFrom = Math.min(...marks.map((m) => m.t)) * Y_FOCUS_FRACTION;
  const focus = sorted.filter((p) => p.t >= focusFrom);
  const conversionValues = [
    1,
    ...focus.flatMap((p) => [p.conversion.low, p.conversion.high, p.conversion.central]),
    ...marks.map((m) => m.conversion),
  ];
  const centralMax = Math.max(
    1,
    ...focus.map((p) => p.conversion.central),
    ...marks.map((m) => m.conversion),
  );
  let cLo = Math.min(...conversionValues);
  let cHi = Math.min(Math.max(...conversionValues), centralMax * Y_CAP_OVER_CENTRAL);
  const capped = cHi < Math.max(...conversionValues);
  if (cHi - cLo < MIN_CONVERSION_SPAN) {
    const mid = (cHi + cLo) / 2;
    cLo = mid - MIN_CONVERSION_SPAN / 2;
    cHi = mid + MIN_CONVERSION_SPAN / 2;
  }
  const yAxis = niceTicks(Math.max(0, cLo), cHi, TICKS_Y, (v, d) => `${v.toFixed(d)}×`);
  const y = linearScale(yAxis.domain, [plot.y + plot.height, plot.y]);

  const bounceValues = [...sorted.map((p) => p.bounce), ...marks.map((m) => m.bounce)];
  const bLo = Math.max(0, Math.min(...bounceValues) - 0.05);
  const bHi = Math.min(1, Math.max(...bounceValues) + 0.05);
  const bAxis = niceTicks(
    bLo,
    bHi > bLo ? bHi : bLo + 0.1,
    TICKS_Y,
    (v, d) => `${(v * 100).toFixed(Math.max(0, d - 2))}%`,
  );
  const yb = linearScale(bAxis.domain, [plot.y + plot.height, plot.y]);

  const at = (value: (p: CurvePoint) => number, scale: (v: number) => number) =>
    sorted.map((p): Point => [x(p.t), scale(value(p))]);
  const band = monotoneArea(
    at((p) => p.conversion.high, y),
    at((p) => p.conversion.low, y),
    PATH_DIGITS,
  );
  const conversionLine = monotoneLine(
    at((p) => p.conversion.central, y),
    PATH_DIGITS,
  );
  const bounceLine = monotoneLine(
    at((p) => p.bounce, yb),
    PATH_DIGITS,
  );

  const [d0, d1] = yAxis.domain;
  const beyond = options.beyond;
  return {
    width,
    height,
    plot,
    capped: capped && Math.max(...conversionValues) > d1,
    beyondX: beyond !== undefined && beyond < xAxis.domain[1] ? round(x(beyond)) : null,
    xTicks: xAxis.ticks.map((t) => ({ ...t, at: round(x(t.value)) })),
    conversionTicks: yAxis.ticks.map((t) => ({ ...t, at: round(y(t.value)) })),
    bounceTicks: bAxis.ticks.map((t) => ({ ...t, at: round(yb(t.value)) })),
    baselineY: d0 <= 1 && 1 <= d1 ? round(y(1)) : null,
    band,
    conversionLine,
    bounceLine,
    marks: placeMarkLabels(
      marks.map((m) => ({
        ...m,
        x: round(x(m.t)),
        conversionY: round(y(m.conversion)),
        bounceY: round(yb(m.bounce)),
        labelX: 0,
        labelY: 0,
      })),
      frame,
    ),
  };
}

/**
 * Puts each mark's label above the plot, centred on its line but inside the frame; a label that would
 * overlap the previous one moves to the second row.
 */
function placeMarkLabels(marks: PositionedMark[], frame: ChartFrame): PositionedMark[] {
  const rowHeight = 17;
  const firstRow = frame.margin.top - rowHeight - 5;
  const placed: Array<{ left: number; right: number; row: number }> = [];
  return marks.map((mark) => {
    const half = (mark.label.length * GLYPH_WIDTH) / 2;
    const labelX = round(Math.min(Math.max(mark.x, half + 2), frame.width - half - 2));
    const left = labelX - half;
    const right = labelX + half;
    const row = placed.some((p) => p.row === 0 && left < p.right + 6 && right > p.left - 6) ? 1 : 0;
    placed.push({ left, right, row });
    return { ...mark, labelX, labelY: firstRow + row * rowHeight };
  });
}

function isFiniteRange(p: CurvePoint): boolean {
  return [p.t, p.bounce, p.conversion.low, p.conversion.central, p.conversion.high].every(Number.isFinite);
}

const round = (value: number): number => Math.round(value * 10) / 10;
