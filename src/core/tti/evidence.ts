/**
 * Shape of src/data/tti-findings.json: published findings, transcribed as numbers with their source.
 * The fit (src/core/tti/fit/) reads only these fields; integrity tests sweep every record against these rules.
 */

export type EvidenceClass =
  'intervention' | 'cross-sectional' | 'bounce-curve' | 'reference' | 'check' | 'excluded';

export interface EvidenceRecord {
  id: string;
  class: EvidenceClass;
  /** Records of one curve; ratio records in a group share their `from_s`. */
  group: string;
  source: string;
  url: string;
  via?: string;
  year: number;
  device: string;
  /** Which timing the study measured (page load, LCP, FCP, INP, …): rarely TTI itself. */
  timing: string;
  outcome: string;
  /** How an intervention was measured (required for interventions; see INTERVENTION_DESIGNS). */
  design?: InterventionDesign;
  /** Changes the source reports besides the fitted timing; absent means the source names none. */
  also_changed?: string[];
  from_s?: number;
  to_s?: number;
  at_s?: number;
  time_change_pct?: number;
  value: number;
  unit: string;
  qualifier?: string;
  transcription?: string;
  /** Why an `excluded` record is not fitted. */
  reason?: string;
}

/**
 * 'before/after': the same site compared with itself before and after a change (seasonality, marketing
 * and other releases are not controlled). 'A/B': a randomised concurrent control group.
 */
export const INTERVENTION_DESIGNS = ['before/after', 'A/B'] as const;
export type InterventionDesign = (typeof INTERVENTION_DESIGNS)[number];

export interface EvidenceDataset {
  provenance: Record<string, unknown>;
  records: EvidenceRecord[];
}

/** Relative change of an outcome from a timing to another. */
export const RELATIVE_UNIT = '% relative change';
/** An absolute conversion-rate level at one timing. */
export const LEVEL_UNIT = '% conversion rate';
/** An absolute bounce rate (reference records). */
export const BOUNCE_UNIT = '% bounce rate';

/**
 * ln of the timing ratio (after ÷ before) a relative-change record describes, or null when the record
 * gives neither seconds nor a relative timing change.
 */
export function logTimeRatio(record: EvidenceRecord): number | null {
  if (record.from_s !== undefined && record.to_s !== undefined && record.from_s > 0 && record.to_s > 0)
    return Math.log(record.to_s / record.from_s);
  if (record.time_change_pct !== undefined) return Math.log(1 + record.time_change_pct / 100);
  return null;
}

/** ln of the outcome ratio (after ÷ before) of a relative-change record. */
export function logOutcomeRatio(record: EvidenceRecord): number {
  return Math.log(1 + record.value / 100);
}

/** Problems that make a record unusable by the fit; empty when the record is sound. */
export function recordProblems(record: EvidenceRecord): string[] {
  const problems: string[] = [];
  if (!/^https?:\/\//.test(record.url)) problems.push('url must be http(s)');
  if (!Number.isFinite(record.value)) problems.push('value must be a finite number');
  if (record.class === 'excluded') {
    if (!record.reason) problems.push('an excluded record needs a reason');
    return problems;
  }
  if (record.class === 'reference') {
    if (record.unit !== BOUNCE_UNIT) problems.push(`a reference record's unit must be "${BOUNCE_UNIT}"`);
    if (!(record.value > 0 && record.value < 100))
      problems.push('a bounce rate must lie strictly between 0 and 100 %');
    return problems;
  }
  if (record.unit === RELATIVE_UNIT) {
    if (logTimeRatio(record) === null)
      problems.push('a relative record needs from_s/to_s or time_change_pct');
    if (record.value <= -100) problems.push('a relative change must be above -100 %');
  } else if (record.unit === LEVEL_UNIT) {
    if (record.at_s === undefined || record.at_s <= 0) problems.push('a level record needs a positive at_s');
    if (record.value <= 0) problems.push('a level must be positive');
  } else {
    problems.push(`unit must be "${RELATIVE_UNIT}" or "${LEVEL_UNIT}"`);
  }
  if (record.class === 'bounce-curve' && (record.from_s === undefined || record.to_s === undefined))
    problems.push('a bounce-curve record needs from_s and to_s');
  if (record.class === 'intervention' && !INTERVENTION_DESIGNS.includes(record.design as InterventionDesign))
    problems.push(`an intervention's design must be one of ${INTERVENTION_DESIGNS.join(', ')}`);
  if (record.class === 'check' && !isBounceOutcome(record))
    problems.push('a check must report a bounce rate');
  return problems;
}

/**
 * Whether a record's outcome is a bounce rate (the outcome the checks predict). Abandonment during
 * loading is a different outcome and does not count: docs/tti-model.md, "Bounce checks".
 */
export function isBounceOutcome(record: EvidenceRecord): boolean {
  return /\bbounce\b/i.test(record.outcome);
}
