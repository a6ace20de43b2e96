/**
 * POST /api/reports: saves a dependency report (the page's JSON) in KV for REPORT_TTL_SECONDS under a
 * random 128-bit id and answers { id, url, expiresAt }. Limits: MAX_REPORT_BYTES (413 report_too_large);
 * the body must match src/core/map/report-schema.ts (400 invalid_report).
 */
import { ApiError, issuesFrom } from '../../src/core/http/api-error.ts';
import { newReportId, reportKey, reportPermalink } from '../../src/core/map/report-id.ts';
import { MAX_REPORT_BYTES, REPORT_TTL_SECONDS } from '../../src/core/map/report-limits.ts';
import { reportSchema, type SavedReport } from '../../src/core/map/report-schema.ts';
import { json } from '../lib/respond.ts';

export const onRequestPost: PagesFunction<Env> = async ({ request, env }) => {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(415, 'unsupported_media_type', 'Send the report as application/json.');
  }
  const text = await readCapped(request, MAX_REPORT_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid JSON.');
  }
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
export const onRequest: PagesFunction<Env> = async () => {
  throw new ApiError(405, 'method_not_allowed', 'Use POST with the report as JSON.', {
    headers: { allow: 'POST' },
  });
};

/**
 * Reads at most `limit` bytes of the body, stopping as soon as it is over: a declared or streamed body
 * that is too large never gets buffered whole.
 */
async function readCapped(request: Request, limit: number): Promise<string> {
  const tooLarge = () =>
    new ApiError(
      413,
      'report_too_large',
      `A saved report may be at most ${limit / 1024} KB; this one is larger.`,
    );
  if (Number(request.headers.get('content-length') ?? '0') > limit) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return new TextDecoder().decode(all);
}
