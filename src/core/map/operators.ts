/**
 * A host's dependencies at two levels: the services it rests on (a CDN, a cloud, an ASN, a DNS provider,
 * named as the resolver named them) and the operators that run them (operator.ts). Every view that
 * answers "what depends on X" (provider table, what breaks, single points of failure, graph, summary)
 * reads hosts through this one function, so their numbers agree for the same selection.
 */
import type { ProviderRole, ResolvedHost } from '../resolve/types.ts';
// The light operator rules: this module runs in the mapper page, which must not load tldts, the CDN
// suffix list or third-party-web; the resolver already states `operator` and the host's company.
import {
  operatorOfAttributionName as operatorOfAttribution,
  operatorOfName as operatorOf,
  operatorOfNameServer as operatorForNameServer,
  operatorOfOwnDomain as operatorForHost,
} from '../attribution/operator-names.ts';
import { asnLabel, FIRST_PARTY, nameServerDomain, UNATTRIBUTED } from './hosts.ts';

export interface ServiceDependency {
  /** Service as named by its signal: "Amazon CloudFront", "Cloudflare DNS", "AS64500 EXAMPLE-NET". */
  service: string;
  /** "network" for an origin-ASN stand-in and for "Unattributed". */
  role: ProviderRole;
  /** The company whose network it is; "Unattributed" for resolved hosts nothing could be tied to. */
  operator: string;
}

/**
 * Services a host depends on, with their operators: the same names as networksOf and dnsProvidersOf
 * (hosts.ts), one entry per service and role, plus "Unattributed" for a resolved host without any
 * network. A host that never resolved depends on nothing known.
 */
export function serviceDependencies(host: ResolvedHost): ServiceDependency[] {
  const out: ServiceDependency[] = [];
  const seen = new Set<string>();
  const add = (service: string, role: ProviderRole, operator: string) => {
    const key = `${role}\u0000${service}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ service, role, operator });
  };
  const providers = Array.isArray(host.providers) ? host.providers : [];
  for (const p of providers) if (p.role !== 'dns') add(p.name, p.role, operatorOfAttribution(p));
  if (out.length === 0 && host.asn) {
    const label = asnLabel(host.asn);
    add(label, 'network', operatorOf(label));
  }
  if (out.length === 0 && host.addresses.length > 0) add(UNATTRIBUTED, 'network', UNATTRIBUTED);
  const dns = providers.filter((p) => p.role === 'dns');
  for (const p of dns) add(p.name, 'dns', operatorOfAttribution(p));
  if (dns.length === 0) {
    for (const ns of host.nameServers ?? []) {
      const domain = nameServerDomain(ns);
      add(domain, 'dns', operatorForNameServer(ns) ?? operatorOf(domain));
    }
  }
  return out;
}

/** Operators a host depends on (any service), in first-seen order. */
export function operatorsOf(host: ResolvedHost): string[] {
  return [...new Set(serviceDependencies(host).map((s) => s.operator))];
}

/** Whether `name` names an operator of some host of the map (rather than one of its services). */
export function isOperatorName(hosts: readonly ResolvedHost[], name: string): boolean {
  return hosts.some((h) => serviceDependencies(h).some((s) => s.operator === name));
}

/**
 * Company shown for a host: the first party; the entity's company; for an unknown host the operator
 * whose own domain it is on (challenges.cloudflare.com is Cloudflare's, also in reports saved before
 * the resolver said so); else the host itself.
 */
export function hostCompany(host: ResolvedHost): string {
  if (host.firstParty) return FIRST_PARTY;
  if (!host.entity.unrecognised && host.entity.company) return host.entity.company;
  if (host.entity.company && host.entity.company !== host.entity.name) return host.entity.company;
  return operatorForHost(host.host) ?? host.host;
}
