/**
 * The graph panel: d3 and the graph view load only once there is something to draw (they are not in
 * the page's first script); the "loaded by" arrows' switch shows only where there are arrows.
 */
import { layoutGraph } from '../../core/map/graph-layout.ts';
import type { DependencyReport } from '../../core/map/types.ts';
import { reportView } from '../../core/ownership/report-view.ts';
import { byId, h } from './dom.ts';
import { describe } from './error-box.ts';

const loadersToggle = byId('deps-loaders-toggle');
const loadersBox = byId<HTMLInputElement>('deps-graph-loaders');
loadersBox.addEventListener('change', () => {
  byId('deps-graph').classList.toggle('deps-show-loaders', loadersBox.checked);
});

/** A new map is on its way: no graph (and no arrows' switch) until it is complete. */
export function clearGraph(): void {
  byId('deps-graph').replaceChildren();
  loadersToggle.hidden = true;
}

export async function drawGraph(report: DependencyReport): Promise<void> {
  const holder = byId('deps-graph');
  try {
    const view = await import('./graph-view.ts');
    const shown = reportView(report).report;
    const layout = layoutGraph(shown);
    const loaders = view.buildLoaderLinks(shown, layout);
    // None from a static scan or a Firefox HAR: no switch then.
    loadersToggle.hidden = loaders.length === 0;
    holder.classList.toggle('deps-show-loaders', loadersBox.checked && loaders.length > 0);
    view.drawGraph(holder, byId('deps-graph-details'), layout, loaders);
  } catch (error) {
    holder.replaceChildren(
      h(
        'p',
        {},
        `The graph could not be drawn (${describe(error)}). The table below has the same information.`,
      ),
    );
  }
}
