import { MAX_INPUT_URL_LENGTH } from './limits.ts';
import { refused, type Refused } from './refusals.ts';

/**
 * Turns what a person pastes (`example.com`, `https://bücher.example/path`, ` HTTP://Example.COM `) into the
 * one URL the scanner fetches, or a refusal with a stable code.
 *
 * The WHATWG URL parser does the heavy lifting, exactly as browsers and `fetch` will: IDNA/UTS 46 mapping to
 * punycode, IPv4 spellings (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`) to dotted quads, IPv6
 * compression, percent-decoding of hosts, backslashes and stray tabs/newlines. Checking the parser's output
 * (never the raw text) means the check and the fetch can never disagree about the host.
 */

export interface NormaliseOptions {
  /** Origins (`scheme://host:port`, as `URL.origin` prints them) exempt from the port check. */
  allowedOrigins?: ReadonlySet<string>;
}

/** `scheme:` at the start, unless what follows the colon is a port (`example.com:8080/x`). */
const EXPLICIT_SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?!\d+(?:[/?#\\]|$))/;

export function normaliseScanUrl(
  input: string,
  options: NormaliseOptions = {},
): { ok: true; url: URL } | Refused {
  const text = input.trim();
  if (text === '') return refused('invalid_url', 'Enter the address of a page.');
  if (text.length > MAX_INPUT_URL_LENGTH) {
    return refused('invalid_url', `The address is longer than ${MAX_INPUT_URL_LENGTH} characters.`);
  }
  const scheme = EXPLICIT_SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    return refused('unsupported_scheme', `Only http and https pages can be scanned, not ${scheme}:.`);
  }
  const candidate = scheme !== undefined ? text : text.startsWith('//') ? `https:${text}` : `https://${text}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return refused('invalid_url', 'This is not a valid web address.');
  }
  // The parser may still produce another scheme from odd input; check its verdict, not ours.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refused('unsupported_scheme', `Only http and https pages can be scanned, not ${url.protocol}.`);
  }
  if (url.username !== '' || url.password !== '') {
    return refused('credentials_in_url', 'Addresses with a user name or password are not scanned.');
  }
  if (url.hostname === '') return refused('invalid_url', 'The address has no host.');
  // `url.port` is empty for the scheme's default port (the parser drops `:443` on https).
  if (url.port !== '' && !options.allowedOrigins?.has(url.origin)) {
    return refused('port_not_allowed', `Only the default port is allowed (${url.port} given).`);
  }
  url.hash = '';
  return { ok: true, url };
}

/** Parses the comma-separated SCAN_ALLOWED_ORIGINS value into normalised origins; junk entries are dropped. */
export function parseAllowedOrigins(value: string | undefined): Set<string> {
  const origins = new Set<string>();
  for (const entry of (value ?? '').split(',')) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    try {
      const url = new URL(trimmed);
      if (url.protocol === 'http:' || url.protocol === 'https:') origins.add(url.origin);
    } catch {
      // ignored: a malformed entry must not widen the exemption
    }
  }
  return origins;
}
