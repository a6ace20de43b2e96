import type { ResolvedHost } from '../../../src/core/resolve/types.ts';

/**
 * A resolved host as /api/resolve returns it: an unknown third party on a zone of its own (`site`, which
 * defaults to the host name), unless `extra` says otherwise.
 */
export function resolvedHost(name: string, site = name, extra: Partial<ResolvedHost> = {}): ResolvedHost {
  return {
    host: name,
    firstParty: false,
    entity: { name: site, company: site, category: 'other', unrecognised: true },
    cnames: [],
    addresses: ['192.0.2.1'],
    providers: [],
    asn: null,
    nameServers: [],
    zone: site,
    site,
    errors: [],
    ...extra,
  };
}
