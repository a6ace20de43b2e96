/** The headline numbers: third parties, networks, render-blocking. */
import { dnsProvidersOf, indexHosts, networksOf } from './hosts.ts';
import type { DependencyReport } from './types.ts';

export interface MapSummary {
  hosts: number;
  firstPartyHosts: number;
  thirdPartyHosts: number;
  /** Distinct companies behind the third-party hosts (an unknown host counts as its own company). */
  thirdPartyCompanies: number;
  /** Distinct networks (CDN, cloud, ASN) carrying any host, the site's own included. */
  networks: number;
  /** Distinct DNS providers answering for any host. */
  dnsProviders: number;
  resources: number;
  renderBlocking: number;
  /** Render-blocking resources served from third-party hosts. */
  renderBlockingThirdParty: number;
  /** Hosts the resolver could not look up at all (no address). */
  unresolved: number;
  /** Resolved hosts no network could be attributed to. */
  unattributed: number;
}

export function summarise(report: DependencyReport): MapSummary {
  const index = indexHosts(report.hosts);
  const third = report.hosts.filter((h) => !h.firstParty);
  const companies = new Set(third.map((h) => (h.entity.unrecognised ? h.host : h.entity.company)));
  const networks = new Set(report.hosts.flatMap(networksOf));
  const dns = new Set(report.hosts.flatMap(dnsProvidersOf));
  const blocking = report.resources.filter((r) => r.renderBlocking || r.type === 'document');
  return {
    hosts: report.hosts.length,
    firstPartyHosts: report.hosts.length - third.length,
    thirdPartyHosts: third.length,
    thirdPartyCompanies: companies.size,
    networks: networks.size,
    dnsProviders: dns.size,
    resources: report.resources.length,
    renderBlocking: blocking.length,
    renderBlockingThirdParty: blocking.filter((r) => index.get(r.host)?.firstParty === false).length,
    unresolved: report.hosts.filter((h) => h.addresses.length === 0 && h.errors.length > 0).length,
    unattributed: report.hosts.filter((h) => h.addresses.length > 0 && networksOf(h).length === 0).length,
  };
}
