import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { onRequestPost, onRequest as reportsOther } from '../../functions/api/reports.ts';
import { onRequestGet } from '../../functions/api/reports/[id].ts';
import { errorResponse } from '../../functions/lib/respond.ts';
import { ApiError } from '../../src/core/http/api-error.ts';
import { reportKey } from '../../src/core/map/report-id.ts';
import { MAX_REPORT_BYTES, REPORT_TTL_SECONDS } from '../../src/core/map/report-limits.ts';
import { shopReport } from '../unit/map/fixture-report.ts';
import { callFunction } from './call.ts';

/**
 * Runs a route and turns a thrown ApiError into the envelope, as functions/api/_middleware.ts does (the
 * middleware itself, with its rate limits, has its own tests).
 */
async function viaMiddleware(_request: Request, route: () => Promise<Response>): Promise<Response> {
  try {
    return await route();
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    throw error;
  }
}

const post = (body: string, type = 'application/json') => {
  const request = new Request('https://tools.example.com/api/reports', {
    method: 'POST',
    headers: { 'content-type': type },
    body,
  });
  return viaMiddleware(request, () => callFunction(onRequestPost, request));
};

const get = (id: string) => {
  const request = new Request(`https://tools.example.com/api/reports/${id}`);
  return viaMiddleware(request, () => callFunction(onRequestGet, request, { params: { id } }));
};

const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

describe('POST /api/reports then GET /api/reports/:id (workerd, local KV)', () => {
  it('saves a report under an unguessable id and loads it back unchanged', async () => {
    const report = shopReport();
    const before = Date.now();
    const saved = await post(JSON.stringify(report));
    expect(saved.status).toBe(201);
    const body = (await saved.json()) as { id: string; url: string; expiresAt: string };
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body.url).toBe(`https://tools.example.com/deps/?report=${body.id}`);
    expect(saved.headers.get('location')).toBe(body.url);
    const expires = Date.parse(body.expiresAt);
    expect(expires - before).toBeGreaterThanOrEqual(REPORT_TTL_SECONDS * 1000 - 1000);
    expect(expires - Date.now()).toBeLessThanOrEqual(REPORT_TTL_SECONDS * 1000);

    const loaded = await get(body.id);
    expect(loaded.status).toBe(200);
    const stored = (await loaded.json()) as { id: string; expiresAt: string; report: unknown };
    expect(stored.id).toBe(body.id);
    expect(stored.expiresAt).toBe(body.expiresAt);
    expect(stored.report).toEqual(report);
  });

  it('stores the report with a KV expiry and its dates as metadata', async () => {
    const saved = (await (await post(JSON.stringify(shopReport()))).json()) as {
      id: string;
      expiresAt: string;
    };
    const { value, metadata } = await env.KV.getWithMetadata<{ expiresAt: string; savedAt: string }>(
      reportKey(saved.id),
    );
    expect(value).not.toBeNull();
    expect(metadata?.expiresAt).toBe(saved.expiresAt);
    expect(Date.parse(metadata!.expiresAt) - Date.parse(metadata!.savedAt)).toBe(REPORT_TTL_SECONDS * 1000);
  });

  it('gives two saves of the same report different ids', async () => {
    const a = (await (await post(JSON.stringify(shopReport()))).json()) as { id: string };
    const b = (await (await post(JSON.stringify(shopReport()))).json()) as { id: string };
    expect(a.id).not.toBe(b.id);
  });

  it('drops unknown keys instead of storing them', async () => {
    const saved = (await (
      await post(JSON.stringify({ ...shopReport(), extra: 'x'.repeat(100) }))
    ).json()) as {
      id: string;
    };
    const stored = (await (await get(saved.id)).json()) as { report: Record<string, unknown> };
    expect(stored.report.extra).toBeUndefined();
  });

  it.each([
    ['not JSON', '{"version":1', 400, 'invalid_json'],
    ['not a report', '{"hello":"world"}', 400, 'invalid_report'],
    ['a wrong version', JSON.stringify({ ...shopReport(), version: 2 }), 400, 'invalid_report'],
    [
      'a resource of unknown type',
      JSON.stringify(shopReport({ resources: [{ ...shopReport().resources[0]!, type: 'x' as 'image' }] })),
      400,
      'invalid_report',
    ],
    ['an array', '[]', 400, 'invalid_report'],
  ])('rejects %s with %i %s', async (_name, body, status, code) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(await errorCode(response)).toBe(code);
  });

  it('rejects a body over MAX_REPORT_BYTES with 413 report_too_large', async () => {
    const big = JSON.stringify({ ...shopReport(), padding: ' '.repeat(MAX_REPORT_BYTES) });
    const response = await post(big);
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe('report_too_large');
  });

  it('accepts a report just under the limit (whitespace counts, the limit is on bytes)', async () => {
    const json = JSON.stringify(shopReport());
    const padded = json.replace(/^\{/, '{' + ' '.repeat(MAX_REPORT_BYTES - json.length));
    expect(new TextEncoder().encode(padded).byteLength).toBe(MAX_REPORT_BYTES);
    expect((await post(padded)).status).toBe(201);
  });

  it('rejects other media types with 415', async () => {
    const response = await post(JSON.stringify(shopReport()), 'text/plain');
    expect(response.status).toBe(415);
    expect(await errorCode(response)).toBe('unsupported_media_type');
  });

  it('answers 405 to GET /api/reports', async () => {
    const request = new Request('https://tools.example.com/api/reports');
    const response = await viaMiddleware(request, () => callFunction(reportsOther, request));
    expect(response.status).toBe(405);
    expect(await errorCode(response)).toBe('method_not_allowed');
  });

  it.each([
    ['too short', 'abc'],
    ['too long', 'a'.repeat(23)],
    ['with a slash', 'aaaaaaaaaaa/aaaaaaaaaa'],
    ['with a dot', 'aaaaaaaaaaa.aaaaaaaaaa'],
    ['key traversal', '..%2Freport%3Aaaaaaaaaa'],
  ])('answers 400 invalid_report_id for an id %s', async (_name, id) => {
    const response = await get(id);
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('invalid_report_id');
  });

  it('answers 404 report_not_found for a well-formed unknown id', async () => {
    const response = await get('AAAAAAAAAAAAAAAAAAAAAA');
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe('report_not_found');
  });
});
