/**
 * The bounce side of the fit: logit B(t) = a + γ·ln t on the Google/SOASTA 2017 curve and DoubleClick
 * 2016, and the default starting rate. Method and results: docs/tti-model.md.
 */
import { logistic } from '../bounce.ts';
import { logOutcomeRatio, type EvidenceRecord } from '../evidence.ts';
import { PARAM_DECIMALS, pctFromLog, r4, round, summariseResiduals } from './numeric.ts';

/** Search box of the bounce fit: a = logit B(1 s), γ = slope per ln-second. */
const BOUNCE_A_RANGE: readonly [number, number] = [-6, 3];
const BOUNCE_GAMMA_RANGE: readonly [number, number] = [0, 4];
const BOUNCE_GRID_STEP = 0.02;
const GOLDEN_ITERATIONS = 80;
/** The bounce fit reports the span of B(1 s) whose best SSE stays within this factor of the minimum. */
const PROFILE_SSE_FACTOR = 2;

/** ln(B(t) / B(1 s)) under logit B(t) = a + γ·ln t. */
const bounceLogRatio = (a: number, gamma: number, lnT: number) =>
  Math.log(logistic(a + gamma * lnT)) - Math.log(logistic(a));

function goldenMinimum(f: (v: number) => number, lo: number, hi: number): number {
  const inv = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - inv * (b - a);
  let d = a + inv * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < GOLDEN_ITERATIONS; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - inv * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + inv * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * Bounce: the Google/SOASTA curve is published only as increases relative to 1 s, which leave the level
 * a = logit B(1 s) almost free (the least-squares profile is flat from B(1 s) ≈ 0 to 25 %). DoubleClick's
 * 19 s vs 5 s comparison (a ratio far along the curve) is fitted with it and pins the level. Both a and γ
 * come from least squares on ln(B(to)/B(from)): a coarse grid over a, then golden-section refinement
 * (γ nested inside a).
 */
export function fitBounce(records: readonly EvidenceRecord[]) {
  const points = records.map((record) => ({
    record,
    lnFrom: Math.log(record.from_s as number),
    lnTo: Math.log(record.to_s as number),
    y: logOutcomeRatio(record),
  }));
  const predicted = (a: number, gamma: number, p: (typeof points)[number]) =>
    bounceLogRatio(a, gamma, p.lnTo) - bounceLogRatio(a, gamma, p.lnFrom);
  const sse = (a: number, gamma: number) =>
    points.reduce((s, p) => s + (p.y - predicted(a, gamma, p)) ** 2, 0);
  const bestGamma = (a: number) => goldenMinimum((g) => sse(a, g), ...BOUNCE_GAMMA_RANGE);
  const profile = (a: number) => sse(a, bestGamma(a));

  let gridA = BOUNCE_A_RANGE[0];
  let gridBest = Infinity;
  const grid: Array<{ a: number; sse: number }> = [];
  const steps = Math.round((BOUNCE_A_RANGE[1] - BOUNCE_A_RANGE[0]) / BOUNCE_GRID_STEP);
  for (let i = 0; i <= steps; i++) {
    const a = BOUNCE_A_RANGE[0] + i * BOUNCE_GRID_STEP;
    const value = profile(a);
    grid.push({ a, sse: value });
    if (value < gridBest) {
      gridBest = value;
      gridA = a;
    }
  }
  if (gridA === BOUNCE_A_RANGE[0] || gridA === BOUNCE_A_RANGE[1])
    throw new Error('The bounce fit ran into the edge of its search box: the level is not identified');
  const a = round(goldenMinimum(profile, gridA - BOUNCE_GRID_STEP, gridA + BOUNCE_GRID_STEP), PARAM_DECIMALS);
  const gamma = round(bestGamma(a), PARAM_DECIMALS);
  const minSse = sse(a, gamma);
  const plausible = grid.filter((g) => g.sse <= PROFILE_SSE_FACTOR * minSse);
  const residuals = points.map((p) => p.y - predicted(a, gamma, p));
  const aLow = Math.min(...plausible.map((g) => g.a));
  const aHigh = Math.max(...plausible.map((g) => g.a));
  return {
    a,
    gamma,
    report: {
      estimator: 'least squares on ln(B(to)/B(from)) with logit B(t) = a + γ·ln t',
      a,
      gamma,
      bounceAt1s: r4(logistic(a)),
      withinTwiceMinSse: {
        bounceAt1s: [r4(logistic(aLow)), r4(logistic(aHigh))],
        gamma: [r4(bestGamma(aLow)), r4(bestGamma(aHigh))],
      },
      residualSummary: summariseResiduals(residuals),
      records: points.map((p, i) => ({
        id: p.record.id,
        from_s: p.record.from_s,
        to_s: p.record.to_s,
        observedPct: p.record.value,
        predictedPct: r4(pctFromLog(predicted(a, gamma, p))),
        residualLog: r4(residuals[i] as number),
      })),
    },
  };
}

/** The default bounce rate: the one reference record, used as published. */
export function defaultBounce(records: readonly EvidenceRecord[]) {
  if (records.length !== 1)
    throw new Error('Exactly one reference record (the default bounce rate) is expected');
  const record = records[0] as EvidenceRecord;
  return { rate: round(record.value / 100, PARAM_DECIMALS), source: record.id };
}
