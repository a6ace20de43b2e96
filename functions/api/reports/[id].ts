/**
 * GET /api/reports/:id → the saved report { id, savedAt, expiresAt, report } (src/core/map/report-schema.ts).
 * 400 invalid_report_id for anything that is not a 22-character base64url id; 404 report_not_found for
 * unknown or expired ids (KV drops them after REPORT_TTL_SECONDS).
 */
import { ApiError } from '../../../src/core/http/api-error.ts';
import { isReportId, reportKey } from '../../../src/core/map/report-id.ts';
import { REPORT_TTL_SECONDS } from '../../../src/core/map/report-limits.ts';
import { methodNotAllowed } from '../../lib/method-not-allowed.ts';

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
  if (stored === null) {
    throw new ApiError(
      404,
      'report_not_found',
      `No report has this id; saved reports expire after ${REPORT_TTL_SECONDS / 86_400} days.`,
    );
  }
  // Stored by POST /api/reports after validation: served as is. Immutable, but private to the link holder.
  return new Response(stored, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'private, max-age=300',
      'x-robots-tag': 'noindex',
    },
  });
};

export const onRequest = methodNotAllowed('GET', 'Use GET.');
