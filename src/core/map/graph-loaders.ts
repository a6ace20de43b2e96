/**
 * "Loaded by" arrows between the graph's company nodes: company A's host requested something on company
 * B's host (a tag manager's scripts loading an ad network). Same loads as the chains (chains.ts
 * `loadersByHost`), grouped the way the graph groups hosts (graph-model.ts), so a merged "other
 * companies" node carries the arrows of the hosts folded into it. Loads by the site's own hosts are the
 * graph's site edges already; loads within one node are not drawn.
 *
 * Placement: both ends are in the company column, so each arrow is a curve that leaves the loader's
 * circle to the left and comes back into the loaded company's circle from the left, bulging further the
 * more rows it spans, between the site and the company column (labels sit to the right). d3 only binds
 * these numbers (graph-view.ts); the view draws them when the reader turns them on.
 */
import { loadersByHost, siteHosts } from './chains.ts';
import type { GraphLayout } from './graph-layout.ts';
import { ROW_GAP } from './graph-layout.ts';
import type { GraphModel } from './graph-model.ts';
import type { DependencyReport } from './types.ts';

/** Bulge of an arrow between neighbouring rows, and how much more per row spanned (CSS px). */
export const LOADER_MIN_BULGE = 14;
export const LOADER_BULGE_PER_ROW = 9;
/** Share of the room between the site and the company column an arrow may bulge into (wide layout). */
const WIDE_BULGE_SHARE = 0.75;
/** Space an arrow keeps from the drawing's left edge (narrow layout). */
const EDGE_PAD = 4;

export interface LoaderLinkData {
  /** Company node ids: the loading company, the loaded one. */
  source: string;
  target: string;
  /** Distinct (loader host, loaded host) pairs behind the arrow, in the order first recorded. */
  pairs: Array<[loader: string, loaded: string]>;
  weight: number;
}

export interface LoaderLink extends LoaderLinkData {
  path: string;
  width: number;
}

/** Arrows between company nodes of `model`, one per ordered pair of nodes, in the model's node order. */
export function buildLoaderLinks(report: DependencyReport, model: GraphModel): LoaderLinkData[] {
  const site = siteHosts(report);
  const nodeOf = new Map<string, string>();
  for (const node of model.nodes)
    if (node.kind === 'company') for (const h of node.hosts) nodeOf.set(h, node.id);
  const links = new Map<string, LoaderLinkData>();
  for (const [loaded, loaders] of loadersByHost(report.resources)) {
    const target = nodeOf.get(loaded);
    for (const loader of loaders) {
      const source = nodeOf.get(loader);
      if (!source || !target || source === target || site.has(loader)) continue;
      const key = `${source}\u0000${target}`;
      const link = links.get(key) ?? { source, target, pairs: [], weight: 0 };
      link.pairs.push([loader, loaded]);
      link.weight = link.pairs.length;
      links.set(key, link);
    }
  }
  const order = new Map(model.nodes.map((n, i) => [n.id, i]));
  return [...links.values()].sort(
    (a, b) => order.get(a.source)! - order.get(b.source)! || order.get(a.target)! - order.get(b.target)!,
  );
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Paths for one layout of the model the links were built from. */
export function placeLoaderLinks(layout: GraphLayout, links: readonly LoaderLinkData[]): LoaderLink[] {
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const site = layout.nodes.find((n) => n.kind === 'site')!;
  return links.flatMap((link) => {
    const s = byId.get(link.source);
    const t = byId.get(link.target);
    if (!s || !t) return [];
    const room = layout.narrow ? s.x - EDGE_PAD : (s.x - site.x) * WIDE_BULGE_SHARE;
    const rows = Math.abs(t.y - s.y) / ROW_GAP;
    const bulge = Math.min(room, LOADER_MIN_BULGE + LOADER_BULGE_PER_ROW * rows);
    const [sx, tx, cx] = [round(s.x - s.r), round(t.x - t.r), round(s.x - bulge)];
    return [
      {
        ...link,
        path: `M${sx},${s.y}C${cx},${s.y} ${cx},${t.y} ${tx},${t.y}`,
        width: round(1 + Math.log2(link.weight) / 2),
      },
    ];
  });
}
