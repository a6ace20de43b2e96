/**
 * GET /api/reports/:id → the saved report { id, savedAt, expiresAt, report } (src/core/map/report-schema.ts).
 * 400 invalid_report_id for anything that is not a 22-character base64url id; 404 report_not_found for
 * unknown or expired ids and for a stored report that no longer passes the schema (functions/lib/
 * saved-report.ts, shared with the map's image card), the latter with the schema's `issues` so it can be
 * told from an id never saved: what the page renders is always what the schema allows today.
 */
import { ApiError } from '../../../src/core/http/api-error.ts';
import { isReportId } from '../../../src/core/map/report-id.ts';
import { REPORT_TTL_SECONDS } from '../../../src/core/map/report-limits.ts';
import { methodNotAllowed } from '../../lib/method-not-allowed.ts';
import { json } from '../../lib/respond.ts';
import { loadSavedReport } from '../../lib/saved-report.ts';

const MESSAGES = {
  missing: `No report has this id; saved reports expire after ${REPORT_TTL_SECONDS / 86_400} days.`,
  outdated: 'This report was saved in a form the page no longer shows; map the page again.',
};

export const onRequestGet: PagesFunction<Env, 'id'> = async ({ params, env }) => {
  const id = typeof params.id === 'string' ? params.id : '';
  if (!isReportId(id)) {
    throw new ApiError(
      400,
      'invalid_report_id',
      'A report id is 22 characters of A-Z, a-z, 0-9, "-" and "_".',
    );
  }
  const loaded = await loadSavedReport(env.KV, id);
  if (!loaded.ok) {
    const issues = loaded.reason === 'outdated' ? { issues: loaded.issues } : {};
    throw new ApiError(404, 'report_not_found', MESSAGES[loaded.reason], issues);
  }
  // Immutable, but private to the link holder.
  return json(loaded.saved, {
    headers: { 'cache-control': 'private, max-age=300', 'x-robots-tag': 'noindex' },
  });
};

export const onRequest = methodNotAllowed('GET', 'Use GET.');
