/**
 * SVG → PNG with resvg (docs/decisions.md: why resvg-wasm). The renderer is passed in, already
 * initialised, so this one function serves workerd (functions/lib/og/png.ts), the build's static cards
 * and the tests in Node, with the same options everywhere.
 */
import type { Resvg } from '@resvg/resvg-wasm';
import { CARD_FONT_FAMILY } from './card-style.ts';

export type ResvgClass = typeof Resvg;

/** Renders a card at its own size with only the bundled fonts (no system fonts exist in workerd). */
export function renderCardPng(resvg: ResvgClass, svg: string, fontBuffers: Uint8Array[]): Uint8Array {
  const renderer = new resvg(svg, {
    fitTo: { mode: 'original' },
    font: { fontBuffers, defaultFontFamily: CARD_FONT_FAMILY, loadSystemFonts: false },
  });
  try {
    const image = renderer.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    renderer.free();
  }
}
