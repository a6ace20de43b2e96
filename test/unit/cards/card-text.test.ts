import { describe, expect, it } from 'vitest';
import { drawableText, fitText, MAX_LINE_CHARS, textWidth } from '../../../src/core/cards/card-text.ts';
import type { FontMetrics } from '../../../src/core/cards/font-metrics.ts';
import { CARD_FONTS } from '../../../scripts/lib/card-renderer.ts';

/** A made-up font: every glyph 500 units of 1000, and only ASCII letters, digits, space and "…". */
const mono: FontMetrics = {
  unitsPerEm: 1000,
  advance: (c) => (/[A-Za-z0-9 …?.]/.test(String.fromCodePoint(c)) ? 500 : undefined),
};

describe('drawableText', () => {
  it.each([
    ['plain', 'Acme CDN', 'Acme CDN'],
    ['unknown glyphs become "?"', 'Acme 中国 CDN', 'Acme ?? CDN'],
    ['bidi overrides and isolates are dropped', 'evil\u202Egnp.exe\u2066x\u2069', 'evilgnp.exex'],
    ['zero-width and BOM are dropped', 'a\u200Bb\uFEFFc', 'abc'],
    ['line breaks and tabs become one space', 'a\n\n\tb\r\nc', 'a b c'],
    ['controls are dropped', 'a\u0000b\u0007c\u009F', 'abc'],
    ['outer space trimmed, runs collapsed', '  a    b  ', 'a b'],
  ])('%s', (_name, input, expected) => expect(drawableText(input, mono)).toBe(expected));

  it(`cuts anything longer than ${MAX_LINE_CHARS} characters before measuring`, () => {
    expect([...drawableText('x'.repeat(100_000), mono)]).toHaveLength(MAX_LINE_CHARS);
  });
});

describe('fitText', () => {
  const sizes = [40, 30, 20];

  it('takes the largest size that fits', () => {
    // 10 glyphs × 0.5 em: 200 px at 40, 150 at 30, 100 at 20.
    expect(fitText('abcdefghij', mono, 1000, sizes)).toEqual({ text: 'abcdefghij', size: 40, cut: false });
    expect(fitText('abcdefghij', mono, 180, sizes)).toEqual({ text: 'abcdefghij', size: 30, cut: false });
    expect(fitText('abcdefghij', mono, 110, sizes)).toEqual({ text: 'abcdefghij', size: 20, cut: false });
  });

  it('cuts with "…" at the smallest size, at a word boundary when one is near', () => {
    const fitted = fitText('alpha beta gamma delta', mono, 110, sizes);
    expect(fitted.size).toBe(20);
    expect(fitted.cut).toBe(true);
    expect(fitted.text.endsWith('…')).toBe(true);
    expect(textWidth(fitted.text, mono, 20)).toBeLessThanOrEqual(110);
  });

  it.each([
    ['a 500-character name', 'Example Holdings International '.repeat(20)],
    ['one unbroken word', 'W'.repeat(400)],
    ['markup', '<script>alert(1)</script>&amp;"\''.repeat(10)],
    ['digits', '9'.repeat(300)],
  ])('never exceeds its box with the real font: %s', (_name, text) => {
    for (const width of [120, 400, 1072]) {
      const fitted = fitText(text, CARD_FONTS.bold, width, [52, 40, 30]);
      expect(textWidth(fitted.text, CARD_FONTS.bold, fitted.size)).toBeLessThanOrEqual(width);
    }
  });

  it('an empty or invisible-only text stays empty', () => {
    expect(fitText('\u202E\u200B', mono, 100, sizes).text).toBe('');
  });
});
