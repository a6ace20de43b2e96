/**
 * A measurement from GET /api/measure as HTML for /tti/'s "Your page, measured" section, and the values it
 * puts into the calculator. Pure (no DOM), like render-result.ts: the browser module measure.ts calls it,
 * unit tests read its output. Every figure carries its unrounded value in `data-value`.
 */
import { formatSeconds } from '../../core/tti/format.ts';
import type { MeasureResponse, ThirdPartyCost } from '../../core/measure/types.ts';
import { escapeHtml } from './escape-html.ts';

const LOCALE = 'en';

/** Milliseconds as the calculator takes seconds: one decimal, as Lighthouse displays TTI ("12.1 s"). */
export function msToSeconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

const seconds = (ms: number) => formatSeconds(msToSeconds(ms));
const milliseconds = (ms: number) => `${Math.round(ms).toLocaleString(LOCALE)} ms`;
const kilobytes = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toLocaleString(LOCALE, { maximumFractionDigits: 0 })} KB`;

/** The calculator's inputs from a measurement: current = lab TTI, target = the scenario's TTI. */
export function calculatorValues(m: MeasureResponse): { current: string | null; target: string | null } {
  return {
    current: m.lab.ttiMs === null ? null : String(msToSeconds(m.lab.ttiMs)),
    target: m.scenario && m.lab.ttiMs !== null ? String(msToSeconds(m.scenario.ttiMs)) : null,
  };
}

/** Where the mapper scans the same page (it reads `url`; docs/mapper.md). */
export function mapperLink(url: string): string {
  return `/deps/?url=${encodeURIComponent(url)}`;
}

function figure(id: string, label: string, ms: number | null, text: (ms: number) => string): string {
  const value = ms === null ? 'not reported' : text(ms);
  return (
    `<div class="m-figure" data-figure="${id}"><dt>${escapeHtml(label)}</dt>` +
    `<dd${ms === null ? '' : ` data-value="${ms}"`}>${escapeHtml(value)}</dd></div>`
  );
}

function blockingCell(ms: number | undefined): string {
  return ms === undefined ? '<td>–</td>' : `<td data-value="${ms}">${escapeHtml(milliseconds(ms))}</td>`;
}

function thirdPartyRows(url: string, parties: readonly ThirdPartyCost[], withBlocking: boolean): string {
  const map = escapeHtml(mapperLink(url));
  return parties
    .map(
      (p) =>
        `<tr data-entity="${escapeHtml(p.entity)}"><th scope="row">${escapeHtml(p.entity)}</th>` +
        `<td data-value="${p.mainThreadMs}">${escapeHtml(milliseconds(p.mainThreadMs))}</td>` +
        `<td data-value="${p.transferBytes}">${escapeHtml(kilobytes(p.transferBytes))}</td>` +
        (withBlocking ? blockingCell(p.blockingMs) : '') +
        `<td><a href="${map}">Map its hosts<span class="vh"> (${escapeHtml(p.entity)})</span></a></td></tr>`,
    )
    .join('');
}

function thirdPartiesHtml(m: MeasureResponse, device: string): string {
  if (m.thirdParties.length === 0) {
    return m.thirdPartyAudit === null
      ? '<p>This Lighthouse report has no third-party audit, so their cost is unknown.</p>'
      : '<p>Lighthouse found no third-party code on this page.</p>';
  }
  const withBlocking = m.thirdParties.some((p) => p.blockingMs !== undefined);
  return (
    `<div class="m-table"><table class="m-third-parties"><caption>Third parties by main-thread time ` +
    `(Lighthouse’s ${escapeHtml(m.thirdPartyAudit ?? '')} audit, simulated ${escapeHtml(device)})</caption>` +
    `<thead><tr><th scope="col">Company</th><th scope="col">Main thread</th><th scope="col">Transfer</th>` +
    (withBlocking ? '<th scope="col">Blocking</th>' : '') +
    `<th scope="col">Dependency map</th></tr></thead>` +
    `<tbody>${thirdPartyRows(m.url, m.thirdParties, withBlocking)}</tbody></table></div>`
  );
}

function scenarioHtml(m: MeasureResponse): string {
  const s = m.scenario;
  if (!s || m.lab.ttiMs === null) {
    return '<p class="m-scenario none">No third-party main-thread work was measured, so there is no third-party scenario: set a target yourself.</p>';
  }
  const floor = s.flooredAtFcp
    ? ` It stops at First Contentful Paint (${escapeHtml(seconds(m.lab.fcpMs ?? s.ttiMs))}): TTI cannot come earlier.`
    : '';
  return (
    `<div class="m-scenario" data-scenario-ms="${s.ttiMs}"><h3>Scenario: their work after interaction</h3>` +
    `<p>If the third parties’ main-thread work (${escapeHtml(seconds(s.mainThreadMs))} on the simulated device) ran only after the page ` +
    `became interactive, its TTI would be about <strong>${escapeHtml(seconds(s.ttiMs))}</strong> instead of ` +
    `${escapeHtml(seconds(m.lab.ttiMs))}.${floor} The calculator uses it as your target TTI.</p>` +
    `<p class="m-assumption">${escapeHtml(s.assumption)}</p></div>`
  );
}

/**
 * The whole section body. `formatTime` renders an ISO time for the reader (the browser passes its locale),
 * so this stays deterministic for tests.
 */
export function renderMeasurementHtml(m: MeasureResponse, formatTime: (iso: string) => string): string {
  const device = m.strategy === 'mobile' ? 'phone' : 'desktop';
  const cached = m.cache === 'hit' ? ' (a stored result)' : '';
  const field = m.field
    ? `<dl class="m-figures">${figure('field-inp', 'INP', m.field.inpMs, milliseconds)}${figure('field-lcp', 'LCP', m.field.lcpMs, seconds)}</dl>`
    : '<p>The Chrome UX Report has too little data for this site, so there is no field data.</p>';
  const notes = m.notes.length
    ? `<ul class="m-notes">${m.notes.map((n) => `<li>${escapeHtml(n.message)}</li>`).join('')}</ul>`
    : '';
  return (
    `<p class="m-source">${escapeHtml(m.finalUrl)} — measured ${escapeHtml(formatTime(m.fetchedAt))}${cached} by PageSpeed Insights ` +
    `(Lighthouse ${escapeHtml(m.lab.lighthouseVersion)}, ${m.strategy}); this result is reused until ${escapeHtml(formatTime(m.expiresAt))}.</p>` +
    `<div class="m-columns"><div><h3>Lab (Lighthouse, simulated ${device})</h3><dl class="m-figures">` +
    figure('tti', 'Time to Interactive', m.lab.ttiMs, seconds) +
    figure('tbt', 'Total Blocking Time', m.lab.tbtMs, milliseconds) +
    figure('lcp', 'Largest Contentful Paint', m.lab.lcpMs, seconds) +
    `</dl></div><div><h3>Field data (real Chrome users of this site, 75th percentile)</h3>${field}</div></div>` +
    notes +
    `<h3>What your third parties cost you</h3>${thirdPartiesHtml(m, device)}${scenarioHtml(m)}`
  );
}
