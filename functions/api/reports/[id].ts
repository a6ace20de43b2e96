/**
 * GET /api/reports/:id → the saved report { id, savedAt, expiresAt, report } (src/core/map/report-schema.ts).
 * 400 invalid_report_id for anything that is not a 22-character base64url id; 404 report_not_found for
 * unknown or expired ids (KV drops them after REPORT_TTL_SECONDS, and expiresAt is checked here too, as
 * KV's expiry is eventual across locations), and for a stored report that no longer passes the schema
 * (saved before a stricter one shipped): what the page renders is always what the schema allows today.
 */
import { ApiError, issuesFrom, type ErrorIssue } from '../../../src/core/http/api-error.ts';
import { isReportId, reportKey } from '../../../src/core/map/report-id.ts';
import { REPORT_TTL_SECONDS } from '../../../src/core/map/report-limits.ts';
import { reportSchema, type SavedReport } from '../../../src/core/map/report-schema.ts';
import { methodNotAllowed } from '../../lib/method-not-allowed.ts';
import { json } from '../../lib/respond.ts';

/**
 * The one answer for a report the page cannot show. A stored report today's schema refuses carries the
 * schema's `issues`, so a caller (and a test) can tell it from an id that was never saved or has expired.
 */
const notFound = (
  message = `No report has this id; saved reports expire after ${REPORT_TTL_SECONDS / 86_400} days.`,
  issues?: ErrorIssue[],
) => new ApiError(404, 'report_not_found', message, issues ? { issues } : {});

/** Issues listed for a refused report, as POST lists them. */
const MAX_ISSUES = 20;

export const onRequestGet: PagesFunction<Env, 'id'> = async ({ params, env }) => {
  const id = typeof params.id === 'string' ? params.id : '';
  if (!isReportId(id)) {
    throw new ApiError(
      400,
      'invalid_report_id',
      'A report id is 22 characters of A-Z, a-z, 0-9, "-" and "_".',
    );
  }
  const stored = await env.KV.get(reportKey(id), 'text');
  if (stored === null) throw notFound();
  const record = parseRecord(stored);
  if (!record || !(Date.parse(record.expiresAt) > Date.now())) throw notFound();
  const report = reportSchema.safeParse(record.report);
  if (!report.success) {
    throw notFound(
      'This report was saved in a form the page no longer shows; map the page again.',
      issuesFrom(report.error.issues.slice(0, MAX_ISSUES)),
    );
  }
  const saved: SavedReport = {
    id,
    savedAt: record.savedAt,
    expiresAt: record.expiresAt,
    report: report.data,
  };
  // Immutable, but private to the link holder.
  return json(saved, { headers: { 'cache-control': 'private, max-age=300', 'x-robots-tag': 'noindex' } });
};

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

export const onRequest = methodNotAllowed('GET', 'Use GET.');
