/**
 * Who brought each third party onto the page: "www.googletagmanager.com loaded connect.facebook.net, which
 * loaded www.facebook.com". Hosts are the nodes; every resource whose loader (initiator.ts) is another host
 * is an edge from that loader. The site's own hosts (the page's host and every first-party host) are the
 * roots. docs/mapper.md "Chains" states the rules; test/unit/map/chains.test.ts pins them.
 *
 * - A host reachable from the site gets its shortest chain (breadth-first from the roots, ties in the
 *   order the resources were recorded): a host the page names itself is "loaded by your page" even when a
 *   tag manager also loads it, since only the page's own request keeps it alive when the tag manager dies.
 * - A host the site cannot reach is traced back through its loaders to the nearest host nobody is
 *   recorded as loading ("unknown" start); when every way back comes round again, it is a loop (hosts
 *   that load each other, with nothing recorded as starting them).
 * - Chains are at most MAX_CHAIN_HOSTS long; a longer one keeps the hosts nearest to its end.
 */
import type { InitiatorType } from '../scan/types.ts';
import { loaderHost } from './initiator.ts';
import type { DependencyReport, MapResource } from './types.ts';
import { networkHost, tryUrl } from './url.ts';

/**
 * Longest chain kept, in hosts before the third party itself. Real tag chains are short (on the six HAR
 * captures evaluated in docs/mapper.md the longest had 3 hosts before it, site included); the cap bounds
 * hostile or looping input and what one line of the page has to say.
 */
export const MAX_CHAIN_HOSTS = 12;

/** How a chain begins: at one of the site's hosts, at a host whose own loader is unknown, or in a loop. */
export type ChainStart = 'site' | 'unknown' | 'loop';

/**
 * Who requested the third party directly: one of the site's hosts, another third party, nobody we know
 * of, or nobody at all (a rendered scan found it named in the HTML but the browser never requested it).
 */
export type LoadedBy = 'site' | 'third-party' | 'unknown' | 'not-requested';

export interface HostChain {
  /** The third-party host. */
  host: string;
  /**
   * Hosts that brought `host` in, first to last: the last one requested `host`. With start "site",
   * `path[0]` is one of the site's hosts (unless `capped`). Empty when nobody is recorded as loading it.
   */
  path: string[];
  start: ChainStart;
  /** The chain was longer than MAX_CHAIN_HOSTS: `path` keeps the hosts nearest to `host`. */
  capped: boolean;
  by: LoadedBy;
  /**
   * How each step of the chain was made, one per host after `path[0]` and then `host`: the initiator type
   * of the first request recorded along that step ("redirect" reads "redirected to", the rest "loaded").
   */
  steps: InitiatorType[];
  /** Every other host that requested something on `host`, in the order first recorded. */
  loadedBy: string[];
}

/** The site's own hosts: the page's host, then the first-party hosts in report order. */
export function siteHosts(report: Pick<DependencyReport, 'page' | 'hosts'>): Set<string> {
  const roots = new Set<string>();
  const page = report.page ? tryUrl(report.page) : null;
  const pageHost = page ? networkHost(page) : null;
  if (pageHost) roots.add(pageHost);
  for (const h of report.hosts) if (h.firstParty) roots.add(h.host);
  return roots;
}

/** For each host, the other hosts that requested something on it, in the order first recorded. */
export function loadersByHost(resources: readonly MapResource[]): Map<string, string[]> {
  const loaders = new Map<string, string[]>();
  for (const r of resources) {
    const by = loaderHost(r);
    if (by === undefined) continue;
    const list = loaders.get(r.host);
    if (!list) loaders.set(r.host, [by]);
    else if (!list.includes(by)) list.push(by);
  }
  return loaders;
}

