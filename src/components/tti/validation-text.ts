/**
 * The words and table rows of /tti/'s "How well the model predicts" section, from the figures `npm run fit`
 * shipped (src/data/tti-validation.json, src/data/tti-params.json). Build-time only: the section is static
 * HTML and SVG, with no JavaScript.
 */
import type { ValidationPoint } from '../../core/chart/validation-chart-layout.ts';
import params from '../../data/tti-params.json';
import validation from '../../data/tti-validation.json';
import { formatPct, formatRate, formatSeconds } from '../../core/tti/format.ts';

export type ValidationData = typeof validation;
export type FitReport = typeof params;

/** Percentage points, one decimal: the unit of every miss. */
export const formatPp = (value: number): string => `${Math.abs(value).toFixed(1)} percentage points`;

/** A relative timing change from a ratio (after ÷ before): 0.64 → "−36%". */
const timeChange = (ratio: number): string => formatPct((ratio - 1) * 100);

const listing = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

const rangeText = (r: { centralPct: number; lowPct: number; highPct: number }): string =>
  `${formatPct(r.centralPct)} (range ${formatPct(r.lowPct)} to ${formatPct(r.highPct)})`;

/** The worked example of the sensitivity table: "8.3 s → 5.7 s". */
export function exampleLabel(v: ValidationData = validation): string {
  const { current, target } = v.sensitivity.example;
  return `${formatSeconds(current)} → ${formatSeconds(target)}`;
}

/** Plain-language sentences for the section, in reading order. */
export function validationSentences(v: ValidationData = validation, fit: FitReport = params) {
  const c = v.summary.conversion;
  const b = v.summary.bounce;
  const studies = v.conversion.studies;
  const misses = [...studies].sort((x, y) => Math.abs(y.errorPp) - Math.abs(x.errorPp));
  const biggest = misses.slice(0, 2).map((s) => s.label.replace(/ \d{4}$/, ''));
  const changedMore = studies.filter((s) => s.alsoChanged.length > 0).length;
  const rows = v.sensitivity.conversion;
  const now = rows.find((r) => r.id === 'shipped');
  const before = rows.find((r) => r.id === 'previous');
  if (!now || !before) throw new Error('tti-validation.json lacks the shipped or previous sensitivity row');
  const { current } = v.sensitivity.example;
  const example = exampleLabel(v);
  const slope = v.sensitivity.bounce.example;
  const direction = now.example.centralPct > before.example.centralPct ? 'raises' : 'lowers';
  return {
    prediction:
      `We refitted the model ${c.studies} times, each time without one of its ${c.studies} case studies, and ` +
      `predicted the study left out. The typical miss (the median) is ${formatPp(c.medianAbsErrorPp)} of ` +
      `conversion change; the mean, ${formatPp(c.meanAbsErrorPp)}, is pulled up by ${listing(biggest)}.`,
    coverage:
      `${c.inShippedRange} of ${c.studies} studies found a change inside the range the calculator shows for ` +
      `their speed-up; ${c.belowShippedRange} found less than its low end and ${c.aboveShippedRange} more ` +
      `than its high end. With each study left out of the fit, ${c.inHeldOutRange} of ${c.studies} fall inside.`,
    design:
      `All ${c.studies} are before/after case studies (a site compared with itself), none a controlled A/B ` +
      `test, and ${changedMore} changed more than speed at the same time; the model attributes their whole ` +
      `effect to speed.`,
    decisions:
      `Our judgement calls, each with its rule below, move the ${example} example from ` +
      `${rangeText(before.example)} to ${rangeText(now.example)}: counting each study once and not fitting ` +
      `redBus's INP change ${direction} the headline; the high end does not move.`,
    bounce:
      `Bounce: ${b.checks} case studies in our evidence report a bounce change with a timing change. From the ` +
      `${formatRate(fit.model.bounce.defaultRate)} default, the model predicted a smaller drop than observed ` +
      `for ${b.smallerThanObserved} and a larger one for ${b.largerThanObserved}; the median miss is ` +
      `${formatPp(b.medianAbsErrorPp ?? 0)}. ${v.bounce.notCheckable.length} other bounce or abandonment ` +
      `findings give no timing change to check against.`,
    bounceSlope:
      `The bounce slope was fitted on a curve where bounce is about ${formatRate(fit.fit.bounce.bounceAt1s)} ` +
      `at 1 s, and is applied from your bounce rate (or the default) so that the odds of bouncing change by ` +
      `the same factor: ${formatPct(slope.fromDefault.changePct)} for ${example} from ` +
      `${formatRate(slope.fromDefault.startRate)}. From the curve's own level at ${formatSeconds(current)} ` +
      `(${formatRate(slope.fromCurveLevel.startRate)}) it would be ${formatPct(slope.fromCurveLevel.changePct)}.`,
  };
}

