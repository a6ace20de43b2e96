import { describe, expect, it } from 'vitest';
import { findScriptUrls } from '../../../src/core/scan/script-urls.ts';

describe('findScriptUrls', () => {
  it.each<[string, string[]]>([
    [
      "s.src='https://www.googletagmanager.com/gtm.js?id='+i",
      ['https://www.googletagmanager.com/gtm.js?id='],
    ],
    ['load("//cdn.example.com/a.js")', ['//cdn.example.com/a.js']],
    ['x = `https://api.example.com/v1`', ['https://api.example.com/v1']],
    ['x = `https://${host}/v1`', []],
    ['{"src":"https:\\/\\/cdn.example.com\\/x.js"}', ['https://cdn.example.com/x.js']],
    ['fetch("/api/relative")', []],
    ['a = "http://example.com"', ['http://example.com']],
    ['a = "https://localhost"', []],
    ['a = "ftp://example.com/x"', []],
    ['// https://comment.example.com/not-quoted', []],
    [
      'a = "https://a.example.com/x", b = \'https://b.example.com/y\'',
      ['https://a.example.com/x', 'https://b.example.com/y'],
    ],
    ['a = "https://a.example.com/x\'', []],
    ['a = "https://[2001:db8::1]/x"', ['https://[2001:db8::1]/x']],
  ])('%j', (source, expected) => {
    expect(findScriptUrls(source)).toEqual(expected);
  });

  it('searches only the first maxChars characters', () => {
    const source = `${' '.repeat(100)}"https://late.example.com/x"`;
    expect(findScriptUrls(source, 50)).toEqual([]);
  });

  it('is linear on hostile input (no catastrophic backtracking)', () => {
    // CPU time of this process, not wall time: linear takes milliseconds, backtracking minutes.
    const source = '"//' + 'a\\/'.repeat(100_000);
    const started = process.cpuUsage();
    findScriptUrls(source, source.length);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(2_000);
  });
});
