/**
 * The page's view of every risk in a map: host risks (from /api/resolve) and resource risks (map-risks.ts)
 * grouped by code and host, most severe first, so a page loading cdn.polyfill.io sees it at the top. One
 * item per host and code: ten scripts without SRI from one CDN are one line with ten URLs.
 */
import type { DependencyReport } from '../map/types.ts';
import { RISK_CODES, severityRank, worstSeverity, type Risk, type RiskSeverity } from './types.ts';

export interface RiskItem {
  code: string;
  severity: RiskSeverity;
  host: string;
  /** Whether the host is the site's own (after "probably yours"): the advice differs. */
  firstParty: boolean;
  message: string;
  /** Distinct evidence lines, in the order found. */
  evidence: string[];
  source?: string;
  /** Resources of the host carrying this code (empty for a risk of the host itself only). */
  urls: string[];
}

export function riskList(report: DependencyReport): RiskItem[] {
  const firstParty = new Map(report.hosts.map((h) => [h.host, h.firstParty]));
  const items = new Map<string, RiskItem>();
  const add = (host: string, risk: Risk, url?: string) => {
    const key = `${risk.code}\u0000${host}`;
    let item = items.get(key);
    if (!item) {
      item = {
        code: risk.code,
        severity: risk.severity,
        host,
        firstParty: firstParty.get(host) ?? false,
        message: risk.message,
        evidence: [],
        ...(risk.source ? { source: risk.source } : {}),
        urls: [],
      };
      items.set(key, item);
    }
    // The item speaks with its most severe member's words (a script outweighs a stylesheet).
    if (severityRank(risk.severity) < severityRank(item.severity)) {
      item.severity = risk.severity;
      item.message = risk.message;
    }
    if (!item.evidence.includes(risk.evidence)) item.evidence.push(risk.evidence);
    if (url && !item.urls.includes(url)) item.urls.push(url);
  };
  for (const host of report.hosts) for (const risk of host.risks ?? []) add(host.host, risk);
  for (const resource of report.resources)
    for (const risk of resource.risks ?? []) add(resource.host, risk, resource.url);
  // A host on the compromised list is to be removed, not pinned: its no_sri line would only distract.
  const compromised = new Set(
    [...items.values()].filter((i) => i.code === 'known_compromised').map((i) => i.host),
  );
  return [...items.values()]
    .filter((i) => i.code !== 'no_sri' || !compromised.has(i.host))
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        codeRank(a.code) - codeRank(b.code) ||
        a.host.localeCompare(b.host),
    );
}

/** The worst severity of each host's risks (its own and its resources'), for badges on tables and the graph. */
export function worstRiskByHost(report: DependencyReport): Map<string, RiskSeverity> {
  const out = new Map<string, RiskSeverity>();
  for (const item of riskList(report)) {
    const seen = out.get(item.host);
    out.set(item.host, seen ? (worstSeverity([{ severity: seen }, item]) ?? seen) : item.severity);
  }
  return out;
}

/** How many third-party scripts and stylesheets load without SRI, for the summary line. */
export function missingSri(report: DependencyReport): { scripts: number; stylesheets: number } {
  let scripts = 0;
  let stylesheets = 0;
  for (const r of report.resources) {
    if (!(r.risks ?? []).some((x) => x.code === 'no_sri')) continue;
    if (r.type === 'script') scripts++;
    else stylesheets++;
  }
  return { scripts, stylesheets };
}

/** Known codes in their documented order (docs/risks.md), unknown codes after them. */
function codeRank(code: string): number {
  const i = (RISK_CODES as readonly string[]).indexOf(code);
  return i === -1 ? RISK_CODES.length : i;
}
