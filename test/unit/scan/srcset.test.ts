import { describe, expect, it } from 'vitest';
import { parseSrcset } from '../../../src/core/scan/srcset.ts';

describe('parseSrcset', () => {
  it.each<[string, string[]]>([
    ['a.png', ['a.png']],
    ['a.png 1x, b.png 2x', ['a.png', 'b.png']],
    ['a.png 100w,b.png 200w', ['a.png', 'b.png']],
    ['  a.png   1x ,   b.png  ', ['a.png', 'b.png']],
    [
      'https://cdn.example/w_100,h_50/a.png 1x, https://cdn.example/w_200,h_100/a.png 2x',
      ['https://cdn.example/w_100,h_50/a.png', 'https://cdn.example/w_200,h_100/a.png'],
    ],
    ['a.png,b.png', ['a.png,b.png']],
    ['a.png, b.png', ['a.png', 'b.png']],
    ['a.png,, b.png', ['a.png', 'b.png']],
    ['data:image/png;base64,AAAA 1x, b.png 2x', ['data:image/png;base64,AAAA', 'b.png']],
    ['a.png (max-width: 1px, 2px) 1x, b.png', ['a.png', 'b.png']],
    ['', []],
    [' , , ', []],
  ])('%j', (value, expected) => {
    expect(parseSrcset(value)).toEqual(expected);
  });
});
