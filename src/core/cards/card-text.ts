/**
 * Text that fits: every line of a card has a box, a list of font sizes to try from large to small, and a
 * hard cut with "…" at the smallest size. Widths come from the font's own advances (font-metrics.ts), so
 * no input — a 500-character company name, a headline for 60 s → 0.1 s — can overflow its box. Characters
 * the font cannot draw become "?" (resvg would silently leave a gap), and control, bidi and zero-width
 * characters are removed before measuring, so what is measured is what is drawn.
 */
import type { FontMetrics } from './font-metrics.ts';

/**
 * Longest text measured, in code points: the widest box holds about 70 characters at the smallest size,
 * so anything longer is cut before measuring, which bounds the work per line whatever the input.
 */
export const MAX_LINE_CHARS = 200;

/**
 * Share of the box a measured line may fill: kerning (not measured) and anti-aliasing can add a pixel or
 * two, so a line is fitted into 97 % of its box.
 */
export const FIT_MARGIN = 0.97;

const ELLIPSIS = '…';
const REPLACEMENT = '?';
/** C0/C1 controls, bidi embeddings, overrides and isolates, zero-width characters, BOM, line separators. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/gu;

/** Text as the card will draw it: one line, normalised, invisible characters dropped, unknown glyphs "?". */
export function drawableText(text: string, font: FontMetrics): string {
  const oneLine = text
    .normalize('NFC')
    .replace(/[\t\n\r\u2028\u2029]+/g, ' ')
    .replace(INVISIBLE, '');
  let out = '';
  let count = 0;
  for (const char of oneLine) {
    if (++count > MAX_LINE_CHARS) break;
    out += font.advance(char.codePointAt(0)!) === undefined ? REPLACEMENT : char;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** Width of a drawable text in pixels at `size` (font units scaled, no kerning). */
export function textWidth(text: string, font: FontMetrics, size: number): number {
  let units = 0;
  for (const char of text) units += font.advance(char.codePointAt(0)!) ?? 0;
  return (units * size) / font.unitsPerEm;
}

export interface FittedText {
  text: string;
  size: number;
  /** Whether the text had to be cut ("…"). */
  cut: boolean;
}

/**
 * The largest of `sizes` at which `text` fits in `maxWidth`; at the smallest size, the longest prefix
 * that fits with "…" after it (cut at a space when one is near, so words stay whole).
 */
export function fitText(
  text: string,
  font: FontMetrics,
  maxWidth: number,
  sizes: readonly number[],
): FittedText {
  const drawable = drawableText(text, font);
  const room = maxWidth * FIT_MARGIN;
  for (const size of sizes) {
    if (textWidth(drawable, font, size) <= room) return { text: drawable, size, cut: false };
  }
  const size = sizes[sizes.length - 1]!;
  const chars = [...drawable];
  let keep = chars.length;
  while (keep > 0 && textWidth(`${chars.slice(0, keep).join('')}${ELLIPSIS}`, font, size) > room) keep--;
  let head = chars.slice(0, keep).join('');
  const space = head.lastIndexOf(' ');
  // Prefer a word boundary when it costs less than a quarter of the line.
  if (space > head.length * 0.75) head = head.slice(0, space);
  return { text: `${head.trimEnd()}${ELLIPSIS}`, size, cut: true };
}

/** The metrics of both weights a card uses. */
export interface CardFonts {
  regular: FontMetrics;
  bold: FontMetrics;
}
