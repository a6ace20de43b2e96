/**
 * The page's Risks section (above the provider table), the "Probably yours" section with its confirm and
 * undo buttons, and the small badges the host and company tables carry. Data comes from the pure core
 * (src/core/risk, src/core/ownership); this file only writes it into the page, as text.
 */
import type { DependencyReport } from '../../core/map/types.ts';
import type { OwnershipView, SisterSite } from '../../core/ownership/apply-ownership.ts';
import { missingSri, riskList, worstRiskByHost, type RiskItem } from '../../core/risk/risk-list.ts';
import { worstSeverity, type RiskSeverity } from '../../core/risk/types.ts';
import { byId, h, hostName } from './dom.ts';

/** Evidence lines and URLs listed per risk; the CSV export has them all. */
const SHOWN_EVIDENCE = 5;
const SHOWN_URLS = 10;

/** What each code means and what to do about it, in plain words (docs/risks.md says the same). */
export const RISK_WORDS: Record<string, { title: string; todo: (firstParty: boolean) => string }> = {
  known_compromised: {
    title: 'Known compromised domain',
    todo: () =>
      'Remove it from your page now. If you need what it provided, self-host a reviewed copy or use a mirror you trust (Cloudflare and Fastly host replacements for polyfill.io).',
  },
  dangling_cname: {
    title: 'Takeover candidate (dangling CNAME)',
    todo: (firstParty) =>
      firstParty
        ? 'Delete the CNAME record now, or create the resource again under your own account; then look for other records that point at deleted cloud resources.'
        : 'Tell the vendor, and stop loading anything from this host until they have removed the record.',
  },
  // The messages of these two already end with what to do for the very file (a versioned URL or not, a
  // tag manager, a form or an image): a general line would only repeat them.
  no_sri: { title: 'No Subresource Integrity', todo: () => '' },
  insecure_transport: { title: 'Insecure transport (http on an https page)', todo: () => '' },
};

const SEVERITY_WORDS: Record<RiskSeverity, string> = { high: 'High', medium: 'Medium', low: 'Low' };

/**
 * Hosts whose documentation or reports our own risk tables cite: only links to these are made clickable.
 * A saved report is written by whoever saved it, so any other "source" is shown as text, never as a link.
 */
const SOURCE_HOSTS = new Set([
  'sansec.io',
  'github.com',
  'blog.cloudflare.com',
  'learn.microsoft.com',
  'docs.aws.amazon.com',
]);

/** A severity badge: the word, not the colour alone, carries the meaning. */
export function riskBadge(severity: RiskSeverity): HTMLSpanElement {
  return h('span', { class: `deps-badge deps-risk-${severity}` }, `${SEVERITY_WORDS[severity]} risk`);
}

/** The "probably yours" badge of a host the sister-domain rules (or the reader) count as the site's own. */
export function yoursBadge(state: SisterSite['state']): HTMLSpanElement {
  return h(
    'span',
    { class: 'deps-badge deps-yours' },
    state === 'yours' ? 'yours (confirmed)' : state === 'not-yours' ? 'not yours' : 'probably yours',
  );
}

function sourceLink(url: string): Node | string {
  let host = '';
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:') host = parsed.hostname;
  } catch {
    // not a URL: shown as text
  }
  return SOURCE_HOSTS.has(host)
    ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, url)
    : url;
}

function riskEntry(item: RiskItem): HTMLLIElement {
  const words = RISK_WORDS[item.code] ?? { title: item.code.replace(/_/g, ' '), todo: () => '' };
  const todo = words.todo(item.firstParty);
  const more = (shown: number, total: number, what: string) =>
    total > shown ? h('li', {}, `…and ${total - shown} more ${what} (see the CSV export).`) : '';
  return h(
    'li',
    { class: `deps-risk deps-risk-item-${item.severity}`, 'data-code': item.code, 'data-host': item.host },
    h(
      'p',
      { class: 'deps-risk-head' },
      riskBadge(item.severity),
      ' ',
      h('strong', {}, words.title),
      ': ',
      hostName(item.host),
      item.firstParty ? h('span', { class: 'deps-help' }, ' (your own host)') : '',
    ),
    h('p', {}, item.message),
    todo ? h('p', {}, h('strong', {}, 'What to do: '), todo) : '',
    h(
      'details',
      {},
      h('summary', {}, 'Evidence'),
      h(
        'ul',
        {},
        ...item.evidence.slice(0, SHOWN_EVIDENCE).map((e) => h('li', {}, e)),
        more(SHOWN_EVIDENCE, item.evidence.length, 'lines'),
      ),
      item.urls.length > 0
        ? h(
            'ul',
            { class: 'deps-risk-urls' },
            ...item.urls.slice(0, SHOWN_URLS).map((u) => h('li', {}, h('span', { class: 'deps-url' }, u))),
            more(SHOWN_URLS, item.urls.length, 'resources'),
          )
        : '',
      item.source ? h('p', {}, 'Source: ', sourceLink(item.source)) : '',
    ),
  );
}

