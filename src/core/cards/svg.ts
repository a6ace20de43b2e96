/** The few SVG pieces the card templates are made of, with every text escaped once, here. */
import { CARD_COLOURS, CARD_FONT_FAMILY, CARD_FONT_WEIGHTS, CARD_HEIGHT, CARD_WIDTH } from './card-style.ts';

/** Text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface TextOptions {
  x: number;
  y: number;
  size: number;
  weight?: keyof typeof CARD_FONT_WEIGHTS;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
}

/** One line of text at a baseline. */
export function svgText(text: string, o: TextOptions): string {
  const anchor = o.anchor && o.anchor !== 'start' ? ` text-anchor="${o.anchor}"` : '';
  return (
    `<text x="${o.x}" y="${o.y}" font-size="${o.size}" font-weight="${CARD_FONT_WEIGHTS[o.weight ?? 'regular']}"` +
    ` fill="${o.fill ?? CARD_COLOURS.text}"${anchor}>${escapeXml(text)}</text>`
  );
}

/** The 1200 × 630 document around a card's parts: white ground, the accent bar, one font family. */
export function svgDocument(parts: readonly string[], title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" font-family="${CARD_FONT_FAMILY}">` +
    `<title>${escapeXml(title)}</title>` +
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="${CARD_COLOURS.background}"/>` +
    `<rect width="${CARD_WIDTH}" height="12" fill="${CARD_COLOURS.accent}"/>` +
    parts.join('') +
    '</svg>'
  );
}
