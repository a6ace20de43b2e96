/**
 * Single points of failure: one provider or company whose outage alone takes the page down.
 * The rules (docs/mapper.md "Single points of failure"):
 * 1. site-dns: every DNS provider of the site's own hosts is the same one (no secondary DNS).
 * 2. render-path: one network carries every render-blocking resource (the document included).
 * 3. blocking-third-party: a third-party company serves a render-blocking resource; its outage hangs
 *    the page whatever network it runs on.
 */
import { companyOf, dnsProvidersOf, indexHosts, networksOf } from './hosts.ts';
import type { DependencyReport } from './types.ts';

export type SpofKind = 'site-dns' | 'render-path' | 'blocking-third-party';

export interface SinglePointOfFailure {
  kind: SpofKind;
  /** The provider or company that is the single point. */
  name: string;
  hosts: string[];
  /** Render-blocking resources that depend on it (0 for site-dns: everything does). */
  renderBlocking: number;
  message: string;
}

export function findSinglePointsOfFailure(report: DependencyReport): SinglePointOfFailure[] {
  const found: SinglePointOfFailure[] = [];
  const index = indexHosts(report.hosts);

  const own = report.hosts.filter((h) => h.firstParty);
  const ownDns = new Set(own.flatMap(dnsProvidersOf));
  const ownWithDns = own.filter((h) => dnsProvidersOf(h).length > 0);
  if (ownDns.size === 1 && ownWithDns.length > 0) {
    const [name] = ownDns as Set<string>;
    found.push({
      kind: 'site-dns',
      name: name!,
      hosts: ownWithDns.map((h) => h.host),
      renderBlocking: 0,
      message: `Your site's DNS is answered by ${name} alone: if it goes down, visitors cannot find your site at all.`,
    });
  }

  const blocking = report.resources.filter((r) => r.renderBlocking || r.type === 'document');
  const blockingHosts = [...new Set(blocking.map((r) => r.host))];
  const networkSets = blockingHosts.map((h) => {
    const host = index.get(h);
    return new Set(host ? networksOf(host) : []);
  });
  if (networkSets.length > 0 && networkSets.every((s) => s.size > 0)) {
    const common = [...networkSets[0]!].filter((name) => networkSets.every((s) => s.has(name))).sort();
    for (const name of common) {
      found.push({
        kind: 'render-path',
        name,
        hosts: blockingHosts,
        renderBlocking: blocking.length,
        message: `All ${blocking.length} render-blocking resources are served through ${name}: if it goes down, the page does not render.`,
      });
    }
  }

  const byCompany = new Map<string, { hosts: Set<string>; count: number }>();
  for (const resource of blocking) {
    const host = index.get(resource.host);
    if (!host || host.firstParty) continue;
    const company = companyOf(host);
    const entry = byCompany.get(company) ?? { hosts: new Set(), count: 0 };
    entry.hosts.add(host.host);
    entry.count++;
    byCompany.set(company, entry);
  }
  for (const [company, { hosts, count }] of [...byCompany].sort(
    (a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]),
  )) {
    found.push({
      kind: 'blocking-third-party',
      name: company,
      hosts: [...hosts],
      renderBlocking: count,
      message: `${company} serves ${count} render-blocking resource${count === 1 ? '' : 's'}: if it is down or slow, your page hangs until the browser gives up.`,
    });
  }
  return found;
}
