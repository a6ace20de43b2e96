/**
 * A calculator page with a query string: the no-JS and shared-link path of /tti/ (functions/tti/index.ts)
 * and of the embeddable calculator /embed/tti/ (functions/embed/tti/index.ts). Serves the static page
 * (env.ASSETS) with the query's result rendered in by HTMLRewriter — the same markup the island renders,
 * from the same modules — the form filled in, invalid values reported on their fields, unknown parameters
 * (utm_*) kept as hidden inputs so a re-submission keeps them, a canonical URL, and (on /tti/) Open Graph
 * and Twitter meta that state the numbers with the result's image card. Without a query the static page
 * is served untouched.
 */
import {
  canonicalQuery,
  extraParams,
  fieldIssues,
  fieldWarnings,
  FORM_FIELDS,
  formValuesFromQuery,
  hasModelFields,
  type FieldIssue,
  type FormValues,
} from '../../src/components/tti/form-fields.ts';
import { escapeHtml } from '../../src/components/tti/escape-html.ts';
import { metaFor, PAGE_DESCRIPTION, PAGE_TITLE } from '../../src/components/tti/page-meta.ts';
import { renderChartHtml } from '../../src/components/tti/render-chart.ts';
import {
  renderResultHtml,
  renderSummaryText,
  type ResultView,
} from '../../src/components/tti/render-result.ts';
import { TTI_QUERY_MAX_LENGTH } from '../../src/core/tti/api.ts';
import { headFromGet } from './head-from-get.ts';
import { computeTti } from '../../src/core/tti/compute.ts';
import { parseTtiQuery, toTtiQuery } from '../../src/core/tti/query.ts';
import { fullCalculatorHref } from '../../src/components/tti/embed-link.ts';
import { publicOrigin, ttiCardUrl } from '../../src/core/cards/card-urls.ts';
import { withCardMeta } from './og/card-meta.ts';

/** The full calculator's path: the canonical URL's path, for the embed too. */
export const TTI_PATH = '/tti/';

/**
 * Longest query string rendered, in characters (after "?"): the same limit as GET /api/tti. A real link
 * is under 300; past this it is junk or abuse, and the page says so instead of echoing it back.
 */
export const MAX_QUERY_CHARS = TTI_QUERY_MAX_LENGTH;

/**
 * Rendered pages depend only on the URL and the deployed code, so browsers may keep them briefly. Short,
 * because the page references hashed assets that change with each deploy.
 */
export const PAGE_CACHE_CONTROL = 'public, max-age=300';

interface Rendering {
  status: number;
  title: string;
  description: string;
  canonical: string;
  values: FormValues | null;
  issues: FieldIssue[];
  /** Valid values that were probably not meant ("0.45% — did you mean 45%?"), on fields without issues. */
  warnings: FieldIssue[];
  extra: Array<[string, string]>;
  /** Replaces the result panel and the chart; null keeps the static default. */
  view: ResultView | null;
  chart: string | null;
  indexable: boolean;
  /** The query as rendered (URLSearchParams serialisation, as the island compares it). */
  query: string;
  /** The result's image card (shared pages only). */
  card: { image: string; alt: string } | null;
  /** Whether any optional field has a value (the embed opens its "Your site" section). */
  optionalFilled: boolean;
  /** `url=`: the page the measure form shows (never measured on render). */
  measureUrl: string | null;
}

export interface TtiPageOptions {
  /** The page served and the form's action: '/tti/' or '/embed/tti/'. */
  path: string;
  /**
   * '/tti/': results are pages to index and share (meta with the numbers, an image card). The embed:
   * never indexed (its canonical is the full calculator's URL), no card, the full calculator's link.
   */
  shared: boolean;
}

/** The GET and HEAD handlers of a calculator page. */
export function ttiPageFunction(options: TtiPageOptions): {
  onRequestGet: PagesFunction<Env>;
  onRequestHead: PagesFunction<Env>;
} {
  const onRequestGet: PagesFunction<Env> = (context) => renderTtiPage(context, options);
  // HEAD on the same URL: the status and headers a GET gets (shared links are checked with HEAD too).
  return { onRequestGet, onRequestHead: headFromGet(onRequestGet) };
}

