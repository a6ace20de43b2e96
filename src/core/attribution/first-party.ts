/**
 * First party: the page's own site, or a domain of the same known company (third-party-web entity).
 * Apart from registrable.ts so that the Public Suffix List rules do not depend on the entity table.
 */
import { parse } from 'tldts';
import { entityOf } from './entity.ts';
import { normaliseHost, pageHost, siteOf } from './registrable.ts';

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
