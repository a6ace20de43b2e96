/**
 * The dependency graph's layout: `placeGraph` turns the grouped model (graph-model.ts) into numbers for
 * one drawing width. d3 in the browser only binds these numbers to SVG, after fitting each label into
 * the box given here.
 *
 * Placement is 1:1 with CSS pixels (the view lays the graph out for its own width), so a 12 px label is
 * 12 px on a phone too: scaling one fixed drawing down to 360 px made labels 5 px tall. Below
 * NARROW_BELOW the site moves to the top left and companies and providers keep two label columns.
 */
import { buildGraph, type GraphLinkData, type GraphModel, type GraphNodeData } from './graph-model.ts';
import type { DependencyReport } from './types.ts';

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

export interface GraphLink extends GraphLinkData {
  /** SVG path (cubic Bézier from source to target). */
  path: string;
  width: number;
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
