/** Draws the report's views (summary, single points of failure, providers, what breaks, hosts) into the page. */
import { absenceAnswer, absentMajorProviders, defaultBreaksProvider } from '../../core/map/breaks-choice.ts';
import { loadersByHost, siteHosts } from '../../core/map/chains.ts';
import { loaderHost } from '../../core/map/initiator.ts';
import { mapSource, methodNote } from '../../core/map/method-note.ts';
import { dnsProvidersOf, networksOf, UNATTRIBUTED } from '../../core/map/hosts.ts';
import { hostCompany } from '../../core/map/operators.ts';
import { IMPACT_CLASSES, whatBreaks, type ImpactClass } from '../../core/map/impact.ts';
import { describeServices, providerTable } from '../../core/map/provider-table.ts';
import { findSinglePointsOfFailure } from '../../core/map/spof.ts';
import { summarise } from '../../core/map/summary.ts';
import type { DependencyReport } from '../../core/map/types.ts';
import { byId, h, hostName, table } from './dom.ts';
import { SRI_NOT_CHECKED } from './render-risks.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Lookup error codes (HOST_ERROR_CODES) in words; the code and the resolver's message stay in the title. */
const LOOKUP_WORDS: Record<string, string> = {
  nxdomain: 'name does not exist',
  nodata: 'no address',
  servfail: 'DNS server failed',
  refused: 'DNS server refused',
  timeout: 'timed out',
  cname_loop: 'alias loop',
  malformed: 'bad DNS answer',
  truncated: 'answer cut short',
  budget_exhausted: 'not looked up (too many hosts)',
  invalid_host: 'not a valid host name',
  upstream_error: 'lookup failed',
};

/** "consent-provider" -> "consent provider". */
const words = (slug: string) => slug.replace(/[-_]+/g, ' ');

export const IMPACT_LABELS: Record<ImpactClass, { title: string; help: string }> = {
  'render-blocking': {
    title: 'Render-blocking',
    help: 'the page stays blank or hangs until the browser gives up',
  },
  functional: {
    title: 'Functional',
    help: 'the page shows, but scripts, frames, forms, fonts or API calls fail',
  },
  cosmetic: {
    title: 'Cosmetic or analytics',
    help: 'images and beacons go missing; ads and analytics stop counting',
  },
};

/** The TTI calculator, prefilled with the mapped page (/tti/ reads `url`). */
export function ttiLink(page: string): string {
  return `/tti/?url=${encodeURIComponent(page)}`;
}

export function renderMethod(report: DependencyReport, pending: number): void {
  const el = byId('deps-method');
  const note = methodNote(report);
  el.dataset.method = note.source;
  el.replaceChildren(
    h('p', {}, h('strong', {}, 'Method: '), note.lead),
    note.fallback ? h('p', { id: 'deps-fallback', class: 'deps-warn' }, note.fallback) : '',
    report.page ? h('p', {}, h('strong', {}, 'Page: '), report.page) : '',
    report.source.truncated
      ? h('p', { class: 'deps-warn' }, 'This map is truncated: it covers the first hosts only.')
      : '',
    report.method === 'har' && report.source.html === false ? h('p', {}, SRI_NOT_CHECKED) : '',
    pending > 0
      ? h('p', {}, `${plural(pending, 'host')} still resolving: the figures below will change.`)
      : '',
    report.page
      ? h(
          'p',
          { id: 'deps-tti' },
          h('a', { id: 'deps-tti-link', href: ttiLink(report.page) }, 'What is a faster page worth?'),
          ' Estimate what speeding up this page would add, with the TTI calculator.',
        )
      : '',
  );
}

export function renderSummary(report: DependencyReport): void {
  const s = summarise(report);
  const item = (value: number, label: string) => h('div', {}, h('dt', {}, label), h('dd', {}, String(value)));
  byId('deps-summary').replaceChildren(
    item(s.thirdPartyHosts, 'Third-party hosts'),
    item(s.thirdPartyCompanies, 'Third-party companies'),
    item(s.networks, 'Networks (CDN, cloud, ASN)'),
    item(s.dnsProviders, 'DNS providers'),
    item(s.renderBlocking, 'Render-blocking resources'),
    item(s.renderBlockingThirdParty, 'Render-blocking, third-party'),
    item(s.unresolved, 'Hosts not resolved'),
    // A static scan records no loaders: a 0 there would read as "none", not "not known".
    mapSource(report) === 'static' ? '' : item(s.broughtByThirdParty, 'Brought in by other third parties'),
  );
}

