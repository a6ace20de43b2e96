/**
 * POST /api/reports and GET /api/reports/:id under hostile input, inside workerd with local KV:
 * arbitrary bodies and ids give a known 4xx; any report the schema accepts round-trips byte for byte
 * through KV, whatever printable text it holds; one invisible character, non-network URL or non-ASCII
 * host anywhere makes it 400 invalid_report.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as saveRoute from '../../functions/api/reports.ts';
import * as getRoute from '../../functions/api/reports/[id].ts';
import { PROVIDER_ROLES, SIGNALS } from '../../src/core/resolve/types.ts';
import { HAR_MAX_ENTRIES } from '../../src/core/har/limits.ts';
import { cleanText, isMapHost } from '../../src/core/map/report-fields.ts';
import { MAX_REPORT_BYTES, MAX_REPORT_TEXT } from '../../src/core/map/report-limits.ts';
import { RESOURCE_TYPES } from '../../src/core/map/types.ts';
import { networkHost, storedUrl, tryUrl } from '../../src/core/map/url.ts';
import { ROUTE_CODES } from '../unit/fuzz/error-codes.ts';
import { hostileString } from '../unit/fuzz/generators.ts';
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

/** Free text as the schema takes it: anything printable, markup and quotes included, at most 500 chars. */
const shortText = hostileString.map((s) => cleanText(s, MAX_REPORT_TEXT));
/** `host` as url.ts networkHost writes it (IPv6 compressed, names checked), or null. */
const canonical = (host: string): string | null => {
  const url = tryUrl(`http://${host.includes(':') ? `[${host}]` : host}/`);
  return url ? networkHost(url) : null;
};
/** Hosts as a map holds them: lower-case DNS names (fc.domain) and IP addresses, in canonical form. */
const hostName = fc
  .oneof(fc.domain(), fc.ipV4(), fc.ipV6())
  .map(canonical)
  .filter((h): h is string => h !== null && isMapHost(h));
/** A resource URL on `host`, in the stored form (origin and path, as url.ts storedUrl writes it). */
const urlOn = (host: string) =>
  fc
    .tuple(fc.constantFrom('http', 'https', 'ws', 'wss'), hostileString)
    .map(([scheme, path]) =>
      storedUrl(
        new URL(
          `${scheme}://${host.includes(':') ? `[${host}]` : host}/${encodeURIComponent(path.toWellFormed())}`,
        ),
      ),
    );

/** Reports the schema accepts, with hostile strings in every free-text field. */
const report = fc.record({
  version: fc.constant(1),
  method: fc.constantFrom('scan', 'har'),
  page: fc.oneof(fc.constant(null), hostName.chain(urlOn)),
  createdAt: fc
    .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  source: fc.record(
    { tool: shortText, entries: fc.nat({ max: HAR_MAX_ENTRIES }), truncated: fc.boolean() },
    { requiredKeys: [] },
  ),
  resources: fc.array(
    hostName.chain((host) =>
      fc.record({
        url: urlOn(host),
        host: fc.constant(host),
        type: fc.constantFrom(...RESOURCE_TYPES),
        renderBlocking: fc.boolean(),
        blockingEvidence: fc.constantFrom('browser', 'scan', 'heuristic'),
      }),
    ),
    { maxLength: 8 },
  ),
  hosts: fc.uniqueArray(
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
    { maxLength: 5, selector: (h) => h.host },
  ),
});

/** The fields a poison is put into. */
interface Poisonable {
  page: string | null;
  source: { tool?: string };
  resources: Array<{ url: string }>;
  hosts: Array<{ host: string; entity: { company: string }; cnames: string[] }>;
}

/** Characters that hide or reorder text: refused everywhere. */
const INVISIBLE = ['\u202e', '\u200b', '\u0000', '\u2066', '\ud800'];
/** Markup and a Cyrillic "а": printable text, refused only where a host or URL must be ASCII. */
const PRINTABLE = ['<b>', '\u0430'];

/** [where, put it there, is the field free text]. */
const POISONS: Array<[string, (r: Poisonable, bad: string) => void, boolean]> = [
  ['company', (r, bad) => (r.hosts[0]!.entity.company = `Google${bad}`), true],
  ['source.tool', (r, bad) => (r.source.tool = `tool${bad}`), true],
  ['host', (r, bad) => (r.hosts[0]!.host = `www.${bad}.example`), false],
  ['cname', (r, bad) => (r.hosts[0]!.cnames = [`x${bad}.example`]), false],
  ['resource url', (r, bad) => (r.resources[0]!.url = `javascript:alert(1)//${bad}`), false],
  ['page', (r, bad) => (r.page = `data:text/html,<script>${bad}</script>`), false],
];

/** An accepted report with one field poisoned so that the schema must refuse it. */
const poisoned = fc
  .tuple(
    report.filter((r) => r.hosts.length > 0 && r.resources.length > 0),
    fc.constantFrom(...POISONS),
    fc.constantFrom(...INVISIBLE, ...PRINTABLE),
  )
  .filter(([, [, , isText], bad]) => !(isText && PRINTABLE.includes(bad)))
  .map(([input, [, poison], bad]) => {
    const copy = structuredClone(input) as Poisonable;
    poison(copy, bad);
    return copy;
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

  it('refuses a report with one invisible character, non-network URL or non-ASCII host (400 invalid_report)', async () => {
    await fc.assert(
      fc.asyncProperty(poisoned, async (input) => {
        const verdict = await expectWellFormed(await save(JSON.stringify(input)), codes);
        expect([verdict.status, verdict.code]).toEqual([400, 'invalid_report']);
      }),
      { numRuns: 60 },
    );
  });

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
