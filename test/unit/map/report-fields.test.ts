/**
 * What a report field may hold (src/core/map/report-fields.ts): the checks the saved-report schema, the
 * HAR and scan adapters and the resolver's answer share. Normal, edge and hostile values, table-driven.
 */
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  isIpAddress,
  isMapHost,
  isPrefix,
  isSafeText,
  isStoredUrl,
} from '../../../src/core/map/report-fields.ts';

describe('isMapHost', () => {
  it.each([
    ['www.example.com', true],
    ['a_b.example.com', true],
    ['r3---sn-abc.googlevideo.com', true],
    ['localhost', true],
    ['xn--mnchen-3ya.de', true],
    ['192.0.2.1', true],
    ['2001:db8::1', true],
    ['::ffff:192.0.2.1', true],
    [`${'a'.repeat(63)}.example`, true],
    [`${'a'.repeat(64)}.example`, false],
    [`${'a.'.repeat(126)}ab`, false], // 254 characters
    ['a'.repeat(10_000), false],
    ['', false],
    ['WWW.EXAMPLE.COM', false],
    ['münchen.de', false],
    ['gооgle.com', false], // Cyrillic "о": IDNs arrive as punycode, never as look-alike letters
    ['\u202emoc.elgoog', false],
    ['goo\u200bgle.com', false],
    ['a!b$c.example', false], // the URL parser takes these; DNS has no such names
    ['<script>.example', false],
    ['a b.example', false],
    ['a..b', false],
    ['1.2.3.999', false],
    ['[2001:db8::1]', false],
    ['__proto__', true], // a name like any other: views key maps by it, never plain objects
  ])('%j -> %s', (host, expected) => {
    expect(isMapHost(host)).toBe(expected);
  });
});

describe('isIpAddress', () => {
  it.each([
    ['203.0.113.7', true],
    ['255.255.255.255', true],
    ['256.0.0.1', false],
    ['01.2.3.4', false],
    ['2001:DB8::1', true],
    ['::', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['2001:db8::g', false],
    ['example.com', false],
  ])('%j -> %s', (ip, expected) => {
    expect(isIpAddress(ip)).toBe(expected);
  });
});

describe('isSafeText and cleanText', () => {
  it.each([
    ['Amazon CloudFront', true],
    ['<img src=x onerror=alert(1)>', true], // markup is text: every view writes it with textContent
    ['Ünïcödé & émoji 🚀', true],
    ['Google\u202e', false], // right-to-left override
    ['Goo\u2066gle', false], // isolate
    ['Goo\u200bgle', false], // zero-width space
    ['line\u2028separator', false],
    ['tab\there', false],
    ['nul\u0000', false],
    ['c1\u0085', false],
    ['\ufeffbom', false],
    ['lone \ud800 surrogate', false],
    ['lone \udc00 low', false],
  ])('%j -> %s', (text, expected) => {
    expect(isSafeText(text)).toBe(expected);
    expect(isSafeText(cleanText(text, 1000))).toBe(true);
  });

  it('removes invisible characters, replaces lone surrogates and never splits a pair', () => {
    expect(cleanText('\u202eelgoog\u202c', 100)).toBe('elgoog');
    expect(cleanText('a\ud800b', 100)).toBe('a\ufffdb');
    expect(cleanText('ab🚀', 3)).toBe('ab');
    expect(cleanText('x'.repeat(600), 500)).toHaveLength(500);
  });
});

describe('isStoredUrl', () => {
  it.each([
    ['https://www.example.com/app.js', true],
    ['http://192.0.2.1:8080/', true],
    ['wss://socket.example.com/live', true],
    ['http://[2001:db8::1]/x', true],
    [`https://example.com/${'a'.repeat(280)}…`, true], // url.ts storedUrl's cut
    ['javascript:alert(1)', false],
    ['JAVASCRIPT:alert(1)//https://x', false],
    [' javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['blob:https://example.com/uuid', false],
    ['file:///etc/passwd', false],
    ['https://user:pass@example.com/', false],
    ['https://example.com/\u202etxt.exe', false],
    ['https://example.com/a b', false],
    ['//example.com/', false],
    ['/relative', false],
    ['', false],
  ])('%j -> %s', (url, expected) => {
    expect(isStoredUrl(url)).toBe(expected);
  });
});

describe('isPrefix', () => {
  it.each([
    ['192.0.2.0/24', true],
    ['2001:db8::/32', true],
    ['', true],
    ['192.0.2.0/33', false],
    ['2001:db8::/129', false],
    ['192.0.2.0', false],
    ['<b>/24', false],
    ['1.2.3.4/24/8', false],
  ])('%j -> %s', (prefix, expected) => {
    expect(isPrefix(prefix)).toBe(expected);
  });
});
