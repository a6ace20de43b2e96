/**
 * Serving a card: rendered once per distinct drawing, then answered from the Cache API.
 *
 * The cache key is the SHA-256 of what is drawn (the card's SVG source, which holds every printed figure
 * already rounded as printed, plus the renderer and template versions), so every query that prints the
 * same card — `8.3` and `8.30`, utm_* or not, 8.3 and 8.300001 — shares one entry, and a flood of
 * near-identical queries costs one render. The og:image URLs themselves carry the canonical query
 * (card-urls.ts), so browsers and unfurlers share their caches too.
 *
 * Where the Cache API does nothing (`*.workers.dev`, possibly `*.pages.dev`; docs/cards.md), every request
 * renders: correct, about 30–50 ms of CPU each. `x-card-cache: hit | miss` tells which happened.
 * A render that throws answers the tool's generic card from the static assets: never a 5xx, never an
 * error drawn into an image.
 */
import { CARD_TEMPLATE_VERSION } from '../../../src/core/cards/card-style.ts';
import { siteCardPath, type SiteCardName } from '../../../src/components/cards/site-card.ts';
import { renderPng, RESVG_VERSION } from './renderer.ts';

/** A drawn card (immutable for its query) may be kept a year; the URL changes when the drawing would. */
export const CARD_CACHE_CONTROL_IMMUTABLE = 'public, max-age=31536000, immutable';
/** A card asked for without the current version (an old link, a hand-made URL): a day. */
export const CARD_CACHE_CONTROL = 'public, max-age=86400';
/** The generic card for an invalid query or a report that is not (yet) there: short, it may change. */
export const GENERIC_CACHE_CONTROL = 'public, max-age=300';

/** Headers every card answer carries (no _headers rule reaches a Function's own response). */
const IMAGE_HEADERS: Record<string, string> = {
  'content-type': 'image/png',
  'x-content-type-options': 'nosniff',
  // Anyone may show the picture (unfurlers, blogs): it is the point of a card.
  'cross-origin-resource-policy': 'cross-origin',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The Cache API key of a drawing: a URL on the request's own host (cache entries are per zone). */
export async function drawingCacheKey(requestUrl: string, svg: string): Promise<Request> {
  const hash = await sha256Hex(`resvg ${RESVG_VERSION}; template ${CARD_TEMPLATE_VERSION}\n${svg}`);
  return cacheKey(requestUrl, `/og/cache/${hash}.png`);
}

/** A Cache API key for a path of the request's host (a saved map's card is keyed by its id). */
export function cacheKey(requestUrl: string, path: string): Request {
  return new Request(new URL(path, requestUrl).href, { method: 'GET' });
}

function withHeaders(body: BodyInit | null, status: number, extra: Record<string, string>): Response {
  return new Response(body, { status, headers: { ...IMAGE_HEADERS, ...extra } });
}

export interface CardRequest {
  key: Request;
  /** The card's SVG, or null when there is nothing to draw (then the generic card answers, uncached). */
  draw: () => Promise<string | null>;
  cacheControl: string;
  /** Extra response headers (x-robots-tag for private maps). */
  headers?: Record<string, string>;
  /** The generic card that stands in for a failed or impossible drawing. */
  fallback: SiteCardName;
}

/** The PNG for a card: from the cache, or drawn, rendered and stored. */
export async function cardResponse(request: Request, env: Env, card: CardRequest): Promise<Response> {
  const extra = { 'cache-control': card.cacheControl, ...card.headers };
  const cache = caches.default;
  const hit = await cache.match(card.key);
  if (hit) return withHeaders(hit.body, 200, { ...extra, 'x-card-cache': 'hit' });
  let png: Uint8Array;
  try {
    const svg = await card.draw();
    if (svg === null) return genericCard(request, env, card.fallback, card.headers);
    png = await renderPng(svg);
  } catch (error) {
    console.error('card drawing failed', error);
    return genericCard(request, env, card.fallback, card.headers);
  }
  // Stored for a year whatever the answer says: the key names the drawing (or the immutable report).
  const stored = withHeaders(png, 200, { 'cache-control': CARD_CACHE_CONTROL_IMMUTABLE });
  await cache.put(card.key, stored);
  return withHeaders(png, 200, { ...extra, 'x-card-cache': 'miss' });
}

/** The tool's generic card, from the static assets the build rendered (no CPU spent drawing). */
export async function genericCard(
  request: Request,
  env: Env,
  name: SiteCardName,
  headers: Record<string, string> = {},
): Promise<Response> {
  const asset = await env.ASSETS.fetch(new Request(new URL(siteCardPath(name), request.url)));
  return withHeaders(asset.ok ? asset.body : null, asset.ok ? 200 : 404, {
    'cache-control': GENERIC_CACHE_CONTROL,
    'x-card': 'generic',
    ...headers,
  });
}
