/**
 * Runs API route modules the way Pages does (the /api middleware in front, then the method's handler,
 * else `onRequest`) inside workerd, and checks the answer is one the API promises: never a 5xx, and every
 * 4xx the JSON envelope with a code from a known list.
 */
import { createPagesEventContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { createApiMiddleware } from '../../functions/api/_middleware.ts';
import { MIDDLEWARE_CODES } from '../unit/fuzz/error-codes.ts';
import { handlerFor } from './call.ts';

type Handler = PagesFunction<Env, string>;
type IncomingRequest = Request<unknown, IncomingRequestCfProperties>;
export type RouteModule = Partial<
  Record<`onRequest${'' | 'Get' | 'Post' | 'Put' | 'Delete' | 'Patch' | 'Head' | 'Options'}`, Handler>
>;

/** Rate limiting off: fuzzing sends thousands of requests from one "client". */
const middleware = createApiMiddleware();
const fuzzEnv = { ...env, RATE_LIMIT_PER_MINUTE: '0' };

export async function dispatch(
  route: RouteModule,
  request: Request,
  params: Record<string, string> = {},
): Promise<Response> {
  const context = (next: () => Promise<Response>) => ({
    ...createPagesEventContext<Handler>({ request: request as IncomingRequest, params, data: {}, next }),
    env: fuzzEnv,
  });
  return middleware(
    context(async () => {
      const handler = handlerFor(route, request.method);
      if (!handler) return new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } });
      return handler(context(async () => new Response('not found', { status: 404 })));
    }),
  );
}

export interface Verdict {
  status: number;
  code: string | null;
  body: unknown;
}

/** Asserts the API's promise about any answer and returns it for further checks. */
export async function expectWellFormed(response: Response, codes: readonly string[]): Promise<Verdict> {
  const text = await response.text();
  expect(response.status, `5xx: ${text.slice(0, 500)}`).toBeLessThan(500);
  expect(response.status).toBeGreaterThanOrEqual(200);
  if (response.status < 400)
    return { status: response.status, code: null, body: text ? JSON.parse(text) : null };
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; issues?: unknown } };
  const code = body.error?.code;
  expect([...codes, ...MIDDLEWARE_CODES], `unknown error code in ${text.slice(0, 300)}`).toContain(code);
  expect(typeof body.error?.message).toBe('string');
  if (body.error?.issues !== undefined) {
    expect(Array.isArray(body.error.issues)).toBe(true);
    for (const issue of body.error.issues as Array<{ path: unknown; message: unknown }>) {
      expect(typeof issue.path).toBe('string');
      expect(typeof issue.message).toBe('string');
    }
  }
  return { status: response.status, code: code as string, body };
}
