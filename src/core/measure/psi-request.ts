/**
 * The query of GET /api/measure and the request we send PageSpeed Insights for it.
 * Only the shape is checked here (400 invalid_query); what makes the URL acceptable is normaliseScanUrl
 * and checkTarget (src/core/scan), the same rules as /api/scan, each with its own refusal code.
 */
import * as z from 'zod';
import { issuesFrom, type ErrorIssue } from '../http/api-error.ts';
import { MEASURE_QUERY_MAX_LENGTH, PSI_DEFAULT_ENDPOINT } from './limits.ts';
import { STRATEGIES, type Strategy } from './types.ts';

export const MEASURE_URL_DESCRIPTION =
  'The page to measure, as a person would paste it (`example.com` means https://example.com/). The same rules as POST /api/scan decide whether it may be sent on: http(s), default port, no credentials, a public address.';

export const measureQuerySchema = z.object({
  url: z
    .string()
    .min(1, 'Give the page to measure as url=…')
    .meta({
      description: MEASURE_URL_DESCRIPTION,
      examples: ['example.com', 'https://www.example.com/shop'],
    }),
  strategy: z.enum(STRATEGIES, { error: 'Must be "mobile" or "desktop".' }).default('mobile').meta({
    description: "PSI's strategy: Lighthouse's simulated phone (default) or desktop.",
  }),
});

export type MeasureQuery = z.output<typeof measureQuerySchema>;

/** The query as the schema sees it; a parameter given twice is an issue, not a silent pick. */
export function parseMeasureQuery(
  search: string,
): { ok: true; query: MeasureQuery } | { ok: false; issues: ErrorIssue[] } {
  const text = search.startsWith('?') ? search.slice(1) : search;
  if (text.length > MEASURE_QUERY_MAX_LENGTH) {
    return {
      ok: false,
      issues: [
        { path: '', message: `The query string is longer than ${MEASURE_QUERY_MAX_LENGTH} characters.` },
      ],
    };
  }
  const params = new URLSearchParams(text);
  const repeated = (['url', 'strategy'] as const).filter((name) => params.getAll(name).length > 1);
  if (repeated.length > 0) {
    return { ok: false, issues: repeated.map((name) => ({ path: name, message: 'Given more than once.' })) };
  }
  const parsed = measureQuerySchema.safeParse({
    url: params.get('url') ?? undefined,
    strategy: params.get('strategy') || undefined,
  });
  return parsed.success
    ? { ok: true, query: parsed.data }
    : { ok: false, issues: issuesFrom(parsed.error.issues) };
}

/**
 * The PSI endpoint from PSI_ENDPOINT: unset or empty means Google's. Anything else must be an http(s)
 * URL; a wrong value is a deployment mistake, so it throws rather than silently calling Google instead.
 */
export function psiEndpoint(value: string | undefined): URL {
  const text = value?.trim() ?? '';
  const url = new URL(text === '' ? PSI_DEFAULT_ENDPOINT : text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`PSI_ENDPOINT must be http(s), not ${url.protocol}`);
  return url;
}

/**
 * runPagespeed's query: the page, the strategy, the performance category only (the others cost PSI time
 * and we read none of them), and the API key when there is one (without it, the shared public quota).
 */
export function psiRequestUrl(endpoint: URL, page: string, strategy: Strategy, apiKey?: string): URL {
  const url = new URL(endpoint);
  url.searchParams.set('url', page);
  url.searchParams.set('strategy', strategy);
  url.searchParams.set('category', 'performance');
  if (apiKey) url.searchParams.set('key', apiKey);
  return url;
}