export function renderSpof(report: DependencyReport): void {
  const found = findSinglePointsOfFailure(report);
  const el = byId('deps-spof');
  el.replaceChildren(
    found.length === 0
      ? h(
          'p',
          {},
          'No single point of failure found: your own hosts do not all rely on one DNS provider, no single network carries every render-blocking resource, and no third party serves a render-blocking resource.',
        )
      : h('ul', {}, ...found.map((s) => h('li', {}, h('strong', {}, `${s.name}: `), s.message))),
  );
}

export function renderProviders(report: DependencyReport): void {
  // Render-blocking comes right after the name: after an outage it is the column people look for, and on a
  // phone the first columns are the ones in view.
  const rows = providerTable(report).map((r) => [
    r.name,
    r.renderBlocking,
    r.resources,
    // What goes with it indirectly: loaded by scripts, pages or stylesheets on its hosts (indirect.ts).
    r.indirect,
    `${r.hosts.length}${r.servesFirstParty ? ' (incl. yours)' : ''}`,
    describeServices(r),
  ]);
  byId('deps-providers').replaceChildren(
    table(
      'Providers your page depends on',
      ['Provider', 'Render-blocking', 'Resources', 'Loaded through it', 'Hosts', 'Services (hosts on each)'],
      rows,
    ),
  );
}

/**
 * Fills the provider picker: the page's providers, then major providers it does not use. Shows `wanted`
 * (the user's pick or the link's `provider=`) when it is on the list, else the default
 * (defaultBreaksProvider). Returns the provider shown.
 */
export function renderBreaksPicker(report: DependencyReport, wanted: string | null): string {
  const select = byId<HTMLSelectElement>('deps-breaks-provider');
  const rows = providerTable(report);
  const names = rows.map((r) => r.name).filter((n) => n !== UNATTRIBUTED);
  const absent = absentMajorProviders(report, names);
  const option = (n: string) => h('option', { value: n }, n);
  select.replaceChildren(
    h('optgroup', { label: 'Used by your page' }, ...names.map(option)),
    absent.length > 0 ? h('optgroup', { label: 'Not found on your page' }, ...absent.map(option)) : '',
  );
  const shown =
    wanted !== null && (names.includes(wanted) || absent.includes(wanted))
      ? wanted
      : (defaultBreaksProvider(rows) ?? '');
  select.value = shown;
  renderBreaks(report, shown, absent.includes(shown));
  return shown;
}

export function renderBreaks(report: DependencyReport, provider: string, absent = false): void {
  const out = byId('deps-breaks-result');
  if (!provider) {
    out.replaceChildren(h('p', {}, 'No provider identified yet.'));
    return;
  }
  if (absent) {
    out.replaceChildren(h('p', { class: 'deps-good' }, absenceAnswer(report, provider)));
    return;
  }
  const result = whatBreaks(report, provider);
  const total = IMPACT_CLASSES.reduce((n, c) => n + result.byClass[c].length, 0);
  const affected = `${plural(total, 'resource')} on ${plural(result.hosts.length, 'host')} ${total === 1 ? 'is' : 'are'} affected`;
  out.replaceChildren(
    h(
      'p',
      { class: result.pageDown ? 'deps-bad' : '' },
      result.pageDown
        ? `If ${provider} goes down, your page itself is down: ${affected}.`
        : `If ${provider} goes down, ${affected}.`,
    ),
    ...IMPACT_CLASSES.map((c) => {
      const items = result.byClass[c];
      return h(
        'section',
        { class: `deps-impact deps-impact-${c}`, 'aria-label': IMPACT_LABELS[c].title },
        h('h4', {}, `${IMPACT_LABELS[c].title} (${items.length})`),
        h('p', { class: 'deps-help' }, IMPACT_LABELS[c].help),
        items.length === 0
          ? h('p', {}, 'None.')
          : h(
              'ul',
              {},
              ...items.slice(0, 50).map((i) =>
                h(
                  'li',
                  {},
                  h('span', { class: 'deps-type' }, i.resource.type),
                  ' ',
                  h('span', { class: 'deps-url' }, i.resource.url),
                  ` — ${i.company}`,
                  // Who requested it (initiator): a tag manager's outage stops these too.
                  loaderHost(i.resource)
                    ? h('span', { class: 'deps-help' }, `, loaded by ${loaderHost(i.resource)}`)
                    : '',
                ),
              ),
              items.length > 50 ? h('li', {}, `…and ${items.length - 50} more (see the CSV export).`) : '',
            ),
      );
    }),
    result.loadedBy.length === 0
      ? ''
      : h(
          'section',
          { class: 'deps-impact', 'aria-label': 'Also not loaded' },
          h('h4', {}, `Also not loaded (${result.loadedBy.length})`),
          h(
            'p',
            { class: 'deps-help' },
            `what loads them (a tag manager, say) is down with ${provider}` +
              (result.lostHosts.length > 0
                ? `; nothing at all is requested from ${result.lostHosts.join(', ')}`
                : ''),
          ),
          h(
            'ul',
            {},
            ...result.loadedBy
              .slice(0, 50)
              .map((i) =>
                h(
                  'li',
                  {},
                  h('span', { class: 'deps-type' }, i.resource.type),
                  ' ',
                  h('span', { class: 'deps-url' }, i.resource.url),
                  ` — loaded by ${i.loadedBy ?? ''}`,
                ),
              ),
          ),
        ),
  );
}

