/**
 * GET /og/tti.png?<the /tti/ query>: the result's image card, 1200 × 630 PNG (docs/cards.md). Accepts
 * what /tti/ accepts (the form's percent fields too); an invalid, out-of-range or over-long query answers
 * the calculator's generic card, never an error image and never a 5xx.
 */
import { ttiCardSvg } from '../../src/components/cards/tti-card.ts';
import { canonicalQuery } from '../../src/components/tti/form-fields.ts';
import { TTI_CARD_VERSION } from '../../src/core/cards/card-urls.ts';
import { TTI_QUERY_MAX_LENGTH } from '../../src/core/tti/api.ts';
import { computeTti } from '../../src/core/tti/compute.ts';
import { parseTtiQuery } from '../../src/core/tti/query.ts';
import { headFromGet } from '../lib/head-from-get.ts';
import {
  CARD_CACHE_CONTROL,
  CARD_CACHE_CONTROL_IMMUTABLE,
  cardResponse,
  drawingCacheKey,
  genericCard,
} from '../lib/og/card-response.ts';
import { cardFonts } from '../lib/og/renderer.ts';

export const onRequestGet: PagesFunction<Env> = async ({ request, env }) => {
  const url = new URL(request.url);
  if (url.search.length - 1 > TTI_QUERY_MAX_LENGTH) return genericCard(request, env, 'tti');
  const parsed = parseTtiQuery(canonicalQuery(url.searchParams).query);
  if (!parsed.ok) return genericCard(request, env, 'tti');
  const { svg } = ttiCardSvg(computeTti(parsed.input), cardFonts());
  return cardResponse(request, env, {
    key: await drawingCacheKey(request.url, svg),
    draw: async () => svg,
    // The URL names the drawing only when it carries the current version (card-urls.ts).
    cacheControl:
      url.searchParams.get('v') === TTI_CARD_VERSION ? CARD_CACHE_CONTROL_IMMUTABLE : CARD_CACHE_CONTROL,
    fallback: 'tti',
  });
};

export const onRequestHead = headFromGet(onRequestGet);
