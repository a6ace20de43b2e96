import { ApiError } from '../../src/core/http/api-error.ts';

/** JSON response with the API's common headers. */
export function json(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'content-type': 'application/json; charset=utf-8', ...init.headers },
  });
}

/** The error envelope as a response. */
export function errorResponse(error: ApiError): Response {
  return json(error.toJSON(), {
    status: error.status,
    headers: { 'cache-control': 'no-store', ...error.headers },
  });
}
