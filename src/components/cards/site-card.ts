/**
 * The generic cards: one per tool and one for the site. The build renders them into dist/og/static/
 * (scripts/static-cards.ts) for the plain pages' og:image, and the card routes answer with them when a
 * query is invalid or a report is gone, so a broken link still unfurls as the tool, never as an error.
 */
import { CARD_COLOURS, CARD_MARGIN, CARD_WIDTH, SITE_NAME } from '../../core/cards/card-style.ts';
import { cardFooter } from '../../core/cards/card-footer.ts';
import { fitText, type CardFonts } from '../../core/cards/card-text.ts';
import { svgDocument, svgText } from '../../core/cards/svg.ts';
import { DEPS_TOOL_NAME } from './deps-card.ts';
import { TTI_TOOL_NAME } from './tti-card.ts';

export const SITE_CARDS = {
  site: {
    title: SITE_NAME,
    lines: [
      'What is a faster Time to Interactive worth?',
      'What breaks when a CDN, cloud or DNS provider goes down?',
    ],
  },
  tti: {
    title: TTI_TOOL_NAME,
    lines: [
      'What is a faster Time to Interactive worth?',
      'Conversion, bounce and revenue, with their range and the evidence.',
    ],
  },
  deps: {
    title: DEPS_TOOL_NAME,
    lines: [
      'Does your site depend on the network that just went down?',
      'Every third-party host, its company, and its CDN, cloud and DNS.',
    ],
  },
} as const;

export type SiteCardName = keyof typeof SITE_CARDS;

/** Where the build puts each generic card (a path of the site). */
export function siteCardPath(name: SiteCardName): string {
  return `/og/static/${name}.png`;
}

export function siteCardSvg(name: SiteCardName, fonts: CardFonts): { svg: string; alt: string } {
  const card = SITE_CARDS[name];
  const width = CARD_WIDTH - 2 * CARD_MARGIN;
  const title = fitText(card.title, fonts.bold, width, [76, 64, 56]);
  const parts = [svgText(title.text, { x: CARD_MARGIN, y: 250, size: title.size, weight: 'bold' })];
  card.lines.forEach((line, i) => {
    const fitted = fitText(line, fonts.regular, width, [36, 32, 28]);
    parts.push(
      svgText(fitted.text, { x: CARD_MARGIN, y: 330 + i * 52, size: fitted.size, fill: CARD_COLOURS.muted }),
    );
  });
  parts.push(cardFooter(fonts, SITE_NAME));
  const alt = `${card.title}: ${card.lines.join(' ')}`;
  return { svg: svgDocument(parts, alt), alt };
}
