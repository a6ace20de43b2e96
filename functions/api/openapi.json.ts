import { openApiDocument } from '../../src/core/openapi/document.ts';
import { headFromGet } from '../lib/head-from-get.ts';
import { methodNotAllowed } from '../lib/method-not-allowed.ts';
import { json } from '../lib/respond.ts';

/** The document changes only with a deployment. */
const CACHE_CONTROL = 'public, max-age=3600';

/** GET /api/openapi.json: the OpenAPI 3.1 description of every API. */
export const onRequestGet: PagesFunction<Env> = () =>
  json(openApiDocument(), { headers: { 'cache-control': CACHE_CONTROL } });

export const onRequestHead = headFromGet(onRequestGet);

export const onRequest = methodNotAllowed('GET, HEAD, OPTIONS', 'Use GET.');
