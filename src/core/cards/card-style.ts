/**
 * The cards' fixed frame and palette. 1200 × 630 is the size every large link preview uses (Open Graph's
 * 1.91:1; X's summary_large_image, LinkedIn, Slack and Facebook all crop to it), and the colours are the
 * site's own (src/layouts/Base.astro), so a card looks like the page it links to.
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** Inner margin: previews round the corners and some crop a few pixels at the edges. */
export const CARD_MARGIN = 64;

/** The family name inside src/data/fonts/*.bin; resvg matches it exactly or silently draws nothing. */
export const CARD_FONT_FAMILY = 'Inter';
export const CARD_FONT_WEIGHTS = { regular: 400, bold: 700 } as const;

export const CARD_COLOURS = {
  background: '#ffffff',
  text: '#1a1a1a',
  muted: '#4a4a4a',
  accent: '#0b57d0',
  good: '#0a7a3a',
  bad: '#b3261e',
  band: '#0b57d0',
  panel: '#f5f7fa',
  line: '#d0d4da',
} as const;

/** The name printed on every card, as in the site's header. */
export const SITE_NAME = 'Edge speed tools';

/**
 * Bumped whenever a template's drawing changes without its printed text changing (a colour, a
 * position): it is part of every card's cache key and of the og:image URL, so no cache keeps an old
 * drawing under a new key.
 */
export const CARD_TEMPLATE_VERSION = 1;
