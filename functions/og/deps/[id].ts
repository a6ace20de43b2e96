/**
 * GET /og/deps/{id}.png: the image card of a saved dependency map (docs/cards.md). A saved report never
 * changes, so the card is cached by id; an unknown, expired or malformed id answers the mapper's generic
 * card, uncached and briefly (KV may not have the report at this location yet right after a save).
 */
import { depsCardSvg } from '../../../src/components/cards/deps-card.ts';
import { DEPS_CARD_PREFIX, DEPS_CARD_VERSION } from '../../../src/core/cards/card-urls.ts';
import { isReportId } from '../../../src/core/map/report-id.ts';
import { headFromGet } from '../../lib/head-from-get.ts';
import { CARD_CACHE_CONTROL, cacheKey, cardResponse, genericCard } from '../../lib/og/card-response.ts';
import { cardFonts } from '../../lib/og/renderer.ts';
import { loadSavedReport } from '../../lib/saved-report.ts';

/** A saved map is for those who hold its link: the card is not for search engines either. */
const PRIVATE = { 'x-robots-tag': 'noindex' };

export const onRequestGet: PagesFunction<Env, 'id'> = async ({ request, env, params }) => {
  const file = typeof params.id === 'string' ? params.id : '';
  const id = file.endsWith('.png') ? file.slice(0, -'.png'.length) : '';
  if (!isReportId(id)) return genericCard(request, env, 'deps', PRIVATE);
  return cardResponse(request, env, {
    key: cacheKey(request.url, `${DEPS_CARD_PREFIX}${id}.png?v=${DEPS_CARD_VERSION}`),
    draw: async () => {
      const loaded = await loadSavedReport(env.KV, id);
      return loaded.ok ? depsCardSvg(loaded.saved, cardFonts()).svg : null;
    },
    // Our counting rules may still improve: a day, not a year, although the report itself never changes.
    cacheControl: CARD_CACHE_CONTROL,
    headers: PRIVATE,
    fallback: 'deps',
  });
};

export const onRequestHead = headFromGet(onRequestGet);
