import { shiftedBounceRate } from './bounce.ts';
import { relativeConversion } from './conversion.ts';
import {
  BOUNCE_RATE_MAX,
  BOUNCE_RATE_MIN,
  CURVE_DEFAULT_STEPS,
  CURVE_MAX_STEPS,
  DEFAULT_CURRENCY,
  MONTHS_PER_YEAR,
  TTI_EVIDENCE_CEILING_S,
  TTI_FLOOR_S,
} from './limits.ts';
import { DEFAULT_PARAMS } from './params.ts';
import type { CurvePoint, InputFlag, ModelParams, Range, TtiInput, TtiResult } from './types.ts';

/** Human-readable form of the model, shown with every result. */
export const MODEL_FORM = 'CR ∝ TTI^-β; logit(bounce) = a + γ·ln(TTI)';

/**
 * Where the bounce rate comes from when the caller gives none (params.bounce.defaultRateSource is the
 * evidence id of this figure; docs/tti-model.md says why it is a constant).
 */
export const DEFAULT_BOUNCE_SOURCE =
  'the average bounce rate of top retail sites (desktop) in Akamai/SOASTA, State of Online Retail Performance, Spring 2017';

/** Clamps a TTI to the model's floor and flags slow values that lie beyond the evidence. */
function effectiveTti(value: number, field: 'current' | 'target', flags: InputFlag[]): number {
  if (value < TTI_FLOOR_S) {
    flags.push({
      code: 'clamped',
      field,
      message: `The ${field} TTI of ${value} s is below the model's ${TTI_FLOOR_S} s floor (the evidence shows no further gain there); it was evaluated as ${TTI_FLOOR_S} s.`,
    });
    return TTI_FLOOR_S;
  }
  if (value > TTI_EVIDENCE_CEILING_S) {
    flags.push({
      code: 'extrapolated',
      field,
      message: `The ${field} TTI of ${value} s is slower than the ${TTI_EVIDENCE_CEILING_S} s the evidence covers; the curve is extrapolated there.`,
    });
  }
  return value;
}

/** A relative conversion factor under the three elasticities, as percent changes ordered low ≤ high. */
function conversionRange(fromS: number, toS: number, params: ModelParams): Range {
  const { betaCentral, betaLow, betaHigh } = params.conversion;
  const pct = (beta: number) => (relativeConversion(fromS, toS, beta) - 1) * 100;
  const ends = [pct(betaLow), pct(betaHigh)];
  // For a slowdown the steeper curve gives the larger loss, so the ends swap: keep low ≤ high.
  return { central: pct(betaCentral), low: Math.min(...ends), high: Math.max(...ends) };
}

function scaleRange(range: Range, factor: number): Range {
  return { central: range.central * factor, low: range.low * factor, high: range.high * factor };
}

/** The bounce rate at the current TTI: the caller's (clamped into (0,1)) or the curve's default. */
function currentBounce(
  input: TtiInput,
  params: ModelParams,
  flags: InputFlag[],
): { rate: number; source: 'input' | 'default' } {
  if (input.bounceRate === undefined) {
    const rate = params.bounce.defaultRate;
    flags.push({
      code: 'default_used',
      field: 'bounceRate',
      message: `No bounce rate given: ${Math.round(rate * 1000) / 10}% is assumed (${DEFAULT_BOUNCE_SOURCE}).`,
    });
    return { rate, source: 'default' };
  }
  const rate = Math.min(BOUNCE_RATE_MAX, Math.max(BOUNCE_RATE_MIN, input.bounceRate));
  if (rate !== input.bounceRate) {
    flags.push({
      code: 'clamped',
      field: 'bounceRate',
      message: `A bounce rate of ${input.bounceRate} was evaluated as ${rate}: the model needs a rate strictly between 0 and 1.`,
    });
  }
  return { rate, source: 'input' };
}

/**
 * The whole model: (input, params) → result. Pure; the page's island and GET /api/tti both call it.
 * Revenue is sessions × conversion rate × order value × relative conversion change; the bounce change
 * is reported beside it, not added to it (bounces that stop are part of the conversion change).
 */
export function computeTti(input: TtiInput, params: ModelParams = DEFAULT_PARAMS): TtiResult {
  const flags: InputFlag[] = [];
  const current = effectiveTti(input.current, 'current', flags);
  const target = effectiveTti(input.target, 'target', flags);
  const conversion = conversionRange(current, target, params);
  const bounceNow = currentBounce(input, params, flags);
  const targetRate = shiftedBounceRate(bounceNow.rate, current, target, params.bounce.gamma);

  let revenue: TtiResult['revenue'] = null;
  if (input.sessions !== undefined && input.conversionRate !== undefined && input.orderValue !== undefined) {
    const ordersPerMonth = input.sessions * input.conversionRate;
    const monthlyBaseline = ordersPerMonth * input.orderValue;
    const monthlyDelta = scaleRange(conversion, monthlyBaseline / 100);
    revenue = {
      currency: input.currency ?? DEFAULT_CURRENCY,
      monthlyBaseline,
      monthlyDelta,
      yearlyDelta: scaleRange(monthlyDelta, MONTHS_PER_YEAR),
      extraOrdersPerMonth: scaleRange(conversion, ordersPerMonth / 100),
    };
  }

  return {
    input,
    effective: { current, target },
    flags,
    conversion: { liftPct: conversion.central, lowPct: conversion.low, highPct: conversion.high },
    bounce: {
      currentRate: bounceNow.rate,
      targetRate,
      currentRateSource: bounceNow.source,
      changePct: (targetRate / bounceNow.rate - 1) * 100,
    },
    revenue,
    model: { version: params.version, form: MODEL_FORM },
  };
}

/**
 * Points for the chart: relative conversion (1 at the current TTI, under the three elasticities) and the
 * bounce rate, from `from` to `to` seconds in `steps` equal intervals (default: the floor to 1.5× the
 * slower of the two inputs).
 */
export function conversionCurve(
  input: TtiInput,
  options: { from?: number; to?: number; steps?: number } = {},
  params: ModelParams = DEFAULT_PARAMS,
): CurvePoint[] {
  const flags: InputFlag[] = [];
  const current = effectiveTti(input.current, 'current', flags);
  const bounceNow = currentBounce(input, params, flags);
  const from = Math.max(TTI_FLOOR_S, options.from ?? TTI_FLOOR_S);
  const to = Math.max(from, options.to ?? Math.max(input.current, input.target) * 1.5);
  const steps = Math.min(CURVE_MAX_STEPS, Math.max(1, Math.round(options.steps ?? CURVE_DEFAULT_STEPS)));
  const { betaCentral, betaLow, betaHigh } = params.conversion;
  const points: CurvePoint[] = [];
  for (let i = 0; i <= steps; i++) {
    const t = from + ((to - from) * i) / steps;
    const ends = [relativeConversion(current, t, betaLow), relativeConversion(current, t, betaHigh)];
    points.push({
      t,
      conversion: {
        central: relativeConversion(current, t, betaCentral),
        low: Math.min(...ends),
        high: Math.max(...ends),
      },
      bounce: shiftedBounceRate(bounceNow.rate, current, t, params.bounce.gamma),
    });
  }
  return points;
}
