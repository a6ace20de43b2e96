/**
 * The dependency graph, site -> companies -> infrastructure, and its layout. Two steps, both pure:
 * `buildGraph` groups and orders (barycentre ordering to cut crossings, ties by name, so the same report
 * always gives the same picture); `placeGraph` turns that into numbers for one drawing width. d3 in the
 * browser only binds these numbers to SVG, after fitting each label into the box given here.
 *
 * Placement is 1:1 with CSS pixels (the view lays the graph out for its own width), so a 12 px label is
 * 12 px on a phone too: scaling one fixed drawing down to 360 px made labels 5 px tall. Below
 * NARROW_BELOW the site moves to the top left and companies and providers keep two label columns.
 */
import { UNATTRIBUTED } from './hosts.ts';
import { hostCompany, operatorsOf } from './operators.ts';
import { isRenderBlocking } from './provider-table.ts';
import { findSinglePointsOfFailure } from './spof.ts';
import type { DependencyReport } from './types.ts';

/**
 * Companies drawn one by one; the rest share one "other companies" node (readable at 100+ hosts).
 * A company serving render-blocking resources or named a single point of failure is never folded, even
 * if that means more nodes than this.
 */
export const MAX_GRAPH_COMPANIES = 24;
/** Providers (operators: Cloudflare = its CDN and its DNS) drawn one by one; the rest share one "other networks" node. */
export const MAX_GRAPH_PROVIDERS = 14;
/** Vertical distance between two nodes of a column, in CSS px: a 12 px label and its halo, plus air. */
export const ROW_GAP = 26;
/** Width laid out when the caller does not say (tests, exports); the page passes its own width. */
export const GRAPH_WIDTH = 760;
/** Narrowest and widest drawings: a 320 px phone minus the page's padding; beyond 1200 px columns only drift apart. */
export const MIN_GRAPH_WIDTH = 280;
export const MAX_GRAPH_WIDTH = 1200;
/** Below this width three columns leave under ~130 px (about 18 characters) per label: use the narrow layout. */
export const NARROW_BELOW = 560;
/** Font size of node labels in CSS px; `.deps-node text` in src/pages/deps/index.astro draws them so. */
export const LABEL_FONT_PX = 12;
/** Height of a label's box (font plus the 3 px halo the page paints behind it). */
export const LABEL_LINE_PX = 16;
/** Largest node radius (companies and providers); the site is always drawn this size. */
export const MAX_NODE_RADIUS = 14;
/** Space from the drawing's edges and between a circle and its label. */
const PAD = 8;
const LABEL_GAP = 4;
/** Space above the first and below the last row of the wide layout. */
const MARGIN = 24;
/** Column x positions as fractions of the width (wide layout); labels sit right of the nodes. */
const WIDE_COLUMNS = { site: 0.12, company: 0.36, provider: 0.66 } as const;
/** Narrow layout: how far right of the site the company column starts (room for the site's edges to bend). */
const NARROW_INDENT = 32;
/** Baseline offsets that centre a 12 px label on its node (side labels) or put it under the site. */
const SIDE_BASELINE = 4;
const UNDER_BASELINE = 14;

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
}

/** Where a label may be drawn: its anchor point and the widest it may be (the view truncates to fit). */
export interface LabelBox {
  x: number;
  /** Baseline. */
  y: number;
  anchor: 'start' | 'middle';
  maxWidth: number;
}

export interface GraphNode extends GraphNodeData {
  x: number;
  y: number;
  r: number;
  labelBox: LabelBox;
}

export interface GraphLinkData {
  source: string;
  target: string;
  /** Hosts on this edge. */
  weight: number;
}

export interface GraphLink extends GraphLinkData {
  /** SVG path (cubic Bézier from source to target). */
  path: string;
  width: number;
}

/** Grouped and ordered graph: nodes are the site, then companies, then providers, each in drawing order. */
export interface GraphModel {
  nodes: GraphNodeData[];
  links: GraphLinkData[];
}

export interface GraphLayout {
  width: number;
  height: number;
  /** Site on top, two label columns (see NARROW_BELOW). */
  narrow: boolean;
  nodes: GraphNode[];
  links: GraphLink[];
}

