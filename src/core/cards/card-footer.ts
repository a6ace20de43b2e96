/** Every card's footer: a rule, the site's (and tool's) name on the left, an optional note on the right. */
import { CARD_COLOURS, CARD_HEIGHT, CARD_MARGIN, CARD_WIDTH } from './card-style.ts';
import { fitText, type CardFonts } from './card-text.ts';
import { svgText } from './svg.ts';

/** The footer's baseline and the rule above it, from the card's bottom edge. */
const BASELINE_FROM_BOTTOM = 40;
const RULE_FROM_BOTTOM = 88;

export function cardFooter(fonts: CardFonts, name: string, note: string | null = null): string {
  const width = CARD_WIDTH - 2 * CARD_MARGIN;
  const y = CARD_HEIGHT - BASELINE_FROM_BOTTOM;
  const left = fitText(name, fonts.bold, note === null ? width : width * 0.58, [26, 23, 20]);
  const parts = [
    `<line x1="${CARD_MARGIN}" x2="${CARD_WIDTH - CARD_MARGIN}" y1="${CARD_HEIGHT - RULE_FROM_BOTTOM}" y2="${CARD_HEIGHT - RULE_FROM_BOTTOM}" stroke="${CARD_COLOURS.line}" stroke-width="2"/>`,
    svgText(left.text, { x: CARD_MARGIN, y, size: left.size, weight: 'bold', fill: CARD_COLOURS.accent }),
  ];
  if (note !== null) {
    const right = fitText(note, fonts.regular, width * 0.4, [20, 18]);
    parts.push(
      svgText(right.text, {
        x: CARD_WIDTH - CARD_MARGIN,
        y,
        size: right.size,
        fill: CARD_COLOURS.muted,
        anchor: 'end',
      }),
    );
  }
  return parts.join('');
}
