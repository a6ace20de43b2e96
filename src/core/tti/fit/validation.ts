/**
 * How well the conversion model predicts studies it did not see: leave-one-study-out over the
 * intervention studies (fit the headline and low elasticities without the study, predict its change from
 * its own timing ratio, record the error) and coverage (whether the observed change falls inside the
 * range for its inputs: the range the calculator ships, and the range fitted without the study).
 */
import { interventionElasticities } from './conversion-fit.ts';
import { mean, median, pctFromLog, r4 } from './numeric.ts';
import type { Study } from './records.ts';

export interface Elasticities {
  betaCentral: number;
  betaLow: number;
  betaHigh: number;
}

/** The conversion change in percent for a study's timing ratio under the three elasticities, low ≤ high. */
function changeRange(x: number, central: number, low: number, high: number) {
  const ends = [pctFromLog(-low * x), pctFromLog(-high * x)];
  return { central: pctFromLog(-central * x), low: Math.min(...ends), high: Math.max(...ends) };
}

const position = (value: number, range: { low: number; high: number }) =>
  value < range.low ? 'below' : value > range.high ? 'above' : 'inside';

/**
 * One row per study. The held-out fit re-runs the shipped estimator (median and quantile, rounded as
 * shipped) on the other studies; the high end comes from the cross-sectional curves, which no
 * intervention enters, so it is the same with or without the study.
 */
export function leaveOneStudyOut(studies: readonly Study[], shipped: Elasticities) {
  if (studies.length < 2) throw new Error('Leave-one-study-out needs at least two studies');
  const rows = studies.map((study, i) => {
    const heldOut = interventionElasticities(studies.filter((_, j) => j !== i));
    const predicted = changeRange(study.x, heldOut.central, heldOut.low, shipped.betaHigh);
    const inShipped = changeRange(study.x, shipped.betaCentral, shipped.betaLow, shipped.betaHigh);
    const observed = pctFromLog(study.y);
    return {
      id: study.id,
      label: study.label,
      url: study.url,
      timing: study.timing,
      alsoChanged: study.alsoChanged,
      timeRatio: r4(Math.exp(study.x)),
      observedPct: r4(observed),
      heldOutBetaCentral: heldOut.central,
      heldOutBetaLow: heldOut.low,
      predictedPct: r4(predicted.central),
      errorPp: r4(observed - predicted.central),
      heldOutRangePct: [r4(predicted.low), r4(predicted.high)],
      heldOutPosition: position(observed, predicted),
      shippedRangePct: [r4(inShipped.low), r4(inShipped.high)],
      shippedPosition: position(observed, inShipped),
    };
  });
  const errors = rows.map((row) => Math.abs(row.errorPp));
  const count = (key: 'heldOutPosition' | 'shippedPosition', value: string) =>
    rows.filter((row) => row[key] === value).length;
  return {
    summary: {
      method: 'leave-one-study-out over the intervention studies: fit without the study, predict it',
      studies: rows.length,
      medianAbsErrorPp: r4(median(errors)),
      meanAbsErrorPp: r4(mean(errors)),
      inShippedRange: count('shippedPosition', 'inside'),
      belowShippedRange: count('shippedPosition', 'below'),
      aboveShippedRange: count('shippedPosition', 'above'),
      coverage: r4(count('shippedPosition', 'inside') / rows.length),
      inHeldOutRange: count('heldOutPosition', 'inside'),
      heldOutCoverage: r4(count('heldOutPosition', 'inside') / rows.length),
    },
    studies: rows,
  };
}
