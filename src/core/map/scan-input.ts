/**
 * The URL box's check before any request: the API's own normaliser (src/core/scan/normalise-url.ts), run in
 * the browser, so input the API would refuse anyway (a typo, `ftp://`, an empty box) gets an answer at once
 * and does not use up the caller's scan budget. What only the server can judge (DNS, private addresses behind
 * a name, which origins the deployment exempts from the port rule) stays with the server.
 */
import { normaliseScanUrl } from '../scan/normalise-url.ts';
import type { ScanRefusalCode } from '../scan/refusals.ts';

export type ScanInput =
  { ok: true; url: string } | { ok: false; code: ScanRefusalCode; message: string; detail: string };

/**
 * Every origin passes the port rule here: the browser cannot know which origins the deployment lists in
 * SCAN_ALLOWED_ORIGINS (the demo's fixture sites use ports), so the server keeps that decision.
 */
const ANY_ORIGIN = { has: () => true } as unknown as ReadonlySet<string>;

/** What the person should do about each refusal the browser can see for itself. */
function advice(code: ScanRefusalCode, text: string): string {
  switch (code) {
    case 'unsupported_scheme':
      return 'Only web pages can be mapped: enter an address that starts with https:// or http://, or just the host name (www.example.com).';
    case 'credentials_in_url':
      return 'Remove the user name and password from the address: the scanner only reads public pages.';
    default:
      if (text === '') return 'Enter the address of a page, for example www.example.com/shop.';
      if (/\s/.test(text)) {
        return 'An address cannot contain spaces. Check for a typo; it looks like www.example.com/shop.';
      }
      return 'This does not look like a web address. Check for a typo; it looks like www.example.com/shop.';
  }
}

/** `ok` with the URL to send to /api/scan, or a plain-language reason and the API's own words. */
export function checkScanInput(input: string): ScanInput {
  const text = input.trim();
  const verdict = normaliseScanUrl(text, { allowedOrigins: ANY_ORIGIN });
  // Chromium's URL parser, unlike the WHATWG one the API runs, turns "exa mple.com" into the host
  // "exa%20mple.com" instead of failing: no DNS name holds a "%", so the API would refuse it anyway.
  if (verdict.ok && verdict.url.hostname.includes('%')) {
    return {
      ok: false,
      code: 'invalid_url',
      message: advice('invalid_url', text),
      detail: 'This is not a valid web address.',
    };
  }
  if (verdict.ok) return { ok: true, url: verdict.url.href };
  return { ok: false, code: verdict.code, message: advice(verdict.code, text), detail: verdict.message };
}
