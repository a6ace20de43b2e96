/**
 * Risks from an answer (the resolver's, or a scan's) made fit for the page and for saving: a code of the
 * report's code pattern, a known severity, texts cut and stripped of invisible characters, a source that
 * is a network URL. A risk that cannot be made fit is dropped, never shown half-read.
 */
import { MAX_REPORT_LIST, MAX_REPORT_TEXT } from '../map/report-limits.ts';
import { CODE_PATTERN, cleanText, isStoredUrl } from '../map/report-fields.ts';
import { RISK_SEVERITIES, type Risk } from './types.ts';

/** Longest source URL kept (the saved-report schema's page URL bound). */
const MAX_SOURCE_CHARS = 2048;

export function cleanRisks(risks: unknown): Risk[] {
  if (!Array.isArray(risks)) return [];
  const out: Risk[] = [];
  for (const r of risks.slice(0, MAX_REPORT_LIST) as Array<Partial<Risk>>) {
    if (typeof r !== 'object' || r === null) continue;
    if (typeof r.code !== 'string' || !CODE_PATTERN.test(r.code)) continue;
    if (!(RISK_SEVERITIES as readonly unknown[]).includes(r.severity)) continue;
    if (typeof r.message !== 'string' || typeof r.evidence !== 'string') continue;
    out.push({
      code: r.code,
      severity: r.severity!,
      message: cleanText(r.message, MAX_REPORT_TEXT),
      evidence: cleanText(r.evidence, MAX_REPORT_TEXT),
      ...(typeof r.source === 'string' && r.source.length <= MAX_SOURCE_CHARS && isStoredUrl(r.source)
        ? { source: r.source }
        : {}),
    });
  }
  return out;
}
