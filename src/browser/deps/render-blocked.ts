/**
 * What a rendered scan's fence refused (the page tried, our policy said no), said plainly, into
 * `#deps-blocked` (one `li[data-url]` per refused target). In the page's first script: a map that comes
 * with refusals shows them at once.
 */
import { blockedReasonWords } from '../../core/map/method-note.ts';
import type { DependencyReport } from '../../core/map/types.ts';
import { byId, h } from './dom.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function renderBlocked(report: DependencyReport): void {
  const el = byId('deps-blocked');
  const blocked = report.source.blocked ?? [];
  el.hidden = blocked.length === 0;
  if (blocked.length === 0) {
    el.replaceChildren();
    return;
  }
  el.replaceChildren(
    h('h3', { id: 'deps-blocked-title' }, `Requests we refused to make (${blocked.length})`),
    h(
      'p',
      {},
      `While we loaded your page, it tried to reach ${plural(blocked.length, 'address', 'addresses')} that our safety policy does not allow (private or local networks, unusual ports, non-web addresses). We blocked those requests, so they are not on the map. If your page really loads them, visitors' browsers may reach them; we cannot check from outside.`,
    ),
    h(
      'ul',
      {},
      ...blocked.map((b) =>
        h(
          'li',
          { 'data-url': b.url },
          h('span', { class: 'deps-url' }, b.url.endsWith(':') ? `a ${b.url} URL` : b.url),
          ` — ${blockedReasonWords(b.reason)}`,
        ),
      ),
    ),
  );
}
