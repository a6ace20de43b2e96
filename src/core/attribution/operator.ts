/**
 * The operator of a provider: the company that runs the network a service sits on. One outage of that
 * company's network takes down every service it runs, so "what breaks if Cloudflare goes down" must add
 * up Cloudflare's CDN, its DNS and its own hosts, however each signal named them ("Cloudflare",
 * "Cloudflare DNS", the name-server domain "cloudflare.com").
 *
 * One table decides: PROVIDER_COMPANIES (providers.ts) for every provider name the attribution tables
 * use; for a bare domain (a name-server domain nothing recognised, an unknown host) the CDN name table
 * (cdn.ts: akamaized.net, amazonaws.com, azureedge.net, cloudflare.com ...) and OPERATOR_DOMAINS
 * (operator-names.ts), the operators' own registrable domains. This is the resolver's full rule set; the
 * mapper page uses the light rules of operator-names.ts on what the resolver already stated.
 */
import { matchCdnName } from './cdn.ts';
import { companyOf } from './providers.ts';
import { OPERATOR_DOMAINS, operatorOfNameWith } from './operator-names.ts';
import { normaliseHost, registrableDomain } from './registrable.ts';

export { OPERATOR_DOMAINS };

/** The operator behind a bare host or domain name (e.g. an unknown host, a name server), or null. */
export function operatorForHost(name: string): string | null {
  const host = normaliseHost(name);
  if (host === null) return null;
  const site = registrableDomain(host);
  if (site !== null && Object.hasOwn(OPERATOR_DOMAINS, site)) return OPERATOR_DOMAINS[site] as string;
  const cdn = matchCdnName(host);
  return cdn ? companyOf(cdn.provider) : null;
}

/** The operator of a provider or service name, with the full domain rules for bare domains. */
export function operatorOf(name: string): string {
  return operatorOfNameWith(name, operatorForHost);
}
