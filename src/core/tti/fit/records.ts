/**
 * Which records the fit reads, and how interventions become studies. Throws only on a corrupt dataset:
 * a record the integrity rules refuse, a fitted timing below the model's floor, a duplicate id, or
 * records of one study that do not chain.
 */
import {
  logOutcomeRatio,
  logTimeRatio,
  recordProblems,
  type EvidenceClass,
  type EvidenceDataset,
  type EvidenceRecord,
} from '../evidence.ts';
import { TTI_FLOOR_S } from '../limits.ts';

export type RecordsByClass = Record<EvidenceClass, EvidenceRecord[]>;

/**
 * How many votes an intervention study gets in the median. 'study' (the rule): records of one group are
 * one study, chained into its whole before/after change. 'record': every record votes (the choice before
 * December 2026, kept for the sensitivity table).
 */
export type VoteRule = 'study' | 'record';

export interface FitOptions {
  votes: VoteRule;
}

export const DEFAULT_FIT_OPTIONS: FitOptions = { votes: 'study' };

function fail(record: EvidenceRecord, problems: readonly string[]): never {
  throw new Error(`Corrupt evidence record ${record.id}: ${problems.join('; ')}`);
}

/** The records of each class, after checking every record the fit or the checks read. */
export function recordsByClass(dataset: EvidenceDataset): RecordsByClass {
  const byClass: RecordsByClass = {
    intervention: [],
    'cross-sectional': [],
    'bounce-curve': [],
    reference: [],
    check: [],
    excluded: [],
  };
  for (const record of dataset.records) {
    const problems = recordProblems(record);
    if (record.class !== 'excluded' && record.class !== 'reference')
      for (const seconds of [record.from_s, record.to_s, record.at_s])
        if (seconds !== undefined && seconds < TTI_FLOOR_S)
          problems.push(`a fitted timing (${seconds} s) lies below the ${TTI_FLOOR_S} s floor`);
    if (problems.length > 0) fail(record, problems);
    byClass[record.class].push(record);
  }
  const ids = dataset.records.map((r) => r.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`Duplicate evidence id ${duplicate}`);
  return byClass;
}

/** One vote in the intervention median: a whole before/after change of one study. */
export interface Study {
  /** The group id (or the record id when every record votes). */
  id: string;
  /** The source's name and year, for tables and the chart: "Intuit 2013". */
  label: string;
  url: string;
  timing: string;
  records: readonly EvidenceRecord[];
  /** ln(time after ÷ time before) over the whole study. */
  x: number;
  /** ln(outcome after ÷ outcome before) over the whole study. */
  y: number;
  /** Elasticity β = −y / x. */
  beta: number;
  /** What else the source says changed, from all of the study's records. */
  alsoChanged: string[];
}

/** "Intuit (Velocity NY 2013), via WPO Stats" → "Intuit 2013". */
export function studyLabel(record: EvidenceRecord): string {
  const name = record.source.split(' (')[0]?.split(',')[0]?.trim() || record.id;
  return `${name} ${record.year}`;
}

/**
 * Orders the records of one study so each starts where the previous one ended (15 → 7 s, then 7 → 5 s).
 * A study given as several steps must publish their seconds, or the steps cannot be joined.
 */
function chain(group: string, records: readonly EvidenceRecord[]): EvidenceRecord[] {
  if (records.length === 1) return [...records];
  if (records.some((r) => r.from_s === undefined || r.to_s === undefined))
    throw new Error(`The records of study ${group} need from_s and to_s to be chained into one change`);
  const sorted = [...records].sort((a, b) => (b.from_s as number) - (a.from_s as number));
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.from_s !== sorted[i - 1]!.to_s)
      throw new Error(`The records of study ${group} do not chain (each must start where the last ended)`);
  return sorted;
}

/**
 * Interventions as studies. With the 'study' rule the records of one group form one study whose change
 * is the product of its steps' ratios (Intuit: 15 → 7 s +24 % and 7 → 5 s +4 % become 15 → 5 s,
 * 1.24 × 1.04 = +28.96 %), so a study published in two steps does not vote twice.
 */
export function interventionStudies(records: readonly EvidenceRecord[], votes: VoteRule): Study[] {
  const groups = new Map<string, EvidenceRecord[]>();
  for (const record of records) {
    const key = votes === 'study' ? record.group : record.id;
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return [...groups].map(([id, members]) => {
    const steps = chain(id, members);
    const x = steps.reduce((sum, r) => sum + (logTimeRatio(r) as number), 0);
    const y = steps.reduce((sum, r) => sum + logOutcomeRatio(r), 0);
    const first = steps[0] as EvidenceRecord;
    return {
      id,
      label: studyLabel(first),
      url: first.url,
      timing: first.timing,
      records: steps,
      x,
      y,
      beta: -y / x,
      alsoChanged: [...new Set(steps.flatMap((r) => r.also_changed ?? []))],
    };
  });
}
