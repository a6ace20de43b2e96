import { describeResult } from '../../core/tti/describe.ts';
import type { TtiResult } from '../../core/tti/types.ts';
import type { FormValues } from './form-fields.ts';

/** Title and description of /tti/ without a query (the static page). */
export const PAGE_TITLE = 'TTI lift calculator: what a faster Time to Interactive is worth';
export const PAGE_DESCRIPTION =
  'Estimate the change in conversion, bounce and revenue from a faster Time to Interactive, with its range, ' +
  'the formula and the evidence behind it.';

/** Suffix that keeps the tool's name in a result's title (tab, OG card). */
export const TITLE_SUFFIX = ' · TTI lift calculator';

/** Title and description for a result: the numbers, for people scanning tabs and link previews. */
export function metaFor(result: TtiResult): { title: string; description: string } {
  const text = describeResult(result);
  return { title: `${text.title}${TITLE_SUFFIX}`, description: text.description };
}

/** What the form shows on the static page, and the example the build renders the first result for. */
export const DEFAULT_FORM_VALUES: FormValues = {
  current: '8',
  target: '4',
  bounceRatePct: '',
  sessions: '',
  conversionRatePct: '',
  orderValue: '',
  currency: '',
};
