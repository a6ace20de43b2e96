/**
 * Contract of the TTI lift model: what the page, the API and the no-JS renderer all consume.
 * The model itself (compute.ts) is pure: (input, params) -> result.
 */

/** Validated input; seconds and fractions. Optional business inputs drive the revenue figures. */
export interface TtiInput {
  /** Current Time to Interactive, seconds. */
  current: number;
  /** Target Time to Interactive, seconds (may be slower than current: the result then shows the loss). */
  target: number;
  /** Current bounce rate, fraction 0..1. When absent the model's documented default is used. */
  bounceRate?: number | undefined;
  /** Sessions per month. */
  sessions?: number | undefined;
  /** Current conversion rate, fraction 0..1. */
  conversionRate?: number | undefined;
  /** Average order value in `currency`. */
  orderValue?: number | undefined;
  /** ISO 4217 code, display only. Default "USD". */
  currency?: string | undefined;
}

/** A visible note about how an input was treated. */
export interface InputFlag {
  code: 'clamped' | 'extrapolated' | 'default_used';
  field: 'current' | 'target' | 'bounceRate';
  message: string;
}

export interface Range {
  /** Headline: what randomised / before-after evidence supports. */
  central: number;
  /** Low and high ends of the range. */
  low: number;
  high: number;
}

export interface TtiResult {
  input: TtiInput;
  /** The TTI values the model actually evaluated (after clamping to its floor/ceiling). */
  effective: { current: number; target: number };
  flags: InputFlag[];
  conversion: {
    /** Relative change of conversion rate, percent (headline). Negative when the target is slower. */
    liftPct: number;
    lowPct: number;
    highPct: number;
  };
  bounce: {
    currentRate: number;
    targetRate: number;
    /** Where currentRate came from. */
    currentRateSource: 'input' | 'default';
    /** Relative change of bounce rate, percent (negative = fewer bounces). */
    changePct: number;
  };
  /** Null unless sessions, conversionRate and orderValue are all given. Amounts in `currency`. */
  revenue: null | {
    currency: string;
    monthlyBaseline: number;
    monthlyDelta: Range;
    yearlyDelta: Range;
    extraOrdersPerMonth: Range;
  };
  model: { version: string; form: string };
}

/** One point of the chart: relative conversion (1 at the current TTI) and bounce rate at TTI t. */
export interface CurvePoint {
  t: number;
  conversion: Range;
  bounce: number;
}

/**
 * The fitted numbers the model evaluates. Produced by `npm run fit` (scripts/fit.ts → src/core/tti/fit/fit-model.ts)
 * and shipped in src/data/tti-params.json under `model`; see docs/tti-model.md.
 */
export interface ModelParams {
  /** "semver+hash" where the hash covers every number below. */
  version: string;
  conversion: {
    /** Elasticity of conversion rate w.r.t. TTI, CR ∝ t^-β: headline (median of interventions). */
    betaCentral: number;
    /** Low end: lower quartile of the intervention elasticities. */
    betaLow: number;
    /** High end: cross-sectional curves (fast vs slow sessions of the same sites). */
    betaHigh: number;
  };
  bounce: {
    /** logit B(1 s): the level of the fitted curve (Google/SOASTA 2017 + DoubleClick 2016). */
    a: number;
    /** Slope of logit B against ln t: the only bounce number a site's own rate does not override. */
    gamma: number;
    /** Bounce rate assumed when the caller gives none (a published average; see `defaultRateSource`). */
    defaultRate: number;
    /** Evidence id of `defaultRate` in src/data/tti-findings.json. */
    defaultRateSource: string;
  };
}
