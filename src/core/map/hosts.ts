/**
 * Reading a resolved host the way every view needs it: which networks serve it, which DNS providers
 * answer for it, which company runs it. Unknown stays visible as data ("Unattributed"), never dropped.
 */
import type { ResolvedHost } from '../resolve/types.ts';

/** Label of hosts no provider, range or ASN could be tied to. */
export const UNATTRIBUTED = 'Unattributed';

/**
 * Networks that carry a host's traffic: CDN, cloud and network attributions; the origin ASN's name when
 * nothing else matched. DNS providers are separate (`dnsProvidersOf`): they answer for the name, they do
 * not carry the bytes, but their outage breaks the host just the same.
 */
export function networksOf(host: ResolvedHost): string[] {
  const names = host.providers.filter((p) => p.role !== 'dns').map((p) => p.name);
  if (names.length === 0 && host.asn) names.push(asnLabel(host.asn));
  return [...new Set(names)];
}

export function asnLabel(asn: NonNullable<ResolvedHost['asn']>): string {
  return `AS${asn.number} ${asn.name}`.trim();
}

/** DNS providers of the host's zone: attributions with role "dns", else the name servers' domains. */
export function dnsProvidersOf(host: ResolvedHost): string[] {
  const names = host.providers.filter((p) => p.role === 'dns').map((p) => p.name);
  if (names.length === 0) for (const ns of host.nameServers ?? []) names.push(nameServerDomain(ns));
  return [...new Set(names)];
}

/** Every provider a host depends on (networks and DNS), for "what breaks if X goes down". */
export function dependenciesOf(host: ResolvedHost): string[] {
  return [...new Set([...networksOf(host), ...dnsProvidersOf(host)])];
}

/** "ns-1.awsdns-01.org." -> "awsdns-01.org": the last two labels, enough to tell operators apart. */
export function nameServerDomain(ns: string): string {
  const labels = ns.toLowerCase().replace(/\.$/, '').split('.');
  return labels.slice(-2).join('.');
}

export const FIRST_PARTY = 'Your site (first party)';

/** A host the resolver never answered for (its batch failed): unknown, with the reason. */
export function unresolvedHost(
  host: string,
  code: string,
  message: string,
  firstParty = false,
): ResolvedHost {
  return {
    host,
    firstParty,
    entity: { name: host, company: host, category: 'unknown', unrecognised: true },
    cnames: [],
    addresses: [],
    providers: [],
    asn: null,
    errors: [{ code, message }],
  };
}

/** Lookup by host name. */
export function indexHosts(hosts: readonly ResolvedHost[]): Map<string, ResolvedHost> {
  return new Map(hosts.map((h) => [h.host, h]));
}
