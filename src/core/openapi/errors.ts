/**
 * Error responses shared by the API's operations. Each documented error status lists its stable codes as
 * an enum on `error.code`, so a client can switch on them and the contract test can check that every code
 * a route really answers with is documented for that status.
 */
import * as z from 'zod';
import { RATE_LIMITS, type RateLimitName } from '../http/rate-limit.ts';
import type { ResponseEntry } from './registry.ts';

type Codes = readonly [string, ...string[]];

/** The error envelope (src/core/http/api-error.ts) with `code` restricted to `codes`. */
export function errorEnvelopeWith(codes: Codes) {
  return z
    .object({
      error: z.object({
        code: z.enum(codes).meta({ description: 'Stable machine-readable code.' }),
        message: z.string().meta({ description: 'For people; may change.' }),
        issues: z
          .array(z.object({ path: z.string(), message: z.string() }))
          .optional()
          .meta({ description: 'One entry per offending input field.' }),
      }),
    })
    .meta({ description: 'The error envelope of every API.' });
}

export function errorResponse(
  description: string,
  codes: Codes,
  headers?: ResponseEntry['headers'],
): ResponseEntry {
  return { description, schema: errorEnvelopeWith(codes), ...(headers ? { headers } : {}) };
}

/** 405 from a route's catch-all handler, with the methods it does accept in `Allow`. */
export function methodNotAllowedResponse(allow: string): ResponseEntry {
  return errorResponse(`Code "method_not_allowed": only ${allow}.`, ['method_not_allowed'], {
    allow: { description: `The accepted method(s): ${allow}.`, schema: z.string() },
  });
}

/** 415 when the body is not declared as application/json. */
export const unsupportedMediaTypeResponse: ResponseEntry = errorResponse(
  'Code "unsupported_media_type": send the body with `Content-Type: application/json`.',
  ['unsupported_media_type'],
);

/** 429 from functions/api/_middleware.ts when a client exceeds its RATE_LIMITS entry (per isolate, best effort). */
export function rateLimitedResponse(name: RateLimitName): ResponseEntry {
  const limit = RATE_LIMITS[name];
  return errorResponse(
    `Code "rate_limited": more than ${limit.perMinute} ${name} requests per minute (bursts of ${limit.burst}) from one address. Wait Retry-After seconds.`,
    ['rate_limited'],
    {
      'retry-after': {
        description: 'Whole seconds until one request is allowed again (at least 1).',
        schema: z.int().min(1),
      },
    },
  );
}
