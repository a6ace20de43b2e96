/**
 * The conversion side of the fit: CR(t) ∝ t^-β. Headline and low end from the intervention studies, high
 * end from the cross-sectional curves. Method and results: docs/tti-model.md.
 */
import {
  LEVEL_UNIT,
  RELATIVE_UNIT,
  logOutcomeRatio,
  logTimeRatio,
  type EvidenceRecord,
} from '../evidence.ts';
import {
  PARAM_DECIMALS,
  mean,
  median,
  pctFromLog,
  quantile,
  r4,
  round,
  summariseResiduals,
} from './numeric.ts';
import type { Study } from './records.ts';

/** The low end of the conversion range: this quantile of the intervention elasticities. */
export const LOW_QUANTILE = 0.25;

/**
 * The headline and low elasticities of a set of studies, rounded as shipped: the median of the per-study
 * elasticities β_i = −y/x and their LOW_QUANTILE quantile. The validation calls this on every subset it
 * fits, so a held-out prediction is exactly what the shipped estimator would have made.
 */
export function interventionElasticities(studies: readonly Study[]): { central: number; low: number } {
  const betas = studies.map((study) => study.beta);
  return {
    central: round(median(betas), PARAM_DECIMALS),
    low: round(quantile(betas, LOW_QUANTILE), PARAM_DECIMALS),
  };
}

/**
 * Interventions: one elasticity per study. The median gives each study one vote and ignores outliers;
 * least squares through the origin is reported as a diagnostic only (it weights each study by the square
 * of its timing change, so the few largest changes decide it).
 */
export function fitInterventions(studies: readonly Study[]) {
  const { central, low } = interventionElasticities(studies);
  const leastSquares =
    -studies.reduce((s, st) => s + st.x * st.y, 0) / studies.reduce((s, st) => s + st.x * st.x, 0);
  const residuals = studies.map((study) => study.y + central * study.x);
  return {
    betaCentral: central,
    betaLow: low,
    report: {
      estimator: `median of per-study elasticities (headline) and their ${LOW_QUANTILE} quantile (low); one vote per study`,
      studies: studies.length,
      betaMedian: central,
      betaLowQuantile: low,
      betaLeastSquares: r4(leastSquares),
      residualSummary: summariseResiduals(residuals),
      records: studies.map((study, i) => ({
        id: study.id,
        records: study.records.map((r) => r.id),
        timing: study.timing,
        design: study.records[0]?.design ?? null,
        alsoChanged: study.alsoChanged,
        timeRatio: r4(Math.exp(study.x)),
        observedPct: r4(pctFromLog(study.y)),
        beta: r4(study.beta),
        predictedPct: r4(pctFromLog(-central * study.x)),
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

/**
 * Cross-sectional curves: one common elasticity with a free level per curve (fixed-effects least squares
 * on ln CR = c_group − β·ln t), so each study's conversion level drops out and only its slope counts.
 */
export function fitCrossSectional(records: readonly EvidenceRecord[]) {
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
      const predicted = -beta * (logTimeRatio(record) as number);
      return { record, predicted: pctFromLog(predicted), residual: logOutcomeRatio(record) - predicted };
    }
    // A level against the curve's own fitted level at that timing.
    const { xBar, yBar } = centred.get(record.group) as { xBar: number; yBar: number };
    const predicted = yBar - beta * (Math.log(record.at_s as number) - xBar);
    return { record, predicted: Math.exp(predicted), residual: Math.log(record.value) - predicted };
  });
  return {
    betaHigh: beta,
    report: {
      estimator: 'fixed-effects least squares: ln CR = c_curve − β·ln t, one level per curve, one common β',
      beta,
      curves: perGroup,
      residualSummary: summariseResiduals(rows.map((row) => row.residual)),
      records: rows.map((row) => ({
        id: row.record.id,
        kind: row.record.unit === LEVEL_UNIT ? 'level' : 'ratio',
        observed: row.record.value,
        predicted: r4(row.predicted),
        residualLog: r4(row.residual),
      })),
    },
  };
}
