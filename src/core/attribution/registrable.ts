/**
 * Registrable domain (eTLD+1) and first-party tests.
 *
 * Uses tldts with the Public Suffix List *including its private section*, so tenants of shared hosting
 * suffixes are separate sites: `foo.github.io` and `d111abcdef8.cloudfront.net` are registrable domains
 * of their own, and neither is first party to another tenant (https://publicsuffix.org/list/).
 */
import { getDomain, parse } from 'tldts';
import { isIpLiteral } from './ip.ts';
import { entityOf } from './entity.ts';
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

/**
 * Whether `host` is first party to the page: same registrable domain, or both belong to the same known
 * third-party-web entity (a site's own static domain, e.g. bbci.co.uk for bbc.co.uk, as Lighthouse treats
 * it). Without a page there is no first party: false.
 */
export function isFirstParty(host: string, pageUrl: string | null): boolean {
  const page = pageHost(pageUrl);
  const site = siteOf(host);
  if (page === null || site === null) return false;
  if (site === siteOf(page)) return true;
  // Tenants of a shared private suffix (foo.github.io, d1.cloudfront.net) share an entity but not a site.
  if (onPrivateSuffix(page) || onPrivateSuffix(host)) return false;
  const pageEntity = entityOf(page);
  const hostEntity = entityOf(normaliseHost(host) as string);
  return pageEntity !== null && hostEntity !== null && pageEntity.name === hostEntity.name;
}

function onPrivateSuffix(host: string): boolean {
  const h = normaliseHost(host);
  return h !== null && parse(h, { allowPrivateDomains: true }).isPrivate === true;
}
