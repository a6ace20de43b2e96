/**
 * The strips beside a card's margins, below its top 20 px, where no template may put ink: text that
 * overflows its column, or a bar drawn past its scale, lands here first (tti-card and deps-card tests).
 */
import { CARD_HEIGHT, CARD_MARGIN, CARD_WIDTH } from '../../../src/core/cards/card-style.ts';

const strip = { y: 20, width: CARD_MARGIN - 8, height: CARD_HEIGHT - 20 };

export const RIGHT_GUTTER = { x: CARD_WIDTH - CARD_MARGIN + 8, ...strip };
export const LEFT_GUTTER = { x: 0, ...strip };
