/**
 * Resource risks of a map, computed in the page (and in tests) from the facts the report holds: each
 * resource's URL, type and SRI facts, and its host's verdict (first party, category). Hosts' own risks come
 * from /api/resolve. Saved reports are judged again on opening, so what the page shows always follows the
 * rules of the code that shows it, and the reader's "probably yours" answers.
 */
import type { ResolvedHost } from '../resolve/types.ts';
import type { DependencyReport, MapResource } from '../map/types.ts';
import { resourceRisks } from './resource-risks.ts';

/**
 * `report.resources` with `risks` recomputed; `report.hosts` should already count sister domains as first
 * party (src/core/ownership apply-ownership.ts), so their scripts are not asked for SRI.
 */
export function resourcesWithRisks(report: DependencyReport): MapResource[] {
  const byHost = new Map<string, ResolvedHost>(report.hosts.map((h) => [h.host, h]));
  return report.resources.map((resource) => {
    const host = byHost.get(resource.host);
    const risks = resourceRisks(resource, {
      pageUrl: report.page,
      thirdParty: host ? !host.firstParty : null,
      category: host?.entity.category ?? null,
    });
    const { risks: _old, ...rest } = resource;
    return risks.length > 0 ? { ...rest, risks } : rest;
  });
}
