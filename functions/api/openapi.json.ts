import { ApiError } from '../../src/core/http/api-error.ts';
import { openApiDocument } from '../../src/core/openapi/document.ts';
import { json } from '../lib/respond.ts';

/** The document changes only with a deployment. */
const CACHE_CONTROL = 'public, max-age=3600';

/** GET /api/openapi.json: the OpenAPI 3.1 description of every API. */
export const onRequest: PagesFunction<Env> = ({ request }) => {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    throw new ApiError(405, 'method_not_allowed', 'Use GET.', { headers: { allow: 'GET, HEAD, OPTIONS' } });
  }
  return json(openApiDocument(), { headers: { 'cache-control': CACHE_CONTROL } });
};
