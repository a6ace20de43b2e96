/**
 * Draws the dependency graph (src/core/map/graph-model.ts and graph-layout.ts) with d3: binding only, every position comes from the
 * core, laid out again here for the holder's own width so labels keep their CSS size on any screen. Loaded
 * by dynamic import once results exist. Nodes are focusable; focus or hover shows their details in a live
 * region and highlights their edges. d3-zoom gives drag, Ctrl/⌘+wheel and pinch zoom; the buttons do the
 * same from the keyboard.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import { type GraphModel, type GraphNodeKind } from '../../core/map/graph-model.ts';
import { placeGraph, type GraphLayout, type GraphNode } from '../../core/map/graph-layout.ts';
import { placeLoaderLinks, type LoaderLinkData } from '../../core/map/graph-loaders.ts';

// The page computes the arrows only once the graph module is loaded: they stay out of its first script.
export { buildLoaderLinks } from '../../core/map/graph-loaders.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Zoom range: from half size (an overview of a 100-host map on a laptop) to 6x. */
const SCALE_EXTENT: [number, number] = [0.5, 6];
const ZOOM_STEP = 1.5;
/** Hosts listed in the details line; the table under the graph lists them all. */
const DETAIL_HOSTS = 12;
/** Free space kept under the zoom buttons, so they never cover a label. */
const CONTROLS_GAP = 4;
/** A resize smaller than this (scrollbars appearing, say) does not redraw the graph. */
const RESIZE_SLACK_PX = 24;
const ELLIPSIS = '…';
/** Column headings over the graph; the legend under it (ResultsPanel.astro) explains colours and sizes. */
export const COLUMN_HEADINGS: Record<GraphNodeKind, string> = {
  site: 'Site',
  company: 'Companies',
  provider: 'Networks & DNS',
};
/** Id of the arrowhead marker of the "loaded by" arrows (one graph per page). */
const LOADER_HEAD_ID = 'deps-loader-head';
/** Name of the User Timing measure of one drawing. */
export const DRAW_MEASURE = 'deps-graph-draw';

function describeNode(node: GraphNode): string {
  const what =
    node.kind === 'site' ? 'Your page' : node.kind === 'company' ? 'Company' : 'Network or DNS provider';
  const hosts = node.hosts.length;
  return `${what}: ${node.label}. ${hosts} host${hosts === 1 ? '' : 's'}${node.renderBlocking > 0 ? `, ${node.renderBlocking} render-blocking resource${node.renderBlocking === 1 ? '' : 's'}` : ''}${node.risk ? `, ${node.risk} risk (see Risks)` : ''}.`;
}

/** What hover and keyboard focus both show for a node. */
export function nodeDetails(node: GraphNode): string {
  const more = node.hosts.length - DETAIL_HOSTS;
  return `${describeNode(node)} Hosts: ${node.hosts.slice(0, DETAIL_HOSTS).join(', ')}${more > 0 ? `, +${more} more` : ''}`;
}