/**
 * Said wherever a HAR's SRI facts are missing (here and in the method line, render.ts), so "no SRI risk"
 * never reads as "every script is pinned".
 */
export const SRI_NOT_CHECKED =
  'SRI not checked: this HAR holds no page HTML. Export it with content ("Save all as HAR with content" in Chrome) to check it.';

/** The Risks section: shown when a risk exists, most severe first. */
export function renderRisks(view: DependencyReport): void {
  const section = byId('deps-risks-section');
  const list = riskList(view);
  section.hidden = list.length === 0;
  const counts = (['high', 'medium', 'low'] as const)
    .map((s) => [s, list.filter((i) => i.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const sri = missingSri(view);
  byId('deps-risks').replaceChildren(
    list.length > 0
      ? h('p', {}, `${list.length} risk${list.length === 1 ? '' : 's'} found: ${counts.join(', ')}.`)
      : '',
    sri.scripts + sri.stylesheets > 0
      ? h(
          'p',
          {},
          `Without Subresource Integrity: ${sri.scripts} third-party script${sri.scripts === 1 ? '' : 's'} and ${sri.stylesheets} stylesheet${sri.stylesheets === 1 ? '' : 's'}.`,
        )
      : '',
    view.method === 'har' && view.source.html === false
      ? h('p', { class: 'deps-warn' }, SRI_NOT_CHECKED)
      : '',
    list.length > 0 ? h('ol', { class: 'deps-risk-list' }, ...list.map(riskEntry)) : '',
  );
}

/**
 * "Probably yours": each sister site with its evidence and the reader's answer. `decide(site, answer)`
 * stores the answer (null: back to the suggestion) and redraws the map.
 */
export function renderOwnership(
  sisters: readonly SisterSite[],
  decide: (site: string, answer: 'yours' | 'not-yours' | null) => void,
): void {
  const section = byId('deps-ownership-section');
  section.hidden = sisters.length === 0;
  const button = (label: string, answer: 'yours' | 'not-yours' | null, site: string) => {
    const b = h('button', { type: 'button', 'data-site': site }, label);
    b.addEventListener('click', () => decide(site, answer));
    return b;
  };
  byId('deps-ownership').replaceChildren(
    ...sisters.map((s) =>
      h(
        'div',
        { class: 'deps-sister', 'data-site': s.site, 'data-state': s.state },
        h(
          'p',
          {},
          h('strong', {}, s.site),
          ' ',
          yoursBadge(s.state),
          ` — ${s.hosts.length} host${s.hosts.length === 1 ? '' : 's'}: ${s.hosts.join(', ')}`,
        ),
        s.evidence.length > 0
          ? h('ul', {}, ...s.evidence.map((e) => h('li', {}, e.text)))
          : h('p', { class: 'deps-help' }, 'No evidence found; counted as yours because it was confirmed.'),
        h(
          'div',
          { class: 'deps-row' },
          ...(s.state === 'suggested'
            ? [button('Yes, it is ours', 'yours', s.site), button('No, a third party', 'not-yours', s.site)]
            : [button('Undo', null, s.site)]),
        ),
      ),
    ),
  );
}

/**
 * Badges for a list of hosts (one host in the host table, a company's hosts in the company table): the
 * worst risk among them, and "probably yours" when they belong to a sister site.
 */
export function badgesOf(view: OwnershipView): (hosts: readonly string[]) => Node[] {
  const risk = worstRiskByHost(view.report);
  const sister = new Map<string, SisterSite['state']>();
  for (const s of view.sisters) for (const host of s.hosts) sister.set(host, s.state);
  return (hosts) => {
    const out: Node[] = [];
    const worst = worstSeverity(
      hosts.flatMap((host) => (risk.has(host) ? [{ severity: risk.get(host)! }] : [])),
    );
    if (worst) out.push(document.createTextNode(' '), riskBadge(worst));
    const states = new Set(hosts.flatMap((host) => (sister.has(host) ? [sister.get(host)!] : [])));
    const state = states.has('suggested') ? 'suggested' : states.has('yours') ? 'yours' : null;
    if (state) out.push(document.createTextNode(' '), yoursBadge(state));
    return out;
  };
}
