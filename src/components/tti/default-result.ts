/** The example every calculator page shows before any input: computed at build time, the same everywhere. */
import { computeTti } from '../../core/tti/compute.ts';
import { parseTtiQuery } from '../../core/tti/query.ts';
import { canonicalQuery } from './form-fields.ts';
import { DEFAULT_FORM_VALUES } from './page-meta.ts';
import type { ResultView } from './render-result.ts';

export function defaultResultView(): Extract<ResultView, { ok: true }> {
  const { query } = canonicalQuery(new URLSearchParams(DEFAULT_FORM_VALUES));
  const parsed = parseTtiQuery(query);
  if (!parsed.ok) throw new Error(`Default TTI input is invalid: ${JSON.stringify(parsed.issues)}`);
  return { ok: true, result: computeTti(parsed.input), query: query.toString() };
}
