/**
 * The zod mirrors in src/core/openapi/deps.ts (and the saved-report schema) against the TypeScript
 * interfaces they document. The type assertions are checked by the type check (`astro check`, which
 * includes test/): a field added, removed, renamed, made optional or retyped on either side fails it.
 * The runtime cases pin that the schemas accept real-shaped data and reject broken data.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type {
  HostError,
  ProviderAttribution,
  ResolvedHost,
  ResolveResponse,
} from '../../../src/core/resolve/types.ts';
import type { Resource, ScanResponse } from '../../../src/core/scan/types.ts';
import type { SavedReport } from '../../../src/core/map/report-schema.ts';
import {
  hostErrorSchema,
  providerAttributionSchema,
  resolvedHostSchema,
  resolveResponseSchema,
  resourceSchema,
  scanResponseSchema,
} from '../../../src/core/openapi/deps.ts';
import { savedReportSchema } from '../../../src/core/openapi/reports.ts';
import { shopHosts } from '../map/fixture-report.ts';

/** Compile-time: A and B are assignable both ways (what a client written against either one relies on). */
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assignable = <A, B>(ok: MutuallyAssignable<A, B>): MutuallyAssignable<A, B> => ok;

describe('zod mirrors of src/core/resolve/types.ts and src/core/scan/types.ts', () => {
  it('have output types identical to the interfaces (checked by the type check)', () => {
    // Mutual assignability misses an optional field present on one side only; toEqualTypeOf does not.
    expect(assignable<z.output<typeof providerAttributionSchema>, ProviderAttribution>(true)).toBe(true);
    expect(assignable<z.output<typeof hostErrorSchema>, HostError>(true)).toBe(true);
    expect(assignable<z.output<typeof resolvedHostSchema>, ResolvedHost>(true)).toBe(true);
    expect(assignable<z.output<typeof resolveResponseSchema>, ResolveResponse>(true)).toBe(true);
    expect(assignable<z.output<typeof resourceSchema>, Resource>(true)).toBe(true);
    expect(assignable<z.output<typeof scanResponseSchema>, ScanResponse>(true)).toBe(true);
    expect(assignable<z.output<typeof savedReportSchema>, SavedReport>(true)).toBe(true);

    expectTypeOf<z.output<typeof providerAttributionSchema>>().toEqualTypeOf<ProviderAttribution>();
    expectTypeOf<z.output<typeof hostErrorSchema>>().toEqualTypeOf<HostError>();
    expectTypeOf<z.output<typeof resolvedHostSchema>>().toEqualTypeOf<ResolvedHost>();
    expectTypeOf<z.output<typeof resolveResponseSchema>>().toEqualTypeOf<ResolveResponse>();
    expectTypeOf<z.output<typeof resourceSchema>>().toEqualTypeOf<Resource>();
    expectTypeOf<z.output<typeof scanResponseSchema>>().toEqualTypeOf<ScanResponse>();
    expectTypeOf<z.output<typeof savedReportSchema>>().toEqualTypeOf<SavedReport>();
  });

  it('accept every host of the fixture map', () => {
    for (const host of shopHosts) expect(resolvedHostSchema.parse(host)).toEqual(host);
    const response: ResolveResponse = {
      page: 'https://www.shop.example/',
      hosts: shopHosts.slice(0, 3),
      stats: { queries: 12, cacheHits: 3, ms: 41 },
    };
    expect(resolveResponseSchema.parse(response)).toEqual(response);
  });

  const base = shopHosts[0]!;
  it.each<[string, unknown]>([
    ['a missing errors list', { ...base, errors: undefined }],
    ['an unknown provider role', { ...base, providers: [{ name: 'X', role: 'edge', signal: 'cname' }] }],
    ['an unknown signal', { ...base, providers: [{ name: 'X', role: 'cdn', signal: 'guess' }] }],
    [
      'a string ASN number',
      { ...base, asn: { number: '13335', name: 'CLOUDFLARENET', prefix: '104.16.0.0/13' } },
    ],
    ['an entity without `unrecognised`', { ...base, entity: { name: 'a', company: 'a', category: 'cdn' } }],
  ])('reject a host with %s', (_label, host) => {
    expect(resolvedHostSchema.safeParse(host).success).toBe(false);
  });

  it('accept a scan response and reject an unknown resource kind', () => {
    const scan: ScanResponse = {
      method: 'static',
      page: {
        requestedUrl: 'https://shop.example/',
        finalUrl: 'https://www.shop.example/',
        status: 200,
        redirects: ['https://shop.example/'],
        bytes: 30_512,
        truncated: false,
      },
      resources: [
        {
          url: 'https://cdn.jsdelivr.net/npm/a.js',
          host: 'cdn.jsdelivr.net',
          kind: 'script',
          renderBlocking: true,
        },
        {
          url: 'https://t.example/p',
          host: 't.example',
          kind: 'inferred',
          renderBlocking: false,
          inferred: true,
        },
      ],
      hosts: ['www.shop.example', 'cdn.jsdelivr.net', 't.example'],
      limits: { maxPageBytes: 2_097_152 },
      stats: {
        ms: 120,
        encoding: 'utf-8',
        skipped: 0,
        limitsHit: [],
        stylesheetsRead: 1,
        stylesheetsFailed: 0,
        cache: 'miss',
      },
    };
    expect(scanResponseSchema.parse(scan)).toEqual(scan);
    const bad = { ...scan, resources: [{ ...scan.resources[0], kind: 'websocket' }] };
    expect(scanResponseSchema.safeParse(bad).success).toBe(false);
  });
});
