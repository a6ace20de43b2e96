import {
  chartSpan,
  layoutTtiChart,
  TTI_CHART_FRAME,
  type ChartFrame,
  type ChartMark,
  type TtiChartLayout,
} from '../../core/chart/tti-chart-layout.ts';
import { conversionCurve } from '../../core/tti/compute.ts';
import { formatRate } from '../../core/tti/format.ts';
import { TTI_EVIDENCE_CEILING_S } from '../../core/tti/limits.ts';
import type { TtiResult } from '../../core/tti/types.ts';
import { escapeHtml } from './escape-html.ts';

/**
 * The chart as SVG markup. One function for the three places that draw it: the build (default result),
 * the no-JS Function (HTMLRewriter) and the island (as the user types), so all three are identical and
 * swapping one for another never moves anything. The numbers come from the pure layout in src/core/chart;
 * the paths from d3-shape.
 */

/** Formats seconds for labels: "3 s", "2.5 s". */
const seconds = (value: number): string => `${Number(value.toFixed(2))} s`;

/**
 * A mark's TTI as the user typed it, and where the model evaluated it when that differs (below the 1 s
 * floor): "0.5 s (as 1 s)". The mark itself stands at the evaluated value, where the curve has it.
 */
function typed(result: TtiResult, field: 'current' | 'target'): string {
  const asTyped = result.input[field];
  const evaluated = result.effective[field];
  return asTyped === evaluated ? seconds(asTyped) : `${seconds(asTyped)} (as ${seconds(evaluated)})`;
}

/**
 * The layout for a result: curve from the model's floor to past the slower input, marks at both inputs.
 * `frame` is the page's unless given (the image card draws the same curve in a smaller box).
 */
export function chartLayoutFor(result: TtiResult, frame: ChartFrame = TTI_CHART_FRAME): TtiChartLayout {
  const { current, target } = result.effective;
  const span = chartSpan(current, target);
  const points = conversionCurve(result.input, { to: span.to });
  const marks: ChartMark[] = [
    {
      id: 'current',
      label: `Now ${typed(result, 'current')}`,
      t: current,
      conversion: 1,
      bounce: result.bounce.currentRate,
    },
    {
      id: 'target',
      label: `Target ${typed(result, 'target')}`,
      t: target,
      conversion: 1 + result.conversion.liftPct / 100,
      bounce: result.bounce.targetRate,
    },
  ];
  return layoutTtiChart(points, marks, frame, { beyond: TTI_EVIDENCE_CEILING_S });
}

/** SVG for a result, or the same-sized placeholder when there is no valid input. */
export function renderChartHtml(result: TtiResult | null): string {
  if (!result) {
    return '<p class="chart-empty">The chart appears when the inputs are valid.</p>';
  }
  const l = chartLayoutFor(result);
  const { plot } = l;
  const bottom = plot.y + plot.height;
  const right = plot.x + plot.width;
  const parts: string[] = [];
  parts.push(
    `<svg class="tti-chart" viewBox="0 0 ${l.width} ${l.height}" role="img" aria-labelledby="tti-chart-title">`,
    `<title id="tti-chart-title">${escapeHtml(chartTitle(result))}</title>`,
    // Curves stop at the plot's edge: the conversion axis is fitted to the region around the inputs.
    `<clipPath id="tti-plot-clip"><rect x="${plot.x}" y="${plot.y}" width="${plot.width}" height="${plot.height}"/></clipPath>`,
  );
  // Beyond the evidence (past 20 s): shaded and named, so the curve there reads as an extrapolation.
  if (l.beyondX !== null) {
    parts.push(
      `<rect class="beyond" x="${l.beyondX}" y="${plot.y}" width="${right - l.beyondX}" height="${plot.height}"/>`,
      `<text class="note" x="${right - 4}" y="${plot.y + 14}" text-anchor="end">extrapolated</text>`,
    );
  }
  // Grid and axes.
  for (const t of l.conversionTicks) {
    parts.push(`<line class="grid" x1="${plot.x}" x2="${right}" y1="${t.at}" y2="${t.at}"/>`);
    parts.push(
      `<text class="tick" x="${plot.x - 6}" y="${t.at}" dy="0.32em" text-anchor="end">${t.label}</text>`,
    );
  }
  for (const t of l.bounceTicks) {
    parts.push(`<text class="tick right" x="${right + 6}" y="${t.at}" dy="0.32em">${t.label}</text>`);
  }
  for (const t of l.xTicks) {
    parts.push(`<line class="axis" x1="${t.at}" x2="${t.at}" y1="${bottom}" y2="${bottom + 5}"/>`);
    parts.push(`<text class="tick" x="${t.at}" y="${bottom + 20}" text-anchor="middle">${t.label}</text>`);
  }
  parts.push(`<line class="axis" x1="${plot.x}" x2="${right}" y1="${bottom}" y2="${bottom}"/>`);
  parts.push(
    `<text class="axis-title" x="${plot.x + plot.width / 2}" y="${l.height - 4}" text-anchor="middle">Time to Interactive (seconds)</text>`,
  );
  if (l.baselineY !== null) {
    parts.push(
      `<line class="baseline" x1="${plot.x}" x2="${right}" y1="${l.baselineY}" y2="${l.baselineY}"/>`,
    );
  }
  // Curves.
  parts.push(
    '<g clip-path="url(#tti-plot-clip)">',
    `<path class="band" d="${l.band}"/>`,
    `<path class="conversion-line" d="${l.conversionLine}"/>`,
    `<path class="bounce-line" d="${l.bounceLine}"/>`,
    '</g>',
  );
  if (l.capped) {
    parts.push(`<text class="note" x="${plot.x + 10}" y="${plot.y + 14}">range continues above ↑</text>`);
  }
  // Marks.
  for (const m of l.marks) {
    parts.push(
      `<g class="mark ${m.id}">`,
      `<line x1="${m.x}" x2="${m.x}" y1="${plot.y}" y2="${bottom}"/>`,
      `<circle class="on-conversion" cx="${m.x}" cy="${m.conversionY}" r="4.5"/>`,
      `<circle class="on-bounce" cx="${m.x}" cy="${m.bounceY}" r="4"/>`,
      `<text x="${m.labelX}" y="${m.labelY}" text-anchor="middle">${escapeHtml(m.label)}</text>`,
      '</g>',
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

function chartTitle(result: TtiResult): string {
  const lift = result.conversion.liftPct;
  return (
    `Relative conversion and bounce rate against Time to Interactive. ` +
    `At the target of ${typed(result, 'target')} conversion is ${(1 + lift / 100).toFixed(2)} times today's at ${typed(result, 'current')}; ` +
    `bounce rate goes from ${formatRate(result.bounce.currentRate)} to ${formatRate(result.bounce.targetRate)}.`
  );
}
