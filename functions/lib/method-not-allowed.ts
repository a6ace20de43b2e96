/**
 * The catch-all `onRequest` of a route that accepts fewer methods than Pages would dispatch to it: any
 * other method is 405 `method_not_allowed` with the accepted ones in `Allow` (RFC 9110 §15.5.6 requires
 * the header on a 405). OPTIONS never gets here: the /api middleware answers preflights.
 */
import { ApiError } from '../../src/core/http/api-error.ts';

export function methodNotAllowed(allow: string, message: string): PagesFunction<Env> {
  // async: a rejected promise, like any other handler's failure, whatever calls it.
  return async () => {
    throw new ApiError(405, 'method_not_allowed', message, { headers: { allow } });
  };
}
