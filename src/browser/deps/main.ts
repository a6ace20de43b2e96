/**
 * The mapper page's controller: URL scan or HAR import -> batched /api/resolve with partial results ->
 * summary, providers, what breaks, hosts -> lazily loaded graph -> export and permalink.
 */
import { MAX_HOSTS_PER_REQUEST } from '../../core/dns/limits.ts';
import { HAR_MAX_BYTES } from '../../core/har/limits.ts';
import { exportFileName, toCsv, toJson } from '../../core/map/export.ts';
import { hostsFromScan, reportBaseFromScan } from '../../core/map/from-scan.ts';
import { plainError } from '../../core/map/plain-errors.ts';
import { isReportId } from '../../core/map/report-id.ts';
import { RESOLVE_CONCURRENCY, resolveInBatches } from '../../core/map/resolve-batches.ts';
import { checkScanInput } from '../../core/map/scan-input.ts';
import type { DependencyReport } from '../../core/map/types.ts';
import { withDecision } from '../../core/ownership/apply-ownership.ts';
import { reportView } from '../../core/ownership/report-view.ts';
import type { ResolvedHost } from '../../core/resolve/types.ts';
import { loadReport, resolveHosts, scanPage } from './api.ts';
import { chainsDrawn, renderChainsSoon } from './chains-panel.ts';
import { clearBox, explain, fillError } from './error-box.ts';
import { clearGraph, drawGraph } from './graph-panel.ts';
import { wireHarInput } from './har-input.ts';
import { resetSave, setShownProvider, wireSave } from './saved-link.ts';
import { byId, download, markScrollables } from './dom.ts';
import { renderBlocked } from './render-blocked.ts';
import {
  renderBreaksPicker,
  renderGraphTable,
  renderHosts,
  renderMethod,
  renderProviders,
  renderSpof,
  renderSummary,
} from './render.ts';
import { badgesOf, renderOwnership, renderRisks } from './render-risks.ts';

const form = byId<HTMLFormElement>('deps-url-form');
const urlInput = byId<HTMLInputElement>('deps-url');
const urlError = byId('deps-url-error');
const harError = byId('deps-har-error');
const drop = byId('deps-drop');
const feedback = byId('deps-feedback');
const status = byId('deps-status');
const progress = byId<HTMLProgressElement>('deps-progress');
const errorBox = byId('deps-error');
const results = byId('deps-results');
const picker = byId<HTMLSelectElement>('deps-breaks-provider');

let current: DependencyReport | null = null;
let running: AbortController | null = null;
/** The provider the reader picked, or the link's `provider=`; null means "the default" (breaks-choice.ts). */
let wantedProvider: string | null = null;

const query = new URLSearchParams(location.search);
wantedProvider = query.get('provider');

function showError(message: string, code?: string): void {
  fillError(errorBox, message, undefined, code);
}

function clearErrors(): void {
  for (const box of [errorBox, urlError, harError]) clearBox(box);
  urlInput.removeAttribute('aria-invalid');
  urlInput.setAttribute('aria-describedby', 'deps-url-help');
}

/** A URL problem goes right under the field, tied to it, so it is in view where the reader typed. */
function showUrlError(lead: string, detail?: string, code?: string): void {
  fillError(urlError, lead, detail, code);
  urlInput.setAttribute('aria-invalid', 'true');
  urlInput.setAttribute('aria-describedby', 'deps-url-error deps-url-help');
  // At 360 px the field sits at the bottom of the first screen: the message below it must come into view.
  urlError.scrollIntoView({ block: 'nearest' });
}

function setStatus(text: string): void {
  status.textContent = text;
}

/** A failed new attempt must not leave the previous map on screen under its error, as if it were the answer. */
function clearResults(): void {
  running?.abort();
  current = null;
  results.hidden = true;
  setStatus('');
  progress.hidden = true;
}

/**
 * Brings the status line and progress bar into view: at 360 px they sit a screen below the Map button,
 * and a tap that changes nothing visible reads as "nothing happened" (P1-4).
 */
