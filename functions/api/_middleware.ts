import { ApiError } from '../../src/core/http/api-error.ts';
import { errorResponse } from '../lib/respond.ts';

/** Every API answers cross-origin (read-only or body-carrying JSON, no credentials). */
const CORS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '86400',
};

/**
 * Runs in front of every /api/* route: answers CORS preflights, adds CORS headers, and turns any error
 * into the one envelope. An error that is not an ApiError is a bug of ours: it becomes a 500 with code
 * "internal" (tests assert that no input reaches it).
 */
export const onRequest: PagesFunction<Env> = async (context) => {
  if (context.request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
  let response: Response;
  try {
    response = await context.next();
  } catch (error) {
    response = errorResponse(
      error instanceof ApiError
        ? error
        : new ApiError(500, 'internal', 'Something went wrong on our side; please retry.', { cause: error }),
    );
  }
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(CORS)) headers.set(name, value);
  headers.set('x-content-type-options', 'nosniff');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
};
