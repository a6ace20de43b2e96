/**
 * "What breaks if X goes down": every resource on a provider, sorted into three impact classes.
 * docs/mapper.md states the rules; test/unit/map/impact.test.ts pins them.
 */
import type { ResolvedHost } from '../deps/types.ts';
import { companyOf, dependenciesOf, indexHosts } from './hosts.ts';
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
  if (resource.renderBlocking || resource.type === 'document') return 'render-blocking';
  if (host && !host.firstParty && COSMETIC_CATEGORIES.has(host.entity.category)) return 'cosmetic';
  if (COSMETIC_TYPES.has(resource.type)) return 'cosmetic';
  return 'functional';
}

export interface ImpactItem {
  resource: MapResource;
  company: string;
  impact: ImpactClass;
}

export interface WhatBreaks {
  provider: string;
  /** Hosts served by, or resolved through, the provider. */
  hosts: string[];
  /** True when the page's own document is among them: the whole page is down. */
  pageDown: boolean;
  byClass: Record<ImpactClass, ImpactItem[]>;
}

export function whatBreaks(report: DependencyReport, provider: string): WhatBreaks {
  const index = indexHosts(report.hosts);
  const affected = new Set(
    report.hosts.filter((h) => dependenciesOf(h).includes(provider)).map((h) => h.host),
  );
  const byClass: Record<ImpactClass, ImpactItem[]> = { 'render-blocking': [], functional: [], cosmetic: [] };
  let pageDown = false;
  for (const resource of report.resources) {
    if (!affected.has(resource.host)) continue;
    const host = index.get(resource.host);
    const impact = classifyImpact(resource, host);
    if (resource.type === 'document') pageDown = true;
    byClass[impact].push({ resource, company: host ? companyOf(host) : resource.host, impact });
  }
  return { provider, hosts: [...affected], pageDown, byClass };
}
