/**
 * Single points of failure: one operator or company whose outage alone breaks the page. Operators are
 * counted exactly as the provider table and "what breaks" count them (every service the operator runs,
 * CDN or DNS), so the three views give the same number for the same name. The rules
 * (docs/mapper.md "Single points of failure"):
 * 1. site-dns: the DNS of every one of the site's own hosts is run by one operator (no secondary DNS).
 * 2. render-path: every render-blocking resource (the document included) depends on one operator.
 * 3. blocking-network: an operator carries some render-blocking resources: when it is down they hang or
 *    fail, and the page with them.
 * 4. blocking-third-party: a third-party company serves a render-blocking resource; its outage hangs
 *    the page whatever network it runs on. Listed only when the operator of the same name (rules 2-3)
 *    does not already cover all of them, and always labelled as a company.
 */
import { ROLE_WORDS, isRenderBlocking, providerTable, type ProviderRow } from './provider-table.ts';
import { indexHosts, UNATTRIBUTED } from './hosts.ts';
import { lostThroughLoaders } from './indirect.ts';
import { hostCompany, serviceDependencies } from './operators.ts';
import type { DependencyReport } from './types.ts';

export type SpofKind = 'site-dns' | 'render-path' | 'blocking-network' | 'blocking-third-party';

export interface SinglePointOfFailure {
  kind: SpofKind;
  /** "operator": the network's company with all its services; "company": who runs a third-party host. */
  level: 'operator' | 'company';
  /** The operator or company that is the single point. */
  name: string;
  /** The operator's services involved (e.g. ["Cloudflare", "Cloudflare DNS"]); empty for a company. */
  services: string[];
  hosts: string[];
  /** Render-blocking resources that depend on it (0 for site-dns: everything does). */
  renderBlocking: number;
  /**
   * Resources on other hosts that go with it because what requests them is on it (indirect.ts): for an
   * operator its provider-table row's `indirect`; 0 for site-dns (the whole site is gone anyway).
   */
  indirect: number;
  message: string;
}

/** The message's tail for indirect losses: they never hang the page (nothing is requested), but they go. */
function indirectWords(n: number): string {
  return n === 0
    ? ''
    : ` What its scripts and pages load goes with it: ${plural(n, 'more resource')} on other hosts.`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "CDN or DNS", "cloud". */
function roleWords(row: ProviderRow): string {
  return row.roles.map((r) => ROLE_WORDS[r]).join(' or ');
}

export function findSinglePointsOfFailure(report: DependencyReport): SinglePointOfFailure[] {
  const found: SinglePointOfFailure[] = [];
  const index = indexHosts(report.hosts);

  const own = report.hosts.filter((h) => h.firstParty);
  const ownDns = own.map((h) => serviceDependencies(h).filter((s) => s.role === 'dns'));
  const ownWithDns = own.filter((_, i) => ownDns[i]!.length > 0);
  const dnsOperators = new Set(ownDns.flat().map((s) => s.operator));
  if (dnsOperators.size === 1 && ownWithDns.length > 0) {
    const [name] = dnsOperators as Set<string>;
    const services = [...new Set(ownDns.flat().map((s) => s.service))];
    const named = services.length === 1 && services[0] === name ? '' : ` (${services.join(', ')})`;
    found.push({
      kind: 'site-dns',
      level: 'operator',
      name: name!,
      services,
      hosts: ownWithDns.map((h) => h.host),
      renderBlocking: 0,
      indirect: 0,
      message: `Your site's DNS is on one provider, ${name}${named}: if it goes down, visitors cannot find your site at all.`,
    });
  }

  const blocking = report.resources.filter(isRenderBlocking);
  const rows = providerTable(report).filter((r) => r.renderBlocking > 0 && r.name !== UNATTRIBUTED);
  const operatorEntries = new Map<string, SinglePointOfFailure>();
  for (const row of rows) {
    const all = row.renderBlocking === blocking.length;
    const services = row.services.filter((s) => s.renderBlocking > 0).map((s) => s.name);
    const entry: SinglePointOfFailure = {
      kind: all ? 'render-path' : 'blocking-network',
      level: 'operator',
      name: row.name,
      services,
      hosts: row.hosts.filter((h) => blocking.some((r) => r.host === h)),
      renderBlocking: row.renderBlocking,
      indirect: row.indirect,
      message:
        (all
          ? `Every render-blocking resource (${blocking.length}) depends on ${row.name} (${roleWords(row)}): if it goes down, the page does not render.`
          : `${row.name} (${roleWords(row)}) carries ${row.renderBlocking} of your ${plural(blocking.length, 'render-blocking resource')}: if it goes down, the page hangs or breaks until the browser gives up on them.`) +
        indirectWords(row.indirect),
    };
    operatorEntries.set(row.name, entry);
  }
  const byKind = (k: SpofKind) => [...operatorEntries.values()].filter((e) => e.kind === k);
  found.push(...byKind('render-path'), ...byKind('blocking-network'));

  const byCompany = new Map<string, { hosts: Set<string>; count: number }>();
  for (const resource of blocking) {
    const host = index.get(resource.host);
    if (!host || host.firstParty) continue;
    const company = hostCompany(host);
    const entry = byCompany.get(company) ?? { hosts: new Set(), count: 0 };
    entry.hosts.add(host.host);
    entry.count++;
    byCompany.set(company, entry);
  }
  for (const [company, { hosts, count }] of [...byCompany].sort(
    (a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]),
  )) {
    const network = operatorEntries.get(company);
    // The operator's entry already names every one of these hosts: a second "Cloudflare" line would
    // only give a smaller number for the same outage.
    if (network && [...hosts].every((h) => network.hosts.includes(h))) continue;
    const companyHosts = report.hosts.filter((h) => !h.firstParty && hostCompany(h) === company);
    const indirect = lostThroughLoaders(report.resources, new Set(companyHosts.map((h) => h.host))).resources
      .length;
    found.push({
      kind: 'blocking-third-party',
      level: 'company',
      name: company,
      services: [],
      hosts: [...hosts],
      renderBlocking: count,
      indirect,
      message: `The company ${company} serves ${plural(count, 'render-blocking resource')} (${[...hosts].join(', ')}): if it is down or slow, your page hangs until the browser gives up.${indirectWords(indirect)}`,
    });
  }
  return found;
}