async function renderTtiPage(
  context: EventContext<Env, string, unknown>,
  options: TtiPageOptions,
): Promise<Response> {
  const url = new URL(context.request.url);
  const search = url.search.slice(1);
  if (search === '') return context.next();
  try {
    if (search.length <= MAX_QUERY_CHARS) {
      const { query, changed } = canonicalQuery(url.searchParams);
      // A no-JS form submission carries percent fields (bounceRatePct=45) and empty ones: send the browser
      // to the contract URL (bounceRate=0.45), so every address bar and shared link has one form.
      if (changed) return redirect(options.path, query);
    }
    const asset = await context.env.ASSETS.fetch(new Request(new URL(options.path, url)));
    if (!asset.ok) return context.next();
    const origin = publicOrigin(url.href, context.env.SITE_URL);
    return rewrite(asset, plan(url, search, origin, options), options);
  } catch (error) {
    // Never a 5xx for a query: a bug here costs the rendered result, not the page.
    console.error('tti page render failed', error);
    return context.next();
  }
}

function redirect(path: string, query: URLSearchParams): Response {
  const search = query.toString();
  return new Response(null, {
    status: 303,
    headers: { location: `${path}${search ? `?${search}` : ''}`, 'cache-control': PAGE_CACHE_CONTROL },
  });
}

/** What to render for a query: decided here, applied by rewrite(). */
function plan(url: URL, search: string, origin: string, options: TtiPageOptions): Rendering {
  const base = {
    title: PAGE_TITLE,
    description: PAGE_DESCRIPTION,
    canonical: new URL(TTI_PATH, url).href,
    values: null,
    issues: [],
    warnings: [],
    extra: [],
    view: null,
    chart: null,
    indexable: false,
    query: url.searchParams.toString(),
    card: null,
    optionalFilled: false,
    measureUrl: null,
  };
  if (search.length > MAX_QUERY_CHARS) {
    const note = `This link is too long (${search.length} characters; at most ${MAX_QUERY_CHARS} are read). Enter the values again below.`;
    // Nothing of the query is echoed (not even in data-query); with JavaScript the island still renders it.
    return {
      ...base,
      status: 414,
      query: '',
      view: { ok: false, issues: [], note },
      chart: renderChartHtml(null),
    };
  }
  const params = url.searchParams;
  const extra = extraParams(params);
  // Only utm_* and the like: the default example, with the parameters kept for the next submission.
  const measureUrl = params.get('url');
  if (!hasModelFields(params)) return { ...base, status: 200, extra, measureUrl };
  const parsed = parseTtiQuery(params);
  const values = formValuesFromQuery(params);
  const warnings = fieldWarnings(values);
  const optionalFilled = FORM_FIELDS.some((f) => f !== 'current' && f !== 'target' && values[f] !== '');
  if (!parsed.ok) {
    const issues = fieldIssues(parsed.issues, values);
    return {
      ...base,
      status: 400,
      values,
      issues,
      warnings,
      extra,
      measureUrl,
      view: { ok: false, issues },
      chart: renderChartHtml(null),
      optionalFilled,
    };
  }
  const result = computeTti(parsed.input);
  const meta = metaFor(result);
  return {
    ...base,
    status: 200,
    title: meta.title,
    description: meta.description,
    canonical: `${new URL(TTI_PATH, url).href}?${toTtiQuery(parsed.input).toString()}`,
    values,
    warnings,
    extra,
    measureUrl,
    view: { ok: true, result, query: params.toString() },
    chart: renderChartHtml(result),
    indexable: options.shared,
    card: options.shared
      ? { image: ttiCardUrl(origin, parsed.input), alt: `${meta.title}. ${meta.description}` }
      : null,
    optionalFilled,
  };
}

/**
 * An attribute value for HTMLRewriter's setAttribute, which writes the value between double quotes and
 * escapes only the quote (lol-html): an "&" stays raw, so a value typed as "&quot;" or "&lt;" would come
 * back to the reader as '"' or "<". It cannot leave the attribute, but the form must show what was typed.
 */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;');
}

