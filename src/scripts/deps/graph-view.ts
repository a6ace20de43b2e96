/**
 * Draws a GraphLayout (src/core/map/graph.ts) with d3: binding only, every number comes from the core.
 * Loaded by dynamic import once results exist. Nodes are focusable; focus or hover shows their details
 * in a live region and highlights their edges. d3-zoom gives wheel, drag and pinch zoom; the buttons do
 * the same from the keyboard.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import type { GraphLayout, GraphNode } from '../../core/map/graph.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Zoom range: from the whole map to 6x, enough to read a 100-host column on a phone. */
const SCALE_EXTENT: [number, number] = [0.5, 6];
const ZOOM_STEP = 1.5;

function describeNode(node: GraphNode): string {
  const what =
    node.kind === 'site' ? 'Your page' : node.kind === 'company' ? 'Company' : 'Network or DNS provider';
  const hosts = node.hosts.length;
  return `${what}: ${node.label}. ${hosts} host${hosts === 1 ? '' : 's'}${node.renderBlocking > 0 ? `, ${node.renderBlocking} render-blocking resource${node.renderBlocking === 1 ? '' : 's'}` : ''}.`;
}

export function drawGraph(holder: HTMLElement, details: HTMLElement, layout: GraphLayout): void {
  holder.replaceChildren();
  const svg = select(holder)
    .append('svg')
    .attr('xmlns', SVG_NS)
    .attr('viewBox', `0 0 ${layout.width} ${layout.height}`)
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

  const nodes = viewport
    .append('g')
    .selectAll('g')
    .data(layout.nodes)
    .join('g')
    .attr('class', (n) => `deps-node deps-node-${n.kind}${n.renderBlocking > 0 ? ' deps-node-blocking' : ''}`)
    .attr('transform', (n) => `translate(${n.x},${n.y})`)
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('aria-label', describeNode);
  nodes.append('circle').attr('r', (n) => n.r);
  nodes
    .append('text')
    .attr('x', (n) => (n.kind === 'site' ? 0 : n.r + 4))
    .attr('y', (n) => (n.kind === 'site' ? n.r + 14 : 4))
    .attr('text-anchor', (n) => (n.kind === 'site' ? 'middle' : 'start'))
    .text((n) => (n.label.length > 28 ? `${n.label.slice(0, 27)}…` : n.label));

  const focus = (node: GraphNode | null) => {
    links.classed('deps-link-on', (l) => node !== null && (l.source === node.id || l.target === node.id));
    nodes.classed('deps-node-on', (n) => node !== null && n.id === node.id);
    details.textContent = node
      ? `${describeNode(node)} Hosts: ${node.hosts.slice(0, 12).join(', ')}${node.hosts.length > 12 ? `, +${node.hosts.length - 12} more` : ''}`
      : 'Hover over or focus a node (Tab) to see its hosts.';
  };
  nodes.on('mouseenter focus', (_event, n) => focus(n)).on('mouseleave blur', () => focus(null));
  focus(null);

  const behaviour: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent(SCALE_EXTENT)
    .on('zoom', (event) => viewport.attr('transform', event.transform.toString()));
  svg.call(behaviour);

  const controls = document.createElement('div');
  controls.className = 'deps-zoom';
  const button = (label: string, text: string, action: () => void) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', action);
    controls.appendChild(b);
  };
  button('Zoom in', '+', () => behaviour.scaleBy(svg, ZOOM_STEP));
  button('Zoom out', '−', () => behaviour.scaleBy(svg, 1 / ZOOM_STEP));
  button('Reset zoom', 'Reset', () => behaviour.transform(svg, zoomIdentity));
  holder.prepend(controls);
}
