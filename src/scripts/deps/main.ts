/**
 * The mapper page's controller: URL scan or HAR import -> batched /api/resolve with partial results ->
 * summary, providers, what breaks, hosts -> lazily loaded graph -> export and permalink.
 */
import { MAX_HOSTS_PER_REQUEST } from '../../core/dns/limits.ts';
import { HAR_MAX_BYTES } from '../../core/har/limits.ts';
import { checkHarSize, parseHar } from '../../core/har/parse-har.ts';
import { exportFileName, toCsv, toJson } from '../../core/map/export.ts';
import { hostsFromScan, pageFromScan, resourcesFromScan } from '../../core/map/from-scan.ts';
import { layoutGraph } from '../../core/map/graph.ts';
import { isReportId } from '../../core/map/report-id.ts';
import { RESOLVE_CONCURRENCY, resolveInBatches } from '../../core/map/resolve-batches.ts';
import type { DependencyReport, MapResource } from '../../core/map/types.ts';
import type { ResolvedHost } from '../../core/deps/types.ts';
import { ApiFailure, loadReport, resolveHosts, saveReport, scanPage } from './api.ts';
import { byId, download, h } from './dom.ts';
import {
  renderBreaks,
  renderBreaksPicker,
  renderGraphTable,
  renderHosts,
  renderMethod,
  renderProviders,
  renderSpof,
  renderSummary,
} from './render.ts';

const form = byId<HTMLFormElement>('deps-url-form');
const urlInput = byId<HTMLInputElement>('deps-url');
const fileInput = byId<HTMLInputElement>('deps-har');
const drop = byId('deps-drop');
const status = byId('deps-status');
const progress = byId<HTMLProgressElement>('deps-progress');
const errorBox = byId('deps-error');
const results = byId('deps-results');
const picker = byId<HTMLSelectElement>('deps-breaks-provider');

let current: DependencyReport | null = null;
let running: AbortController | null = null;

function showError(message: string): void {
  errorBox.replaceChildren(h('p', {}, message));
  errorBox.hidden = false;
}

function clearError(): void {
  errorBox.hidden = true;
  errorBox.replaceChildren();
}

function setStatus(text: string): void {
  status.textContent = text;
}

