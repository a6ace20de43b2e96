import { linearScale } from './linear-scale.ts';
import { niceTicks } from './nice-ticks.ts';
import { plotArea, type ChartFrame, type PlotArea } from './plot-area.ts';
import type { PositionedTick } from './tti-chart-layout.ts';

/**
 * Layout of the predicted-vs-observed chart of /tti/'s "How well the model predicts" section: one point
 * per case study, the conversion change the model predicted for it from a fit without it (x) against the
 * change the study observed (y), on one shared percent axis so the diagonal is a perfect prediction.
 * Pure numbers; the page renders them as static SVG at build time (no JavaScript).
 */

/**
 * A square plot (240 × 240 user units): the left margin holds the y tick labels and the rotated axis
 * title, the right one half of the last x tick label, the bottom the x tick labels and axis title.
 */
export const VALIDATION_CHART_FRAME: ChartFrame = {
  width: 322,
  height: 300,
  margin: { top: 12, right: 20, bottom: 48, left: 62 },
};

/** About this many ticks on each axis (d3's 1-2-5 steps). */
export const VALIDATION_TICKS = 5;

export interface ValidationPoint {
  id: string;
  label: string;
  /** Predicted conversion change, percent. */
  predicted: number;
  /** Observed conversion change, percent. */
  observed: number;
  /** Whether the observed change lies inside the range the calculator shows for the study's inputs. */
  inside: boolean;
}

export interface PositionedValidationPoint extends ValidationPoint {
  x: number;
  y: number;
}

export interface ValidationChartLayout {
  width: number;
  height: number;
  plot: PlotArea;
  xTicks: PositionedTick[];
  yTicks: PositionedTick[];
  /** The line where predicted = observed, corner to corner of the plot. */
  diagonal: { x1: number; y1: number; x2: number; y2: number };
  points: PositionedValidationPoint[];
}

const round = (value: number): number => Math.round(value * 10) / 10;

export function layoutValidationChart(
  input: readonly ValidationPoint[],
  frame: ChartFrame = VALIDATION_CHART_FRAME,
): ValidationChartLayout {
  const { width, height } = frame;
  const plot = plotArea(frame);
  const points = input.filter((p) => Number.isFinite(p.predicted) && Number.isFinite(p.observed));
  const values = points.flatMap((p) => [p.predicted, p.observed]);
  // One axis for both: from 0 (no change) or below, to the largest change, widened to round ticks.
  const axis = niceTicks(
    Math.min(0, ...values),
    Math.max(1, ...values),
    VALIDATION_TICKS,
    (v, d) => `${v.toFixed(d)}%`,
  );
  const x = linearScale(axis.domain, [plot.x, plot.x + plot.width]);
  const y = linearScale(axis.domain, [plot.y + plot.height, plot.y]);
  const [d0, d1] = axis.domain;
  return {
    width,
    height,
    plot,
    xTicks: axis.ticks.map((t) => ({ ...t, at: round(x(t.value)) })),
    yTicks: axis.ticks.map((t) => ({ ...t, at: round(y(t.value)) })),
    diagonal: { x1: round(x(d0)), y1: round(y(d0)), x2: round(x(d1)), y2: round(y(d1)) },
    points: points.map((p) => ({ ...p, x: round(x(p.predicted)), y: round(y(p.observed)) })),
  };
}
