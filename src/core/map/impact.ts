/**
 * "What breaks if X goes down": every resource on a provider, sorted into three impact classes.
 * X is an operator (Cloudflare: its CDN, its DNS and everything else it runs) or one of its services
 * ("Cloudflare DNS"), as the provider table lists them. docs/mapper.md states the rules;
 * test/unit/map/impact.test.ts pins them.
 */
import type { ResolvedHost } from '../resolve/types.ts';
import { indexHosts } from './hosts.ts';
import { lostThroughLoaders } from './indirect.ts';
import { hostCompany, isOperatorName, serviceDependencies, type ServiceDependency } from './operators.ts';
import { isRenderBlocking } from './provider-table.ts';
import type { DependencyReport, MapResource, ResourceType } from './types.ts';

/**
 * - render-blocking: the page stays blank or hangs until the request times out (browsers wait tens of
 *   seconds for a hung blocking script or stylesheet);
 * - functional: the page renders but something stops working (scripts, frames, forms, fonts, API calls);
 * - cosmetic: nobody loses a feature (images, beacons, hints) or only the business loses data (ads, analytics).
 */
export type ImpactClass = 'render-blocking' | 'functional' | 'cosmetic';

export const IMPACT_CLASSES: readonly ImpactClass[] = ['render-blocking', 'functional', 'cosmetic'];

/** third-party-web categories whose loss costs data or revenue, not features the visitor uses. */
export const COSMETIC_CATEGORIES = new Set(['ad', 'analytics']);

/** Resource types whose loss the visitor barely notices. */
const COSMETIC_TYPES = new Set<ResourceType>(['image', 'beacon', 'hint', 'manifest']);

export function classifyImpact(resource: MapResource, host: ResolvedHost | undefined): ImpactClass {
  // A hung blocking script hangs the page whatever it is for (analytics included).
  if (isRenderBlocking(resource)) return 'render-blocking';
  if (host && !host.firstParty && COSMETIC_CATEGORIES.has(host.entity.category)) return 'cosmetic';
  if (COSMETIC_TYPES.has(resource.type)) return 'cosmetic';
  return 'functional';
}

export interface ImpactItem {
  resource: MapResource;
  company: string;
  impact: ImpactClass;
  /** The services of X the resource's host depends on, e.g. ["Cloudflare DNS"] (empty for `loadedBy` items). */
  via: string[];
  /** Host of the script that loads it, when it is lost only because that host is down (tag managers). */
  loadedBy?: string;
}

export interface WhatBreaks {
  provider: string;
  /** "operator": every service X runs; "service": one named service. */
  level: 'operator' | 'service';
  /** X's services on this map and the hosts resting on each. */
  services: Array<{ name: string; roles: ServiceDependency['role'][]; hosts: string[] }>;
  /** Hosts served by, or resolved through, X. */
  hosts: string[];
  /** True when the page's own document is among them: the whole page is down. */
  pageDown: boolean;
  /** Resources on X's hosts: the same counts as X's row in the provider table. */
  byClass: Record<ImpactClass, ImpactItem[]>;
  /**
   * Resources on other hosts that are not even requested because what loads them is down: their loader
   * (initiator.ts) is one of X's hosts, or a host all of whose resources are lost (a chain: Google Tag
   * Manager loads the Facebook pixel, which loads its beacon). indirect.ts states the rule.
   */
  loadedBy: ImpactItem[];
  /** Hosts left with nothing requested at all because of X (every resource on them is in `loadedBy`). */
  lostHosts: string[];
}

export function whatBreaks(report: DependencyReport, provider: string): WhatBreaks {
  const index = indexHosts(report.hosts);
  const level = isOperatorName(report.hosts, provider) ? 'operator' : 'service';
  const matches = (s: ServiceDependency) =>
    level === 'operator' ? s.operator === provider : s.service === provider;
  const via = new Map<string, string[]>();
  const services = new Map<string, WhatBreaks['services'][number]>();
  for (const host of report.hosts) {
    const deps = serviceDependencies(host).filter(matches);
    if (deps.length === 0) continue;
    via.set(host.host, [...new Set(deps.map((d) => d.service))]);
    for (const d of deps) {
      const s = services.get(d.service) ?? { name: d.service, roles: [], hosts: [] };
      if (!s.roles.includes(d.role)) s.roles.push(d.role);
      if (!s.hosts.includes(host.host)) s.hosts.push(host.host);
      services.set(d.service, s);
    }
  }

  const byClass: Record<ImpactClass, ImpactItem[]> = { 'render-blocking': [], functional: [], cosmetic: [] };
  let pageDown = false;
  const item = (resource: MapResource, extra: Pick<ImpactItem, 'via' | 'loadedBy'>): ImpactItem => {
    const host = index.get(resource.host);
    return {
      resource,
      company: host ? hostCompany(host) : resource.host,
      impact: classifyImpact(resource, host),
      ...extra,
    };
  };
  for (const resource of report.resources) {
    const hostVia = via.get(resource.host);
    if (!hostVia) continue;
    if (resource.type === 'document') pageDown = true;
    const i = item(resource, { via: hostVia });
    byClass[i.impact].push(i);
  }
  const indirect = lostThroughLoaders(report.resources, new Set(via.keys()));
  return {
    provider,
    level,
    services: [...services.values()],
    hosts: [...via.keys()],
    pageDown,
    byClass,
    loadedBy: indirect.resources.map((l) => item(l.resource, { via: [], loadedBy: l.loadedBy })),
    lostHosts: indirect.hosts,
  };
}
