import { describe, expect, it } from 'vitest';
import { parseHost } from '../../../src/core/dns/hostname.ts';

describe('parseHost', () => {
  it.each([
    ['example.com', 'name', 'example.com'],
    ['WWW.Example.COM.', 'name', 'www.example.com'],
    ['  cdn.example.com  ', 'name', 'cdn.example.com'],
    ['Bücher.example', 'name', 'xn--bcher-kva.example'],
    ['日本.jp', 'name', 'xn--wgv71a.jp'],
    ['xn--bcher-kva.example', 'name', 'xn--bcher-kva.example'],
    ['_dmarc.example.com', 'name', '_dmarc.example.com'],
    ['104.16.122.175', 'ipv4', '104.16.122.175'],
    ['2606:4700::6810:7aaf', 'ipv6', '2606:4700::6810:7aaf'],
    ['[2606:4700::6810:7AAF]', 'ipv6', '2606:4700::6810:7aaf'],
  ])('%j → %s %s', (input, kind, host) => {
    expect(parseHost(input)).toEqual({ ok: true, kind, host });
  });

  it.each([
    ['', 'empty'],
    ['localhost', 'single label'],
    ['a..b.com', 'empty label'],
    ['-a.example.com', 'leading hyphen'],
    ['a-.example.com', 'trailing hyphen'],
    ['exa mple.com', 'space'],
    ['https://example.com/', 'a URL, not a host'],
    ['user@example.com', 'userinfo'],
    [`${'a'.repeat(64)}.com`, 'label of 64'],
    [`${'a.'.repeat(127)}com`, 'name of 257'],
    ['ex*ample.com', 'forbidden character'],
  ])('rejects %j (%s)', (input) => {
    expect(parseHost(input).ok).toBe(false);
  });
});
