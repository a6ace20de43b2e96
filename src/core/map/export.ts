/**
 * Exports of a report: the JSON as saved (initiators included), and a CSV with one row per resource for
 * spreadsheets. New columns go at the end, so sheets built on the earlier ones keep working.
 */
import { hostChains } from './chains.ts';
import { classifyImpact } from './impact.ts';
import { initiatorHostOf } from './initiator.ts';
import { dnsProvidersOf, indexHosts, networksOf } from './hosts.ts';
import { hostCompany } from './operators.ts';
import type { DependencyReport } from './types.ts';

/**
 * A cell a spreadsheet would read as a formula starts with one of these; a leading apostrophe makes it
 * text (OWASP "CSV Injection"). Tab and carriage return are on OWASP's list too.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula-safe, then quoted per RFC 4180 when it holds a comma, quote or line break. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = [
  'url',
  'host',
  'type',
  'impact',
  'render_blocking',
  'blocking_evidence',
  'first_party',
  'company',
  'category',
  'networks',
  'dns_providers',
  'asn',
  'addresses',
  'initiator_host',
  'errors',
  'initiator_type',
  'initiator_url',
  'host_chain',
  'requested',
  'status',
  'failure',
  // The resource's risks and its host's (src/core/risk), "code (severity)" each.
  'risks',
] as const;

/** Between the hosts of a `host_chain` cell: "www.shop.example > www.googletagmanager.com". */
export const CHAIN_SEPARATOR = ' > ';

/** RFC 4180: CRLF line ends; multi-valued cells joined with "; ". */
/** Category column of the site's own hosts. */
export const FIRST_PARTY_CATEGORY = 'first-party';

export function toCsv(report: DependencyReport): string {
  const index = indexHosts(report.hosts);
  const chains = new Map(hostChains(report).map((c) => [c.host, c]));
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of report.resources) {
    const host = index.get(r.host);
    const row = [
      r.url,
      r.host,
      r.type,
      classifyImpact(r, host),
      r.renderBlocking,
      r.blockingEvidence,
      host?.firstParty ?? '',
      host ? hostCompany(host) : '',
      // The page says "first party"; the CSV says so too, not the entity's guess ("other").
      host?.firstParty ? FIRST_PARTY_CATEGORY : (host?.entity.category ?? ''),
      host ? networksOf(host).join('; ') : '',
      host ? dnsProvidersOf(host).join('; ') : '',
      host?.asn ? `AS${host.asn.number}` : '',
      host?.addresses.join('; ') ?? '',
      initiatorHostOf(r) ?? '',
      host?.errors.map((e) => e.code).join('; ') ?? '',
      r.initiator?.type ?? '',
      r.initiator?.url ?? '',
      // The hosts that brought this resource's host in, from the site on (third parties only).
      chains.get(r.host)?.path.join(CHAIN_SEPARATOR) ?? '',
      r.requested ?? '',
      r.status ?? '',
      r.failure ?? '',
      [...(r.risks ?? []), ...(host?.risks ?? [])].map((x) => `${x.code} (${x.severity})`).join('; '),
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export function toJson(report: DependencyReport): string {
  return JSON.stringify(report, null, 2);
}

/** A file name for downloads: "deps-www.example.com-2026-11-26.csv". */
export function exportFileName(report: DependencyReport, extension: 'csv' | 'json'): string {
  let host = 'har';
  try {
    if (report.page) host = new URL(report.page).hostname;
  } catch {
    // keep the fallback
  }
  return `deps-${host.replace(/[^a-z0-9.-]/gi, '_')}-${report.createdAt.slice(0, 10)}.${extension}`;
}
