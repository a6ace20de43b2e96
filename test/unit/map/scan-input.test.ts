/**
 * The URL box's own check (src/core/map/scan-input.ts): the API's normaliser run in the browser, so a typo
 * costs no /api/scan request, and an address with a scheme is never given a second one (P1-1: `ftp://x`
 * used to be sent as `https://ftp://x`).
 */
import { describe, expect, it } from 'vitest';
import { checkScanInput } from '../../../src/core/map/scan-input.ts';

describe('checkScanInput', () => {
  it.each([
    ['example.com', 'https://example.com/'],
    ['  www.example.com/shop?q=1  ', 'https://www.example.com/shop?q=1'],
    ['HTTP://Example.COM', 'http://example.com/'],
    ['https://example.com/#top', 'https://example.com/'],
    ['//example.com/x', 'https://example.com/x'],
    ['bücher.example', 'https://xn--bcher-kva.example/'],
    // The port rule is the server's: only it knows which origins the deployment exempts.
    ['example.com:8080/x', 'https://example.com:8080/x'],
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787/'],
  ])('accepts %j as %s, adding https:// only when there is no scheme', (input, url) => {
    expect(checkScanInput(input)).toEqual({ ok: true, url });
  });

  it.each([
    ['', 'invalid_url', /Enter the address/],
    ['   ', 'invalid_url', /Enter the address/],
    ['exa mple.com', 'invalid_url', /cannot contain spaces/],
    ['http://exa mple.com', 'invalid_url', /cannot contain spaces/],
    ['http://', 'invalid_url', /does not look like a web address/],
    ['ftp://x', 'unsupported_scheme', /starts with https:\/\/ or http:\/\//],
    ['javascript:alert(1)', 'unsupported_scheme', /Only web pages/],
    ['file:///etc/passwd', 'unsupported_scheme', /Only web pages/],
    ['https://user:secret@example.com/', 'credentials_in_url', /user name and password/],
  ])('refuses %j with %s and a plain sentence', (input, code, lead) => {
    const verdict = checkScanInput(input);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.code).toBe(code);
    expect(verdict.message).toMatch(lead);
    // The plain sentence carries no API code; the API's own words stay available as the detail.
    expect(verdict.message).not.toContain(code);
    expect(verdict.detail.length).toBeGreaterThan(0);
  });

  it('names the scheme the API names for ftp://x (the host is not "ftp")', () => {
    const verdict = checkScanInput('ftp://x');
    expect(verdict.ok ? '' : verdict.detail).toContain('not ftp:');
  });
});
