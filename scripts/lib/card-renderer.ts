/**
 * The card renderer in Node, for the build's static cards (scripts/static-cards.ts) and the tests: the same resvg-wasm build and the
 * same font files the Functions bundle carries, initialised once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { readFontMetrics } from '../../src/core/cards/font-metrics.ts';
import type { CardFonts } from '../../src/core/cards/card-text.ts';
import { renderCardPng } from '../../src/core/cards/render-card.ts';

const fontFile = (name: string) => readFileSync(new URL(`../../src/data/fonts/${name}`, import.meta.url));

/** The two bundled weights, as bytes and as metrics. */
export const FONT_BYTES = [fontFile('inter-card-regular.bin'), fontFile('inter-card-bold.bin')].map(
  (b) => new Uint8Array(b),
);
export const CARD_FONTS: CardFonts = {
  regular: readFontMetrics(FONT_BYTES[0]!),
  bold: readFontMetrics(FONT_BYTES[1]!),
};

let ready: Promise<void> | null = null;

/** Renders a card's SVG to PNG bytes with the project's renderer. */
export async function renderInNode(svg: string): Promise<Uint8Array> {
  ready ??= initWasm(readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')));
  await ready;
  return renderCardPng(Resvg, svg, FONT_BYTES);
}