/** Shortens a label until the browser measures it within its box (fonts differ, so measure, not guess). */
function fitLabel(text: SVGTextElement, label: string, maxWidth: number): void {
  text.textContent = label;
  if (text.getComputedTextLength() <= maxWidth) return;
  let lo = 0;
  let hi = label.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    text.textContent = label.slice(0, mid).trimEnd() + ELLIPSIS;
    if (text.getComputedTextLength() <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  text.textContent = label.slice(0, lo).trimEnd() + ELLIPSIS;
}

/**
 * Draws `graph` into `holder` at the holder's width and redraws when that width changes (rotation,
 * window resize). `graph` may be any layout of the report (main.ts passes the default one): only its
 * grouping and order are used. `loaders` are its "loaded by" arrows (graph-loaders.ts), drawn hidden;
 * the holder's class `deps-show-loaders` shows them.
 */
export function drawGraph(
  holder: HTMLElement,
  details: HTMLElement,
  graph: GraphModel,
  loaders: readonly LoaderLinkData[] = [],
): void {
  let drawnWidth = holder.clientWidth;
  let drawn = render(holder, details, graph, loaders);
  if (typeof ResizeObserver === 'undefined') return;
  const observer = new ResizeObserver(() => {
    // A new map (or a cleared holder) replaced this drawing: stop following the holder.
    if (!holder.contains(drawn)) return observer.disconnect();
    if (holder.clientWidth === 0 || Math.abs(holder.clientWidth - drawnWidth) <= RESIZE_SLACK_PX) return;
    drawnWidth = holder.clientWidth;
    drawn = render(holder, details, graph, loaders);
  });
  observer.observe(holder);
}

/**
 * One heading per column, over its circles: the site's centred on it (wide layout), the others starting at
 * the left edge of their circles. The site has no column of its own in the narrow layout: its node is alone
 * at the top left and its heading would sit on the company column's, so it is left out there.
 */
function placeHeadings(heads: HTMLElement, layout: GraphLayout): void {
  for (const kind of ['site', 'company', 'provider'] as const) {
    const column = layout.nodes.filter((n) => n.kind === kind);
    if (column.length === 0 || (kind === 'site' && layout.narrow)) continue;
    const span = document.createElement('span');
    span.textContent = COLUMN_HEADINGS[kind];
    const x = Math.min(...column.map((n) => (kind === 'site' ? n.x : n.x - n.r)));
    span.style.left = `${x}px`;
    if (kind === 'site') span.className = 'deps-graph-head-centre';
    heads.append(span);
  }
}

function render(
  holder: HTMLElement,
  details: HTMLElement,
  graph: GraphModel,
  loaders: readonly LoaderLinkData[],
): SVGSVGElement {
  const start = performance.now();
  holder.replaceChildren();
  const controls = document.createElement('div');
  controls.className = 'deps-zoom';
  holder.append(controls);
  const button = (label: string, text: string) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    controls.append(b);
    return b;
  };
  const zoomIn = button('Zoom in', '+');
  const zoomOut = button('Zoom out', '−');
  const reset = button('Reset zoom', 'Reset');
  // Headings go in a row under the zoom buttons, so the drawing below needs no band of its own for them.
  const heads = document.createElement('div');
  heads.className = 'deps-graph-heads';
  heads.style.marginTop = `${controls.offsetHeight + CONTROLS_GAP}px`;
  holder.append(heads);
  const layout = placeGraph(graph, { width: holder.clientWidth || undefined, top: CONTROLS_GAP });
  placeHeadings(heads, layout);

  const svg = select(holder)
    .append('svg')
    .attr('xmlns', SVG_NS)
    .attr('viewBox', `0 0 ${layout.width} ${layout.height}`)
    .attr('width', layout.width)
    .attr('height', layout.height)
    .attr('role', 'group')
    .attr('aria-label', 'Dependency graph: your site, the companies it loads, and the networks under them');
  const viewport = svg.append('g');

  const links = viewport
    .append('g')
    .attr('class', 'deps-links')
    .selectAll('path')
    .data(layout.links)
    .join('path')
    .attr('d', (l) => l.path)
    .attr('stroke-width', (l) => l.width);

  // "Loaded by" arrows: under the circles, their heads at the loaded company's circle.
  svg
    .append('defs')
    .append('marker')
    .attr('id', LOADER_HEAD_ID)
    .attr('viewBox', '0 0 6 6')
    .attr('refX', 6)
    .attr('refY', 3)
    .attr('markerWidth', 6)
    .attr('markerHeight', 6)
    .attr('orient', 'auto')
    .append('path')
    .attr('class', 'deps-loader-head')
    .attr('d', 'M0,0L6,3L0,6Z');
  const loaderPaths = viewport
    .append('g')
    .attr('class', 'deps-loaders')
    .selectAll('path')
    .data(placeLoaderLinks(layout, loaders))
    .join('path')
    .attr('d', (l) => l.path)
    .attr('stroke-width', (l) => l.width)
    .attr('marker-end', `url(#${LOADER_HEAD_ID})`);

  const nodes = viewport
    .append('g')
    .selectAll('g')
    .data(layout.nodes)
    .join('g')
    .attr(
      'class',
      (n) =>
        `deps-node deps-node-${n.kind}${n.renderBlocking > 0 ? ' deps-node-blocking' : ''}${n.risk ? ` deps-node-risk-${n.risk}` : ''}`,
    )
    .attr('transform', (n) => `translate(${n.x},${n.y})`)
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('aria-label', describeNode);
  nodes.append('circle').attr('r', (n) => n.r);
  // A risk marker at the circle's upper right: "!" in the severity's colour (the legend explains it).
  nodes
    .filter((n) => n.risk !== undefined)
    .append('text')
    .attr('class', 'deps-node-risk-mark')
    .attr('x', (n) => n.r * 0.7)
    .attr('y', (n) => -n.r * 0.7)
    .attr('text-anchor', 'middle')
    .text('!');
  nodes
    .append('text')
    .attr('x', (n) => n.labelBox.x - n.x)
    .attr('y', (n) => n.labelBox.y - n.y)
    .attr('text-anchor', (n) => n.labelBox.anchor)
    .each(function (n) {
      fitLabel(this, n.label, n.labelBox.maxWidth);
    });

  const behaviour: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent(SCALE_EXTENT)
    // A plain wheel or one finger scrolls the page past a graph that can be taller than the screen;
    // Ctrl/⌘+wheel (trackpad pinch sends ctrlKey), two fingers, drag and double-click zoom or pan.
    .filter((event: Event) => {
      if (event instanceof WheelEvent) return event.ctrlKey || event.metaKey;
      if (typeof TouchEvent !== 'undefined' && event instanceof TouchEvent) return event.touches.length >= 2;
      return !(event as MouseEvent).ctrlKey && !(event as MouseEvent).button;
    })
    .on('zoom', (event: D3ZoomEvent<SVGSVGElement, unknown>) =>
      viewport.attr('transform', event.transform.toString()),
    );
  svg.call(behaviour);
  // d3-zoom sets touch-action: none on the svg; one finger must still scroll the page (the holder's CSS).
  svg.style('touch-action', 'pan-x pan-y');

  const focus = (node: GraphNode | null) => {
    links.classed('deps-link-on', (l) => node !== null && (l.source === node.id || l.target === node.id));
    loaderPaths.classed(
      'deps-link-on',
      (l) => node !== null && (l.source === node.id || l.target === node.id),
    );
    nodes.classed('deps-node-on', (n) => node !== null && n.id === node.id);
    details.textContent = node ? nodeDetails(node) : 'Hover over or focus a node (Tab) to see its hosts.';
  };
  nodes
    .on('mouseenter', (_event, n) => focus(n))
    .on('focus', (_event, n) => {
      focus(n);
      // Zoomed in, Tab may land on a node whose circle or label is (partly) out of view: bring it to
      // the centre. Checking the whole label, not the node's centre, keeps a node from landing half clipped
      // at the edge.
      const t = zoomTransform(svg.node()!);
      const [left, top] = t.apply([n.x - n.r, n.y - n.r]);
      const right = t.applyX(Math.max(n.x + n.r, n.labelBox.x + n.labelBox.maxWidth));
      const bottom = t.applyY(n.y + n.r);
      if (left < 0 || top < 0 || right > layout.width || bottom > layout.height) {
        behaviour.translateTo(svg, n.x, n.y);
      }
    })
    .on('mouseleave blur', () => focus(null));
  focus(null);

  zoomIn.addEventListener('click', () => behaviour.scaleBy(svg, ZOOM_STEP));
  zoomOut.addEventListener('click', () => behaviour.scaleBy(svg, 1 / ZOOM_STEP));
  reset.addEventListener('click', () => behaviour.transform(svg, zoomIdentity));
  // User Timing entry (DevTools, and test/e2e/deps-graph.test.ts reads it): layout, SVG and label fitting.
  performance.measure(DRAW_MEASURE, { start });
  return svg.node()!;
}
