/**
 * The second step of /api/resolve when a page is named: the SOA of the page's own zone and of the zones of
 * unknown third-party hosts, for sister-domain evidence (src/core/ownership). It runs after every host is
 * resolved, on the budget they left (a spent budget refuses the question, which then simply has no SOA),
 * and stops at the call's deadline. Known companies, first-party hosts and tenants of shared platforms
 * are never asked: no SOA could make them yours.
 */
import { pageHost } from '../attribution/registrable.ts';
import { MAX_SOA_LOOKUPS } from '../dns/limits.ts';
import { lookupSoa, type ZoneSoa } from '../dns/soa.ts';
import type { DohClient } from '../dns/types.ts';
import type { ResolvedHost } from './types.ts';

/** Whether the SOA of `host`'s zone could be evidence: the page's own host, or an unknown third party. */
export function wantsSoa(host: ResolvedHost, page: string | null): boolean {
  if (!host.zone) return false;
  if (host.host === pageHost(page)) return true;
  return (
    !host.firstParty &&
    host.entity.unrecognised &&
    // On a shared platform (foo.github.io) the zone and its SOA are the platform's, not the tenant's.
    host.site === host.zone &&
    // The host name itself is a CDN's or cloud's (d1.cloudfront.net): never a sister of anyone's.
    !host.providers.some((p) => p.signal === 'hostname')
  );
}

/** Sets `soa` on the hosts that want one, in place; the page's zone first. */
export async function addZoneSoa(
  hosts: ResolvedHost[],
  page: string,
  options: { client: DohClient; deadline: Promise<unknown> },
): Promise<void> {
  const own = pageHost(page);
  const ordered = [...hosts].sort((a, b) => Number(b.host === own) - Number(a.host === own));
  const zones = [...new Set(ordered.filter((h) => wantsSoa(h, page)).map((h) => h.zone!))].slice(
    0,
    MAX_SOA_LOOKUPS,
  );
  if (zones.length === 0) return;
  const found = new Map<string, ZoneSoa>();
  const ask = Promise.all(
    zones.map(async (zone) => {
      const { soa } = await lookupSoa(options.client, zone);
      if (soa) found.set(zone, soa);
    }),
  );
  // At the deadline the answer goes out with the SOAs that came: no host waits for one.
  await Promise.race([ask, options.deadline]);
  for (const host of hosts) {
    const soa = host.zone && wantsSoa(host, page) ? found.get(host.zone) : undefined;
    if (soa) host.soa = soa;
  }
}
