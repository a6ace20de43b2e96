/**
 * POST /api/reports: saves a dependency report (the page's JSON) in KV for REPORT_TTL_SECONDS under a
 * random 128-bit id and answers { id, url, expiresAt }. Limits: MAX_REPORT_BYTES (413 report_too_large);
 * the body must match src/core/map/report-schema.ts (400 invalid_report).
 */
import { ApiError, issuesFrom } from '../../src/core/http/api-error.ts';
import { newReportId, reportKey, reportPermalink } from '../../src/core/map/report-id.ts';
import { MAX_REPORT_BYTES, REPORT_TTL_SECONDS } from '../../src/core/map/report-limits.ts';
import { reportSchema, type SavedReport } from '../../src/core/map/report-schema.ts';
import { readJsonBody } from '../lib/json-body.ts';
import { methodNotAllowed } from '../lib/method-not-allowed.ts';
import { json } from '../lib/respond.ts';

export const onRequestPost: PagesFunction<Env> = async ({ request, env }) => {
  const body = await readJsonBody(request, {
    maxBytes: MAX_REPORT_BYTES,
    tooLarge: () =>
      new ApiError(
        413,
        'report_too_large',
        `A saved report may be at most ${MAX_REPORT_BYTES / 1024} KB; this one is larger.`,
      ),
    notJson: () => new ApiError(400, 'invalid_json', 'The body is not valid JSON.'),
    mediaTypeHint: 'Send the report as application/json.',
  });
  const parsed = reportSchema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(400, 'invalid_report', 'The body is not a dependency report.', {
      issues: issuesFrom(parsed.error.issues.slice(0, 20)),
    });
  }
  const id = newReportId((bytes) => crypto.getRandomValues(bytes));
  const now = Date.now();
  const saved: SavedReport = {
    id,
    savedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + REPORT_TTL_SECONDS * 1000).toISOString(),
    report: parsed.data,
  };
  await env.KV.put(reportKey(id), JSON.stringify(saved), {
    expirationTtl: REPORT_TTL_SECONDS,
    metadata: { savedAt: saved.savedAt, expiresAt: saved.expiresAt },
  });
  const url = reportPermalink(new URL(request.url).origin, id);
  return json(
    { id, url, expiresAt: saved.expiresAt },
    { status: 201, headers: { location: url, 'cache-control': 'no-store' } },
  );
};

/** Anything but POST (and the middleware's OPTIONS): 405 with the envelope. */
export const onRequest = methodNotAllowed('POST', 'Use POST with the report as JSON.');
