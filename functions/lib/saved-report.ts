/**
 * Reads a saved report from KV as GET /api/reports/{id} serves it: unknown or expired ids (KV drops them
 * after REPORT_TTL_SECONDS, and expiresAt is checked here too, as KV's expiry is eventual across
 * locations) are `missing`; a stored report that no longer passes the schema (saved before a stricter one
 * shipped) is `outdated`, so whatever shows a report — the page, its image card — shows only what the
 * schema allows today. The id must already be valid (isReportId).
 */
import { issuesFrom, type ErrorIssue } from '../../src/core/http/api-error.ts';
import { reportKey } from '../../src/core/map/report-id.ts';
import { reportSchema, type SavedReport } from '../../src/core/map/report-schema.ts';

/** Issues listed for an outdated report, as POST lists them for a refused one. */
const MAX_ISSUES = 20;

export type LoadedReport =
  | { ok: true; saved: SavedReport }
  | { ok: false; reason: 'missing' }
  /** The schema's own issues, so a caller (and a test) can tell "refused" from "never saved". */
  | { ok: false; reason: 'outdated'; issues: ErrorIssue[] };

export async function loadSavedReport(kv: KVNamespace, id: string, now = Date.now()): Promise<LoadedReport> {
  const stored = await kv.get(reportKey(id), 'text');
  if (stored === null) return { ok: false, reason: 'missing' };
  const record = parseRecord(stored);
  if (!record || !(Date.parse(record.expiresAt) > now)) return { ok: false, reason: 'missing' };
  const report = reportSchema.safeParse(record.report);
  if (!report.success) {
    return { ok: false, reason: 'outdated', issues: issuesFrom(report.error.issues.slice(0, MAX_ISSUES)) };
  }
  return {
    ok: true,
    saved: { id, savedAt: record.savedAt, expiresAt: record.expiresAt, report: report.data },
  };
}

/** The stored record's envelope, or null when it is not one (KV holds nothing else under this prefix). */
function parseRecord(text: string): { savedAt: string; expiresAt: string; report: unknown } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { savedAt, expiresAt, report } = value as Record<string, unknown>;
  return typeof savedAt === 'string' && typeof expiresAt === 'string' ? { savedAt, expiresAt, report } : null;
}
