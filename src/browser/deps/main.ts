/**
 * The mapper page's controller: URL scan or HAR import -> batched /api/resolve with partial results ->
 * summary, providers, what breaks, hosts -> lazily loaded graph -> export and permalink.
 */
import { MAX_HOSTS_PER_REQUEST } from '../../core/dns/limits.ts';
import { HAR_MAX_BYTES } from '../../core/har/limits.ts';
import { exportFileName, toCsv, toJson } from '../../core/map/export.ts';
import { hostsFromScan, reportBaseFromScan } from '../../core/map/from-scan.ts';
import { layoutGraph } from '../../core/map/graph-layout.ts';
import { plainError } from '../../core/map/plain-errors.ts';
import { isReportId } from '../../core/map/report-id.ts';
import { RESOLVE_CONCURRENCY, resolveInBatches } from '../../core/map/resolve-batches.ts';
import { checkScanInput } from '../../core/map/scan-input.ts';
import type { DependencyReport } from '../../core/map/types.ts';
import { withDecision } from '../../core/ownership/apply-ownership.ts';
import { reportView } from '../../core/ownership/report-view.ts';
import type { ResolvedHost } from '../../core/resolve/types.ts';
import { loadReport, resolveHosts, scanPage } from './api.ts';
import { clearBox, describe, explain, fillError } from './error-box.ts';
import { resetSave, setShownProvider, wireSave } from './saved-link.ts';
import { byId, download, h, markScrollables } from './dom.ts';
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
const fileInput = byId<HTMLInputElement>('deps-har');
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

/**
 * The chains view (render-chains.ts) is loaded with the first map, not with the page. Each render queues
 * its drawing on this one promise, so drawings run in the order asked, and awaiting the promise waits for
 * every drawing queued before.
 */
let chainsView: Promise<typeof import('./render-chains.ts')> | null = null;

/** Draws `shown` (the report as the views read it: report-view.ts) while `report` is still the map on screen. */
function renderChainsSoon(report: DependencyReport, shown: DependencyReport): void {
  chainsView ??= import('./render-chains.ts');
  chainsView.then(
    (view) => {
      if (current === report) view.renderChains(shown);
    },
    (error: unknown) => {
      byId('deps-chains').replaceChildren(
        h('p', {}, `The chains could not be shown (${describe(error)}). Reload the page to try again.`),
      );
    },
  );
}

/** Waits until the chains queued so far are drawn (or could not be). */
async function chainsDrawn(): Promise<void> {
  await chainsView?.catch(() => undefined);
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
  renderChainsSoon(report, view.report);
  renderHosts(view.report, pending, badges);
  renderGraphTable(view.report, badges);
  markScrollables(results);
}

const loadersToggle = byId('deps-loaders-toggle');
const loadersBox = byId<HTMLInputElement>('deps-graph-loaders');
loadersBox.addEventListener('change', () => {
  byId('deps-graph').classList.toggle('deps-show-loaders', loadersBox.checked);
});

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

async function drawGraph(report: DependencyReport): Promise<void> {
  const holder = byId('deps-graph');
  try {
    // d3 only once there is something to draw: it is not in the page's first script.
    const view = await import('./graph-view.ts');
    const shown = reportView(report).report;
    const layout = layoutGraph(shown);
    const loaders = view.buildLoaderLinks(shown, layout);
    // The arrows' switch only where there are arrows (none from a static scan or a Firefox HAR).
    loadersToggle.hidden = loaders.length === 0;
    holder.classList.toggle('deps-show-loaders', loadersBox.checked && loaders.length > 0);
    view.drawGraph(holder, byId('deps-graph-details'), layout, loaders);
  } catch (error) {
    holder.replaceChildren(
      h(
        'p',
        {},
        `The graph could not be drawn (${describe(error)}). The table below has the same information.`,
      ),
    );
  }
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
  byId('deps-graph').replaceChildren();
  loadersToggle.hidden = true;
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

function showHarError(lead: string, code: string): void {
  clearResults();
  fillError(harError, lead, undefined, code);
  harError.scrollIntoView({ block: 'nearest' });
}

/**
 * The HAR reader (parser and initiators) is loaded when a file is picked: most visits scan a URL, and
 * the page's first script stays the smaller for it (docs/mapper.md "Figures").
 */
async function loadHarReader() {
  const [har, base] = await Promise.all([
    import('../../core/har/parse-har.ts'),
    import('../../core/map/from-har.ts'),
  ]);
  return { ...har, ...base };
}

async function importHar(file: File): Promise<void> {
  clearErrors();
  let reader: Awaited<ReturnType<typeof loadHarReader>>;
  try {
    reader = await loadHarReader();
  } catch (error) {
    return showHarError(
      `The HAR reader could not be loaded (${describe(error)}). Check your connection, reload the page and try again.`,
      'network_error',
    );
  }
  const tooBig = reader.checkHarSize(file.size);
  if (tooBig) return showHarError(tooBig.message, tooBig.code);
  if (file.size === 0) {
    return showHarError(
      `${file.name} is empty. Export the HAR again from the browser's Network panel after the page has loaded.`,
      'har_empty',
    );
  }
  setStatus(`Reading ${file.name}…`);
  revealProgress();
  const parsed = reader.parseHar(await file.text());
  if (!parsed.ok) return showHarError(`${file.name}: ${parsed.message}`, parsed.code);
  await map(reader.reportBaseFromHar(parsed, new Date().toISOString()), parsed.hosts);
}

fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  // Cleared, so picking the same file again (after editing it, or to map it afresh) fires change again.
  fileInput.value = '';
  if (file) void importHar(file);
});
for (const type of ['dragenter', 'dragover'] as const) {
  drop.addEventListener(type, (event) => {
    event.preventDefault();
    drop.classList.add('deps-drop-active');
  });
}
for (const type of ['dragleave', 'drop'] as const) {
  drop.addEventListener(type, () => drop.classList.remove('deps-drop-active'));
}
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  const file = event.dataTransfer?.files[0];
  if (file) void importHar(file);
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
