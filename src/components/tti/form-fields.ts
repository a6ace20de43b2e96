/**
 * The calculator form and the URL contract, kept in step.
 *
 * The URL (and /api/tti) carry rates as fractions (`bounceRate=0.45`, CONTRACTS.md), but people think in
 * percent. So the form's two rate inputs are percent fields with their own names (`bounceRatePct`,
 * `conversionRatePct`); `canonicalQuery` turns a form submission into the contract's query (45 -> 0.45)
 * and `formValuesFromQuery` turns a contract query back into what the form shows. Both the browser island
 * and the no-JS Function (functions/tti/index.ts) use this module, so they always agree. Pure: no DOM.
 */

/** Contract field -> name of its percent input in the form. */
export const PERCENT_ALIASES = {
  bounceRate: 'bounceRatePct',
  conversionRate: 'conversionRatePct',
} as const;

export type ContractField =
  'current' | 'target' | 'bounceRate' | 'sessions' | 'conversionRate' | 'orderValue' | 'currency';

/** Names of the form's inputs, in the order they appear. */
export const FORM_FIELDS = [
  'current',
  'target',
  'bounceRatePct',
  'sessions',
  'conversionRatePct',
  'orderValue',
  'currency',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Record<FormField, string>;

/** Form input that shows a contract field. */
export function formFieldFor(field: string): FormField | null {
  if (field in PERCENT_ALIASES) return PERCENT_ALIASES[field as keyof typeof PERCENT_ALIASES];
  return (FORM_FIELDS as readonly string[]).includes(field) ? (field as FormField) : null;
}

const ALIAS_TO_FIELD = new Map<string, string>(Object.entries(PERCENT_ALIASES).map(([f, a]) => [a, f]));
/** Query parameters that are model inputs, in the form's or the contract's spelling. */
export const MODEL_PARAMS: ReadonlySet<string> = new Set([...FORM_FIELDS, ...Object.keys(PERCENT_ALIASES)]);

/** A plain decimal as the query parser accepts it (src/core/tti/query.ts): "45", "2.5", ".5". */
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * Twelve significant digits: enough for any rate a person types, and it removes binary noise
 * (1.1 / 100 = 0.011000000000000001 -> 0.011).
 */
const SIGNIFICANT_DIGITS = 12;
function tidy(value: number): string {
  const rounded = Number(value.toPrecision(SIGNIFICANT_DIGITS));
  const text = String(rounded);
  // The parser takes plain decimals only, so tiny rates must not turn into "1e-7".
  return text.includes('e') ? rounded.toFixed(20).replace(/\.?0+$/, '') : text;
}

/** Units people type or paste after (or, for money, before) a number: "8.3 s" from Lighthouse, "$80", "45%". */
const SECONDS = /\s*(?:s|sec|secs|seconds?)$/i;
const PERCENT = /\s*%$/;
const UNIT: Partial<Record<FormField, RegExp>> = {
  current: SECONDS,
  target: SECONDS,
  bounceRatePct: PERCENT,
  conversionRatePct: PERCENT,
  orderValue: /^(?:US)?[$€£¥₹]\s*|\s*[$€£¥₹]$/g,
};
/** "8,3" or "45,5": a lone comma followed by one or two digits is a decimal comma. */
const DECIMAL_COMMA = /^\d+,\d{1,2}$/;
/** "200,000", "200 000", "1,299.00": groups of three digits with one kind of separator. */
const THOUSANDS = /^\d{1,3}([, \u00a0\u202f])\d{3}(?:\1\d{3})*(?:\.\d+)?$/;

/**
 * What people paste into a numeric form input, as the plain decimal the contract takes: "8.3 s" -> "8.3",
 * "8,3" -> "8.3", "200 000" -> "200000", "$80" -> "80", "45%" -> "45". Anything else comes back trimmed,
 * for the parser to report. The form only: GET /api/tti keeps its strict plain decimals.
 */
export function normaliseNumber(text: string, field: FormField): string {
  let value = text.trim();
  if (field === 'currency') return value;
  const unit = UNIT[field];
  if (unit) value = value.replace(unit, '');
  if (DECIMAL_COMMA.test(value)) return value.replace(',', '.');
  return THOUSANDS.test(value) ? value.replace(/[, \u00a0\u202f]/g, '') : value;
}

/** "45" or "45 %" -> "0.45"; anything that is not a number is passed on unchanged for the parser to report. */
export function percentToFraction(text: string): string {
  const value = normaliseNumber(text, 'bounceRatePct');
  return NUMBER.test(value) ? tidy(Number(value) / 100) : text.trim();
}

/** "0.45" -> "45"; anything else unchanged (so a bad value in a link is shown as it came). */
export function fractionToPercent(text: string): string {
  const trimmed = text.trim();
  return NUMBER.test(trimmed) ? tidy(Number(trimmed) * 100) : trimmed;
}

/**
 * A form submission (or any query) in the contract's terms: percent inputs become fraction fields, empty
 * form fields are dropped (they mean "absent"), every other parameter (utm_* and the like) is kept in
 * order. `changed` tells a caller whether the query was not already canonical (the no-JS Function then
 * redirects, so the address bar always shows the contract URL).
 */
export function canonicalQuery(params: URLSearchParams): { query: URLSearchParams; changed: boolean } {
  const query = new URLSearchParams();
  let changed = false;
  for (const [name, value] of params) {
    if (MODEL_PARAMS.has(name) && value.trim() === '') {
      changed = true;
      continue;
    }
    const field = ALIAS_TO_FIELD.get(name);
    if (field) {
      // A percent input wins over a stale fraction field of the same name; the latter is dropped below.
      query.delete(field);
      query.append(field, percentToFraction(value));
      changed = true;
    } else if (params.has(PERCENT_ALIASES[name as keyof typeof PERCENT_ALIASES] ?? '')) {
      changed = true;
    } else {
      // "8.3 s", "200,000", "$80": what people paste, as the contract spells it.
      const plain = MODEL_PARAMS.has(name) ? normaliseNumber(value, name as FormField) : value;
      if (plain !== value) changed = true;
      query.append(name, plain);
    }
  }
  return { query, changed };
}

/** What each form input shows for a contract query (rates as percent). Missing fields are empty. */
export function formValuesFromQuery(params: URLSearchParams): FormValues {
  const values = Object.fromEntries(FORM_FIELDS.map((f) => [f, ''])) as FormValues;
  for (const field of ['current', 'target', 'sessions', 'orderValue', 'currency'] as const) {
    values[field] = (params.get(field) ?? '').trim();
  }
  for (const [field, alias] of Object.entries(PERCENT_ALIASES) as Array<[ContractField, FormField]>) {
    const value = params.get(field);
    values[alias] = value === null ? '' : fractionToPercent(value);
  }
  return values;
}

/** Query parameters that are neither form nor contract fields (utm_* and the like), in order. */
export function extraParams(params: URLSearchParams): Array<[string, string]> {
  return [...params].filter(([name]) => !MODEL_PARAMS.has(name));
}

/** Labels of the form's inputs, for the error summary. */
export const FIELD_LABELS: Record<FormField, string> = {
  current: 'Current TTI',
  target: 'Target TTI',
  bounceRatePct: 'Bounce rate',
  sessions: 'Monthly sessions',
  conversionRatePct: 'Conversion rate',
  orderValue: 'Average order value',
  currency: 'Currency',
};

/** A parser issue placed on a form input. */
export interface FieldIssue {
  field: FormField;
  message: string;
}

/**
 * Puts the parser's issues (contract field paths, fraction wording) on the form's inputs. A message sits
 * under its field and the result panel puts the label in front of it, so the parser's label goes
 * ("Current TTI (seconds) must be…" -> "Must be…"); the percent inputs get percent words, since the
 * parser's "a fraction, 0.45 for 45 %" would confuse someone who typed 45.
 */
export function fieldIssues(
  issues: ReadonlyArray<{ path: string; message: string }>,
  values: FormValues,
): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const field = formFieldFor(issue.path);
    if (!field || out.some((known) => known.field === field)) continue;
    let message = issue.message.replace(/^.* must /, 'Must ');
    if (ALIAS_TO_FIELD.has(field) && message !== 'Given more than once.') {
      message = NUMBER.test(normaliseNumber(values[field] ?? '', field))
        ? 'Must be a percentage from 0 to 100.'
        : `Must be a number of percent, such as ${field === 'bounceRatePct' ? 45 : 2.5}.`;
    }
    out.push({ field, message });
  }
  return out;
}

/**
 * Below this a bounce rate was probably pasted as a fraction (Analytics exports 0.45 for 45 %); the model
 * itself starts at 1 % (limits.ts BOUNCE_RATE_MIN). Conversion rates are left alone: 0.5 % is an ordinary
 * shop, so no threshold separates a fraction from a real rate there.
 */
const FRACTION_LIKE_BELOW_PCT = 1;

/**
 * A bounce rate that is valid but probably not meant: "0.45% — did you mean 45%?". A warning, not an
 * error: the value is kept and evaluated as typed (the result says how), because guessing would be worse.
 */
export function fieldWarnings(values: FormValues): FieldIssue[] {
  const typed = normaliseNumber(values.bounceRatePct ?? '', 'bounceRatePct');
  const pct = Number(typed);
  return NUMBER.test(typed) && pct > 0 && pct < FRACTION_LIKE_BELOW_PCT
    ? [{ field: 'bounceRatePct', message: `${tidy(pct)}% — did you mean ${tidy(pct * 100)}%?` }]
    : [];
}

/** Whether a query sets any model input (a link with only utm_* shows the default example). */
export function hasModelFields(params: URLSearchParams): boolean {
  return [...params.keys()].some((name) => MODEL_PARAMS.has(name));
}
