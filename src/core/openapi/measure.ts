/**
 * GET /api/measure in the OpenAPI document (route: functions/api/measure.ts): the response schema as a
 * zod mirror of src/core/measure/types.ts (test/unit/openapi/measure.test.ts proves at compile time that
 * they are the same type), the query from the route's own schema, and every error status with its codes.
 */
import * as z from 'zod';
import { MAX_INPUT_URL_LENGTH } from '../scan/limits.ts';
import { SCAN_REFUSALS, type ScanRefusalCode } from '../scan/refusals.ts';
import { MEASURE_FAILURES, MEASURE_INVALID_QUERY, type MeasureFailureCode } from '../measure/failures.ts';
import {
  MAX_PSI_RESPONSE_BYTES,
  MAX_THIRD_PARTIES,
  MEASURE_CACHE_TTL_SECONDS,
  MEASURE_TIME_LIMIT_MS,
} from '../measure/limits.ts';
import { MEASURE_URL_DESCRIPTION } from '../measure/psi-request.ts';
import { STRATEGIES, THIRD_PARTY_AUDITS } from '../measure/types.ts';
import { errorResponse, methodNotAllowedResponse, rateLimitedResponse } from './errors.ts';
import type { PathEntry } from './registry.ts';

const ms = z.number().int().min(0);
const nullableMs = (description: string) => ms.nullable().meta({ description });

export const labMetricsSchema = z
  .object({
    ttiMs: nullableMs(
      "Time to Interactive (Lighthouse's `interactive` audit); null when the report lacks it.",
    ),
    tbtMs: nullableMs('Total Blocking Time.'),
    lcpMs: nullableMs('Largest Contentful Paint.'),
    fcpMs: nullableMs('First Contentful Paint (the floor of the third-party scenario).'),
    lighthouseVersion: z.string(),
    cpuSlowdown: z.number().gt(0).meta({
      description:
        "Lighthouse's CPU slowdown for its simulated device (1 when unthrottled); third-party main-thread times are on that device.",
    }),
  })
  .meta({ description: 'Lighthouse lab run on PSI (simulated device and network), milliseconds.' });

export const fieldMetricsSchema = z
  .object({
    inpMs: ms.nullable(),
    lcpMs: ms.nullable(),
    scope: z.literal('origin'),
  })
  .meta({ description: "Chrome UX Report, the origin's 75th percentile over 28 days (field data)." });

export const thirdPartyCostSchema = z.object({
  entity: z.string().meta({
    description: 'The company as Lighthouse names it (third-party-web), e.g. "Google Tag Manager".',
  }),
  mainThreadMs: ms.meta({ description: 'Main-thread time on the simulated device.' }),
  transferBytes: z.number().int().min(0),
  blockingMs: ms
    .optional()
    .meta({ description: 'Long-task time beyond 50 ms; only reports with `third-party-summary` have it.' }),
});

export const thirdPartyScenarioSchema = z
  .object({
    ttiMs: ms,
    savedMs: ms,
    mainThreadMs: ms,
    flooredAtFcp: z.boolean(),
    assumption: z.string(),
  })
  .meta({
    description:
      "TTI if the third parties' main-thread work ran after interaction: a scenario, with its assumption.",
  });

export const measureResponseSchema = z.object({
  url: z.string().meta({ description: 'The normalised URL measured.' }),
  finalUrl: z.string().meta({ description: 'After redirects.' }),
  strategy: z.enum(STRATEGIES),
  fetchedAt: z.iso.datetime().meta({ description: 'When PSI ran Lighthouse.' }),
  lab: labMetricsSchema,
  field: fieldMetricsSchema.nullable(),
  thirdParties: z
    .array(thirdPartyCostSchema)
    .max(MAX_THIRD_PARTIES)
    .meta({ description: `By main-thread time, heaviest first; at most ${MAX_THIRD_PARTIES}.` }),
  thirdPartyAudit: z
    .enum(THIRD_PARTY_AUDITS)
    .nullable()
    .meta({ description: 'The Lighthouse audit the figures came from.' }),
  scenario: thirdPartyScenarioSchema.nullable(),
  notes: z
    .array(
      z.object({
        code: z.enum([
          'tti_missing',
          'lab_metric_missing',
          'third_parties_missing',
          'third_parties_truncated',
        ]),
        message: z.string(),
      }),
    )
    .meta({ description: 'What the measurement lacks (a missing metric or audit), as data.' }),
  cache: z.enum(['hit', 'miss']),
  expiresAt: z.iso.datetime().meta({
    description: `Until when this answer is served from cache (${MEASURE_CACHE_TTL_SECONDS / 60} minutes after measuring).`,
  }),
});