function revealProgress(): void {
  feedback.scrollIntoView({ block: 'nearest' });
}

/** Hosts still resolving, as last drawn: a "probably yours" answer redraws with them. */
let shownPending: ReadonlySet<string> = new Set();

function render(report: DependencyReport, pending: ReadonlySet<string>): void {
  // Every view reads the report with sister domains counted as yours and resource risks judged on that
  // (src/core/ownership/report-view.ts); the report keeps those risks, so exports and saves carry them.
  const view = reportView(report);
  report.resources = view.report.resources;
  shownPending = pending;
  const badges = badgesOf(view);
  results.hidden = false;
  renderMethod(view.report, pending.size);
  renderBlocked(view.report);
  renderOwnership(view.sisters, decide);
  renderSummary(view.report);
  renderSpof(view.report);
  renderRisks(view.report);
  renderProviders(view.report);
  setShownProvider(renderBreaksPicker(view.report, wantedProvider), false);
  renderChainsSoon(view.report, () => current === report);
  renderHosts(view.report, pending, badges);
  renderGraphTable(view.report, badges);
  markScrollables(results);
}

/** The reader's answer to "probably yours": kept on the report (and so in a saved map), then everything redrawn. */
function decide(site: string, answer: 'yours' | 'not-yours' | null): void {
  if (!current) return;
  const ownership = withDecision(current, site, answer);
  if (ownership.length > 0) current.ownership = ownership;
  else delete current.ownership;
  // A link saved before the answer shows the old map: offer to save this one.
  resetSave(null);
  render(current, shownPending);
  if (shownPending.size === 0) void drawGraph(current);
  byId('deps-ownership')
    .querySelector<HTMLElement>(`[data-site="${CSS.escape(site)}"] button`)
    ?.focus();
}

/** Resolves every host in batches, drawing each batch as it lands. */
async function map(base: Omit<DependencyReport, 'hosts'>, hosts: string[]): Promise<void> {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const pending = new Set(hosts);
  const resolved: ResolvedHost[] = [];
  const report: DependencyReport = { ...base, hosts: resolved };
  current = report;
  resetSave(null);
  byId('deps-export').hidden = true;
  clearGraph();
  progress.max = hosts.length;
  progress.value = 0;
  progress.hidden = false;
  setStatus(`Resolving ${hosts.length} hosts…`);
  render(report, pending);
  revealProgress();
  const pageHost = hosts[0];
  const failures: string[] = [];
  await resolveInBatches({
    hosts,
    batchSize: MAX_HOSTS_PER_REQUEST,
    concurrency: RESOLVE_CONCURRENCY,
    signal: controller.signal,
    isFirstParty: (host) => host === pageHost,
    resolve: (batch) => resolveHosts(batch, base.page, controller.signal),
    onBatch: (outcome) => {
      if (controller.signal.aborted) return;
      for (const host of outcome.hosts) pending.delete(host);
      resolved.push(...outcome.resolved);
      // Keep the page's order (first party first), not the order batches landed in.
      resolved.sort((a, b) => hosts.indexOf(a.host) - hosts.indexOf(b.host));
      if (outcome.error) failures.push(plainError(outcome.error.code, outcome.error.message, 'resolve').lead);
      progress.value = hosts.length - pending.size;
      setStatus(`Resolved ${hosts.length - pending.size} of ${hosts.length} hosts.`);
      render(report, pending);
    },
  });
  if (controller.signal.aborted) return;
  progress.hidden = true;
  if (failures.length > 0) {
    showError(
      `Some hosts could not be looked up; they are listed as unknown. ${[...new Set(failures)].join(' ')}`,
    );
  }
  await chainsDrawn();
  if (controller.signal.aborted) return;
  setStatus(`Done: ${hosts.length} hosts mapped.`);
  byId('deps-export').hidden = false;
  showResults();
  await drawGraph(report);
}

/**
 * Takes the reader to the map once it is complete, unless they have moved on (focus elsewhere on the page):
 * the heading is focusable, so focus and the scroll position land on "Your dependencies".
 */
