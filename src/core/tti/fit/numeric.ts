/** Small numeric helpers shared by the fit, the validation and the sensitivity table. Pure. */

/** Fitted parameters are rounded to this many decimals: far below the evidence's precision, and stable. */
export const PARAM_DECIMALS = 4;
/** Diagnostics (residuals, per-study figures, errors) are rounded to this many decimals. */
export const REPORT_DECIMALS = 4;

export function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  return rounded === 0 ? 0 : rounded; // no "-0" in the JSON
}

/** Rounds a diagnostic figure for the report. */
export const r4 = (value: number): number => round(value, REPORT_DECIMALS);

/** Quantile with linear interpolation between order statistics (Hyndman & Fan type 7, as R's default). */
export function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  if (sorted.length === 0) throw new Error('quantile of an empty list');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const lower = sorted[lo] as number;
  const upper = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return lower + (h - lo) * (upper - lower);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

/** Residuals in natural-log units: their count, root mean square, median and largest absolute value. */
export function summariseResiduals(residuals: readonly number[]) {
  const abs = residuals.map(Math.abs);
  return {
    n: residuals.length,
    rmsLog: r4(Math.sqrt(mean(residuals.map((r) => r * r)))),
    medianAbsLog: r4(median(abs)),
    maxAbsLog: r4(Math.max(...abs)),
  };
}

/** A relative change in percent from a log ratio: ln(1.1) → 10. */
export const pctFromLog = (logRatio: number): number => (Math.exp(logRatio) - 1) * 100;
