/**
 * The embeddable calculator's contract with the page around it (docs/cards.md "Embed"): the iframe
 * snippet a blog pastes, and the one message the embed sends — its content height, so the snippet's
 * listener can size the iframe to fit. The embed listens to nothing; the message carries nothing but a
 * number, so it is posted to any origin ("*"), and the snippet accepts it only from the embed's own
 * origin and its own iframe, as a finite number clamped to a sane range. Pure: no DOM.
 */

/** `event.data` of the resize message: `{ type, version, height }`, height in CSS pixels. */
export const EMBED_MESSAGE_TYPE = 'edge-speed-tools:embed-height';
export const EMBED_MESSAGE_VERSION = 1;

export interface EmbedHeightMessage {
  type: typeof EMBED_MESSAGE_TYPE;
  version: typeof EMBED_MESSAGE_VERSION;
  height: number;
}

/** The path of the embeddable calculator. */
export const EMBED_PATH = '/embed/tti/';

/** The column widths the embed is laid out for, CSS px (a blog column). */
export const EMBED_MIN_WIDTH = 320;
export const EMBED_MAX_WIDTH = 720;

/**
 * The iframe's height before (or without) the resize message. Measured in Chromium on the default
 * result: ≈ 540 px tall from 560 px wide (two columns), ≈ 920 px at 320 px. 820 px shows it whole in
 * most blog columns; narrower ones scroll until the script resizes them.
 */
export const EMBED_DEFAULT_HEIGHT = 820;

/** The listener never sets a height outside this range, whatever a message says. */
export const EMBED_HEIGHT_RANGE = { min: 200, max: 4000 } as const;

/** The copy-paste HTML for an origin (https://tools.example.org) and an optional starting query. */
export function embedSnippet(origin: string, query = ''): string {
  const src = `${origin}${EMBED_PATH}${query ? `?${query}` : ''}`;
  const { min, max } = EMBED_HEIGHT_RANGE;
  const iframe =
    `<iframe src="${src.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" title="TTI lift calculator" loading="lazy" ` +
    `style="display:block;width:100%;max-width:${EMBED_MAX_WIDTH}px;min-width:${EMBED_MIN_WIDTH}px;height:${EMBED_DEFAULT_HEIGHT}px;border:0"></iframe>`;
  // Finds its iframe as the element just before it, so several embeds on one page each size their own.
  const script =
    `<script>(function(f){addEventListener("message",function(e){var d=e.data;` +
    `if(e.source===f.contentWindow&&e.origin===${JSON.stringify(origin)}&&d&&d.type===${JSON.stringify(EMBED_MESSAGE_TYPE)}` +
    `&&d.version===${EMBED_MESSAGE_VERSION}&&typeof d.height==="number"&&isFinite(d.height))` +
    `f.style.height=Math.min(${max},Math.max(${min},Math.ceil(d.height)))+"px"})})(document.currentScript.previousElementSibling)</script>`;
  return `${iframe}\n${script}`;
}
