import * as z from 'zod';
import { TTI_ERROR_CODES, TTI_QUERY_MAX_LENGTH } from '../tti/api.ts';
import {
  ORDER_VALUE_MAX,
  SESSIONS_MAX,
  TTI_EVIDENCE_CEILING_S,
  TTI_FLOOR_S,
  TTI_MAX_S,
} from '../tti/limits.ts';
import type { TtiQueryField } from '../tti/query.ts';
import { errorResponse, methodNotAllowedResponse } from './errors.ts';
import type { PathEntry, QueryParameterEntry } from './registry.ts';

/** Response and parameter schemas of GET /api/tti, for the OpenAPI document and the contract tests. */

const range = z.object({ central: z.number(), low: z.number(), high: z.number() });
const count = z.number().int().min(0);
const share = z.number().min(0).max(1);

/** `model.validation`: how well the model predicts what it was not fitted on (docs/tti-model.md). */
export const ttiValidationSchema = z
  .object({
    conversion: z
      .object({
        method: z.string(),
        studies: count.meta({ description: 'Before/after case studies, one vote each.' }),
        medianAbsErrorPp: z.number().min(0).meta({
          description:
            'Median absolute error of the predicted conversion change, in percentage points, each study predicted by a fit without it.',
        }),
        meanAbsErrorPp: z.number().min(0),
        inShippedRange: count.meta({
          description:
            "Studies whose observed change lies inside the calculator's range for their timing ratio.",
        }),
        belowShippedRange: count,
        aboveShippedRange: count,
        coverage: share.meta({ description: 'inShippedRange ÷ studies.' }),
        inHeldOutRange: count.meta({ description: 'Studies inside the range fitted without them.' }),
        heldOutCoverage: share,
      })
      .strict(),
    bounce: z
      .object({
        method: z.string(),
        checks: count.meta({
          description: 'Observed bounce-rate changes with a timing ratio; none is fitted.',
        }),
        medianAbsErrorPp: z.number().min(0).nullable(),
        smallerThanObserved: count,
        largerThanObserved: count,
      })
      .strict(),
  })
  .strict()
  .meta({
    description: 'How well the model predicts studies it was not fitted on; the same figures /tti/ shows.',
  });
const fraction = z.number().min(0).max(1);

export const ttiInputSchema = z.object({
  current: z.number().positive(),
  target: z.number().positive(),
  bounceRate: fraction.optional(),
  sessions: z.number().min(0).optional(),
  conversionRate: fraction.optional(),
  orderValue: z.number().min(0).optional(),
  currency: z.string().length(3).optional(),
});

export const ttiResponseSchema = z
  .object({
    input: ttiInputSchema,
    effective: z
      .object({ current: z.number(), target: z.number() })
      .meta({ description: `The TTIs evaluated, after clamping to the ${TTI_FLOOR_S} s floor.` }),
    flags: z.array(
      z.object({
        code: z.enum(['clamped', 'extrapolated', 'default_used']),
        field: z.enum(['current', 'target', 'bounceRate']),
        message: z.string(),
      }),
    ),
    conversion: z.object({
      liftPct: z.number().meta({ description: 'Headline relative change of conversion rate, percent.' }),
      lowPct: z.number(),
      highPct: z.number(),
    }),
    bounce: z.object({
      currentRate: z.number().gt(0).lt(1),
      targetRate: z.number().gt(0).lt(1),
      currentRateSource: z.enum(['input', 'default']),
      changePct: z.number(),
    }),
    revenue: z
      .object({
        currency: z.string(),
        monthlyBaseline: z.number(),
        monthlyDelta: range,
        yearlyDelta: range,
        extraOrdersPerMonth: range,
      })
      .nullable()
      .meta({ description: 'Null unless sessions, conversionRate and orderValue are all given.' }),
    model: z.object({ version: z.string(), form: z.string(), validation: ttiValidationSchema }).strict(),
    text: z.object({ title: z.string(), description: z.string(), sentences: z.array(z.string()) }),
  })
  .strict();

const number = (min: number, max: number, exclusiveMin: boolean) =>
  (exclusiveMin ? z.number().gt(min) : z.number().min(min)).max(max);

/** One documented query parameter per field of TTI_QUERY_FIELDS, with the same limits the parser applies. */
export const ttiQueryParameters: Record<TtiQueryField, QueryParameterEntry> = {
  current: {
    name: 'current',
    required: true,
    description: `Current Time to Interactive in seconds (plain decimal). Below ${TTI_FLOOR_S} s it is evaluated as ${TTI_FLOOR_S} s; above ${TTI_EVIDENCE_CEILING_S} s it is flagged as extrapolated.`,
    schema: number(0, TTI_MAX_S, true),
  },
  target: {
    name: 'target',
    required: true,
    description:
      'Target Time to Interactive in seconds; may be slower than current (the result shows a loss).',
    schema: number(0, TTI_MAX_S, true),
  },
  bounceRate: {
    name: 'bounceRate',
    required: false,
    description:
      'Current bounce rate as a fraction (0.45 for 45 %). Absent or empty: a published average is used.',
    schema: number(0, 1, false),
  },
  sessions: {
    name: 'sessions',
    required: false,
    description: 'Sessions per month (for the revenue figures).',
    schema: number(0, SESSIONS_MAX, false),
  },
  conversionRate: {
    name: 'conversionRate',
    required: false,
    description: 'Current conversion rate as a fraction (0.02 for 2 %).',
    schema: number(0, 1, false),
  },
  orderValue: {
    name: 'orderValue',
    required: false,
    description: 'Average order value, in `currency`.',
    schema: number(0, ORDER_VALUE_MAX, false),
  },
  currency: {
    name: 'currency',
    required: false,
    description: 'ISO 4217 code for display (default USD); amounts are never converted.',
    schema: z.string().regex(/^[A-Za-z]{3}$/),
  },
};

export const ttiPathEntry: PathEntry = {
  path: '/api/tti',
  method: 'get',
  operationId: 'estimateTtiLift',
  summary: 'Estimate conversion, bounce and revenue effects of a Time to Interactive change',
  description:
    'Relative conversion change (headline from before/after case studies, range up to cross-sectional curves), expected bounce rate, and revenue when traffic figures are given; `model.validation` says how well the model predicts studies it was not fitted on. Unknown query parameters are ignored. Cached for a day; the ETag changes with the model version.',
  tags: ['tti'],
  query: Object.values(ttiQueryParameters),
  responses: {
    '200': {
      description: 'The estimate.',
      schema: ttiResponseSchema,
      headers: {
        etag: {
          description: 'Fingerprint of the model version and the canonical input.',
          schema: z.string(),
        },
        'cache-control': { description: 'public, max-age=86400', schema: z.string() },
      },
    },
    '304': { description: 'Not modified (If-None-Match matched the ETag).' },
    '400': errorResponse(
      `Bad query: code "${TTI_ERROR_CODES.invalidQuery}" with one issue per field, or "${TTI_ERROR_CODES.queryTooLong}" beyond ${TTI_QUERY_MAX_LENGTH} characters.`,
      [TTI_ERROR_CODES.invalidQuery, TTI_ERROR_CODES.queryTooLong],
    ),
    '405': methodNotAllowedResponse('GET, HEAD'),
  },
};
