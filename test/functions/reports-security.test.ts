/**
 * POST /api/reports and GET /api/reports/:id as an attacker sees them (workerd, local KV): a POST cannot
 * choose, reuse or overwrite an id, cannot store script URLs, look-alike hosts or bidi text, cannot
 * pollute prototypes; GET serves nothing past its expiry and nothing today's schema refuses, even when
 * KV still holds it (written before a stricter schema, or by hand).
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { onRequestPost } from '../../functions/api/reports.ts';
import { onRequestGet } from '../../functions/api/reports/[id].ts';
import { errorResponse } from '../../functions/lib/respond.ts';
import { ApiError } from '../../src/core/http/api-error.ts';
import { reportKey } from '../../src/core/map/report-id.ts';
import type { DependencyReport } from '../../src/core/map/types.ts';
import { shopReport } from '../unit/map/fixture-report.ts';
import { callFunction } from './call.ts';

async function run(route: () => Promise<Response>): Promise<Response> {
  try {
    return await route();
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    throw error;
  }
}

const post = (body: string) => {
  const request = new Request('https://tools.example.com/api/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return run(() => callFunction(onRequestPost, request));
};
const get = (id: string) =>
  run(() =>
    callFunction(onRequestGet, new Request(`https://tools.example.com/api/reports/${id}`), {
      params: { id },
    }),
  );
const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;
/** The error's code and the paths of its issues: a report the schema refused lists them, an unknown id none. */
const errorOf = async (response: Response) => {
  const { error } = (await response.json()) as { error: { code: string; issues?: Array<{ path: string }> } };
  return { code: error.code, issuePaths: error.issues?.map((i) => i.path) ?? null };
};
const savedId = async (response: Response) => ((await response.json()) as { id: string }).id;

/** A record written straight into KV, as an older deployment (or an operator) might have. */
async function storeRaw(id: string, record: unknown): Promise<void> {
  await env.KV.put(reportKey(id), JSON.stringify(record));
}
const DAY_MS = 86_400_000;
const record = (id: string, report: unknown, expiresInMs = DAY_MS) => ({
  id,
  savedAt: new Date(Date.now() - DAY_MS).toISOString(),
  expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
  report,
});

describe('saving: what a POST cannot do', () => {
  it.each<[string, (r: DependencyReport) => void]>([
    ['a javascript: resource URL', (r) => (r.resources[0]!.url = 'javascript:alert(document.cookie)')],
    ['a data: page', (r) => (r.page = 'data:text/html,<script>alert(1)</script>')],
    ['a look-alike host', (r) => (r.hosts[2]!.host = 'cdn.jsdеlivr.net')],
    ['a 10,000-character host', (r) => (r.hosts[2]!.host = `${'a'.repeat(10_000)}.net`)],
    ['a right-to-left override in a company', (r) => (r.hosts[2]!.entity.company = '\u202eelgooG')],
  ])('refuses %s with 400 invalid_report', async (_name, mutate) => {
    const report = shopReport();
    mutate(report);
    const response = await post(JSON.stringify(report));
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('invalid_report');
  });

  it('never takes an id from the body: a POST cannot choose or overwrite a saved report', async () => {
    const first = await savedId(await post(JSON.stringify(shopReport())));
    const attack = { ...shopReport({ source: { tool: 'attacker' } }), id: first, key: reportKey(first) };
    const second = await post(JSON.stringify(attack));
    expect(second.status).toBe(201);
    expect(await savedId(second)).not.toBe(first);
    const original = (await (await get(first)).json()) as { report: DependencyReport };
    expect(original.report.source.tool).toBe('hand-written');
  });

  it('stores no prototype keys and pollutes nothing', async () => {
    const json = JSON.stringify(shopReport()).replace(
      '{"version":1',
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"version":1',
    );
    const id = await savedId(await post(json));
    const stored = (await env.KV.get(reportKey(id), 'text'))!;
    expect(stored).not.toContain('__proto__');
    expect(stored).not.toContain('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('loading: what GET will not serve', () => {
  it('serves a stored report that passes the schema', async () => {
    const id = 'valid-old-record-00000';
    await storeRaw(id, record(id, shopReport()));
    const response = await get(id);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { report: unknown }).report).toEqual(shopReport());
  });

  it('answers 404 report_not_found past expiresAt, even while KV still holds the record (not found: no issues)', async () => {
    const id = 'expired-record-0000000';
    await storeRaw(id, record(id, shopReport(), -1000));
    const response = await get(id);
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({ code: 'report_not_found', issuePaths: null });
  });

  it.each<[string, unknown, string[]]>([
    [
      'a javascript: URL (saved before the stricter schema)',
      { ...shopReport(), page: 'javascript:alert(1)' },
      ['page'],
    ],
    [
      'a host with markup',
      shopReport({ hosts: [{ ...shopReport().hosts[0]!, host: '<img src=x onerror=alert(1)>' }] }),
      ['hosts.0.host'],
    ],
    ['no report at all', null, ['']],
  ])(
    'answers 404 report_not_found for a stored record with %s, refused by the schema (its issues say where)',
    async (name, report, paths) => {
      const id = `bad-${name.length}-${'x'.repeat(22)}`.slice(0, 22);
      await storeRaw(id, record(id, report));
      const response = await get(id);
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toEqual({ code: 'report_not_found', issuePaths: paths });
    },
  );

  it('answers 404 report_not_found for a KV value that is not a record (never found: no issues)', async () => {
    const id = 'not-json-record-000000';
    await env.KV.put(reportKey(id), '<script>alert(1)</script>');
    expect(await errorOf(await get(id))).toEqual({ code: 'report_not_found', issuePaths: null });
  });

  it('answers 404 report_not_found for an id never saved (no issues)', async () => {
    expect(await errorOf(await get('never-saved-0000000000'))).toEqual({
      code: 'report_not_found',
      issuePaths: null,
    });
  });

  it('serves JSON only, never as stored text: markup in a report stays inside JSON strings', async () => {
    const report = shopReport();
    report.hosts[2]!.entity.company = '</script><script>alert(1)</script>';
    const id = await savedId(await post(JSON.stringify(report)));
    const response = await get(id);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await response.json()) as { report: DependencyReport }).report.hosts[2]!.entity.company).toBe(
      report.hosts[2]!.entity.company,
    );
  });
});
