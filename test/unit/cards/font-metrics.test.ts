/**
 * readFontMetrics against fontTools' reading of the same files (independent oracle, pinned here):
 *   python3 -c "from fontTools.ttLib import TTFont; f=TTFont('src/data/fonts/inter-card-regular.bin');
 *   c=f.getBestCmap(); print(f['head'].unitsPerEm, len(c), [f['hmtx'][c[u]][0] for u in (0x41, 0x2192)])"
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFontMetrics } from '../../../src/core/cards/font-metrics.ts';

const font = (name: string) => readFileSync(new URL(`../../../src/data/fonts/${name}`, import.meta.url));

describe('readFontMetrics', () => {
  const regular = readFontMetrics(font('inter-card-regular.bin'));
  const bold = readFontMetrics(font('inter-card-bold.bin'));

  it('reads unitsPerEm from head', () => {
    expect(regular.unitsPerEm).toBe(2816);
    expect(bold.unitsPerEm).toBe(2816);
  });

  it.each([
    [0x20, 792, 653],
    [0x41, 1904, 2106],
    [0x57, 2672, 2917],
    [0x69, 668, 766],
    [0x30, 1760, 1938],
    [0x31, 1308, 1378],
    [0x2192, 2688, 2688],
    [0x2212, 1856, 1914],
    [0x20ac, 1872, 1932],
    [0xa3, 1776, 1891],
    [0xa5, 1544, 1611],
    [0x17e, 1524, 1610],
  ])('U+%s: advance %i (regular), %i (bold), as fontTools reads hmtx', (codePoint, r, b) => {
    expect(regular.advance(codePoint)).toBe(r);
    expect(bold.advance(codePoint)).toBe(b);
  });

  it('covers every character the cards print and nothing the subset dropped', () => {
    for (const char of 'Cutting TTI from 8.3 s to 5.7 s → −7.1% €£¥₹ Société Łódź …') {
      expect(regular.advance(char.codePointAt(0)!), char).toBeGreaterThan(0);
    }
    for (const char of ['中', 'Ж', '😀', '\ufffd'])
      expect(regular.advance(char.codePointAt(0)!)).toBeUndefined();
  });

  it('refuses a file that is not OpenType (a broken bundle is a bug, not input)', () => {
    expect(() => readFontMetrics(new Uint8Array(64))).toThrow(/OpenType/);
  });
});
