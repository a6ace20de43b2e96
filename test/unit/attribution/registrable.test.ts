import { describe, expect, it } from 'vitest';
import {
  isFirstParty,
  normaliseHost,
  pageHost,
  registrableDomain,
} from '../../../src/core/attribution/registrable.ts';

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

describe('isFirstParty', () => {
  it.each([
    ['static.example.com', 'https://www.example.com/', true],
    ['example.com.', 'https://www.example.com/', true],
    ['www.bbc.co.uk', 'https://www.bbc.co.uk/', true],
    // co.uk is a public suffix: two sites under it are not one party
    ['www.itv.co.uk', 'https://www.bbc.co.uk/', false],
    // private-section tenants are separate sites even though third-party-web knows the platform
    ['bar.github.io', 'https://foo.github.io/', false],
    ['foo.github.io', 'https://foo.github.io/about', true],
    ['d2.cloudfront.net', 'https://d1.cloudfront.net/', false],
    // same third-party-web entity: a site's own static/asset domains
    ['i.ytimg.com', 'https://www.youtube.com/', true],
    ['static.xx.fbcdn.net', 'https://www.facebook.com/', true],
    // different entities of one company stay third party (Lighthouse's rule: same entity, not company)
    ['fonts.gstatic.com', 'https://www.google.com/', false],
    ['www.googletagmanager.com', 'https://www.expressen.se/', false],
    // IP literals compare as themselves
    ['127.0.0.1', 'http://127.0.0.1:8788/', true],
    ['127.0.0.2', 'http://127.0.0.1:8788/', false],
    // no page, no first party
    ['www.example.com', null, false],
    ['www.example.com', 'garbage', false],
  ])('%s on %s → %s', (host, page, expected) => {
    expect(isFirstParty(host, page)).toBe(expected);
  });
});
