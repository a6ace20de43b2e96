/**
 * /tti/ with a query string: the no-JS and shared-link path (functions/lib/tti-page.ts), with Open Graph
 * and Twitter meta that state the numbers and the result's image card (/og/tti.png).
 */
import { ttiPageFunction } from '../lib/tti-page.ts';

export { MAX_QUERY_CHARS, PAGE_CACHE_CONTROL, TTI_PATH } from '../lib/tti-page.ts';

export const { onRequestGet, onRequestHead } = ttiPageFunction({ path: '/tti/', shared: true });
