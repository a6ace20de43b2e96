/**
 * The reproducible fit of the TTI model over src/data/tti-findings.json. Pure: `npm run fit`
 * (scripts/fit.ts) writes its output to src/data/tti-params.json, and a unit test re-runs it in-process
 * and compares, so the shipped numbers are exactly what this code produces from the data.
 * Method and results: docs/tti-model.md.
 */
import { logistic } from './bounce.ts';
import {
  LEVEL_UNIT,
  RELATIVE_UNIT,
  logOutcomeRatio,
  logTimeRatio,
  recordProblems,
  type EvidenceDataset,
  type EvidenceRecord,
} from './evidence.ts';
import { fnv1a } from './hash.ts';
import { TTI_FLOOR_S } from './limits.ts';
import type { ModelParams } from './types.ts';

/** Bumped by hand when the model's form changes; the hash after "+" changes with every refit. */
export const MODEL_SEMVER = '1.0.0';

/** Fitted parameters are rounded to this many decimals: far below the evidence's precision, and stable. */
const PARAM_DECIMALS = 4;
/** Diagnostics (residuals, per-record elasticities) are rounded to this many decimals. */
const REPORT_DECIMALS = 4;
/** The low end of the conversion range: this quantile of the intervention elasticities. */
export const LOW_QUANTILE = 0.25;
/** Search box of the bounce fit: a = logit B(1 s), γ = slope per ln-second. */
const BOUNCE_A_RANGE: readonly [number, number] = [-6, 3];
const BOUNCE_GAMMA_RANGE: readonly [number, number] = [0, 4];
const BOUNCE_GRID_STEP = 0.02;
const GOLDEN_ITERATIONS = 80;
/** The bounce fit reports the span of B(1 s) whose best SSE stays within this factor of the minimum. */
const PROFILE_SSE_FACTOR = 2;

const round = (value: number, decimals: number): number => {
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  return rounded === 0 ? 0 : rounded; // no "-0" in the JSON
};
const r4 = (value: number) => round(value, REPORT_DECIMALS);

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

function summarise(residuals: readonly number[]) {
  const abs = residuals.map(Math.abs);
  return {
    n: residuals.length,
    rmsLog: r4(Math.sqrt(residuals.reduce((sum, r) => sum + r * r, 0) / residuals.length)),
    medianAbsLog: r4(quantile(abs, 0.5)),
    maxAbsLog: r4(Math.max(...abs)),
  };
}

function assertInDomain(record: EvidenceRecord): void {
  const problems = recordProblems(record);
  for (const seconds of [record.from_s, record.to_s, record.at_s])
    if (seconds !== undefined && seconds < TTI_FLOOR_S)
      problems.push(`a fitted timing (${seconds} s) lies below the ${TTI_FLOOR_S} s floor`);
  if (problems.length > 0) throw new Error(`Corrupt evidence record ${record.id}: ${problems.join('; ')}`);
}

/** Interventions: one elasticity per record, β_i = −ln(CR ratio) / ln(timing ratio). */
function fitInterventions(records: readonly EvidenceRecord[]) {
  const rows = records.map((record) => {
    const x = logTimeRatio(record) as number;
    const y = logOutcomeRatio(record);
    return { record, x, y, beta: -y / x };
  });
  const betas = rows.map((row) => row.beta);
  const central = round(quantile(betas, 0.5), PARAM_DECIMALS);
  const low = round(quantile(betas, LOW_QUANTILE), PARAM_DECIMALS);
  // Least squares through the origin in log space, reported as a diagnostic only: it weights each study
  // by the square of its timing change, so the few largest changes decide it.
  const leastSquares = -rows.reduce((s, r) => s + r.x * r.y, 0) / rows.reduce((s, r) => s + r.x * r.x, 0);
  const residuals = rows.map((row) => row.y + central * row.x);
  return {
    betaCentral: central,
    betaLow: low,
    report: {
      estimator: `median of per-record elasticities (headline) and their ${LOW_QUANTILE} quantile (low)`,
      betaMedian: central,
      betaLowQuantile: low,
      betaLeastSquares: r4(leastSquares),
      residualSummary: summarise(residuals),
      records: rows.map((row, i) => ({
        id: row.record.id,
        timing: row.record.timing,
        timeRatio: r4(Math.exp(row.x)),
        observedPct: row.record.value,
        beta: r4(row.beta),
        predictedPct: r4((Math.exp(-central * row.x) - 1) * 100),
        residualLog: r4(residuals[i] as number),
      })),
    },
  };
}

