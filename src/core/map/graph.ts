/**
 * The dependency graph, site -> companies -> infrastructure, and its layout. Deterministic layered layout
 * (three columns, barycentre ordering to cut crossings) so tests can compare numbers and the same report
 * always draws the same picture; d3 in the browser only binds these numbers to SVG.
 */
import { companyOf, dnsProvidersOf, networksOf, UNATTRIBUTED } from './hosts.ts';
import type { DependencyReport } from './types.ts';

/** Companies drawn one by one; the rest share one "other companies" node (readable at 100+ hosts). */
export const MAX_GRAPH_COMPANIES = 24;
/** Providers drawn one by one; the rest share one "other networks" node. */
export const MAX_GRAPH_PROVIDERS = 14;
/** Vertical distance between two nodes of a column, in SVG units (fits a 13 px label). */
export const ROW_GAP = 26;
/** SVG width in user units; the viewBox scales it to the screen (360 px phones included). */
export const GRAPH_WIDTH = 760;
const MARGIN = 24;
/** Column x positions as fractions of the width: labels sit right of the nodes, so the last column leaves room. */
const COLUMN_X = [0.1, 0.36, 0.66] as const;

export type GraphNodeKind = 'site' | 'company' | 'provider';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** Hosts behind this node. */
  hosts: string[];
  renderBlocking: number;
  /** Merged node ("other companies", "other networks"). */
  group: boolean;
  x: number;
  y: number;
  r: number;
}

export interface GraphLink {
  source: string;
  target: string;
  /** Hosts on this edge. */
  weight: number;
  /** SVG path (cubic Bézier from source to target). */
  path: string;
  width: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: GraphNode[];
  links: GraphLink[];
}

const round = (n: number) => Math.round(n * 10) / 10;

export function layoutGraph(report: DependencyReport): GraphLayout {
  const blockingByHost = new Map<string, number>();
  for (const r of report.resources) {
    if (r.renderBlocking || r.type === 'document')
      blockingByHost.set(r.host, (blockingByHost.get(r.host) ?? 0) + 1);
  }

  // Companies and providers with their hosts, then the long tails merged.
  const companyHosts = new Map<string, string[]>();
  const providerHosts = new Map<string, string[]>();
  for (const host of report.hosts) {
    const company = companyOf(host);
    companyHosts.set(company, [...(companyHosts.get(company) ?? []), host.host]);
    const deps = [...networksOf(host), ...dnsProvidersOf(host)];
    for (const p of new Set(deps.length > 0 ? deps : [UNATTRIBUTED])) {
      providerHosts.set(p, [...(providerHosts.get(p) ?? []), host.host]);
    }
  }
  const companyOfHost = merge(companyHosts, MAX_GRAPH_COMPANIES, (n) => `${n} other companies`);
  const providersOfHost = new Map<string, Set<string>>();
  const providerKeep = merge(providerHosts, MAX_GRAPH_PROVIDERS, (n) => `${n} other networks`, true);
  for (const [host, names] of providerKeep) providersOfHost.set(host, names);

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

  const rows = Math.max(companyOrder.length, providers.length, 1);
  const height = MARGIN * 2 + (rows - 1) * ROW_GAP;
  const columnY = (i: number, n: number) => round(height / 2 + (i - (n - 1) / 2) * ROW_GAP);
  const radius = (hosts: number) => round(Math.min(14, 4 + 2 * Math.sqrt(hosts)));
  const blockingOf = (hosts: string[]) => hosts.reduce((s, h) => s + (blockingByHost.get(h) ?? 0), 0);

  const nodes: GraphNode[] = [];
  const allHosts = report.hosts.map((h) => h.host);
  nodes.push({
    id: 'site',
    kind: 'site',
    label: report.page ? hostOf(report.page) : 'Site',
    hosts: allHosts,
    renderBlocking: blockingOf(allHosts),
    group: false,
    x: round(GRAPH_WIDTH * COLUMN_X[0]),
    y: round(height / 2),
    r: 14,
  });
  companyOrder.forEach((name, i) => {
    const hosts = nodeHosts('c', name);
    nodes.push({
      id: `c:${name}`,
      kind: 'company',
      label: name,
      hosts,
      renderBlocking: blockingOf(hosts),
      group: !companyHosts.has(name),
      x: round(GRAPH_WIDTH * COLUMN_X[1]),
      y: columnY(i, companyOrder.length),
      r: radius(hosts.length),
    });
  });
  providers.forEach((name, i) => {
    const hosts = nodeHosts('p', name);
    nodes.push({
      id: `p:${name}`,
      kind: 'provider',
      label: name,
      hosts,
      renderBlocking: blockingOf(hosts),
      group: !providerHosts.has(name),
      x: round(GRAPH_WIDTH * COLUMN_X[2]),
      y: columnY(i, providers.length),
      r: radius(hosts.length),
    });
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edge = (source: string, target: string, weight: number): GraphLink => {
    const s = byId.get(source)!;
    const t = byId.get(target)!;
    const mid = round((s.x + t.x) / 2);
    return {
      source,
      target,
      weight,
      path: `M${s.x},${s.y}C${mid},${s.y} ${mid},${t.y} ${t.x},${t.y}`,
      width: round(1 + Math.log2(weight)),
    };
  };
  const graphLinks = [
    ...companyOrder.map((c) => edge('site', `c:${c}`, siteLinks.get(c)!)),
    ...links
      .sort((a, b) => a.c.localeCompare(b.c) || a.p.localeCompare(b.p))
      .map((l) => edge(`c:${l.c}`, `p:${l.p}`, l.weight)),
  ];
  return { width: GRAPH_WIDTH, height, nodes, links: graphLinks };
}

/**
 * Keeps the `keep` names with most hosts and maps the others to one merged name. Returns, per host, the
 * set of node names it belongs to. Ties break by name so the result never depends on input order.
 */
function merge(
  groups: Map<string, string[]>,
  keep: number,
  mergedName: (count: number) => string,
  multi = false,
): Map<string, Set<string>> {
  const ranked = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const kept = ranked.length > keep ? ranked.slice(0, keep - 1) : ranked;
  const rest = ranked.slice(kept.length);
  const other = mergedName(rest.length);
  const result = new Map<string, Set<string>>();
  const add = (host: string, name: string) => {
    const set = result.get(host) ?? new Set<string>();
    if (multi || set.size === 0) set.add(name);
    result.set(host, set);
  };
  for (const [name, hosts] of kept) for (const h of hosts) add(h, name);
  for (const [, hosts] of rest) for (const h of hosts) add(h, other);
  return result;
}

function hostOf(page: string): string {
  try {
    return new URL(page).hostname;
  } catch {
    return page;
  }
}
