/**
 * "Probably yours": the report as the views read it once sister domains count as the page owner's own.
 * A host with evidence (sister-evidence.ts) becomes first party unless the reader said "not ours"; a site
 * the reader confirmed is first party with or without evidence. The report itself is not changed: its
 * hosts keep the resolver's verdict, and `report.ownership` keeps the reader's answers, so a saved map
 * shows the same view and the same choices when opened again.
 */
import type { ResolvedHost } from '../resolve/types.ts';
import type { DependencyReport, OwnershipDecision } from '../map/types.ts';
import { sisterEvidence, type SisterEvidence } from './sister-evidence.ts';

export type SisterState = 'suggested' | OwnershipDecision['decision'];

export interface SisterSite {
  /** The registrable domain the answer applies to (every host under it follows). */
  site: string;
  hosts: string[];
  /** Distinct evidence over the site's hosts; empty for a site the reader confirmed without any. */
  evidence: SisterEvidence[];
  state: SisterState;
}

export interface OwnershipView {
  /** The report with sister hosts counted as first party (unless rejected). */
  report: DependencyReport;
  sisters: SisterSite[];
}

/** The key a reader's answer is stored under: the host's site, or the host for reports without sites. */
export function ownershipKey(host: ResolvedHost): string {
  return host.site ?? host.host;
}

/** The page's own host in the report, when the resolver answered for it. */
export function pageHostOf(report: DependencyReport): ResolvedHost | null {
  if (!report.page) return null;
  let name: string;
  try {
    name = new URL(report.page).hostname;
  } catch {
    return null;
  }
  return report.hosts.find((h) => h.host === name) ?? null;
}

export function applyOwnership(report: DependencyReport): OwnershipView {
  const decisions = new Map((report.ownership ?? []).map((d) => [d.site, d.decision]));
  const page = pageHostOf(report);
  const sites = new Map<string, SisterSite>();
  const hosts = report.hosts.map((host) => {
    if (host.firstParty) return host;
    const key = ownershipKey(host);
    const decision = decisions.get(key);
    const evidence = page ? sisterEvidence(host, page) : [];
    if (evidence.length === 0 && decision === undefined) return host;
    const entry = sites.get(key) ?? { site: key, hosts: [], evidence: [], state: decision ?? 'suggested' };
    entry.hosts.push(host.host);
    for (const e of evidence) if (!entry.evidence.some((x) => x.text === e.text)) entry.evidence.push(e);
    sites.set(key, entry);
    const yours = decision === 'yours' || (evidence.length > 0 && decision !== 'not-yours');
    return yours ? { ...host, firstParty: true } : host;
  });
  return {
    report: { ...report, hosts },
    sisters: [...sites.values()].sort((a, b) => a.site.localeCompare(b.site)),
  };
}

/** `report.ownership` with the answer for `site` set (or removed with `null`, back to the suggestion). */
export function withDecision(
  report: DependencyReport,
  site: string,
  decision: OwnershipDecision['decision'] | null,
): OwnershipDecision[] {
  const rest = (report.ownership ?? []).filter((d) => d.site !== site);
  return decision === null ? rest : [...rest, { site, decision }];
}