/** Badges after a host or company name (render-risks.ts: risk severity, "probably yours"). */
export type Badges = (hosts: readonly string[]) => Node[];

/** A name with its badges, as the cell's own children (the host name's wrapping rules measure the cell). */
function withBadges(name: Node | string, badges: Node[]): Node | string {
  if (badges.length === 0) return name;
  const cell = document.createDocumentFragment();
  cell.append(name, ...badges);
  return cell;
}

export function renderHosts(
  report: DependencyReport,
  pending: ReadonlySet<string>,
  badges: Badges = () => [],
): void {
  const resolved = new Set(report.hosts.map((x) => x.host));
  const rows = report.hosts.map((x) => [
    withBadges(hostName(x.host), badges([x.host])),
    hostCompany(x),
    x.firstParty ? 'first party' : words(x.entity.category),
    networksOf(x).join(', ') || '—',
    dnsProvidersOf(x).join(', ') || '—',
    x.errors.length > 0
      ? h(
          'span',
          { title: x.errors.map((e) => `${e.code}: ${e.message}`).join('; ') },
          [...new Set(x.errors.map((e) => LOOKUP_WORDS[e.code] ?? words(e.code)))].join('; '),
        )
      : 'ok',
  ]);
  for (const host of pending) {
    if (!resolved.has(host)) rows.push([hostName(host), '…', '…', '…', '…', 'resolving']);
  }
  byId('deps-hosts').replaceChildren(
    table(`All hosts (${rows.length})`, ['Host', 'Company', 'Category', 'Networks', 'DNS', 'Lookup'], rows),
  );
}

/** The graph's information as a table, for keyboard and screen-reader users (loader arrows included). */
export function renderGraphTable(report: DependencyReport, badges: Badges = () => []): void {
  const byCompany = new Map<string, { hosts: string[]; networks: Set<string> }>();
  const companyOf = new Map<string, string>();
  for (const x of report.hosts) {
    const c = hostCompany(x);
    companyOf.set(x.host, c);
    const e = byCompany.get(c) ?? { hosts: [], networks: new Set<string>() };
    e.hosts.push(x.host);
    for (const n of [...networksOf(x), ...dnsProvidersOf(x)]) e.networks.add(n);
    byCompany.set(c, e);
  }
  // Companies whose hosts requested something on this company's hosts (the graph's "loaded by" arrows).
  const site = siteHosts(report);
  const loadedBy = new Map<string, Set<string>>();
  for (const [host, loaders] of loadersByHost(report.resources)) {
    const c = companyOf.get(host);
    for (const l of loaders) {
      const by = companyOf.get(l);
      if (c === undefined || by === undefined || by === c || site.has(l)) continue;
      loadedBy.set(c, (loadedBy.get(c) ?? new Set<string>()).add(by));
    }
  }
  const rows = [...byCompany]
    .sort((a, b) => b[1].hosts.length - a[1].hosts.length || a[0].localeCompare(b[0]))
    .map(([c, e]) => [
      withBadges(c, badges(e.hosts)),
      e.hosts.length,
      [...e.networks].join(', ') || UNATTRIBUTED,
      [...(loadedBy.get(c) ?? [])].join(', ') || '—',
      e.hosts.join(', '),
    ]);
  byId('deps-graph-table').replaceChildren(
    table(
      'Companies and the networks under them',
      ['Company', 'Hosts', 'Networks and DNS', 'Loaded by (companies)', 'Host names'],
      rows,
    ),
  );
}
