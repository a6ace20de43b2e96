/**
 * The embed's link to the full calculator (/embed/tti/ → /tti/): the same query, so the full page opens
 * on the same result, and UTM parameters that say where the visitor came from. Parameters the embed URL
 * already carries (a blog that tags its own embed with utm_source=myblog) win over the defaults.
 * Used by the no-JS Function and the embed's script alike. Pure: no DOM.
 */
import { TTI_QUERY_FIELDS } from '../../core/tti/query.ts';

/** Added to the link when the embed's own URL does not set them. */
export const EMBED_UTM: ReadonlyArray<[string, string]> = [
  ['utm_source', 'embed'],
  ['utm_medium', 'iframe'],
  ['utm_campaign', 'tti-calculator'],
];

/** `/tti/?current=8.3&target=5.7&utm_source=embed&…` for the embed's current query (without "?"). */
export function fullCalculatorHref(query: URLSearchParams): string {
  const params = new URLSearchParams();
  // Model fields first, in the contract's order (the form's spellings were made canonical before this).
  for (const field of TTI_QUERY_FIELDS) for (const value of query.getAll(field)) params.append(field, value);
  for (const [name, value] of query) {
    if (!(TTI_QUERY_FIELDS as readonly string[]).includes(name)) params.append(name, value);
  }
  for (const [name, value] of EMBED_UTM) if (!params.has(name)) params.append(name, value);
  return `/tti/?${params.toString()}`;
}
