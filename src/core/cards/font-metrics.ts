/**
 * Advance widths and character coverage read from an OpenType font (TrueType or CFF outlines), so the
 * cards can measure text with the very font resvg draws it in: a line is fitted before rendering, never
 * clipped after. Reads four tables only (OpenType spec, https://learn.microsoft.com/typography/opentype/spec/):
 * `head` (unitsPerEm), `hhea` (numberOfHMetrics), `hmtx` (advances) and `cmap` (format 4 or 12).
 * Kerning is not applied: it only ever tightens Latin text by a few percent, and every width check keeps
 * a margin for it (card-text.ts).
 */

export interface FontMetrics {
  unitsPerEm: number;
  /** Advance width in font units of a code point, or undefined when the font has no glyph for it. */
  advance(codePoint: number): number | undefined;
}

/** The byte offset of each table, by tag. */
function tables(view: DataView): Map<string, { offset: number; length: number }> {
  const count = view.getUint16(4);
  const found = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(
      view.getUint8(record),
      view.getUint8(record + 1),
      view.getUint8(record + 2),
      view.getUint8(record + 3),
    );
    found.set(tag, { offset: view.getUint32(record + 8), length: view.getUint32(record + 12) });
  }
  return found;
}

/** Code point → glyph id from a format 4 (BMP) subtable. */
function readFormat4(view: DataView, at: number, into: Map<number, number>): void {
  const segments = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getInt16(deltas + s * 2);
    const rangeOffset = view.getUint16(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const slot = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
        glyph = view.getUint16(slot);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) into.set(c, glyph);
    }
  }
}

/** Code point → glyph id from a format 12 (full Unicode) subtable. */
function readFormat12(view: DataView, at: number, into: Map<number, number>): void {
  const groups = view.getUint32(at + 12);
  for (let g = 0; g < groups; g++) {
    const group = at + 16 + g * 12;
    const start = view.getUint32(group);
    const end = view.getUint32(group + 4);
    const first = view.getUint32(group + 8);
    for (let c = start; c <= end; c++) into.set(c, first + (c - start));
  }
}

/** Unicode subtables in order of preference: Windows full repertoire, Windows BMP, Unicode platform. */
const CMAP_PREFERENCE = ['3/10', '0/4', '3/1', '0/3'];

function readCmap(view: DataView, at: number): Map<number, number> {
  const count = view.getUint16(at + 2);
  const subtables = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const record = at + 4 + i * 8;
    subtables.set(`${view.getUint16(record)}/${view.getUint16(record + 2)}`, at + view.getUint32(record + 4));
  }
  const glyphs = new Map<number, number>();
  for (const key of CMAP_PREFERENCE) {
    const sub = subtables.get(key);
    if (sub === undefined) continue;
    const format = view.getUint16(sub);
    if (format === 12) readFormat12(view, sub, glyphs);
    else if (format === 4) readFormat4(view, sub, glyphs);
    else continue;
    return glyphs;
  }
  throw new Error('The font has no Unicode cmap of format 4 or 12.');
}

/** Reads the metrics of a font file. Throws on a file that is not OpenType (a broken bundle, not input). */
export function readFontMetrics(font: ArrayBuffer | Uint8Array): FontMetrics {
  const bytes = font instanceof Uint8Array ? font : new Uint8Array(font);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const t = tables(view);
  const head = t.get('head');
  const hhea = t.get('hhea');
  const hmtx = t.get('hmtx');
  const cmap = t.get('cmap');
  if (!head || !hhea || !hmtx || !cmap) throw new Error('Not an OpenType font (head/hhea/hmtx/cmap).');
  const unitsPerEm = view.getUint16(head.offset + 18);
  const metricsCount = view.getUint16(hhea.offset + 34);
  const glyphs = readCmap(view, cmap.offset);
  // Glyphs past numberOfHMetrics share the last advance (monospaced runs at the end of the table).
  const advanceOf = (glyph: number) => view.getUint16(hmtx.offset + Math.min(glyph, metricsCount - 1) * 4);
  const advances = new Map<number, number>();
  for (const [codePoint, glyph] of glyphs) advances.set(codePoint, advanceOf(glyph));
  return { unitsPerEm, advance: (codePoint) => advances.get(codePoint) };
}
