import { describeResult, formatPct, formatRate, signedMoney } from '../../core/tti/describe.ts';
import type { Range, TtiResult } from '../../core/tti/types.ts';
import { escapeHtml } from './escape-html.ts';
import { FIELD_LABELS, type FieldIssue } from './form-fields.ts';

/**
 * The result panel as HTML. Like render-chart.ts, one function serves the build, the no-JS Function and
 * the island, so a shared link renders the same markup with or without JavaScript. Every figure carries
 * its unrounded value in `data-value` so tests can compare it with GET /api/tti.
 */

export type ResultView =
  | { ok: true; result: TtiResult; /** Query of the shareable link, without "?". */ query: string }
  | {
      ok: false;
      issues: FieldIssue[];
      /** Replaces the headline, for problems of the whole link. */ note?: string;
    };

export function renderResultHtml(view: ResultView): string {
  return view.ok ? renderResult(view.result, view.query) : renderIssues(view.issues, view.note);
}

/** A figure as one unbreakable word: a line never breaks between "+" and "£9,994". */
const nb = (text: string): string => `<span class="nb">${escapeHtml(text)}</span>`;

/** "range +£9,994 to +£138,513", each end kept whole. */
const rangeText = (low: string, high: string): string => `range ${nb(low)} to ${nb(high)}`;

/** One card; `detailHtml` is markup built from escaped parts. */
function figure(
  id: string,
  label: string,
  value: number,
  text: string,
  detailHtml: string,
  tone: 'good' | 'bad' | 'neutral' = 'neutral',
): string {
  return (
    `<div class="figure ${tone}" data-figure="${id}">` +
    `<dt>${escapeHtml(label)}</dt>` +
    `<dd><span class="value" data-value="${value}">${escapeHtml(text)}</span>` +
    (detailHtml ? ` <span class="detail">${detailHtml}</span>` : '') +
    `</dd></div>`
  );
}

const toneOf = (value: number, goodWhenPositive = true): 'good' | 'bad' | 'neutral' =>
  Math.abs(value) < 0.05 ? 'neutral' : value > 0 === goodWhenPositive ? 'good' : 'bad';

/** A signed figure with its range below it, all written by `format`, toned by the central value. */
const rangeFigure = (id: string, label: string, range: Range, format: (value: number) => string): string =>
  figure(
    id,
    label,
    range.central,
    format(range.central),
    rangeText(format(range.low), format(range.high)),
    toneOf(range.central),
  );

function renderResult(result: TtiResult, query: string): string {
  const { conversion, bounce, revenue } = result;
  const text = describeResult(result);
  const figures = [
    figure(
      'lift',
      'Conversion rate',
      conversion.liftPct,
      formatPct(conversion.liftPct),
      rangeText(formatPct(conversion.lowPct), formatPct(conversion.highPct)),
      toneOf(conversion.liftPct),
    ),
    figure(
      'bounce',
      'Bounce rate',
      bounce.targetRate,
      `${formatRate(bounce.currentRate)} → ${formatRate(bounce.targetRate)}`,
      escapeHtml(
        `${formatPct(bounce.changePct)} relative${bounce.currentRateSource === 'default' ? ', typical starting rate' : ''}`,
      ),
      toneOf(bounce.changePct, false),
    ),
  ];
  if (revenue) {
    const money = (value: number) => signedMoney(value, revenue.currency);
    figures.push(
      rangeFigure('monthly', 'Revenue per month', revenue.monthlyDelta, money),
      rangeFigure('yearly', 'Revenue per year', revenue.yearlyDelta, money),
      rangeFigure('orders', 'Orders per month', revenue.extraOrdersPerMonth, signedCount),
    );
  }
  const hint = revenue
    ? ''
    : '<p class="hint">Add monthly sessions, conversion rate and average order value to see the revenue.</p>';
  return (
    `<p class="headline" data-headline>${escapeHtml(text.title)}</p>` +
    `<dl class="figures">${figures.join('')}</dl>` +
    hint +
    `<div class="explain">${text.sentences.map((s) => `<p>${escapeHtml(s)}</p>`).join('')}</div>` +
    `<p class="share"><a class="share-link" href="/tti/?${escapeHtml(query)}">Link to this result</a></p>`
  );
}

function signedCount(value: number): string {
  const rounded = Math.round(value);
  const magnitude = Math.abs(rounded).toLocaleString('en');
  return rounded === 0 ? '0' : `${rounded > 0 ? '+' : '−'}${magnitude}`;
}

/**
 * The one-line summary pinned to the bottom of a narrow screen while the form is in view (the full result
 * sits below the form there): the headline's change and its range, as text.
 */
export function renderSummaryText(view: ResultView): string {
  if (!view.ok) return 'Check the highlighted values.';
  const { conversion, effective } = view.result;
  if (effective.current === effective.target) return 'Conversions: no change';
  return `Conversions ${formatPct(conversion.liftPct)} (range ${formatPct(conversion.lowPct)} to ${formatPct(conversion.highPct)})`;
}

function renderIssues(issues: FieldIssue[], note?: string): string {
  const items = issues
    .map(
      (issue) =>
        `<li><a href="#f-${issue.field}">${escapeHtml(FIELD_LABELS[issue.field])}</a>: ${escapeHtml(issue.message)}</li>`,
    )
    .join('');
  return (
    `<div class="issues" data-issues="${issues.length}">` +
    `<p class="headline">${escapeHtml(
      note ?? `Please check ${issues.length === 1 ? 'this value' : `these ${issues.length} values`}:`,
    )}</p>` +
    (items ? `<ul>${items}</ul>` : '') +
    '</div>'
  );
}