interface GroupPoint {
  record: EvidenceRecord | null;
  x: number;
  y: number;
}

/** Cross-sectional curves as points (ln t, ln CR) per group; a ratio record adds its base point once. */
function groupPoints(records: readonly EvidenceRecord[]): Map<string, GroupPoint[]> {
  const groups = new Map<string, GroupPoint[]>();
  const bases = new Map<string, number>();
  for (const record of records) {
    const points = groups.get(record.group) ?? [];
    groups.set(record.group, points);
    if (record.unit === LEVEL_UNIT) {
      if (bases.has(record.group)) throw new Error(`Group ${record.group} mixes levels and ratios`);
      points.push({ record, x: Math.log(record.at_s as number), y: Math.log(record.value) });
      continue;
    }
    const base = Math.log(record.from_s ?? 1);
    const known = bases.get(record.group);
    if (known === undefined) {
      if (points.some((point) => point.record?.unit === LEVEL_UNIT))
        throw new Error(`Group ${record.group} mixes levels and ratios`);
      bases.set(record.group, base);
      points.push({ record: null, x: base, y: 0 });
    } else if (known !== base) {
      throw new Error(`Ratio records of group ${record.group} must share their from_s`);
    }
    points.push({ record, x: base + (logTimeRatio(record) as number), y: logOutcomeRatio(record) });
  }
  return groups;
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/**
 * Cross-sectional curves: one common elasticity with a free level per curve (fixed-effects least squares
 * on ln CR = c_group − β·ln t), so each study's conversion level drops out and only its slope counts.
 */
function fitCrossSectional(records: readonly EvidenceRecord[]) {
  const groups = groupPoints(records);
  let sxy = 0;
  let sxx = 0;
  const perGroup: Array<{ group: string; points: number; beta: number | null }> = [];
  const centred = new Map<string, { xBar: number; yBar: number }>();
  for (const [group, points] of groups) {
    const xBar = mean(points.map((p) => p.x));
    const yBar = mean(points.map((p) => p.y));
    centred.set(group, { xBar, yBar });
    let gxy = 0;
    let gxx = 0;
    for (const p of points) {
      gxy += (p.x - xBar) * (p.y - yBar);
      gxx += (p.x - xBar) ** 2;
    }
    sxy += gxy;
    sxx += gxx;
    perGroup.push({ group, points: points.length, beta: gxx > 0 ? r4(-gxy / gxx) : null });
  }
  const beta = round(-sxy / sxx, PARAM_DECIMALS);
  const rows = records.map((record) => {
    if (record.unit === RELATIVE_UNIT) {
      // Observed change against the model's change between the same two timings.
      const x = logTimeRatio(record) as number;
      const predicted = -beta * x;
      return {
        record,
        predictedPct: (Math.exp(predicted) - 1) * 100,
        residual: logOutcomeRatio(record) - predicted,
      };
    }
    // A level against the curve's own fitted level at that timing.
    const { xBar, yBar } = centred.get(record.group) as { xBar: number; yBar: number };
    const predicted = yBar - beta * (Math.log(record.at_s as number) - xBar);
    return { record, predictedPct: Math.exp(predicted), residual: Math.log(record.value) - predicted };
  });
  return {
    betaHigh: beta,
    report: {
      estimator: 'fixed-effects least squares: ln CR = c_curve − β·ln t, one level per curve, one common β',
      beta,
      curves: perGroup,
      residualSummary: summarise(rows.map((row) => row.residual)),
      records: rows.map((row) => ({
        id: row.record.id,
        kind: row.record.unit === LEVEL_UNIT ? 'level' : 'ratio',
        observed: row.record.value,
        predicted: r4(row.predictedPct),
        residualLog: r4(row.residual),
      })),
    },
  };
}

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
function fitBounce(records: readonly EvidenceRecord[]) {
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
  return {
    a,
    gamma,
    report: {
      estimator: 'least squares on ln(B(to)/B(from)) with logit B(t) = a + γ·ln t',
      a,
      gamma,
      bounceAt1s: r4(logistic(a)),
      withinTwiceMinSse: {
        bounceAt1s: [
          r4(logistic(Math.min(...plausible.map((g) => g.a)))),
          r4(logistic(Math.max(...plausible.map((g) => g.a)))),
        ],
        gamma: [
          r4(bestGamma(Math.min(...plausible.map((g) => g.a)))),
          r4(bestGamma(Math.max(...plausible.map((g) => g.a)))),
        ],
      },
      residualSummary: summarise(residuals),
      records: points.map((p, i) => ({
        id: p.record.id,
        from_s: p.record.from_s,
        to_s: p.record.to_s,
        observedPct: p.record.value,
        predictedPct: r4((Math.exp(predicted(a, gamma, p)) - 1) * 100),
        residualLog: r4(residuals[i] as number),
      })),
    },
  };
}

/** The default bounce rate: the one reference record, used as published. */
function defaultBounce(records: readonly EvidenceRecord[]) {
  if (records.length !== 1)
    throw new Error('Exactly one reference record (the default bounce rate) is expected');
  const record = records[0] as EvidenceRecord;
  return { rate: round(record.value / 100, PARAM_DECIMALS), source: record.id };
}

/**
 * Out-of-sample checks: bounce changes the model was not fitted on, predicted the way the product does
 * (the default bounce rate placed at from_s, moved along the fitted slope to to_s).
 */
function checkBounce(records: readonly EvidenceRecord[], gamma: number, rateAtFrom: number) {
  return records.map((record) => {
    const from = record.from_s as number;
    const to = record.to_s as number;
    const after = logistic(Math.log(rateAtFrom / (1 - rateAtFrom)) + gamma * Math.log(to / from));
    return {
      id: record.id,
      from_s: from,
      to_s: to,
      observedPct: record.value,
      predictedPct: r4((after / rateAtFrom - 1) * 100),
    };
  });
}

export interface FittedParamsFile {
  provenance: Record<string, unknown>;
  model: ModelParams;
  fit: Record<string, unknown>;
}

/** Fits every parameter of the model from the evidence dataset. Throws only on a corrupt dataset. */
export function fitModel(dataset: EvidenceDataset): FittedParamsFile {
  const byClass = (name: EvidenceRecord['class']) => dataset.records.filter((r) => r.class === name);
  const fitted = [...byClass('intervention'), ...byClass('cross-sectional'), ...byClass('bounce-curve')];
  for (const record of [...fitted, ...byClass('check')]) assertInDomain(record);
  for (const record of [...byClass('excluded'), ...byClass('reference')]) {
    const problems = recordProblems(record);
    if (problems.length > 0) throw new Error(`Corrupt evidence record ${record.id}: ${problems.join('; ')}`);
  }
  const ids = dataset.records.map((r) => r.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`Duplicate evidence id ${duplicate}`);

  const interventions = fitInterventions(byClass('intervention'));
  const cross = fitCrossSectional(byClass('cross-sectional'));
  const bounce = fitBounce(byClass('bounce-curve'));
  const fallback = defaultBounce(byClass('reference'));
  const numbers = {
    conversion: {
      betaCentral: interventions.betaCentral,
      betaLow: interventions.betaLow,
      betaHigh: cross.betaHigh,
    },
    bounce: {
      a: bounce.a,
      gamma: bounce.gamma,
      defaultRate: fallback.rate,
      defaultRateSource: fallback.source,
    },
  };
  return {
    provenance: {
      generatedBy: 'npm run fit (scripts/fit.ts → src/core/tti/fit.ts); do not edit by hand',
      evidence: 'src/data/tti-findings.json',
      evidenceFingerprint: fnv1a(JSON.stringify(dataset)),
      floorS: TTI_FLOOR_S,
      documentation: 'docs/tti-model.md',
    },
    model: { version: `${MODEL_SEMVER}+${fnv1a(JSON.stringify(numbers))}`, ...numbers },
    fit: {
      conversion: { interventions: interventions.report, crossSectional: cross.report },
      bounce: bounce.report,
      checks: checkBounce(byClass('check'), bounce.gamma, fallback.rate),
      excluded: byClass('excluded').map((r) => ({ id: r.id, reason: r.reason })),
    },
  };
}
