import { describe, expect, it } from 'vitest';
import { normaliseHost, pageHost, registrableDomain } from '../../../src/core/attribution/registrable.ts';

describe('registrableDomain (PSL incl. private section)', () => {
  it.each([
    ['www.bbc.co.uk', 'bbc.co.uk'],
    ['static.bbci.co.uk', 'bbci.co.uk'],
    ['co.uk', null],
    ['uk', null],
    ['foo.github.io', 'foo.github.io'],
    ['a.b.foo.github.io', 'foo.github.io'],
    ['github.io', null],
    ['d111abcdef8.cloudfront.net', 'd111abcdef8.cloudfront.net'],
    ['x.s3.amazonaws.com', 'x.s3.amazonaws.com'],
    ['www.example.com.', 'example.com'],
    ['WWW.Example.COM', 'example.com'],
    ['bücher.de', 'bücher.de'],
    ['www.xn--bcher-kva.de', 'xn--bcher-kva.de'],
    ['127.0.0.1', null],
    ['::1', null],
    ['[2001:db8::1]', null],
    ['', null],
    ['.', null],
    ['a'.repeat(300) + '.com', null],
  ])('%s → %s', (host, expected) => {
    expect(registrableDomain(host)).toBe(expected);
  });
});

describe('normaliseHost / pageHost', () => {
  it('lower-cases, strips trailing dots and brackets', () => {
    expect(normaliseHost('WWW.Example.com..')).toBe('www.example.com');
    expect(normaliseHost('[::1]')).toBe('::1');
    expect(normaliseHost('')).toBeNull();
  });
  it.each([
    ['https://www.bbc.co.uk/news', 'www.bbc.co.uk'],
    ['http://127.0.0.1:8080/', '127.0.0.1'],
    ['https://[2001:db8::1]/', '2001:db8::1'],
    ['ftp://example.com/', null],
    ['not a url', null],
    [null, null],
  ])('%s → %s', (url, host) => {
    expect(pageHost(url)).toBe(host);
  });
});