/** One chain per third-party host of the report, in report order. */
export function hostChains(report: Pick<DependencyReport, 'page' | 'hosts' | 'resources'>): HostChain[] {
  const roots = siteHosts(report);
  const loaders = loadersByHost(report.resources);
  const loads = new Map<string, string[]>();
  for (const [host, by] of loaders) {
    for (const l of by) {
      const list = loads.get(l);
      if (list) list.push(host);
      else loads.set(l, [host]);
    }
  }

  // Breadth-first from the site: each host's parent is the first loader found at the least depth.
  const parent = new Map<string, string | null>([...roots].map((r) => [r, null]));
  const queue = [...roots];
  for (let i = 0; i < queue.length; i++) {
    for (const next of loads.get(queue[i]!) ?? []) {
      if (parent.has(next)) continue;
      parent.set(next, queue[i]!);
      queue.push(next);
    }
  }

  const requested = new Set<string>();
  const hasResources = new Set<string>();
  const stepType = new Map<string, InitiatorType>();
  for (const r of report.resources) {
    hasResources.add(r.host);
    if (r.requested !== false) requested.add(r.host);
    const by = loaderHost(r);
    // A report saved before initiators names the host only: how it loaded is not known.
    const key = `${by}\u0000${r.host}`;
    if (by !== undefined && !stepType.has(key)) stepType.set(key, r.initiator?.type ?? 'other');
  }

  return report.hosts
    .filter((h) => !roots.has(h.host))
    .map(({ host }) => {
      const chain = parent.has(host) ? fromSite(host, parent) : tracedBack(host, loaders);
      const last = chain.path.at(-1);
      const by: LoadedBy =
        last !== undefined
          ? roots.has(last)
            ? 'site'
            : 'third-party'
          : requested.has(host) || !hasResources.has(host)
            ? 'unknown'
            : 'not-requested';
      const steps = [...chain.path.slice(1), host].map(
        (to, i) => stepType.get(`${chain.path[i]}\u0000${to}`) ?? 'other',
      );
      return { host, ...chain, by, steps, loadedBy: loaders.get(host) ?? [] };
    });
}

type ChainShape = Pick<HostChain, 'path' | 'start' | 'capped'>;

/** The breadth-first path from a root to `host`'s loader, cut to MAX_CHAIN_HOSTS from the end. */
function fromSite(host: string, parent: ReadonlyMap<string, string | null>): ChainShape {
  const path: string[] = [];
  let at = parent.get(host) ?? null;
  while (at !== null && path.length < MAX_CHAIN_HOSTS) {
    path.unshift(at);
    at = parent.get(at) ?? null;
  }
  return { path, start: 'site', capped: at !== null };
}

/**
 * Back through the loaders of a host the site does not reach: the shortest way back to a host nobody is
 * recorded as loading (breadth-first over the loaders, first recorded first). When every way back comes
 * round again, a loop: the first loaders, until one repeats.
 */
function tracedBack(host: string, loaders: ReadonlyMap<string, string[]>): ChainShape {
  const child = new Map<string, string | null>([[host, null]]);
  const queue = [host];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    const by = loaders.get(at) ?? [];
    if (by.length === 0 && at !== host) return fromStart(at, child);
    for (const next of by) {
      if (child.has(next)) continue;
      child.set(next, at);
      queue.push(next);
    }
  }
  const path: string[] = [];
  const seen = new Set([host]);
  for (let at = loaders.get(host)?.[0]; at !== undefined && !seen.has(at); at = loaders.get(at)?.[0]) {
    if (path.length === MAX_CHAIN_HOSTS) return { path, start: 'loop', capped: true };
    path.unshift(at);
    seen.add(at);
  }
  return { path, start: path.length === 0 ? 'unknown' : 'loop', capped: false };
}

/** The chain from `first` (a host with no recorded loader) down to the host, cut to MAX_CHAIN_HOSTS from the end. */
function fromStart(first: string, child: ReadonlyMap<string, string | null>): ChainShape {
  const path: string[] = [];
  for (let at: string | null = first; at !== null && child.get(at) !== null; at = child.get(at)!)
    path.push(at);
  const capped = path.length > MAX_CHAIN_HOSTS;
  return { path: capped ? path.slice(-MAX_CHAIN_HOSTS) : path, start: 'unknown', capped };
}