/** The URL refusals the route shares with /api/scan (the others need a fetch, which this route never makes). */
const TARGET_REFUSALS = [
  'invalid_url',
  'unsupported_scheme',
  'credentials_in_url',
  'port_not_allowed',
  'private_address',
  'dns_failed',
] as const satisfies readonly ScanRefusalCode[];

/** Every error code by status, so a code added to either table is documented as it is added. */
function errorCodesByStatus(): Map<number, string[]> {
  const byStatus = new Map<number, string[]>([[400, [MEASURE_INVALID_QUERY]]]);
  const add = (status: number, code: string) => byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  for (const code of TARGET_REFUSALS) add(SCAN_REFUSALS[code], code);
  for (const [code, status] of Object.entries(MEASURE_FAILURES) as Array<[MeasureFailureCode, number]>)
    add(status, code);
  return byStatus;
}

const STATUS_MEANING: Record<number, string> = {
  400: 'The query is malformed or the URL is not a web address',
  422: 'The URL is refused by the same policy as POST /api/scan (scheme, credentials, port, private address)',
  424: `PageSpeed Insights or the page failed: quota spent ("psi_quota", with Retry-After), no answer within ${MEASURE_TIME_LIMIT_MS / 1000} s, the page could not be loaded, Lighthouse could not measure it, PSI broke or refused our request; or the host did not resolve`,
};

export const measurePathEntry: PathEntry = {
  path: '/api/measure',
  method: 'get',
  operationId: 'measurePage',
  summary: 'Measure a page with PageSpeed Insights: lab TTI, TBT, LCP, field INP/LCP and third-party costs',
  description: `Asks PageSpeed Insights (Lighthouse lab run) for the page and reads its Time to Interactive, Total Blocking Time, Largest and First Contentful Paint, the origin's Chrome UX Report 75th percentiles (when PSI has them), and the main-thread time and transfer size of each third party, with a scenario of the TTI if their main-thread work ran after interaction. A PSI run takes 10–40 s; the route waits at most ${MEASURE_TIME_LIMIT_MS / 1000} s and reads at most ${MAX_PSI_RESPONSE_BYTES / 1024 / 1024} MiB. Successful measurements are cached for ${MEASURE_CACHE_TTL_SECONDS / 60} minutes per URL and strategy (\`cache\`, \`fetchedAt\`, \`expiresAt\` say so); failures never are.`,
  tags: ['tti'],
  query: [
    {
      name: 'url',
      required: true,
      description: MEASURE_URL_DESCRIPTION,
      schema: z.string().min(1).max(MAX_INPUT_URL_LENGTH),
    },
    {
      name: 'strategy',
      required: false,
      description: 'mobile (default) or desktop.',
      schema: z.enum(STRATEGIES),
    },
  ],
  responses: {
    '200': {
      description: 'The measurement.',
      schema: measureResponseSchema,
      headers: {
        'cache-control': { description: 'no-store (the server keeps its own cache).', schema: z.string() },
      },
    },
    ...Object.fromEntries(
      [...errorCodesByStatus()].map(([status, codes]) => [
        String(status),
        errorResponse(
          `${STATUS_MEANING[status] ?? 'Refused'}: ${codes.map((c) => `"${c}"`).join(', ')}.`,
          codes as [string, ...string[]],
          status === 424
            ? {
                'retry-after': {
                  description: 'With "psi_quota": whole seconds until PSI may have quota again.',
                  schema: z.int().min(1),
                },
              }
            : undefined,
        ),
      ]),
    ),
    '405': methodNotAllowedResponse('GET, HEAD'),
    '429': rateLimitedResponse('measure'),
  },
};