function showResults(): void {
  const active = document.activeElement;
  const inInput =
    !active || active === document.body || byId('deps-url-form').contains(active) || drop.contains(active);
  if (inInput) byId('deps-results-title').focus();
}

async function scan(input: string): Promise<void> {
  clearErrors();
  // The API's own normaliser, run here first: a typo or ftp:// costs no request and no scan budget.
  const checked = checkScanInput(input);
  if (!checked.ok) {
    urlInput.focus();
    showUrlError(checked.message, checked.detail, checked.code);
    return;
  }
  const button = form.querySelector('button');
  if (button) button.disabled = true;
  setStatus('Scanning the page… Loading it in a browser may take several seconds.');
  revealProgress();
  try {
    const scan = await scanPage(checked.url);
    const base = reportBaseFromScan(scan, new Date().toISOString());
    await map(base, hostsFromScan(scan, base.resources));
  } catch (error) {
    clearResults();
    const plain = explain(error, 'scan');
    showUrlError(plain.lead, plain.detail, plain.code);
  } finally {
    if (button) button.disabled = false;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void scan(urlInput.value);
});

wireHarInput({
  start: clearErrors,
  fail(lead, code) {
    clearResults();
    fillError(harError, lead, undefined, code);
    harError.scrollIntoView({ block: 'nearest' });
  },
  reading(name) {
    setStatus(`Reading ${name}…`);
    revealProgress();
  },
  map,
});

picker.addEventListener('change', () => {
  if (!current) return;
  wantedProvider = picker.value;
  setShownProvider(renderBreaksPicker(reportView(current).report, wantedProvider), query.has('report'));
});

byId('deps-export-json').addEventListener('click', () => {
  if (current) download(exportFileName(current, 'json'), 'application/json', toJson(current));
});
byId('deps-export-csv').addEventListener('click', () => {
  // The spreadsheet shows the map as the page does: sister domains the reader kept count as first party.
  if (current) download(exportFileName(current, 'csv'), 'text/csv', toCsv(reportView(current).report));
});

/** /deps/?report=ID opens a saved report. */
async function openSaved(id: string): Promise<void> {
  if (!isReportId(id)) {
    const plain = plainError('invalid_report_id', 'The report id in this link is malformed.', 'load');
    return fillError(errorBox, plain.lead, plain.detail, plain.code);
  }
  setStatus('Loading the saved report…');
  try {
    const saved = await loadReport(id);
    current = saved.report as DependencyReport;
    render(current, new Set());
    byId('deps-export').hidden = false;
    // Already saved: offer its link (with the provider), not a second copy.
    resetSave(`${location.origin}${location.pathname}?report=${encodeURIComponent(id)}`, saved.expiresAt);
    const made = new Date(saved.report.createdAt);
    const what = saved.report.page ?? 'a page';
    document.title = `Saved map of ${what}, ${made.toLocaleDateString()} · ${document.title}`;
    byId('deps-results-title').textContent = `Saved map of ${what}`;
    // Anyone can save a report: say whose words these are, so a made-up one cannot pass for our finding.
    setStatus(
      `Saved report, made ${made.toLocaleString()}; the link expires ${new Date(saved.expiresAt).toLocaleDateString()}. Its contents are as the person who saved it sent them; map the page again to check.`,
    );
    // Everything above is there at once; the chains follow their view's module, then the graph.
    await chainsDrawn();
    await drawGraph(current);
  } catch (error) {
    setStatus('');
    const plain = explain(error, 'load');
    fillError(errorBox, plain.lead, plain.detail, plain.code);
  }
}

wireSave(() => current);
addEventListener('resize', () => markScrollables(results));

byId('deps-har-limit').textContent = `${HAR_MAX_BYTES / 1024 / 1024} MB`;
const reportId = query.get('report');
const askedUrl = query.get('url');
if (reportId !== null) void openSaved(reportId);
else if (askedUrl !== null) {
  // What a no-JS submit of the form produces: fill the box and map it, as the reader asked.
  urlInput.value = askedUrl;
  void scan(askedUrl);
}
