/**
 * Rate limits a route takes itself, after the /api middleware's door check: the middleware knows the
 * client and holds the isolate's limiters, the route knows what the request will cost (a scan that starts
 * a browser takes a `render` token). The middleware puts a `take` function for this client into the
 * request's `data`; without the middleware (a route called directly) nothing is limited.
 */
import { ApiError } from '../../src/core/http/api-error.ts';
import type { Decision, RateLimitName } from '../../src/core/http/rate-limit.ts';

export type TakeRateLimit = (name: RateLimitName) => Decision | null;

const DATA_KEY = 'takeRateLimit';

export function provideRateLimit(data: Record<string, unknown>, take: TakeRateLimit): void {
  data[DATA_KEY] = take;
}

/** Spends a token of `name` for this request's client; null when no limit applies. */
export function takeRateLimit(data: Record<string, unknown>, name: RateLimitName): Decision | null {
  const take = data[DATA_KEY];
  return typeof take === 'function' ? (take as TakeRateLimit)(name) : null;
}

/** The 429 every limit answers with. */
export function rateLimited(name: RateLimitName, retryAfterSeconds: number): ApiError {
  return new ApiError(
    429,
    'rate_limited',
    `Too many ${name} requests from your address; retry in ${retryAfterSeconds} s.`,
    { headers: { 'retry-after': String(retryAfterSeconds) } },
  );
}
