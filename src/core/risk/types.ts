/**
 * A risk on a host or a resource: one shape for every code, so new codes (`deprecated_service`,
 * `unmaintained_library`, …) need no change to the contracts, the saved-report schema or the page.
 * Computed in the pure core: the resolver fills `ResolvedHost.risks`, the scanner `Resource.risks`, and the
 * mapper page computes resource risks of a HAR the same way (docs/risks.md lists every code).
 */

/** Codes this project emits today. `Risk.code` stays a string so that a newer server never breaks an older page. */
export const RISK_CODES = ['known_compromised', 'dangling_cname', 'no_sri', 'insecure_transport'] as const;
export type RiskCode = (typeof RISK_CODES)[number];

/** Most severe first: the order of the page's Risks section. */
export const RISK_SEVERITIES = ['high', 'medium', 'low'] as const;
export type RiskSeverity = (typeof RISK_SEVERITIES)[number];

export interface Risk {
  /** One of RISK_CODES (or a later code): stable, for machines. */
  code: string;
  severity: RiskSeverity;
  /** What it means for this host or resource, in plain words. */
  message: string;
  /** What was observed, exactly: the matched list entry, the CNAME chain and its answer, the attribute. */
  evidence: string;
  /** Where the rule's data comes from (a public write-up or the vendor's documentation), when it has one. */
  source?: string;
}

/**
 * Longest message or evidence: the saved-report schema's bound on free text (MAX_REPORT_TEXT), so every
 * risk the core makes can be saved. Evidence quoting long host chains is cut with "…".
 */
export const MAX_RISK_TEXT = 500;

/** A risk with its texts cut to MAX_RISK_TEXT: every rule builds its result through this. */
export function makeRisk(risk: Risk): Risk {
  return { ...risk, message: clipText(risk.message), evidence: clipText(risk.evidence) };
}

function clipText(text: string): string {
  return text.length <= MAX_RISK_TEXT ? text : `${text.slice(0, MAX_RISK_TEXT - 1)}…`;
}

/** Rank of a severity, 0 = most severe; for sorting. */
export function severityRank(severity: RiskSeverity): number {
  return RISK_SEVERITIES.indexOf(severity);
}

/** The most severe of a list, or null for none. */
export function worstSeverity(risks: readonly Pick<Risk, 'severity'>[]): RiskSeverity | null {
  let worst: RiskSeverity | null = null;
  for (const r of risks)
    if (worst === null || severityRank(r.severity) < severityRank(worst)) worst = r.severity;
  return worst;
}
