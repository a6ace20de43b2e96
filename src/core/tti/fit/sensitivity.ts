/**
 * The judgement calls of the fit, each with its rule, and how far reversing each one moves the
 * elasticities, the worked example, the validation and the bounce checks. Each row is a complete refit of
 * an edited copy of the evidence. Docs: docs/tti-model.md, "Judgement calls".
 */
import { curveBounceRate } from '../bounce.ts';
import { conversionChangePct } from '../conversion.ts';
import type { EvidenceDataset, EvidenceRecord } from '../evidence.ts';
import type { ModelParams } from '../types.ts';
import { bounceChangePct, checkBounce } from './bounce-checks.ts';
import { fitModel } from './fit-model.ts';
import { r4 } from './numeric.ts';
import { DEFAULT_FIT_OPTIONS, interventionStudies, recordsByClass, type FitOptions } from './records.ts';
import { leaveOneStudyOut } from './validation.ts';

/** The worked example of docs/tti-model.md and of the API documentation (GET /api/tti?current=8.3&target=5.7). */
export const EXAMPLE_CURRENT_S = 8.3;
export const EXAMPLE_TARGET_S = 5.7;

/** The study fitted with an INP change until December 2026. */
const REDBUS_ID = 'redbus-2023';
/** The only bounce check the page and docs showed until December 2026. */
const PREVIOUS_CHECK_IDS: readonly string[] = ['economic-times-2021-bounce'];

export const DECISIONS = [
  {
    id: 'one-vote-per-study',
    question: 'Intuit published its project as two steps (15 → 7 s, 7 → 5 s); does it vote twice?',
    rule: 'Each study gets one vote: records of one study are chained into its whole before/after change (Intuit: 15 → 5 s, 1.24 × 1.04 = +28.96 %).',
  },
  {
    id: 'loading-timings-only',
    question: 'redBus measured INP (870–900 → 350–370 ms, stated as −72 %); is that a TTI ratio?',
    rule: 'A fitted timing runs from navigation to a loading milestone (page load, FCP, LCP, a custom wait time). INP and FID are measured from a tap or click, so redBus is not fitted; its ms figures (−59 %) are transcribed beside its stated −72 %.',
  },
  {
    id: 'before-after-named',
    question:
      'None of the case studies is a controlled A/B test and several changed more than speed: what are they, and do they stay?',
    rule: 'They are called before/after case studies everywhere, the other changes their sources report are recorded, and they stay in: their whole effect is attributed to speed, which the page states. Leaving them out (a row of the table) leaves too few studies for a range.',
  },
  {
    id: 'every-bounce-finding',
    question:
      'The page showed one bounce check (Economic Times, where the model predicts too little); what about the others?',
    rule: 'Every bounce-rate change in the evidence that comes with a timing ratio is a check; every other bounce or abandonment finding is listed with the reason it cannot be checked.',
  },
  {
    id: 'bounce-odds-ratio',
    question:
      'γ was fitted on a curve where bounce at 1 s is about 10 %, but is applied from 43 % (or the site’s rate): what carries over?',
    rule: 'The odds ratio carries over (γ acts on the log-odds), from the site’s own rate or the 43 % default, and the page says so. A relative change cannot carry over to high rates: the curve’s +123 % from 1 to 10 s would take 45 % past 100 %.',
  },
] as const;

export type DecisionId = (typeof DECISIONS)[number]['id'];

interface Variant {
  id: string;
  label: string;
  /** The decisions this row reverses (none for the shipped model). */
  reverses: DecisionId[];
  options?: FitOptions;
  edit?: (records: EvidenceRecord[]) => EvidenceRecord[];
}

/** redBus fitted as an intervention, with its stated INP change or the one its ms figures give. */
function fitRedBus(change: 'stated' | 'measured') {
  return (records: EvidenceRecord[]): EvidenceRecord[] => {
    const record = records.find((r) => r.id === REDBUS_ID);
    if (!record || record.from_s === undefined || record.to_s === undefined)
      throw new Error(`The sensitivity table needs ${REDBUS_ID} with its ms figures in from_s/to_s`);
    const pct = change === 'stated' ? record.time_change_pct : (record.to_s / record.from_s - 1) * 100;
    const fitted: EvidenceRecord = { ...record, class: 'intervention', time_change_pct: pct as number };
    // Its seconds are INP milliseconds, below the model's floor: only the relative change enters.
    delete fitted.from_s;
    delete fitted.to_s;
    return records.map((r) => (r === record ? fitted : r));
  };
}

