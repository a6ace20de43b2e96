import * as z from 'zod/mini';
import type { ErrorIssue } from '../http/api-error.ts';
import { ORDER_VALUE_MAX, SESSIONS_MAX, TTI_MAX_S } from './limits.ts';
import type { TtiInput } from './types.ts';

/**
 * The query string of /tti/ and GET /api/tti: one schema for the page's form, its shareable URL and the
 * API. Built on zod/mini because the browser island imports it (JS budget).
 */
export const TTI_QUERY_FIELDS = [
  'current',
  'target',
  'bounceRate',
  'sessions',
  'conversionRate',
  'orderValue',
  'currency',
] as const;
export type TtiQueryField = (typeof TTI_QUERY_FIELDS)[number];

/** Plain decimals only ("8.3", "0.45", "100000"): no exponents, hex, signs, spaces or thousands separators. */
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const CURRENCY = /^[A-Za-z]{3}$/;

const text = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'Required.' : 'Must be given once, as text.') });

/**
 * A decimal string turned into a number within (min, max] or [min, max]. `example` fits the field
 * (sessions "such as 120000", not "such as 8.3"), so the message shows what a good value looks like.
 */
function decimal(what: string, example: string, min: number, max: number, minInclusive: boolean) {
  const bound = minInclusive
    ? z.gte(min, `${what} must be at least ${min}.`)
    : z.gt(min, `${what} must be greater than ${min}.`);
  return z.pipe(
    z.pipe(
      text().check(z.regex(DECIMAL, `${what} must be a number such as ${example}.`)),
      z.transform((value: string) => Number(value)),
    ),
    z.number().check(bound, z.lte(max, `${what} must be at most ${max}.`)),
  );
}

export const ttiQuerySchema = z.object({
  current: decimal('Current TTI (seconds)', '8.3', 0, TTI_MAX_S, false),
  target: decimal('Target TTI (seconds)', '2.5', 0, TTI_MAX_S, false),
  bounceRate: z.optional(decimal('Bounce rate (a fraction, 0.45 for 45 %)', '0.45', 0, 1, true)),
  sessions: z.optional(decimal('Sessions per month', '120000', 0, SESSIONS_MAX, true)),
  conversionRate: z.optional(decimal('Conversion rate (a fraction, 0.02 for 2 %)', '0.02', 0, 1, true)),
  orderValue: z.optional(decimal('Average order value', '80', 0, ORDER_VALUE_MAX, true)),
  currency: z.optional(
    z.pipe(
      text().check(z.regex(CURRENCY, 'Currency must be a three-letter ISO 4217 code such as EUR.')),
      z.transform((value: string) => value.toUpperCase()),
    ),
  ),
});

export type TtiQueryParse =
  | { ok: true; input: TtiInput; extra: Array<[string, string]> }
  | { ok: false; issues: ErrorIssue[]; extra: Array<[string, string]> };

const isField = (name: string): name is TtiQueryField =>
  (TTI_QUERY_FIELDS as readonly string[]).includes(name);

/**
 * Reads the model's fields from a query string. Unknown parameters (utm_*, …) are not errors: they come
 * back in `extra`, in order, so a shared link keeps them. An empty optional field means "absent"; a field
 * given twice is an issue (which one was meant is unknowable).
 */
export function parseTtiQuery(params: URLSearchParams): TtiQueryParse {
  const raw: Partial<Record<TtiQueryField, string>> = {};
  const extra: Array<[string, string]> = [];
  const issues: ErrorIssue[] = [];
  const seen = new Set<string>();
  for (const [name, value] of params) {
    if (!isField(name)) {
      extra.push([name, value]);
      continue;
    }
    if (seen.has(name)) {
      if (!issues.some((issue) => issue.path === name))
        issues.push({ path: name, message: 'Given more than once.' });
      continue;
    }
    seen.add(name);
    const trimmed = value.trim();
    // Empty optional fields are absent; an empty required field stays and fails as "must be a number".
    if (trimmed === '' && name !== 'current' && name !== 'target') continue;
    raw[name] = trimmed;
  }
  const parsed = z.safeParse(ttiQuerySchema, raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      if (!issues.some((known) => known.path === path)) issues.push({ path, message: issue.message });
    }
  }
  if (issues.length > 0 || !parsed.success) {
    const order = (path: string) => TTI_QUERY_FIELDS.indexOf(path as TtiQueryField);
    return { ok: false, issues: issues.sort((x, y) => order(x.path) - order(y.path)), extra };
  }
  const input: TtiInput = { current: parsed.data.current, target: parsed.data.target };
  for (const field of TTI_QUERY_FIELDS) {
    const value = parsed.data[field];
    if (value !== undefined) Object.assign(input, { [field]: value });
  }
  return { ok: true, input, extra };
}

/** The inverse of parseTtiQuery: model fields in their fixed order, absent ones left out, then `extra`. */
export function toTtiQuery(input: TtiInput, extra: Array<[string, string]> = []): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of TTI_QUERY_FIELDS) {
    const value = input[field];
    if (value !== undefined) params.append(field, String(value));
  }
  for (const [name, value] of extra) params.append(name, value);
  return params;
}
