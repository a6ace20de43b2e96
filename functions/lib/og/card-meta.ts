/**
 * Puts a large image card into a page's <head> with HTMLRewriter: the static page's own card tags (there
 * when the build knew SITE_URL) are removed, `twitter:card` becomes summary_large_image, and the card's
 * og:image, size, type and alt text are appended, all as absolute URLs.
 */
import { cardMetaTags, LARGE_CARD } from '../../../src/core/cards/card-urls.ts';
import { escapeHtml } from '../../../src/components/tti/escape-html.ts';

const REPLACED = 'meta[property^="og:image"], meta[name^="twitter:image"]';

export function withCardMeta(rewriter: HTMLRewriter, image: string, alt: string): HTMLRewriter {
  const tags = cardMetaTags(image, alt)
    .map(([attribute, name, content]) => `<meta ${attribute}="${name}" content="${escapeHtml(content)}">`)
    .join('');
  return rewriter
    .on(REPLACED, { element: (el) => void el.remove() })
    .on('meta[name="twitter:card"]', { element: (el) => void el.setAttribute('content', LARGE_CARD) })
    .on('head', { element: (el) => void el.append(tags, { html: true }) });
}
