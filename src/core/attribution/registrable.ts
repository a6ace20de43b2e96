/**
 * Registrable domain (eTLD+1) and the page's host; first party is decided in first-party.ts.
 *
 * Uses tldts with the Public Suffix List *including its private section*, so tenants of shared hosting
 * suffixes are separate sites: `foo.github.io` and `d111abcdef8.cloudfront.net` are registrable domains
 * of their own, and neither is first party to another tenant (https://publicsuffix.org/list/).
 */
import { getDomain } from 'tldts';
import { isIpLiteral } from './ip.ts';
import { normaliseHost } from './host-name.ts';

export { MAX_HOST_LENGTH, normaliseHost } from './host-name.ts';

/**
 * The registrable domain of `host`, e.g. "bbc.co.uk" for "www.bbc.co.uk", "foo.github.io" for
 * "foo.github.io". Null for IP literals, bare public suffixes ("co.uk") and junk.
 */
export function registrableDomain(host: string): string | null {
  const h = normaliseHost(host);
  if (h === null || isIpLiteral(h)) return null;
  return getDomain(h, { allowPrivateDomains: true, validateHostname: false }) ?? null;
}

/** The site key used to compare hosts: the registrable domain, or the host itself for IP literals etc. */
export function siteOf(host: string): string | null {
  const h = normaliseHost(host);
  if (h === null) return null;
  return registrableDomain(h) ?? h;
}

/** The host of a page URL, or null when it is not an absolute http(s) URL. */
export function pageHost(pageUrl: string | null): string | null {
  if (pageUrl === null || typeof pageUrl !== 'string') return null;
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return normaliseHost(url.hostname);
}
