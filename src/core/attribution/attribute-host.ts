/**
 * The attribution engine: from one host's DNS observations (and optional response headers) say who
 * runs it, whether it is first party to the page, and which networks it depends on.
 *
 * Pure: the range index, like every other input, is an argument (the Function loads it from KV or the
 * bundled JSON, see functions/lib/range-index-source.ts). Nothing here throws on odd input; a host
 * nothing recognises gets a made-up entity and an empty provider list.
 */
import type { ProviderAttribution, ResolvedHost } from '../resolve/types.ts';
import { lookupAddress, type RangeIndex } from './range-index.ts';
import { isFirstParty } from './first-party.ts';
import { normaliseHost, siteOf } from './registrable.ts';
import { entityForHost } from './entity.ts';
import { matchCdnName, matchCdnHeaders } from './cdn.ts';
import { matchDnsProvider } from './dns-provider.ts';
import { matchAsn } from './asn.ts';
import { mergeAttributions, type Candidate } from './merge.ts';
import { operatorOf } from './operator.ts';

export type { RangeIndex } from './range-index.ts';

/** What the resolver observed for one host. */
export interface HostObservation {
  host: string;
  /** CNAME chain in order, excluding the host itself. */
  cnames: string[];
  /** A and AAAA answers at the end of the chain. */
  addresses: string[];
  /** Name servers of the host's registrable domain. */
  nameServers: string[];
  /** Origin AS of the first address (Team Cymru or another configured source), if looked up. */
  asn: { number: number; name: string; prefix: string } | null;
  /** Response headers of a request to the host, when the caller has them (e.g. from a HAR). */
  headers?: Record<string, string>;
}

export interface HostAttribution {
  firstParty: boolean;
  entity: ResolvedHost['entity'];
  providers: ProviderAttribution[];
}

/** Caps on untrusted observation lists, so a hostile upstream cannot make attribution slow. */
export const MAX_CNAMES_CONSIDERED = 16;
export const MAX_ADDRESSES_CONSIDERED = 16;
export const MAX_NAME_SERVERS_CONSIDERED = 16;

export function attributeHost(
  obs: HostObservation,
  pageUrl: string | null,
  ranges: RangeIndex,
): HostAttribution {
  const host = normaliseHost(obs.host) ?? String(obs.host);
  const site = siteOf(host) ?? host;
  const candidates: Candidate[] = [];
  const add = (c: Omit<Candidate, 'company'>): void => {
    candidates.push({ ...c, company: operatorOf(c.name) });
  };

  const byName = matchCdnName(host);
  if (byName) add({ name: byName.provider, role: byName.role, signal: 'hostname', evidence: byName.suffix });
  for (const cname of list(obs.cnames, MAX_CNAMES_CONSIDERED)) {
    const m = matchCdnName(cname);
    if (m) add({ name: m.provider, role: m.role, signal: 'cname', evidence: `${cname} (${m.suffix})` });
  }

  for (const address of list(obs.addresses, MAX_ADDRESSES_CONSIDERED)) {
    const m = lookupAddress(ranges, address);
    if (m) {
      add({
        name: m.provider,
        role: m.role,
        signal: 'ip-range',
        evidence: `${address} in ${m.prefix}`,
        ...(m.service === undefined ? {} : { service: m.service }),
      });
    }
  }

  if (obs.asn && Number.isInteger(obs.asn.number)) {
    const m = matchAsn(obs.asn.number);
    if (m) add({ name: m.provider, role: m.role, signal: 'asn', evidence: `AS${obs.asn.number}` });
  }

  for (const ns of list(obs.nameServers, MAX_NAME_SERVERS_CONSIDERED)) {
    const m = matchDnsProvider(ns);
    if (m) add({ name: m.provider, role: 'dns', signal: 'ns', evidence: ns });
  }

  if (obs.headers) {
    for (const m of matchCdnHeaders(obs.headers)) {
      add({ name: m.provider, role: 'cdn', signal: 'header', evidence: m.evidence });
    }
  }

  return {
    firstParty: isFirstParty(host, pageUrl),
    entity: entityForHost(host, site),
    providers: mergeAttributions(candidates),
  };
}

function list(value: unknown, max: number): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string').slice(0, max);
}
