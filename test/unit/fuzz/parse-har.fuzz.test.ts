/**
 * Property-based fuzzing of the HAR importer (src/core/har/parse-har.ts): it runs in the visitor's
 * browser on files from anywhere, so any text must give a result or a known error, never a throw, and
 * the result must respect the named limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HAR_MAX_TEXT_CHARS, MAX_MAP_HOSTS } from '../../../src/core/har/limits.ts';
import { parseHar } from '../../../src/core/har/parse-har.ts';
import { reportBaseFromHar } from '../../../src/core/map/from-har.ts';
import { unresolvedHost } from '../../../src/core/map/hosts.ts';
import { reportSchema } from '../../../src/core/map/report-schema.ts';
import { RESOURCE_TYPES } from '../../../src/core/map/types.ts';
import { hostileString, hostileUrl } from './generators.ts';

const HAR_ERROR_CODES = ['har_too_large', 'har_not_json', 'har_invalid', 'har_no_entries', 'har_no_hosts'];

/** Anything that can sit in a JSON field, biased to the types HAR fields usually have. */
const anyField = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A HAR entry whose every field may be missing, mistyped or hostile. */
const entry = fc.record(
  {
    pageref: fc.oneof(fc.constantFrom('page_1', 'page_2'), anyField),
    request: fc.oneof(fc.record({ url: fc.oneof(hostileUrl, anyField), method: anyField }), anyField),
    response: fc.oneof(
      fc.record({
        status: fc.oneof(fc.constantFrom(200, 301, 302, 304, 404, 0, -1), anyField),
        redirectURL: fc.oneof(hostileUrl, anyField),
        _error: fc.oneof(
          fc.constantFrom('net::ERR_NAME_NOT_RESOLVED', 'net::ERR_BLOCKED_BY_CLIENT'),
          anyField,
        ),
        content: fc.oneof(
          fc.record({ mimeType: fc.oneof(fc.constantFrom('text/html', 'text/css'), anyField) }),
          anyField,
        ),
      }),
      anyField,
    ),
    _resourceType: fc.oneof(
      fc.constantFrom('document', 'script', 'stylesheet', 'font', 'xhr', 'Other'),
      anyField,
    ),
    _renderBlocking: fc.oneof(fc.constantFrom('blocking', 'non_blocking', 'potentially_blocking'), anyField),
    _priority: fc.oneof(fc.constantFrom('VeryHigh', 'High', 'Low', 'HIGHEST', 'MEDIUM'), anyField),
    _initiator: fc.oneof(
      hostileUrl,
      fc.record({ type: anyField, url: anyField, stack: fc.jsonValue({ maxDepth: 4 }) }),
      anyField,
    ),
    _initiator_type: fc.oneof(fc.constantFrom('parser', 'script', 'redirect', 'preload', 'other'), anyField),
    _initiator_detail: fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? ''),
      fc
        .record({ type: anyField, url: fc.oneof(hostileUrl, anyField), stack: fc.jsonValue({ maxDepth: 4 }) })
        .map((v) => JSON.stringify(v)),
      anyField,
    ),
  },
  { requiredKeys: [] },
);

const har = fc.record({
  log: fc.record(
    {
      version: anyField,
      creator: fc.oneof(fc.record({ name: anyField, version: anyField }), anyField),
      pages: fc.oneof(
        fc.array(fc.record({ id: fc.oneof(fc.constantFrom('page_1', 'page_2'), anyField) }), {
          maxLength: 3,
        }),
        anyField,
      ),
      entries: fc.array(fc.oneof(entry, anyField), { maxLength: 40 }),
    },
    { requiredKeys: ['entries'] },
  ),
});

/** A small valid HAR as text, the seed that the text fuzzer cuts and splices. */
const SEED = JSON.stringify({
  log: {
    creator: { name: 'chrome-har', version: '0.13.2' },
    entries: [
      {
        request: { url: 'https://www.shop.example/' },
        response: { status: 200, content: { mimeType: 'text/html' } },
      },
      {
        request: { url: 'https://www.googletagmanager.com/gtm.js?id=1' },
        response: { status: 200 },
        _initiator: { type: 'parser', url: 'https://www.shop.example/' },
      },
      {
        request: { url: 'https://connect.facebook.net/fbevents.js' },
        response: { status: 302, redirectURL: 'https://www.facebook.com/tr' },
        _initiator: 'https://www.googletagmanager.com/gtm.js?id=1',
        _initiator_type: 'script',
      },
      { request: { url: 'https://www.facebook.com/tr' }, response: { status: 204 } },
    ],
  },
});

/**
 * Text near a HAR: the seed cut short, with a run of characters replaced, or spliced with junk, so that
 * the text fuzzer reaches every branch (not JSON, not a HAR, a HAR) instead of only the first.
 */
