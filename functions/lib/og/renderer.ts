/**
 * The card renderer inside workerd: resvg-wasm (docs/decisions.md) with the two bundled Inter weights.
 * `initWasm` may run once per isolate (a second call throws), so one promise is kept; a failed start is
 * forgotten so the next request tries again. The fonts' metrics are read on first use, not at isolate
 * start, so routes that draw no card pay nothing for them.
 */
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import wasm from '@resvg/resvg-wasm/index_bg.wasm';
import regular from '../../../src/data/fonts/inter-card-regular.bin';
import bold from '../../../src/data/fonts/inter-card-bold.bin';
import { readFontMetrics } from '../../../src/core/cards/font-metrics.ts';
import type { CardFonts } from '../../../src/core/cards/card-text.ts';
import { renderCardPng } from '../../../src/core/cards/render-card.ts';

/** The pinned renderer (package.json); part of every card's cache key, a test keeps them equal. */
export const RESVG_VERSION = '2.6.2';

const FONT_BYTES = [new Uint8Array(regular), new Uint8Array(bold)];
let fonts: CardFonts | null = null;
let ready: Promise<void> | null = null;

/** Metrics of the bundled fonts, for fitting text before it is drawn. */
export function cardFonts(): CardFonts {
  fonts ??= { regular: readFontMetrics(FONT_BYTES[0]!), bold: readFontMetrics(FONT_BYTES[1]!) };
  return fonts;
}

/** A card's SVG as PNG bytes. */
export async function renderPng(svg: string): Promise<Uint8Array> {
  ready ??= initWasm(wasm).catch((error: unknown) => {
    ready = null;
    throw error;
  });
  await ready;
  return renderCardPng(Resvg, svg, FONT_BYTES);
}
