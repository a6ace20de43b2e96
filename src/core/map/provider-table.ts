/**
 * One row per operator (the company running the network: Cloudflare, Amazon, Google...) with the hosts
 * and resources resting on any of its services, and the services listed under it (Cloudflare: CDN for
 * cdnjs.cloudflare.com, DNS for code.jquery.com). An operator's outage takes all its services down, so
 * the row's counts are what whatBreaks(operator) and the single points of failure report for it.
 */
import type { ProviderRole } from '../resolve/types.ts';
import { indexHosts } from './hosts.ts';
import { lostThroughLoaders } from './indirect.ts';
import { serviceDependencies } from './operators.ts';
import type { DependencyReport, MapResource } from './types.ts';

export interface ServiceRow {
  /** Service as its signal named it, e.g. "Amazon CloudFront", "Amazon Route 53", "Cloudflare DNS". */
  name: string;
  roles: ProviderRole[];
  hosts: string[];
  resources: number;
  renderBlocking: number;
}

export interface ProviderRow {
  /** The operator, e.g. "Cloudflare", "Amazon"; "Unattributed" for hosts nothing could be tied to. */
  name: string;
  /** What the operator does for these hosts, over all its services; "network" also covers ASN-only matches. */
  roles: ProviderRole[];
  /** The operator's services on this map, in table order (render-blocking, resources, hosts, name). */
  services: ServiceRow[];
  hosts: string[];
  thirdPartyHosts: number;
  /** Serves or answers for one of the site's own hosts. */
  servesFirstParty: boolean;
  resources: number;
  renderBlocking: number;
  /**
   * Resources on other hosts that are not requested when this operator is down, because what requests
   * them is on it (indirect.ts): the length of whatBreaks(operator).loadedBy.
   */
  indirect: number;
}

export const ROLE_ORDER: readonly ProviderRole[] = ['cdn', 'cloud', 'network', 'dns'];

/** Words for roles in sentences ("CDN or DNS"). */
export const ROLE_WORDS: Readonly<Record<ProviderRole, string>> = {
  cdn: 'CDN',
  cloud: 'cloud',
  network: 'network',
  dns: 'DNS',
};

/** Host names shown per service in `describeServices` before "+N more". */
export const SERVICE_HOSTS_SHOWN = 2;

/** A resource the page cannot do without: flagged render-blocking, or the document itself. */
export function isRenderBlocking(resource: MapResource): boolean {
  return resource.renderBlocking || resource.type === 'document';
}

/** Rows sorted by render-blocking resources, then resources, then hosts, then name (stable, deterministic). */
export function providerTable(report: DependencyReport): ProviderRow[] {
  const rows = new Map<string, ProviderRow>();
  const services = new Map<string, Map<string, ServiceRow>>();
  const hostKeys = new Map<string, Array<{ operator: string; service: string }>>();
  for (const host of report.hosts) {
    const keys: Array<{ operator: string; service: string }> = [];
    for (const dep of serviceDependencies(host)) {
      let r = rows.get(dep.operator);
      if (!r) {
        r = {
          name: dep.operator,
          roles: [],
          services: [],
          hosts: [],
          thirdPartyHosts: 0,
          servesFirstParty: false,
          resources: 0,
          renderBlocking: 0,
          indirect: 0,
        };
        rows.set(dep.operator, r);
        services.set(dep.operator, new Map());
      }
      if (!r.roles.includes(dep.role)) r.roles.push(dep.role);
      if (!r.hosts.includes(host.host)) {
        r.hosts.push(host.host);
        if (host.firstParty) r.servesFirstParty = true;
        else r.thirdPartyHosts++;
      }
      const byName = services.get(dep.operator)!;
      let s = byName.get(dep.service);
      if (!s) {
        s = { name: dep.service, roles: [], hosts: [], resources: 0, renderBlocking: 0 };
        byName.set(dep.service, s);
      }
      if (!s.roles.includes(dep.role)) s.roles.push(dep.role);
      if (!s.hosts.includes(host.host)) {
        s.hosts.push(host.host);
        keys.push({ operator: dep.operator, service: dep.service });
      }
    }
    hostKeys.set(host.host, keys);
  }
  const index = indexHosts(report.hosts);
  for (const resource of report.resources) {
    if (!index.has(resource.host)) continue;
    const blocking = isRenderBlocking(resource);
    const counted = new Set<string>();
    for (const { operator, service } of hostKeys.get(resource.host) ?? []) {
      const s = services.get(operator)!.get(service)!;
      s.resources++;
      if (blocking) s.renderBlocking++;
      if (counted.has(operator)) continue;
      counted.add(operator);
      const r = rows.get(operator)!;
      r.resources++;
      if (blocking) r.renderBlocking++;
    }
  }
  const byRole = (a: ProviderRole, b: ProviderRole) => ROLE_ORDER.indexOf(a) - ROLE_ORDER.indexOf(b);
  for (const r of rows.values()) {
    r.roles.sort(byRole);
    r.services = [...services.get(r.name)!.values()].sort(
      (a, b) =>
        b.renderBlocking - a.renderBlocking ||
        b.resources - a.resources ||
        b.hosts.length - a.hosts.length ||
        a.name.localeCompare(b.name),
    );
    for (const s of r.services) s.roles.sort(byRole);
    r.indirect = lostThroughLoaders(report.resources, new Set(r.hosts)).resources.length;
  }
  return [...rows.values()].sort(
    (a, b) =>
      b.renderBlocking - a.renderBlocking ||
      b.resources - a.resources ||
      b.hosts.length - a.hosts.length ||
      a.name.localeCompare(b.name),
  );
}

/**
 * The services under an operator in one line, for a table cell: "CDN (cdnjs.cloudflare.com,
 * static.cloudflareinsights.com, +1 more); Cloudflare DNS: DNS (code.jquery.com)". A service named after
 * its operator shows its role only.
 */
export function describeServices(row: ProviderRow): string {
  return row.services
    .map((s) => {
      const shown = s.hosts.slice(0, SERVICE_HOSTS_SHOWN).join(', ');
      const more =
        s.hosts.length > SERVICE_HOSTS_SHOWN ? `, +${s.hosts.length - SERVICE_HOSTS_SHOWN} more` : '';
      const roles = s.roles.map((r) => ROLE_WORDS[r]).join(', ');
      const label = s.name === row.name ? roles : `${s.name}: ${roles}`;
      return `${label} (${shown}${more})`;
    })
    .join('; ');
}
