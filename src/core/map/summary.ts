/** The headline numbers: third parties, networks, render-blocking, who brought the third parties in. */
import { hostChains } from './chains.ts';
import { indexHosts, networksOf, UNATTRIBUTED } from './hosts.ts';
import { hostCompany, serviceDependencies } from './operators.ts';
import { isRenderBlocking } from './provider-table.ts';
import type { DependencyReport } from './types.ts';

export interface MapSummary {
  hosts: number;
  firstPartyHosts: number;
  thirdPartyHosts: number;
  /**
   * Distinct companies behind the third-party hosts: an unknown host on an operator's own domain counts
   * for that operator (challenges.cloudflare.com is Cloudflare), any other unknown host as its own.
   */
  thirdPartyCompanies: number;
  /** Distinct operators of the networks (CDN, cloud, ASN) carrying any host, the site's own included. */
  networks: number;
  /** Distinct operators answering DNS for any host ("Cloudflare" and "Cloudflare DNS" count once). */
  dnsProviders: number;
  /** Distinct operators of any service, as the provider table lists them (without "Unattributed"). */
  operators: number;
  resources: number;
  renderBlocking: number;
  /** Render-blocking resources served from third-party hosts. */
  renderBlockingThirdParty: number;
  /** Hosts the resolver could not look up at all (no address). */
  unresolved: number;
  /** Resolved hosts no network could be attributed to. */
  unattributed: number;
  /** Third-party hosts whose loader is recorded (the site or another third party): chains.ts `by`. */
  loaderKnown: number;
  /** Third-party hosts another third party requested, not the site itself (a tag manager's tags). */
  broughtByThirdParty: number;
}

export function summarise(report: DependencyReport): MapSummary {
  const index = indexHosts(report.hosts);
  const third = report.hosts.filter((h) => !h.firstParty);
  const companies = new Set(third.map(hostCompany));
  const deps = report.hosts.flatMap(serviceDependencies).filter((s) => s.operator !== UNATTRIBUTED);
  const networks = new Set(deps.filter((s) => s.role !== 'dns').map((s) => s.operator));
  const dns = new Set(deps.filter((s) => s.role === 'dns').map((s) => s.operator));
  const blocking = report.resources.filter(isRenderBlocking);
  const chains = hostChains(report);
  return {
    hosts: report.hosts.length,
    firstPartyHosts: report.hosts.length - third.length,
    thirdPartyHosts: third.length,
    thirdPartyCompanies: companies.size,
    networks: networks.size,
    dnsProviders: dns.size,
    operators: new Set(deps.map((s) => s.operator)).size,
    resources: report.resources.length,
    renderBlocking: blocking.length,
    renderBlockingThirdParty: blocking.filter((r) => index.get(r.host)?.firstParty === false).length,
    unresolved: report.hosts.filter((h) => h.addresses.length === 0 && h.errors.length > 0).length,
    unattributed: report.hosts.filter((h) => h.addresses.length > 0 && networksOf(h).length === 0).length,
    loaderKnown: chains.filter((c) => c.by === 'site' || c.by === 'third-party').length,
    broughtByThirdParty: chains.filter((c) => c.by === 'third-party').length,
  };
}
