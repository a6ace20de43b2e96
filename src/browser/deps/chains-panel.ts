/**
 * "Who brought whom": the chains view (render-chains.ts) is loaded with the first map, not with the page.
 * Each render queues its drawing on one promise, so drawings run in the order asked, and awaiting it
 * waits for every drawing queued before.
 */
import type { DependencyReport } from '../../core/map/types.ts';
import { byId, h } from './dom.ts';
import { describe } from './error-box.ts';

let chainsView: Promise<typeof import('./render-chains.ts')> | null = null;

/**
 * Draws `shown` (the report as the views read it: src/core/ownership/report-view.ts) if `stillShown()`
 * when the view has loaded: a newer map may have replaced it meanwhile.
 */
export function renderChainsSoon(shown: DependencyReport, stillShown: () => boolean): void {
  chainsView ??= import('./render-chains.ts');
  chainsView.then(
    (view) => {
      if (stillShown()) view.renderChains(shown);
    },
    (error: unknown) => {
      byId('deps-chains').replaceChildren(
        h('p', {}, `The chains could not be shown (${describe(error)}). Reload the page to try again.`),
      );
    },
  );
}

/** Waits until the chains queued so far are drawn (or could not be). */
export async function chainsDrawn(): Promise<void> {
  await chainsView?.catch(() => undefined);
}
