/**
 * Where the cards live and how a page names them in its meta tags. A result's og:image URL carries the
 * canonical query (the model's fields parsed and written back in their fixed order: "8.30" → "8.3",
 * unknown keys such as utm_* dropped) and a version `v` that changes whenever the model or the drawing
 * does, so every link to the same result names one image URL, and an image URL never changes meaning:
 * unfurlers, browsers and CDNs may keep it for a year.
 */
import { fnv1a } from '../tti/hash.ts';
import { DEFAULT_PARAMS } from '../tti/params.ts';
import { toTtiQuery } from '../tti/query.ts';
import type { TtiInput } from '../tti/types.ts';
import { CARD_HEIGHT, CARD_TEMPLATE_VERSION, CARD_WIDTH } from './card-style.ts';

export const TTI_CARD_PATH = '/og/tti.png';
export const DEPS_CARD_PREFIX = '/og/deps/';

/** The version in a TTI card's URL: the model's version and the template's, fingerprinted. */
export const TTI_CARD_VERSION = fnv1a(`${DEFAULT_PARAMS.version}|${CARD_TEMPLATE_VERSION}`);
/** The version in a map card's URL: the template's (a saved report never changes). */
export const DEPS_CARD_VERSION = String(CARD_TEMPLATE_VERSION);

/** `https://host/og/tti.png?current=8.3&target=5.7&v=…` for a result's input. */
export function ttiCardUrl(origin: string, input: TtiInput): string {
  const query = toTtiQuery(input);
  query.set('v', TTI_CARD_VERSION);
  return `${origin}${TTI_CARD_PATH}?${query.toString()}`;
}

/** `https://host/og/deps/<id>.png?v=…` for a saved report. */
export function depsCardUrl(origin: string, id: string): string {
  return `${origin}${DEPS_CARD_PREFIX}${id}.png?v=${DEPS_CARD_VERSION}`;
}

/** The Open Graph and Twitter tags of a large image card, as [attribute, name, content] triples. */
export function cardMetaTags(image: string, alt: string): Array<['property' | 'name', string, string]> {
  return [
    ['property', 'og:image', image],
    ['property', 'og:image:type', 'image/png'],
    ['property', 'og:image:width', String(CARD_WIDTH)],
    ['property', 'og:image:height', String(CARD_HEIGHT)],
    ['property', 'og:image:alt', alt],
    ['name', 'twitter:image', image],
    ['name', 'twitter:image:alt', alt],
  ];
}

/** `twitter:card` when a page has a large image card. */
export const LARGE_CARD = 'summary_large_image';

/**
 * The public origin for absolute URLs in meta tags: SITE_URL when it is an http(s) URL (a custom domain
 * in front of several hostnames), else the request's own origin.
 */
export function publicOrigin(requestUrl: string, siteUrl: string | undefined): string {
  if (siteUrl) {
    try {
      const url = new URL(siteUrl);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
    } catch {
      // not a URL: fall back to the request's origin
    }
  }
  return new URL(requestUrl).origin;
}
