/**
 * Bounce checks: every bounce-rate change in the evidence that comes with a timing ratio, predicted the
 * way the product predicts a site without its own bounce rate (the default rate at the starting timing,
 * moved along the fitted slope γ on the log-odds scale) and never fitted. Findings without a timing ratio
 * are listed with the reason they cannot be checked, so no observed bounce change is left out silently.
 */
import { shiftedBounceRate } from '../bounce.ts';
import { logTimeRatio, type EvidenceRecord } from '../evidence.ts';
import { median, r4 } from './numeric.ts';
import { studyLabel } from './records.ts';

/** Relative bounce change, percent, for a timing ratio, from `rate` at the start, with slope γ. */
export function bounceChangePct(rate: number, timeRatio: number, gamma: number): number {
  return (shiftedBounceRate(rate, 1, timeRatio, gamma) / rate - 1) * 100;
}

export function checkBounce(checks: readonly EvidenceRecord[], gamma: number, startRate: number) {
  const rows = checks.map((record) => {
    const ratio = Math.exp(logTimeRatio(record) as number);
    const predicted = bounceChangePct(startRate, ratio, gamma);
    return {
      id: record.id,
      label: studyLabel(record),
      url: record.url,
      timing: record.timing,
      alsoChanged: record.also_changed ?? [],
      timeRatio: r4(ratio),
      observedPct: record.value,
      predictedPct: r4(predicted),
      errorPp: r4(record.value - predicted),
    };
  });
  return {
    summary: {
      method: `the default bounce rate (${startRate * 100} %) moved along γ by the study's timing ratio`,
      checks: rows.length,
      medianAbsErrorPp: rows.length > 0 ? r4(median(rows.map((row) => Math.abs(row.errorPp)))) : null,
      /** The model predicted a smaller change than observed / a larger one. */
      smallerThanObserved: rows.filter((row) => Math.abs(row.predictedPct) < Math.abs(row.observedPct))
        .length,
      largerThanObserved: rows.filter((row) => Math.abs(row.predictedPct) > Math.abs(row.observedPct)).length,
    },
    checks: rows,
  };
}

/** Outcomes reported beside the checks: bounce rates, and abandonment during loading (a different outcome). */
const BOUNCE_LIKE_OUTCOME = /bounce|abandon/i;

/** Bounce and abandonment findings the checks cannot use, with the reason each gives. */
export function uncheckableBounceFindings(excluded: readonly EvidenceRecord[]) {
  return excluded
    .filter((record) => BOUNCE_LIKE_OUTCOME.test(record.outcome))
    .map((record) => ({ id: record.id, label: studyLabel(record), url: record.url, reason: record.reason }));
}