const nearHarText = fc
  .tuple(
    fc.nat({ max: SEED.length }),
    fc.nat({ max: 12 }),
    fc.oneof(
      fc.constant(''),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom('"', '{', '}', ',', ']', 'null'),
    ),
  )
  .map(([at, cut, insert]) => SEED.slice(0, at) + insert + SEED.slice(at + cut));

/** JSON shaped a little or a lot like a HAR, so every refusal and the success path all occur. */
const harishJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({ log: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ log: fc.record({ entries: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 }) }) }),
  fc.record({
    log: fc.record({
      entries: fc.array(fc.record({ request: fc.record({ url: hostileUrl }) }), { maxLength: 6 }),
    }),
  }),
);

/** The invariants every answer must satisfy; returns the outcome ("ok" or the error code). */
function check(input: string): string {
  const result = parseHar(input);
  if (!result.ok) {
    expect(HAR_ERROR_CODES).toContain(result.code);
    expect(result.message.length).toBeGreaterThan(0);
    return result.code;
  }
  expect(result.hosts.length).toBeGreaterThan(0);
  expect(result.hosts.length).toBeLessThanOrEqual(MAX_MAP_HOSTS);
  expect(new Set(result.hosts).size).toBe(result.hosts.length);
  const hosts = new Set(result.hosts);
  for (const resource of result.resources) {
    expect(hosts.has(resource.host)).toBe(true);
    expect(RESOURCE_TYPES).toContain(resource.type);
    // Stored URLs drop query strings and fragments (they can carry tokens).
    expect(resource.url).not.toMatch(/[?#]/);
    if (resource.mimeType) expect(resource.mimeType.length).toBeLessThanOrEqual(HAR_MAX_TEXT_CHARS);
  }
  if (result.tool) expect(result.tool.length).toBeLessThanOrEqual(2 * HAR_MAX_TEXT_CHARS + 1);
  // Whatever the file held, its map can be saved: every host, URL and text passes the report schema.
  const report = {
    ...reportBaseFromHar(result, '2026-11-26T12:00:00.000Z'),
    hosts: result.hosts.map((host) => unresolvedHost(host, 'timeout', 'Not resolved in this test.')),
  };
  const verdict = reportSchema.safeParse(report);
  expect(verdict.success ? [] : verdict.error.issues).toEqual([]);
  return 'ok';
}

/** Runs a property, counting outcomes: a generator stuck in one branch would test that branch only. */
function outcomes<T>(arbitrary: fc.Arbitrary<T>, toText: (value: T) => string, numRuns: number): Set<string> {
  const seen = new Set<string>();
  fc.assert(
    fc.property(arbitrary, (value) => {
      seen.add(check(toText(value)));
    }),
    { numRuns },
  );
  return seen;
}

describe('parseHar under fuzzing', () => {
  it('never throws on arbitrary text, and reaches both "not JSON" and a parsed HAR', () => {
    const seen = outcomes(
      fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), nearHarText),
      (text) => text,
      500,
    );
    expect(seen).toContain('har_not_json');
    expect(seen).toContain('ok');
  });

  it('never throws on arbitrary JSON, and reaches every refusal a JSON document can get, and success', () => {
    const seen = outcomes(harishJson, (value) => JSON.stringify(value) ?? 'null', 500);
    expect([...seen].sort()).toEqual(['har_invalid', 'har_no_entries', 'har_no_hosts', 'ok']);
  });

  it('keeps its invariants on HAR-shaped documents with hostile fields', () => {
    const seen = outcomes(har, (value) => JSON.stringify(value), 800);
    expect(seen).toContain('ok');
    expect(seen).toContain('har_no_hosts');
  });

  it('truncates a HAR with more hosts than MAX_MAP_HOSTS (parse time: npm run eval:chains)', () => {
    const entries = Array.from({ length: MAX_MAP_HOSTS * 3 }, (_, i) => ({
      request: { url: `https://h${i}.example.com/a.js?token=${i}` },
      response: { status: 200, content: { mimeType: 'text/javascript' } },
    }));
    // CPU time of this process, not wall time, so other work on the machine does not count.
    const started = process.cpuUsage();
    const result = parseHar(JSON.stringify({ log: { entries } }));
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(2_000);
    expect(result.ok && result.truncated && result.hosts.length === MAX_MAP_HOSTS).toBe(true);
  });

  it('does not recurse without bound on a deeply nested initiator stack', () => {
    // Built as text: JSON.stringify itself would overflow on 100,000 levels.
    const depth = 100_000;
    const stack = '{"parent":'.repeat(depth) + '{"callFrames":[]}' + '}'.repeat(depth);
    const text = `{"log":{"entries":[{"request":{"url":"https://a.example/"},"_initiator":{"type":"script","stack":${stack}}}]}}`;
    expect(() => check(text)).not.toThrow();
  });
});
