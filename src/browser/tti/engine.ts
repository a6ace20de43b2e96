/**
 * The island's working part: recomputes the result from the form, renders it with the same modules as
 * the build and the no-JS Function, reports invalid values on their fields and keeps the URL in step
 * (history.replaceState; unknown parameters such as utm_* ride along as hidden inputs). Loaded on the
 * first interaction (island.ts), so the page's load runs none of it (TBT 0).
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
} from '../../components/tti/form-fields.ts';
import { metaFor, PAGE_TITLE } from '../../components/tti/page-meta.ts';
import { renderChartHtml } from '../../components/tti/render-chart.ts';
import { renderResultHtml, renderSummaryText, type ResultView } from '../../components/tti/render-result.ts';
import { computeTti } from '../../core/tti/compute.ts';
import { parseTtiQuery } from '../../core/tti/query.ts';

export interface Parts {
  form: HTMLFormElement;
  result: HTMLElement;
  chart: HTMLElement;
  extra: HTMLElement | null;
}

function readForm(form: HTMLFormElement): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') params.append(name, value);
  return params;
}

/** Errors (aria-invalid) and, on fields without one, warnings ("did you mean 45%?") in the same slot. */
function showFieldIssues(form: HTMLFormElement, issues: FieldIssue[], warnings: FieldIssue[]): void {
  for (const name of FORM_FIELDS) {
    const input = form.elements.namedItem(name) as HTMLInputElement | null;
    const error = document.getElementById(`f-${name}-error`);
    const issue = issues.find((i) => i.field === name);
    const shown = issue ?? warnings.find((i) => i.field === name);
    if (input) {
      if (issue) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    if (error) {
      error.textContent = shown ? shown.message : '';
      error.hidden = !shown;
      error.classList.toggle('warn', !issue);
    }
  }
}

/** Recomputes everything from the form as it stands and puts its query in the address bar. */
export function update({ form, result, chart }: Parts): void {
  const typed = readForm(form);
  const { query } = canonicalQuery(typed);
  const parsed = parseTtiQuery(query);
  const search = query.toString();
  const values = Object.fromEntries(FORM_FIELDS.map((n) => [n, typed.get(n) ?? ''])) as FormValues;
  let view: ResultView;
  if (parsed.ok) {
    const computed = computeTti(parsed.input);
    view = { ok: true, result: computed, query: search };
    chart.innerHTML = renderChartHtml(computed);
    document.title = metaFor(computed).title;
  } else {
    view = { ok: false, issues: fieldIssues(parsed.issues, values) };
    chart.innerHTML = renderChartHtml(null);
    document.title = PAGE_TITLE;
  }
  result.innerHTML = renderResultHtml(view);
  showFieldIssues(form, view.ok ? [] : view.issues, fieldWarnings(values));
  const summary = document.getElementById('tti-summary');
  if (summary) summary.textContent = renderSummaryText(view);
  // An invalid link is not worth copying (the button keeps its space: visibility, not display).
  document.getElementById('tti-copy')?.classList.toggle('ready', view.ok);
  result.dataset['query'] = search;
  history.replaceState(
    history.state,
    '',
    `${location.pathname}${search ? `?${search}` : ''}${location.hash}`,
  );
}

/**
 * Shows what a link says when the page was served without it rendered (a host without the Function,
 * `astro dev`): fills the form from the query, carries unknown parameters, and updates. A link with only
 * unknown parameters (utm_*) keeps the default example and just carries them.
 */
export function applyQuery(parts: Parts, params: URLSearchParams): void {
  if (!hasModelFields(params)) {
    if (parts.extra) setExtras(parts.extra, [...params]);
    return;
  }
  const { query } = canonicalQuery(params);
  const values = formValuesFromQuery(query);
  for (const name of FORM_FIELDS) {
    const input = parts.form.elements.namedItem(name) as HTMLInputElement | null;
    if (input) input.value = values[name];
  }
  if (parts.extra) setExtras(parts.extra, extraParams(query));
  update(parts);
}

/** Hidden inputs carrying unknown parameters, so a form submission keeps them too. */
export function setExtras(box: HTMLElement, extra: Array<[string, string]>): void {
  box.replaceChildren(
    ...extra.map(([name, value]) => {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      return input;
    }),
  );
}
