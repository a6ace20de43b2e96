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
        status: fc.oneof(fc.constantFrom(200, 301, 304, 404, 0, -1), anyField),
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
    _initiator_type: anyField,
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

/** The invariants every answer must satisfy. */
function check(input: string): void {
  const result = parseHar(input);
  if (!result.ok) {
    expect(HAR_ERROR_CODES).toContain(result.code);
    expect(result.message.length).toBeGreaterThan(0);
    return;
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
}

describe('parseHar under fuzzing', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => check(text)),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => check(JSON.stringify(value) ?? 'null')),
      {
        numRuns: 500,
      },
    );
  });

  it('keeps its invariants on HAR-shaped documents with hostile fields', () => {
    fc.assert(
      fc.property(har, (value) => check(JSON.stringify(value))),
      { numRuns: 800 },
    );
  });

  it('handles a HAR with more hosts than MAX_MAP_HOSTS quickly, truncating', () => {
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
