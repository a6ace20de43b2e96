import { describe, expect, it } from 'vitest';
import { chooseCharset, headerCharset, prescanMetaCharset } from '../../../src/core/scan/charset.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('chooseCharset', () => {
  it.each<[string | null, Uint8Array, string]>([
    ['text/html', bytes('<p>'), 'utf-8 default'],
    ['text/html; charset=ISO-8859-1', bytes('<p>'), 'windows-1252 header'],
    ['text/html; charset="shift_jis"', bytes('<p>'), 'shift_jis header'],
    ['text/html; charset=utf-8', bytes('<meta charset="shift_jis">'), 'utf-8 header'],
    ['text/html', bytes('<meta charset="shift_jis">'), 'shift_jis meta'],
    [
      'text/html',
      bytes('<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'),
      'euc-kr meta',
    ],
    ['text/html', bytes('<!-- <meta charset="koi8-r"> --><p>'), 'utf-8 default'],
    ['text/html; charset=bogus', bytes('<meta charset="gbk">'), 'gbk meta'],
    ['text/html; charset=bogus', bytes('<p>'), 'utf-8 default'],
    ['text/html', bytes('<meta charset="utf-16">'), 'utf-8 meta'],
    ['text/html; charset=iso-2022-jp', bytes('<p>'), 'utf-8 header'],
    ['text/html; charset=windows-1252', new Uint8Array([0xef, 0xbb, 0xbf, 0x3c]), 'utf-8 bom'],
  ])('%j %#', (type, head, expected) => {
    const choice = chooseCharset(type, head);
    expect(choice.ok ? `${choice.encoding} ${choice.source}` : 'refused').toBe(expected);
  });

  it.each<[string | null, Uint8Array]>([
    ['text/html; charset=utf-16le', bytes('<p>')],
    ['text/html; charset=UTF-16', bytes('<p>')],
    ['text/html', new Uint8Array([0xff, 0xfe, 0x3c, 0])],
    ['text/html', new Uint8Array([0xfe, 0xff, 0, 0x3c])],
  ])('refuses UTF-16: %j', (type, head) => {
    expect(chooseCharset(type, head).ok).toBe(false);
  });

  it('reads the header charset parameter', () => {
    expect(headerCharset('text/html;charset=UTF-8')).toBe('UTF-8');
    expect(headerCharset('text/html; foo=bar; charset="x"')).toBe('x');
    expect(headerCharset(null)).toBeNull();
  });

  it('looks only at the first 1024 bytes for <meta charset>', () => {
    expect(prescanMetaCharset(bytes(`${' '.repeat(1100)}<meta charset="gbk">`))).toBeNull();
  });
});
