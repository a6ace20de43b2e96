/** One row per provider (CDN, cloud, network, DNS) with the hosts and resources resting on it. */
import type { ProviderRole } from '../deps/types.ts';
import { dnsProvidersOf, indexHosts, networksOf, UNATTRIBUTED } from './hosts.ts';
import type { DependencyReport } from './types.ts';

export interface ProviderRow {
  name: string;
  /** What the provider does for these hosts; "network" also covers ASN-only matches. */
  roles: ProviderRole[];
  hosts: string[];
  thirdPartyHosts: number;
  /** Serves or answers for one of the site's own hosts. */
  servesFirstParty: boolean;
  resources: number;
  renderBlocking: number;
}

const ROLE_ORDER: ProviderRole[] = ['cdn', 'cloud', 'network', 'dns'];

/** Rows sorted by render-blocking resources, then resources, then hosts, then name (stable, deterministic). */
export function providerTable(report: DependencyReport): ProviderRow[] {
  const rows = new Map<string, ProviderRow>();
  const row = (name: string): ProviderRow => {
    let r = rows.get(name);
    if (!r) {
      r = {
        name,
        roles: [],
        hosts: [],
        thirdPartyHosts: 0,
        servesFirstParty: false,
        resources: 0,
        renderBlocking: 0,
      };
      rows.set(name, r);
    }
    return r;
  };
  const hostProviders = new Map<string, Set<string>>();
  for (const host of report.hosts) {
    const roles = new Map<string, Set<ProviderRole>>();
    const add = (name: string, role: ProviderRole) =>
      roles.set(name, (roles.get(name) ?? new Set()).add(role));
    for (const p of host.providers) add(p.name, p.role);
    const networks = networksOf(host);
    for (const name of networks) if (!roles.has(name)) add(name, 'network');
    for (const name of dnsProvidersOf(host)) add(name, 'dns');
    if (networks.length === 0 && host.addresses.length > 0) add(UNATTRIBUTED, 'network');
    hostProviders.set(host.host, new Set(roles.keys()));
    for (const [name, set] of roles) {
      const r = row(name);
      for (const role of set) if (!r.roles.includes(role)) r.roles.push(role);
      r.hosts.push(host.host);
      if (host.firstParty) r.servesFirstParty = true;
      else r.thirdPartyHosts++;
    }
  }
  const index = indexHosts(report.hosts);
  for (const resource of report.resources) {
    if (!index.has(resource.host)) continue;
    for (const name of hostProviders.get(resource.host) ?? []) {
      const r = row(name);
      r.resources++;
      if (resource.renderBlocking || resource.type === 'document') r.renderBlocking++;
    }
  }
  for (const r of rows.values()) r.roles.sort((a, b) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b));
  return [...rows.values()].sort(
    (a, b) =>
      b.renderBlocking - a.renderBlocking ||
      b.resources - a.resources ||
      b.hosts.length - a.hosts.length ||
      a.name.localeCompare(b.name),
  );
}
