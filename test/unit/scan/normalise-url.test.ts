import { describe, expect, it } from 'vitest';
import { MAX_INPUT_URL_LENGTH } from '../../../src/core/scan/limits.ts';
import { normaliseScanUrl, parseAllowedOrigins } from '../../../src/core/scan/normalise-url.ts';

describe('normaliseScanUrl', () => {
  it.each([
    ['example.com', 'https://example.com/'],
    ['  example.com  ', 'https://example.com/'],
    ['Example.COM/Path?q=1#frag', 'https://example.com/Path?q=1'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://EXAMPLE.com:443/a', 'https://example.com/a'],
    ['http://example.com:80/', 'http://example.com/'],
    ['//example.com/x', 'https://example.com/x'],
    ['bücher.example', 'https://xn--bcher-kva.example/'],
    ['https://ｅｘａｍｐｌｅ．ｃｏｍ/', 'https://example.com/'],
    ['https://例え.テスト/パス', 'https://xn--r8jz45g.xn--zckzah/%E3%83%91%E3%82%B9'],
    ['https:\\\\example.com\\a\\b', 'https://example.com/a/b'],
    ['https://exa\tmple.com/\n', 'https://example.com/'],
    ['https://example.com./', 'https://example.com./'],
    ['http://2130706433/', 'http://127.0.0.1/'],
    ['http://0x7f.1/', 'http://127.0.0.1/'],
    ['http://0177.0.0.1/', 'http://127.0.0.1/'],
    ['http://127.1/', 'http://127.0.0.1/'],
    ['http://%31%32%37.0.0.1/', 'http://127.0.0.1/'],
    ['http://[0:0:0:0:0:ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/'],
  ])('%s → %s', (input, expected) => {
    const result = normaliseScanUrl(input);
    expect(result.ok && result.url.href).toBe(expected);
  });

  it.each([
    ['', 'invalid_url'],
    ['   ', 'invalid_url'],
    ['https://', 'invalid_url'],
    ['http://exa mple.com/', 'invalid_url'],
    ['http://1.2.3.4.5/', 'invalid_url'],
    ['http://[::1/', 'invalid_url'],
    [`https://example.com/${'a'.repeat(MAX_INPUT_URL_LENGTH)}`, 'invalid_url'],
    ['ftp://example.com/', 'unsupported_scheme'],
    ['file:///etc/passwd', 'unsupported_scheme'],
    ['javascript:alert(1)', 'unsupported_scheme'],
    ['data:text/html,<h1>x', 'unsupported_scheme'],
    ['gopher://example.com:70/', 'unsupported_scheme'],
    ['ws://example.com/', 'unsupported_scheme'],
    ['mailto:a@example.com', 'unsupported_scheme'],
    ['blob:https://example.com/uuid', 'unsupported_scheme'],
    ['https://user:pass@example.com/', 'credentials_in_url'],
    ['https://user@example.com/', 'credentials_in_url'],
    ['https://:pass@example.com/', 'credentials_in_url'],
    ['https://example.com@evil.example/', 'credentials_in_url'],
    ['example.com:8080', 'port_not_allowed'],
    ['https://example.com:80/', 'port_not_allowed'],
    ['http://example.com:443/', 'port_not_allowed'],
    ['http://127.0.0.1:6379/', 'port_not_allowed'],
  ])('refuses %j with %s', (input, code) => {
    const result = normaliseScanUrl(input);
    expect(result.ok ? 'ok' : result.code).toBe(code);
  });

  it('lets an allowed origin keep its port, and only that origin', () => {
    const allowedOrigins = new Set(['http://127.0.0.1:9000']);
    expect(normaliseScanUrl('http://127.0.0.1:9000/x', { allowedOrigins }).ok).toBe(true);
    const other = normaliseScanUrl('http://127.0.0.1:9001/x', { allowedOrigins });
    expect(other.ok ? 'ok' : other.code).toBe('port_not_allowed');
    const scheme = normaliseScanUrl('https://127.0.0.1:9000/x', { allowedOrigins });
    expect(scheme.ok ? 'ok' : scheme.code).toBe('port_not_allowed');
  });
});

describe('parseAllowedOrigins', () => {
  it.each([
    ['', []],
    [undefined, []],
    ['http://127.0.0.1:9000', ['http://127.0.0.1:9000']],
    [
      ' http://127.0.0.1:9000/ , https://Site.Fixture.test:8443/path ',
      ['http://127.0.0.1:9000', 'https://site.fixture.test:8443'],
    ],
    ['not a url, ftp://x.example:21, javascript:alert(1)', []],
  ])('%j → %j', (value, expected) => {
    expect([...parseAllowedOrigins(value)]).toEqual(expected);
  });
});
