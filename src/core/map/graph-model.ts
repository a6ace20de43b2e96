/**
 * The dependency graph's model, site -> companies -> infrastructure: `buildGraph` groups and orders
 * (barycentre ordering to cut crossings, ties by name, so the same report always gives the same
 * picture) and folds long tails into "other" nodes. Placement for a drawing width is graph-layout.ts.
 */
import { UNATTRIBUTED } from './hosts.ts';
import { hostCompany, operatorsOf } from './operators.ts';
import { isRenderBlocking } from './provider-table.ts';
import { findSinglePointsOfFailure } from './spof.ts';
import type { DependencyReport } from './types.ts';
import { worstRiskByHost } from '../risk/risk-list.ts';
import { worstSeverity, type RiskSeverity } from '../risk/types.ts';

/**
 * Companies drawn one by one; the rest share one "other companies" node (readable at 100+ hosts).
 * A company serving render-blocking resources or named a single point of failure is never folded, even
 * if that means more nodes than this.
 */
export const MAX_GRAPH_COMPANIES = 24;
/** Providers (operators: Cloudflare = its CDN and its DNS) drawn one by one; the rest share one "other networks" node. */
export const MAX_GRAPH_PROVIDERS = 14;

export type GraphNodeKind = 'site' | 'company' | 'provider';

/** A node as grouping sees it, before placement. */
export interface GraphNodeData {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** Hosts behind this node. */
  hosts: string[];
  renderBlocking: number;
  /** Merged node ("other companies", "other networks"). */
  group: boolean;
  /** The worst risk of the hosts behind this node (src/core/risk), when any has one. */
  risk?: RiskSeverity;
}

export interface GraphLinkData {
  source: string;
  target: string;
  /** Hosts on this edge. */
  weight: number;
}

/** Grouped and ordered graph: nodes are the site, then companies, then providers, each in drawing order. */
export interface GraphModel {
  nodes: GraphNodeData[];
  links: GraphLinkData[];
}

/** Groups hosts into companies and providers, merges the long tails and orders both columns. */
export function buildGraph(report: DependencyReport): GraphModel {
  const blockingByHost = new Map<string, number>();
  for (const r of report.resources) {
    if (isRenderBlocking(r)) blockingByHost.set(r.host, (blockingByHost.get(r.host) ?? 0) + 1);
  }
  const blockingOf = (hosts: string[]) => hosts.reduce((s, h) => s + (blockingByHost.get(h) ?? 0), 0);

  // Companies and providers (operators) with their hosts, then the long tails merged.
  const companyHosts = new Map<string, string[]>();
  const providerHosts = new Map<string, string[]>();
  for (const host of report.hosts) {
    const company = hostCompany(host);
    companyHosts.set(company, [...(companyHosts.get(company) ?? []), host.host]);
    const operators = operatorsOf(host);
    for (const p of operators.length > 0 ? operators : [UNATTRIBUTED]) {
      providerHosts.set(p, [...(providerHosts.get(p) ?? []), host.host]);
    }
  }
  const spof = findSinglePointsOfFailure(report);
  const keepCompanies = new Set(spof.filter((s) => s.level === 'company').map((s) => s.name));
  const keepProviders = new Set(spof.filter((s) => s.level === 'operator').map((s) => s.name));
  const companyOfHost = merge(companyHosts, MAX_GRAPH_COMPANIES, (n) => `${n} other companies`, {
    blockingOf,
    protect: keepCompanies,
  });
  const providersOfHost = merge(providerHosts, MAX_GRAPH_PROVIDERS, (n) => `${n} other networks`, {
    blockingOf,
    protect: keepProviders,
    multi: true,
  });

  // Edges, weighted by host count.
  const siteLinks = new Map<string, number>();
  const infraLinks = new Map<string, number>();
  for (const host of report.hosts) {
    const company = [...companyOfHost.get(host.host)!][0]!;
    siteLinks.set(company, (siteLinks.get(company) ?? 0) + 1);
    for (const provider of providersOfHost.get(host.host) ?? []) {
      const key = `${company}\u0000${provider}`;
      infraLinks.set(key, (infraLinks.get(key) ?? 0) + 1);
    }
  }
  const nodeHosts = (kind: 'c' | 'p', name: string) =>
    report.hosts
      .filter((h) => (kind === 'c' ? companyOfHost : providersOfHost).get(h.host)?.has(name))
      .map((h) => h.host);

  // Order: providers by hosts, companies by the barycentre of their providers, then providers again.
  let providers = [...new Set([...providersOfHost.values()].flatMap((s) => [...s]))].sort(
    (a, b) => nodeHosts('p', b).length - nodeHosts('p', a).length || a.localeCompare(b),
  );
  const companies = [...siteLinks.keys()];
  const links = [...infraLinks.entries()].map(([key, weight]) => {
    const [c, p] = key.split('\u0000') as [string, string];
    return { c, p, weight };
  });
  const bary = (name: string, side: 'c' | 'p', order: string[]) => {
    let sum = 0;
    let total = 0;
    for (const l of links) {
      if ((side === 'c' ? l.c : l.p) !== name) continue;
      sum += order.indexOf(side === 'c' ? l.p : l.c) * l.weight;
      total += l.weight;
    }
    return total === 0 ? Number.MAX_SAFE_INTEGER : sum / total;
  };
  const sortBy = (list: string[], key: (s: string) => number) =>
    list
      .map((name) => ({ name, k: key(name) }))
      .sort((a, b) => a.k - b.k || a.name.localeCompare(b.name))
      .map((e) => e.name);
  const companyOrder = sortBy(companies, (c) => bary(c, 'c', providers));
  providers = sortBy(providers, (p) => bary(p, 'p', companyOrder));

  const riskOfHost = worstRiskByHost(report);
  const riskOf = (hosts: string[]): Pick<GraphNodeData, 'risk'> => {
    const worst = worstSeverity(
      hosts.flatMap((h) => (riskOfHost.has(h) ? [{ severity: riskOfHost.get(h)! }] : [])),
    );
    return worst ? { risk: worst } : {};
  };
  const allHosts = report.hosts.map((h) => h.host);
  const nodes: GraphNodeData[] = [
    {
      id: 'site',
      kind: 'site',
      label: report.page ? hostOf(report.page) : 'Site',
      hosts: allHosts,
      renderBlocking: blockingOf(allHosts),
      group: false,
    },
  ];
  for (const name of companyOrder) {
    const hosts = nodeHosts('c', name);
    const group = !companyHosts.has(name);
    nodes.push({
      id: `c:${name}`,
      kind: 'company',
      label: name,
      hosts,
      renderBlocking: blockingOf(hosts),
      group,
      ...riskOf(hosts),
    });
  }
  for (const name of providers) {
    const hosts = nodeHosts('p', name);
    const group = !providerHosts.has(name);
    nodes.push({
      id: `p:${name}`,
      kind: 'provider',
      label: name,
      hosts,
      renderBlocking: blockingOf(hosts),
      group,
    });
  }
  return {
    nodes,
    links: [
      ...companyOrder.map((c) => ({ source: 'site', target: `c:${c}`, weight: siteLinks.get(c)! })),
      ...links
        .sort((a, b) => a.c.localeCompare(b.c) || a.p.localeCompare(b.p))
        .map((l) => ({ source: `c:${l.c}`, target: `p:${l.p}`, weight: l.weight })),
    ],
  };
}