function describe(error: unknown): string {
  if (error instanceof ApiFailure) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

function render(report: DependencyReport, pending: ReadonlySet<string>): void {
  results.hidden = false;
  renderMethod(report, pending.size);
  renderSummary(report);
  renderSpof(report);
  renderProviders(report);
  renderBreaksPicker(report);
  renderHosts(report, pending);
  renderGraphTable(report);
}

async function drawGraph(report: DependencyReport): Promise<void> {
  const holder = byId('deps-graph');
  try {
    // d3 only once there is something to draw: it is not in the page's first script.
    const { drawGraph: draw } = await import('./graph-view.ts');
    draw(holder, byId('deps-graph-details'), layoutGraph(report));
  } catch (error) {
    holder.replaceChildren(
      h(
        'p',
        {},
        `The graph could not be drawn: ${describe(error)}. The table below has the same information.`,
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
  byId('deps-export').hidden = true;
  byId('deps-graph').replaceChildren();
  progress.max = hosts.length;
  progress.value = 0;
  progress.hidden = false;
  setStatus(`Resolving ${hosts.length} hosts…`);
  render(report, pending);
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
      if (outcome.error) failures.push(`${outcome.error.message} (${outcome.error.code})`);
      progress.value = hosts.length - pending.size;
      setStatus(`Resolved ${hosts.length - pending.size} of ${hosts.length} hosts.`);
      render(report, pending);
    },
  });
  if (controller.signal.aborted) return;
  progress.hidden = true;
  if (failures.length > 0) {
    showError(
      `Some hosts could not be resolved: ${[...new Set(failures)].join('; ')}. They are listed as unknown.`,
    );
  }
  setStatus(`Done: ${hosts.length} hosts mapped.`);
  byId('deps-export').hidden = false;
  await drawGraph(report);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  const url = urlInput.value.trim();
  if (!url) {
    showError('Enter the address of a page, e.g. https://www.example.com/.');
    urlInput.focus();
    return;
  }
  setStatus('Scanning the page…');
  const button = form.querySelector('button');
  if (button) button.disabled = true;
  try {
    const scan = await scanPage(/^https?:\/\//i.test(url) ? url : `https://${url}`);
    const resources: MapResource[] = resourcesFromScan(scan);
    const hosts = hostsFromScan(scan, resources);
    await map(
      {
        version: 1,
        method: 'scan',
        page: pageFromScan(scan),
        createdAt: new Date().toISOString(),
        source: { tool: 'static scan', truncated: scan.page.truncated },
        resources,
      },
      hosts,
    );
  } catch (error) {
    setStatus('');
    progress.hidden = true;
    showError(`The scan failed: ${describe(error)}`);
  } finally {
    if (button) button.disabled = false;
  }
});

async function importHar(file: File): Promise<void> {
  clearError();
  const tooBig = checkHarSize(file.size);
  if (tooBig) return showError(tooBig.message);
  setStatus(`Reading ${file.name}…`);
  const parsed = parseHar(await file.text());
  if (!parsed.ok) {
    setStatus('');
    return showError(`${file.name}: ${parsed.message}`);
  }
  await map(
    {
      version: 1,
      method: 'har',
      page: parsed.page,
      createdAt: new Date().toISOString(),
      source: {
        ...(parsed.tool ? { tool: parsed.tool } : {}),
        entries: parsed.entries,
        pages: parsed.pages,
        skipped: parsed.skipped.nonNetwork + parsed.skipped.invalid,
        truncated: parsed.truncated,
      },
      resources: parsed.resources,
    },
    parsed.hosts,
  );
}

fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
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
  if (current) renderBreaks(current, picker.value);
});

byId('deps-export-json').addEventListener('click', () => {
  if (current) download(exportFileName(current, 'json'), 'application/json', toJson(current));
});
byId('deps-export-csv').addEventListener('click', () => {
  if (current) download(exportFileName(current, 'csv'), 'text/csv', toCsv(current));
});
byId('deps-save').addEventListener('click', async () => {
  if (!current) return;
  const out = byId('deps-permalink');
  out.replaceChildren(h('p', {}, 'Saving…'));
  try {
    const saved = await saveReport(current);
    const input = h('input', { id: 'deps-permalink-url', type: 'url', readonly: true, value: saved.url });
    out.replaceChildren(
      h('label', { for: 'deps-permalink-url' }, 'Permalink'),
      input,
      h(
        'p',
        { class: 'deps-help' },
        `Anyone with this link can open the report until ${new Date(saved.expiresAt).toLocaleDateString()}.`,
      ),
    );
    input.focus();
    input.select();
  } catch (error) {
    out.replaceChildren(h('p', { class: 'deps-bad' }, `Could not save: ${describe(error)}`));
  }
});

/** /deps/?report=ID opens a saved report. */
async function openSaved(id: string): Promise<void> {
  if (!isReportId(id)) return showError('This report link is malformed (invalid_report_id).');
  setStatus('Loading the saved report…');
  try {
    const saved = await loadReport(id);
    current = saved.report as DependencyReport;
    render(current, new Set());
    byId('deps-export').hidden = false;
    // Anyone can save a report: say whose words these are, so a made-up one cannot pass for our finding.
    setStatus(
      `Saved report, made ${new Date(saved.report.createdAt).toLocaleString()}; the link expires ${new Date(saved.expiresAt).toLocaleDateString()}. Its contents are as the person who saved it sent them; map the page again to check.`,
    );
    await drawGraph(current);
  } catch (error) {
    setStatus('');
    showError(`Could not open the saved report: ${describe(error)}`);
  }
}

byId('deps-har-limit').textContent = `${HAR_MAX_BYTES / 1024 / 1024} MB`;
const reportId = new URLSearchParams(location.search).get('report');
if (reportId !== null) void openSaved(reportId);
