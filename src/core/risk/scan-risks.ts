/**
 * `Resource.risks` of a scan (static or rendered): each resource judged by resource-risks.ts with what the
 * scanner knows. A resource has SRI facts only when the served HTML names it with an element that can
 * carry `integrity` (script, stylesheet link, module preload); a literal found in an inline script, a
 * plain preload (the element that uses the file does the check) and a request only the browser saw
 * (a script-inserted one) are not judged for SRI.
 */
import { typeFromChrome, typeFromScanKind } from '../map/resource-type.ts';
import type { Resource, ResourceKind } from '../scan/types.ts';
import { resourceRisks, type ResourceFact } from './resource-risks.ts';

/** Kinds whose element's `integrity` governs the request that runs or applies the file. */
const SRI_KINDS: ReadonlySet<ResourceKind> = new Set(['script', 'stylesheet', 'modulepreload']);

export interface ScanRiskContext {
  pageUrl: string;
  isFirstParty(host: string, pageUrl: string): boolean;
  /** third-party-web category of a host, when known. */
  categoryOf?(host: string): string | null;
}

/** The facts of a scanned resource in the map's vocabulary. */
export function factOfScanResource(resource: Resource): ResourceFact {
  let path = '';
  try {
    path = new URL(resource.url).pathname;
  } catch {
    // keep '' : the type then comes from the kind alone
  }
  const fromElement = SRI_KINDS.has(resource.kind) && resource.inferred !== true;
  return {
    url: resource.url,
    host: resource.host,
    // A request only the browser saw is typed by the browser (a form post, an image pixel, an XHR).
    type:
      (resource.kind === 'browser' && resource.resourceType ? typeFromChrome(resource.resourceType) : null) ??
      typeFromScanKind(resource.kind, path),
    ...(fromElement ? { integrity: resource.integrity ?? null } : {}),
  };
}

/**
 * The resources with `risks` set where there are any (unchanged objects otherwise). Each host's verdict is
 * asked once: a page of 2,000 resources has far fewer hosts, and the first-party and category lookups
 * (Public Suffix List, third-party-web) are the costly part.
 */
export function withScanRisks(resources: readonly Resource[], ctx: ScanRiskContext): Resource[] {
  const verdicts = new Map<string, { thirdParty: boolean; category: string | null }>();
  const verdictOf = (host: string) => {
    let verdict = verdicts.get(host);
    if (!verdict) {
      verdict = {
        thirdParty: !ctx.isFirstParty(host, ctx.pageUrl),
        category: ctx.categoryOf?.(host) ?? null,
      };
      verdicts.set(host, verdict);
    }
    return verdict;
  };
  return resources.map((resource) => {
    const risks = resourceRisks(factOfScanResource(resource), {
      pageUrl: ctx.pageUrl,
      ...verdictOf(resource.host),
    });
    return risks.length > 0 ? { ...resource, risks } : resource;
  });
}
