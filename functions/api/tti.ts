import { ttiApi } from '../../src/core/tti/api.ts';
import { headFromGet } from '../lib/head-from-get.ts';
import { methodNotAllowed } from '../lib/method-not-allowed.ts';
import { json } from '../lib/respond.ts';

/** A result depends only on the query and the model version (in the ETag), so it may be cached for a day. */
const CACHE_CONTROL = 'public, max-age=86400';

/** GET /api/tti?current=8.3&target=5.7[&bounceRate&sessions&conversionRate&orderValue&currency] */
export const onRequestGet: PagesFunction<Env> = ({ request }) => {
  const { body, etag } = ttiApi(new URL(request.url).search);
  const headers = { 'cache-control': CACHE_CONTROL, etag };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return json(body, { headers });
};

export const onRequestHead = headFromGet(onRequestGet);

export const onRequest = methodNotAllowed('GET, HEAD, OPTIONS', 'Use GET.');
