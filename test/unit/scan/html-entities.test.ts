import { describe, expect, it } from 'vitest';
import { decodeAttribute } from '../../../src/core/scan/html-entities.ts';

describe('decodeAttribute', () => {
  it.each<[string, string]>([
    ['a.css?x=1&amp;y=2', 'a.css?x=1&y=2'],
    ['&#104;ttps://x', 'https://x'],
    ['&#x68;ttps&#58;//x', 'https://x'],
    ['&#X2F;', '/'],
    ['https&colon;//x&sol;y', 'https://x/y'],
    ['&quot;&lt;&gt;&apos;', '"<>\''],
    ['?a=1&amp=2', '?a=1&amp=2'],
    ['?a=1&amp&b', '?a=1&&b'],
    ['&unknown;', '&unknown;'],
    ['&#0;', '\ufffd'],
    ['&#xD800;', '\ufffd'],
    ['&#x110000;', '\ufffd'],
    ['&#99999999999999999999;', '\ufffd'],
    ['no entities', 'no entities'],
    ['&', '&'],
  ])('%j → %j', (value, expected) => {
    expect(decodeAttribute(value)).toBe(expected);
  });
});