function rewrite(asset: Response, r: Rendering, options: TtiPageOptions): Response {
  const setContent = (value: string) => ({
    element: (el: Element) => {
      el.setAttribute('content', attr(value));
    },
  });
  let rewriter = new HTMLRewriter()
    .on('title', { element: (el) => void el.setInnerContent(r.title) })
    .on('meta[name="description"]', setContent(r.description))
    .on('meta[property="og:title"]', setContent(r.title))
    .on('meta[property="og:description"]', setContent(r.description))
    .on('meta[name="twitter:title"]', setContent(r.title))
    .on('meta[name="twitter:description"]', setContent(r.description))
    // The static page has these only when the build knew the public origin (SITE_URL); a shared link
    // states its own address, from the request, in either case.
    .on('meta[property="og:url"]', { element: (el) => void el.remove() })
    .on('link[rel="canonical"]', { element: (el) => void el.remove() })
    .on('head', {
      element: (el) =>
        void el.append(
          `<link rel="canonical" href="${escapeHtml(r.canonical)}">` +
            `<meta property="og:url" content="${escapeHtml(r.canonical)}">`,
          { html: true },
        ),
    })
    // The embed's link to the full calculator carries the query (and UTM parameters: embed-link.ts).
    .on('#tti-open-full', {
      element: (el) => void el.setAttribute('href', attr(fullCalculatorHref(new URLSearchParams(r.query)))),
    })
    .on('#tti-extra', {
      element: (el) =>
        void el.setInnerContent(
          r.extra
            .map(([n, v]) => `<input type="hidden" name="${escapeHtml(n)}" value="${escapeHtml(v)}">`)
            .join(''),
          { html: true },
        ),
    });
  if (r.card) rewriter = withCardMeta(rewriter, r.card.image, r.card.alt);
  if (r.optionalFilled) {
    rewriter = rewriter.on('#tti-more', { element: (el) => void el.setAttribute('open', '') });
  }
  const view = r.view;
  if (view) {
    rewriter = rewriter.on('#tti-result', {
      element: (el) => {
        el.setInnerContent(renderResultHtml(view), { html: true });
        // Tells the island this query is already rendered (it re-renders only what is missing).
        el.setAttribute('data-query', attr(r.query));
      },
    });
    rewriter = rewriter.on('#tti-summary', {
      element: (el) => void el.setInnerContent(renderSummaryText(view)),
    });
  }
  const chart = r.chart;
  if (chart !== null) {
    rewriter = rewriter.on('#tti-chart', { element: (el) => void el.setInnerContent(chart, { html: true }) });
  }
  const values = r.values;
  if (values) {
    for (const name of FORM_FIELDS) {
      const issue = r.issues.find((i) => i.field === name);
      const warning = r.warnings.find((i) => i.field === name);
      rewriter = rewriter
        .on(`#f-${name}`, {
          element: (el) => {
            el.setAttribute('value', attr(values[name]));
            if (issue) el.setAttribute('aria-invalid', 'true');
          },
        })
        .on(`#f-${name}-error`, {
          element: (el) => {
            const shown = issue ?? warning;
            if (!shown) return;
            el.setInnerContent(shown.message);
            el.removeAttribute('hidden');
            if (!issue) el.setAttribute('class', 'error warn');
          },
        });
    }
  }
  // A link from the mapper (/tti/?url=<page>) names the page to measure: shown in the measure form.
  const page = r.measureUrl;
  if (page !== null) {
    rewriter = rewriter.on('#m-url', { element: (el) => void el.setAttribute('value', attr(page)) });
  }
  const headers = new Headers(asset.headers);
  headers.delete('content-length');
  headers.delete('etag');
  headers.set('cache-control', PAGE_CACHE_CONTROL);
  if (!r.indexable || !options.shared) headers.set('x-robots-tag', 'noindex');
  return rewriter.transform(new Response(asset.body, { status: r.status, headers }));
}