const POSITION_WORDS = { inside: 'yes', below: 'no, less', above: 'no, more' } as const;

/** A table of the section: a caption, an accessible name for its scrolling box, and rows led by a header cell. */
export interface TableModel {
  caption: string;
  label: string;
  headings: string[];
  rows: Array<{ id: string; head: string; url?: string; cells: string[] }>;
}

/** Each case study: what it found and what the model predicted without it. */
export function studiesTable(v: ValidationData = validation): TableModel {
  return {
    caption: 'Each case study, predicted by a fit without it',
    label: 'Case studies predicted without themselves',
    headings: [
      'Study',
      'Timing change',
      'Observed',
      'Predicted',
      "Calculator's range",
      'Inside',
      'Also changed',
    ],
    rows: v.conversion.studies.map((s) => ({
      id: s.id,
      head: s.label,
      url: s.url,
      cells: [
        `${s.timing} ${timeChange(s.timeRatio)}`,
        formatPct(s.observedPct),
        formatPct(s.predictedPct),
        `${formatPct(s.shippedRangePct[0] as number)} to ${formatPct(s.shippedRangePct[1] as number)}`,
        POSITION_WORDS[s.shippedPosition as keyof typeof POSITION_WORDS],
        s.alsoChanged.join(', '),
      ],
    })),
  };
}

/** Each judgement call: the question a reviewer asked and the rule the fit follows. */
export function decisionRows(v: ValidationData = validation) {
  return v.sensitivity.decisions.map((d) => ({ id: d.id, question: d.question, rule: d.rule }));
}

/** Each line of the sensitivity table: a refit with some judgement calls reversed. */
export function sensitivityTable(v: ValidationData = validation): TableModel {
  return {
    caption: 'How each judgement call moves the numbers',
    label: 'How each judgement call moves the numbers',
    headings: [
      'Fit',
      'Studies',
      'β headline / low / high',
      `${exampleLabel(v)}: headline (range)`,
      'Median miss',
      'Inside range',
    ],
    rows: v.sensitivity.conversion.map((r) => ({
      id: r.id,
      head: r.label,
      cells: [
        String(r.studies),
        `${r.betaCentral} / ${r.betaLow} / ${r.betaHigh}`,
        rangeText(r.example),
        `${r.medianAbsErrorPp.toFixed(1)} pp`,
        `${r.inShippedRange} of ${r.studies}`,
      ],
    })),
  };
}

/** The chart's points: each study's held-out prediction against what it observed. */
export function validationPoints(v: ValidationData = validation): ValidationPoint[] {
  return v.conversion.studies.map((s) => ({
    id: s.id,
    label: s.label,
    predicted: s.predictedPct,
    observed: s.observedPct,
    inside: s.shippedPosition === 'inside',
  }));
}

/** Each bounce check: the change a case study observed and what the model predicts from the default rate. */
export function bounceTable(v: ValidationData = validation): TableModel {
  return {
    caption: 'Bounce changes the model was not fitted on',
    label: 'Bounce checks',
    headings: ['Study', 'Timing change', 'Observed', 'Predicted', 'Also changed'],
    rows: v.bounce.checks.map((c) => ({
      id: c.id,
      head: c.label,
      url: c.url,
      cells: [
        `${c.timing} ${timeChange(c.timeRatio)}`,
        formatPct(c.observedPct),
        formatPct(c.predictedPct),
        c.alsoChanged.join(', '),
      ],
    })),
  };
}
