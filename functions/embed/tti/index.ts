/**
 * /embed/tti/ with a query string: the embeddable calculator's no-JS path, the same renderer as /tti/
 * (functions/lib/tti-page.ts) on the compact page, never indexed, with the "Open full calculator" link
 * carrying the query.
 */
import { ttiPageFunction } from '../../lib/tti-page.ts';

export const { onRequestGet, onRequestHead } = ttiPageFunction({ path: '/embed/tti/', shared: false });