/** Only the interventions whose sources name no change besides speed. */
const speedOnly = (records: EvidenceRecord[]): EvidenceRecord[] =>
  records.map((r) =>
    r.class === 'intervention' && (r.also_changed ?? []).length > 0
      ? { ...r, class: 'excluded', reason: 'sensitivity row: the source names changes besides speed' }
      : r,
  );

const VARIANTS: readonly Variant[] = [
  { id: 'shipped', label: 'As shipped (every rule above)', reverses: [] },
  {
    id: 'intuit-two-votes',
    label: 'Intuit votes twice',
    reverses: ['one-vote-per-study'],
    options: { votes: 'record' },
  },
  {
    id: 'redbus-stated',
    label: 'redBus fitted with its stated −72 %',
    reverses: ['loading-timings-only'],
    edit: fitRedBus('stated'),
  },
  {
    id: 'redbus-measured',
    label: 'redBus fitted with its own ms figures (−59 %)',
    reverses: ['loading-timings-only'],
    edit: fitRedBus('measured'),
  },
  {
    id: 'speed-only',
    label: 'Only studies whose sources name no other change',
    reverses: ['before-after-named'],
    edit: speedOnly,
  },
  {
    id: 'previous',
    label: 'Before these rules (Intuit twice, redBus −72 %)',
    reverses: ['one-vote-per-study', 'loading-timings-only'],
    options: { votes: 'record' },
    edit: fitRedBus('stated'),
  },
];

function conversionRow(dataset: EvidenceDataset, variant: Variant) {
  const edited = { ...dataset, records: variant.edit ? variant.edit([...dataset.records]) : dataset.records };
  const options = variant.options ?? DEFAULT_FIT_OPTIONS;
  const { model } = fitModel(edited, options);
  const studies = interventionStudies(recordsByClass(edited).intervention, options.votes);
  const validation = leaveOneStudyOut(studies, model.conversion).summary;
  // Both example timings lie inside the model's domain (1–20 s), so no clamping applies.
  const change = (beta: number) => conversionChangePct(EXAMPLE_CURRENT_S, EXAMPLE_TARGET_S, beta);
  const ends = [change(model.conversion.betaLow), change(model.conversion.betaHigh)];
  return {
    id: variant.id,
    label: variant.label,
    reverses: variant.reverses,
    studies: studies.length,
    ...model.conversion,
    example: {
      centralPct: r4(change(model.conversion.betaCentral)),
      lowPct: r4(Math.min(...ends)),
      highPct: r4(Math.max(...ends)),
    },
    medianAbsErrorPp: validation.medianAbsErrorPp,
    inShippedRange: validation.inShippedRange,
    inHeldOutRange: validation.inHeldOutRange,
  };
}

function bounceRows(dataset: EvidenceDataset, params: ModelParams) {
  const { a, gamma, defaultRate } = params.bounce;
  const ratio = EXAMPLE_TARGET_S / EXAMPLE_CURRENT_S;
  const curveRate = curveBounceRate(EXAMPLE_CURRENT_S, a, gamma);
  const checks = recordsByClass(dataset).check;
  const previous = checks.filter((record) => PREVIOUS_CHECK_IDS.includes(record.id));
  if (previous.length !== PREVIOUS_CHECK_IDS.length)
    throw new Error(`The sensitivity table needs the checks ${PREVIOUS_CHECK_IDS.join(', ')}`);
  return {
    example: {
      fromDefault: { startRate: defaultRate, changePct: r4(bounceChangePct(defaultRate, ratio, gamma)) },
      // The curve's own level at the current TTI: the same as a relative change read off the fitted curve.
      fromCurveLevel: { startRate: r4(curveRate), changePct: r4(bounceChangePct(curveRate, ratio, gamma)) },
    },
    checks: {
      shipped: checkBounce(checks, gamma, defaultRate).summary,
      previous: checkBounce(previous, gamma, defaultRate).summary,
    },
  };
}

/** Every decision and every row of the sensitivity table, for the shipped model `params`. */
export function sensitivity(dataset: EvidenceDataset, params: ModelParams) {
  return {
    example: { current: EXAMPLE_CURRENT_S, target: EXAMPLE_TARGET_S },
    decisions: DECISIONS,
    conversion: VARIANTS.map((variant) => conversionRow(dataset, variant)),
    bounce: bounceRows(dataset, params),
  };
}
