/**
 * Draws who brought each third party in (src/core/map/chains.ts) into the frames of ResultsPanel.astro.
 * Loaded with the first map, not with the page (main.ts). Stable hooks for tests: `#deps-chains` holds one
 * `li.deps-chain[data-host]` per third party brought in by another (its sentence in
 * `.deps-chain-sentence`), `#deps-direct`, `#deps-unknown` and
 * `#deps-not-requested` list the others by host.
 */
import { describeChain } from '../../core/map/chain-words.ts';
import { hostChains, type HostChain, type LoadedBy } from '../../core/map/chains.ts';
import { mapSource, type MapSource } from '../../core/map/method-note.ts';
import type { DependencyReport } from '../../core/map/types.ts';
import { networkHost, tryUrl } from '../../core/map/url.ts';
import { byId, h, hostName } from './dom.ts';

/** Sentences listed one by one before "+N more"; hosts in a comma list the same. */
export const CHAINS_SHOWN = 60;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why a method leaves a loader unknown, said under "who requested them is not recorded". */
const UNKNOWN_WHY: Record<MapSource, string> = {
  rendered:
    'The browser gave no initiator for them: typically requests made by a service worker, a prefetch, or an image pixel Chrome attributes to no script.',
  har: 'This HAR does not say who requested them: Chrome writes “other” for requests no script or document made (a service worker’s, a prefetch), Firefox writes no initiator at all, and WebPageTest leaves it blank for many requests.',
  static: '',
};

/** A comma list of hosts, with room for line breaks after dots. */
function hostList(id: string, hosts: readonly string[]): HTMLElement {
  const shown = hosts.slice(0, CHAINS_SHOWN);
  const items: Array<Node | string> = [];
  shown.forEach((host, i) => items.push(...(i > 0 ? [', '] : []), hostName(host)));
  if (hosts.length > shown.length) items.push(`, +${hosts.length - shown.length} more (see the CSV export)`);
  return h('p', { id, class: 'deps-host-list' }, ...items);
}

function group(chains: readonly HostChain[], by: LoadedBy): HostChain[] {
  return chains.filter((c) => c.by === by);
}

export function renderChains(report: DependencyReport): void {
  const el = byId('deps-chains');
  const source = mapSource(report);
  if (source === 'static') {
    el.replaceChildren(
      h(
        'p',
        {},
        'A static scan finds only what your page’s HTML and stylesheets name, so your page itself names every host here. Which third party loads which at run time needs a rendered scan or a HAR.',
      ),
    );
    return;
  }
  const chains = hostChains(report);
  const pageUrl = report.page ? tryUrl(report.page) : null;
  const pageHost = pageUrl ? networkHost(pageUrl) : null;
  const byThird = group(chains, 'third-party');
  const direct = group(chains, 'site');
  const unknown = group(chains, 'unknown');
  const notRequested = group(chains, 'not-requested');
  const known = byThird.length + direct.length;
  el.replaceChildren(
    h(
      'p',
      { id: 'deps-chains-summary' },
      chains.length === 0
        ? 'No third-party host on this map yet.'
        : `We know what requested ${known} of ${plural(chains.length, 'third-party host')}: your page requested ${direct.length} itself, and other third parties brought in ${byThird.length}.`,
    ),
    byThird.length === 0
      ? ''
      : h(
          'section',
          { 'aria-labelledby': 'deps-chains-third-title' },
          h('h4', { id: 'deps-chains-third-title' }, `Brought in by another third party (${byThird.length})`),
          h(
            'p',
            { class: 'deps-help' },
            'If the first host of a chain goes down, everything after it is not loaded either.',
          ),
          h(
            'ul',
            { class: 'deps-chain-list' },
            ...[...byThird]
              .sort((a, b) => b.path.length - a.path.length || a.host.localeCompare(b.host))
              .slice(0, CHAINS_SHOWN)
              .map((c) =>
                h(
                  'li',
                  { class: 'deps-chain', 'data-host': c.host, 'data-length': c.path.length },
                  h('strong', {}, hostName(c.host)),
                  ': ',
                  h('span', { class: 'deps-chain-sentence' }, describeChain(c, pageHost)),
                ),
              ),
            byThird.length > CHAINS_SHOWN
              ? h(
                  'li',
                  {},
                  `…and ${byThird.length - CHAINS_SHOWN} more (see the CSV export, column host_chain).`,
                )
              : '',
          ),
        ),
    direct.length === 0
      ? ''
      : h(
          'section',
          { 'aria-labelledby': 'deps-direct-title' },
          h('h4', { id: 'deps-direct-title' }, `Requested by your page itself (${direct.length})`),
          hostList(
            'deps-direct',
            direct.map((c) => c.host),
          ),
        ),
    unknown.length === 0
      ? ''
      : h(
          'section',
          { 'aria-labelledby': 'deps-unknown-title' },
          h('h4', { id: 'deps-unknown-title' }, `Who requested them is not recorded (${unknown.length})`),
          h('p', { class: 'deps-help' }, UNKNOWN_WHY[source]),
          hostList(
            'deps-unknown',
            unknown.map((c) => c.host),
          ),
        ),
    notRequested.length === 0
      ? ''
      : h(
          'section',
          { 'aria-labelledby': 'deps-not-requested-title' },
          h(
            'h4',
            { id: 'deps-not-requested-title' },
            `Named in the HTML but not requested (${notRequested.length})`,
          ),
          h(
            'p',
            { class: 'deps-help' },
            'Your page’s HTML names these hosts (a lazy image, a URL in a script, a late timer), but the browser did not request them during the scan. They stay on the map: a visitor who scrolls or waits may load them.',
          ),
          hostList(
            'deps-not-requested',
            notRequested.map((c) => c.host),
          ),
        ),
  );
}