interface MergeOptions {
  /** Render-blocking resources behind a list of hosts. */
  blockingOf: (hosts: string[]) => number;
  /** Names never folded (single points of failure). */
  protect: ReadonlySet<string>;
  /** A host may belong to several nodes (providers), not just one (companies). */
  multi?: boolean;
}

/**
 * Keeps the `keep` most important names and maps the others to one merged name; returns, per host, the
 * set of node names it belongs to. Importance: render-blocking resources, then hosts, then name (so the
 * result never depends on input order). Names carrying any render-blocking resource or in `protect` are
 * never folded: the graph may then draw more than `keep` nodes, but never hides what an outage breaks.
 */
function merge(
  groups: Map<string, string[]>,
  keep: number,
  mergedName: (count: number) => string,
  { blockingOf, protect, multi = false }: MergeOptions,
): Map<string, Set<string>> {
  const ranked = [...groups.entries()]
    .map(([name, hosts]) => ({ name, hosts, blocking: blockingOf(hosts) }))
    .sort(
      (a, b) => b.blocking - a.blocking || b.hosts.length - a.hosts.length || a.name.localeCompare(b.name),
    );
  const mustKeep = (g: (typeof ranked)[number]) => g.blocking > 0 || protect.has(g.name);
  const room = Math.max(0, keep - 1 - ranked.filter(mustKeep).length);
  let optional = 0;
  const kept = ranked.length > keep ? ranked.filter((g) => mustKeep(g) || optional++ < room) : [...ranked];
  const keptNames = new Set(kept.map((g) => g.name));
  let rest = ranked.filter((g) => !keptNames.has(g.name));
  // "1 other companies" would hide one name behind a longer label: draw it.
  if (rest.length === 1) {
    kept.push(...rest);
    rest = [];
  }
  const other = mergedName(rest.length);
  const result = new Map<string, Set<string>>();
  const add = (host: string, name: string) => {
    const set = result.get(host) ?? new Set<string>();
    if (multi || set.size === 0) set.add(name);
    result.set(host, set);
  };
  for (const { name, hosts } of kept) for (const h of hosts) add(h, name);
  for (const { hosts } of rest) for (const h of hosts) add(h, other);
  return result;
}

function hostOf(page: string): string {
  try {
    return new URL(page).hostname;
  } catch {
    return page;
  }
}