export interface PlaceOptions {
  /** Available width in CSS px; clamped to [MIN_GRAPH_WIDTH, MAX_GRAPH_WIDTH]. */
  width?: number;
  /** Height kept free at the top (the view's zoom buttons sit there). */
  top?: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function layoutGraph(report: DependencyReport, options: PlaceOptions = {}): GraphLayout {
  return placeGraph(buildGraph(report), options);
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

/**
 * Positions for one width: three columns (wide) or the site above two label columns (narrow). Every
 * label gets a box that overlaps no other label or node and stays inside the drawing; rows are
 * ROW_GAP apart, so boxes of one column never touch.
 */
export function placeGraph(model: GraphModel, options: PlaceOptions = {}): GraphLayout {
  const width = Math.round(
    Math.min(MAX_GRAPH_WIDTH, Math.max(MIN_GRAPH_WIDTH, options.width ?? GRAPH_WIDTH)),
  );
  const top = Math.max(0, Math.round(options.top ?? 0));
  const narrow = width < NARROW_BELOW;
  const companies = model.nodes.filter((n) => n.kind === 'company');
  const providers = model.nodes.filter((n) => n.kind === 'provider');
  const rows = Math.max(companies.length, providers.length, 1);
  const radius = (hosts: number) => round(Math.min(MAX_NODE_RADIUS, 4 + 2 * Math.sqrt(hosts)));

  // Columns (x) and the first row (y0).
  let site: { x: number; y: number };
  let companyX: number;
  let providerX: number;
  let y0: number;
  if (narrow) {
    site = { x: PAD + MAX_NODE_RADIUS, y: top + PAD + MAX_NODE_RADIUS };
    companyX = site.x + NARROW_INDENT;
    // Equal room for both label columns: company labels end where the provider circles begin.
    providerX = (width - PAD + companyX + MAX_NODE_RADIUS + LABEL_GAP) / 2;
    y0 = site.y + MAX_NODE_RADIUS + ROW_GAP;
  } else {
    companyX = width * WIDE_COLUMNS.company;
    providerX = width * WIDE_COLUMNS.provider;
    y0 = top + MARGIN;
    site = { x: width * WIDE_COLUMNS.site, y: y0 + ((rows - 1) * ROW_GAP) / 2 };
  }
  const mid = y0 + ((rows - 1) * ROW_GAP) / 2;
  const columnY = (i: number, n: number) => round(mid + (i - (n - 1) / 2) * ROW_GAP);
  const lastRow = y0 + (rows - 1) * ROW_GAP;
  // The wide site label hangs under the node: with one or two rows it is the lowest thing drawn.
  const siteLabelBottom = narrow ? 0 : site.y + MAX_NODE_RADIUS + UNDER_BASELINE + LABEL_LINE_PX / 2;
  const height = Math.ceil(Math.max(lastRow + MARGIN, siteLabelBottom + PAD));

  const sideLabel = (x: number, y: number, r: number, end: number): LabelBox => ({
    x: round(x + r + LABEL_GAP),
    y: round(y + SIDE_BASELINE),
    anchor: 'start',
    maxWidth: Math.floor(end - (x + r + LABEL_GAP)),
  });
  const companyLabelEnd = providerX - MAX_NODE_RADIUS - LABEL_GAP;
  const providerLabelEnd = width - PAD;

  const nodes: GraphNode[] = [];
  const siteData = model.nodes.find((n) => n.kind === 'site')!;
  nodes.push({
    ...siteData,
    x: round(site.x),
    y: round(site.y),
    r: MAX_NODE_RADIUS,
    labelBox: narrow
      ? sideLabel(site.x, site.y, MAX_NODE_RADIUS, width - PAD)
      : {
          x: round(site.x),
          y: round(site.y + MAX_NODE_RADIUS + UNDER_BASELINE),
          anchor: 'middle',
          // Centred under the node: as wide as the space left of the company circles allows, both sides.
          maxWidth: Math.floor(2 * Math.min(site.x - PAD, companyX - MAX_NODE_RADIUS - LABEL_GAP - site.x)),
        },
  });
  companies.forEach((n, i) => {
    const y = columnY(i, companies.length);
    const r = radius(n.hosts.length);
    nodes.push({ ...n, x: round(companyX), y, r, labelBox: sideLabel(companyX, y, r, companyLabelEnd) });
  });
  providers.forEach((n, i) => {
    const y = columnY(i, providers.length);
    const r = radius(n.hosts.length);
    nodes.push({ ...n, x: round(providerX), y, r, labelBox: sideLabel(providerX, y, r, providerLabelEnd) });
  });

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const links = model.links.map((l): GraphLink => {
    const s = byId.get(l.source)!;
    const t = byId.get(l.target)!;
    const mid = round((s.x + t.x) / 2);
    // Narrow: the site's edges drop straight down, then bend into their company (an outline's comb).
    const path =
      narrow && s.kind === 'site'
        ? `M${s.x},${s.y}C${s.x},${t.y} ${s.x},${t.y} ${t.x},${t.y}`
        : `M${s.x},${s.y}C${mid},${s.y} ${mid},${t.y} ${t.x},${t.y}`;
    return { ...l, path, width: round(1 + Math.log2(l.weight)) };
  });
  return { width, height, narrow, nodes, links };
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
