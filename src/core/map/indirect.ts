/**
 * What an outage takes down indirectly: resources on hosts that are still up but never requested, because
 * what requests them is down (a tag manager's tags, a stylesheet's fonts, a frame's contents, the next hop
 * of a redirect), followed down the chain. The provider table, "what breaks" and the single points of
 * failure all count indirect losses with this one function (docs/mapper.md "Indirect losses").
 */
import { initiatorHostOf, loaderHost } from './initiator.ts';
import type { MapResource } from './types.ts';

export interface LostResource {
  resource: MapResource;
  /** The host whose outage (direct or in turn) stops this request. */
  loadedBy: string;
}

export interface IndirectLoss {
  /** Resources not requested because their loader is down, in report order. */
  resources: LostResource[];
  /** Hosts up but left with nothing requested: every resource on them is lost (in the order lost). */
  hosts: string[];
}

/**
 * Resources lost when `downHosts` are down. A host is lost as a whole once every resource on it that
 * another host requested is lost, unless something on it has no recorded loader (we cannot say that it
 * goes, so it stays); then its self-loaded files go too, and what it loads in turn. Each host is lost at
 * most once, so loops end and the work is linear in the resources.
 */
export function lostThroughLoaders(
  resources: readonly MapResource[],
  downHosts: ReadonlySet<string>,
): IndirectLoss {
  const byLoader = new Map<string, number[]>();
  /** Resources on each host that another host requests, and hosts with a resource nobody is recorded as requesting. */
  const waiting = new Map<string, number>();
  const unexplained = new Set<string>();
  resources.forEach((r, i) => {
    const by = loaderHost(r);
    if (by !== undefined) {
      const list = byLoader.get(by);
      if (list) list.push(i);
      else byLoader.set(by, [i]);
      waiting.set(r.host, (waiting.get(r.host) ?? 0) + 1);
    } else if (initiatorHostOf(r) !== r.host) unexplained.add(r.host);
  });

  const lost = new Map<number, string>();
  const gone = new Set(downHosts);
  const lostHosts: string[] = [];
  const queue = [...downHosts];
  for (let q = 0; q < queue.length; q++) {
    const down = queue[q]!;
    for (const i of byLoader.get(down) ?? []) {
      const host = resources[i]!.host;
      if (downHosts.has(host) || lost.has(i)) continue;
      lost.set(i, down);
      const left = waiting.get(host)! - 1;
      waiting.set(host, left);
      if (left === 0 && !unexplained.has(host) && !gone.has(host)) {
        gone.add(host);
        lostHosts.push(host);
        queue.push(host);
      }
    }
  }
  // A lost host's own files (loaded by itself) are never requested either.
  const lostSet = new Set(lostHosts);
  resources.forEach((r, i) => {
    if (lostSet.has(r.host) && !lost.has(i)) lost.set(i, r.host);
  });
  return {
    resources: resources.flatMap((resource, i) =>
      lost.has(i) ? [{ resource, loadedBy: lost.get(i)! }] : [],
    ),
    hosts: lostHosts,
  };
}
