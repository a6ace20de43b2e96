/**
 * POST /api/reports and GET /api/reports/:id under hostile input, inside workerd with local KV:
 * arbitrary bodies and ids give a known 4xx; any report the schema accepts round-trips byte for byte
 * through KV, whatever strings it holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as saveRoute from '../../functions/api/reports.ts';
import * as getRoute from '../../functions/api/reports/[id].ts';
import { PROVIDER_ROLES, SIGNALS } from '../../src/core/deps/types.ts';
import { MAX_REPORT_BYTES } from '../../src/core/map/report-limits.ts';
import { RESOURCE_TYPES } from '../../src/core/map/types.ts';
import { MAX_STORED_URL_CHARS } from '../../src/core/map/url.ts';
import { ROUTE_CODES } from '../unit/fuzz/error-codes.ts';
import { hostileString, hostileUrl } from '../unit/fuzz/generators.ts';
import { dispatch, expectWellFormed } from './fuzz-harness.ts';

const codes = [...ROUTE_CODES.reports, ...ROUTE_CODES.reportById];

const save = (body: string, type = 'application/json', method = 'POST') =>
  dispatch(
    saveRoute,
    new Request('https://tools.example.com/api/reports', {
      method,
      headers: type ? { 'content-type': type } : {},
      body: method === 'GET' || method === 'HEAD' ? undefined : body,
    }),
  );

const load = (id: string) =>
  dispatch(
    getRoute,
    new Request(`https://tools.example.com/api/reports/${encodeURIComponent(id.toWellFormed())}`),
    { id },
  );

const shortText = hostileString.map((s) => s.slice(0, 500));
const hostName = hostileString.filter((s) => s.length >= 1 && s.length <= 253);

/** Reports the schema accepts, with hostile strings in every free-text field. */
const report = fc.record({
  version: fc.constant(1),
  method: fc.constantFrom('scan', 'har'),
  page: fc.oneof(
    fc.constant(null),
    hostileUrl.map((u) => u.slice(0, 2048)),
  ),
  createdAt: fc
    .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  source: fc.record({ tool: shortText, entries: fc.nat(), truncated: fc.boolean() }, { requiredKeys: [] }),
  resources: fc.array(
    fc.record({
      url: hostileUrl.map((u) => u.slice(0, MAX_STORED_URL_CHARS)),
      host: hostName,
      type: fc.constantFrom(...RESOURCE_TYPES),
      renderBlocking: fc.boolean(),
      blockingEvidence: fc.constantFrom('browser', 'scan', 'heuristic'),
    }),
    { maxLength: 8 },
  ),
  hosts: fc.array(
    fc.record({
      host: hostName,
      firstParty: fc.boolean(),
      entity: fc.record({
        name: shortText,
        company: shortText,
        category: shortText,
        unrecognised: fc.boolean(),
      }),
      cnames: fc.array(hostName, { maxLength: 3 }),
      addresses: fc.array(fc.oneof(fc.ipV4(), fc.ipV6()), { maxLength: 3 }),
      providers: fc.array(
        fc.record({
          name: shortText,
          role: fc.constantFrom(...PROVIDER_ROLES),
          signal: fc.constantFrom(...SIGNALS),
        }),
        { maxLength: 3 },
      ),
      asn: fc.constant(null),
      errors: fc.array(fc.record({ code: fc.constantFrom('nxdomain', 'timeout'), message: shortText }), {
        maxLength: 2,
      }),
    }),
    { maxLength: 5 },
  ),
});

describe('/api/reports under fuzzing (workerd)', () => {
  it('answers any body, media type and method with 2xx or a known 4xx', async () => {
    const body = fc.oneof(
      hostileString,
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      report.chain((r) =>
        fc.jsonValue({ maxDepth: 1 }).map((junk) => JSON.stringify({ ...r, version: junk })),
      ),
    );
    const type = fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 5 },
      fc.constantFrom('text/plain', '', 'application/json;charset=utf-8'),
    );
    const method = fc.oneof(
      { arbitrary: fc.constant('POST'), weight: 6 },
      fc.constantFrom('GET', 'PUT', 'DELETE'),
    );
    await fc.assert(
      fc.asyncProperty(body, type, method, async (b, t, m) => {
        await expectWellFormed(await save(b, t, m), codes);
      }),
      { numRuns: 250 },
    );
  });

  it('saves any accepted report and serves it back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(report, async (input) => {
        const saved = await expectWellFormed(await save(JSON.stringify(input)), codes);
        expect(saved.status).toBe(201);
        const { id } = saved.body as { id: string };
        const loaded = await expectWellFormed(await load(id), codes);
        expect(loaded.status).toBe(200);
        expect((loaded.body as { report: unknown }).report).toEqual(input);
      }),
      { numRuns: 80 },
    );
  }, 60_000);

  it('answers any id with a known 4xx (or the report, for a real one)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString, fc.stringMatching(/^[A-Za-z0-9_-]{22}$/)), async (id) => {
        const verdict = await expectWellFormed(await load(id), codes);
        expect(verdict.status).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a report over MAX_REPORT_BYTES without buffering it (413 report_too_large)', async () => {
    const verdict = await expectWellFormed(await save(' '.repeat(MAX_REPORT_BYTES + 1)), codes);
    expect([verdict.status, verdict.code]).toEqual([413, 'report_too_large']);
  });
});
