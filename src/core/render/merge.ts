/**
 * One rendered scan answer from two views of the page: what the browser requested (the rendered view) and
 * what the served HTML and first-party CSS name (the static scan of the same URL). The result is a
 * superset of the static one, so switching to rendering never loses a host:
 * - a static resource the browser requested gains the browser's fields (`requested: true`, type, method,
 *   status or failure, initiator) and the browser's render-blocking verdict when it gave one;
 * - a static resource the browser did not request within the caps (a lazy image, a script literal, a late
 *   timer) stays, with `requested: false` and the markup's render-blocking verdict;
 * - a request nothing in the HTML names is a resource of kind "browser".
 * The page's own document (and its redirect hops) is the `page`, not a resource. Resource and host limits
 * are those of the static scan, applied to the merged list.
 */
import { MAX_HOSTS, MAX_RESOURCES, SCAN_LIMITS } from '../scan/limits.ts';
import type { BlockedRequest, RenderStats, Resource, ScanResponse } from '../scan/types.ts';
import { RENDER_LIMITS } from './limits.ts';
import type { RenderedRequest } from './request-log.ts';

/** What the browser saw of the page. */
export interface RenderedPage {
  requestedUrl: string;
  finalUrl: string;
  status: number;
  /** Each redirect hop's target, in order (as the static scan reports them). */
  redirects: string[];
  /** Bytes of the page's HTML as the fence read it. */
  bytes: number;
  requests: RenderedRequest[];
  blocked: BlockedRequest[];
  /** `integrity` attributes of elements in the DOM after load, by their URL (script-inserted ones too). */
  integrity?: ReadonlyMap<string, string>;
  /** Names of `limits` that cut the render (e.g. "maxRenderRequests"). */
  limitsHit: string[];
  stats: RenderStats;
}

export interface MergeLimits {
  maxResources: number;
  maxHosts: number;
}

/** The rendered answer; `staticScan` is null when the static scan of the page failed. */
export function mergeScans(
  staticScan: ScanResponse | null,
  rendered: RenderedPage,
  ms: number,
  limits: MergeLimits = { maxResources: MAX_RESOURCES, maxHosts: MAX_HOSTS },
): ScanResponse {
  const pageHops = new Set([rendered.requestedUrl, rendered.finalUrl, ...rendered.redirects]);
  const isPageDocument = (request: RenderedRequest) =>
    pageHops.has(request.url) && (request.resourceType ?? 'document') === 'document';
  const browserByUrl = new Map<string, RenderedRequest>();
  for (const request of rendered.requests)
    if (!isPageDocument(request)) browserByUrl.set(request.url, request);

  const resources: Resource[] = [];
  const matched = new Set<string>();
  for (const resource of staticScan?.resources ?? []) {
    const request = browserByUrl.get(resource.url);
    if (request) {
      matched.add(request.url);
      resources.push(withBrowserFields(resource, request));
    } else {
      resources.push({ ...resource, requested: false, renderBlockingSource: 'markup' });
    }
  }
  for (const request of browserByUrl.values()) {
    if (matched.has(request.url)) continue;
    const base: Resource = { url: request.url, host: request.host, kind: 'browser', renderBlocking: false };
    const integrity = rendered.integrity?.get(request.url);
    resources.push(withBrowserFields(integrity ? { ...base, integrity } : base, request));
  }

  const limitsHit = new Set([...(staticScan?.stats?.limitsHit ?? []), ...rendered.limitsHit]);
  const pageHost = new URL(rendered.finalUrl).hostname;
  const hosts = [pageHost];
  const hostSet = new Set(hosts);
  const kept: Resource[] = [];
  for (const resource of resources) {
    if (kept.length >= limits.maxResources) {
      limitsHit.add('maxResources');
      break;
    }
    if (!hostSet.has(resource.host)) {
      if (hosts.length >= limits.maxHosts) {
        limitsHit.add('maxHosts');
        continue;
      }
      hostSet.add(resource.host);
      hosts.push(resource.host);
    }
    kept.push(resource);
  }

  return {
    method: 'rendered',
    ...(rendered.blocked.length > 0 ? { blocked: rendered.blocked } : {}),
    page: {
      requestedUrl: rendered.requestedUrl,
      finalUrl: rendered.finalUrl,
      status: rendered.status,
      redirects: rendered.redirects,
      bytes: rendered.bytes,
      truncated: false,
    },
    resources: kept,
    hosts,
    limits: { ...SCAN_LIMITS, ...RENDER_LIMITS },
    stats: {
      ms,
      encoding: staticScan?.stats?.encoding ?? 'utf-8',
      skipped: staticScan?.stats?.skipped ?? 0,
      limitsHit: [...limitsHit],
      stylesheetsRead: staticScan?.stats?.stylesheetsRead ?? 0,
      stylesheetsFailed: staticScan?.stats?.stylesheetsFailed ?? 0,
      ...(staticScan?.stats?.parserError ? { parserError: staticScan.stats.parserError } : {}),
      render: rendered.stats,
    },
  };
}

function withBrowserFields(resource: Resource, request: RenderedRequest): Resource {
  const fromBrowser = request.renderBlocking !== undefined;
  return {
    ...resource,
    requested: true,
    renderBlocking: fromBrowser ? (request.renderBlocking as boolean) : resource.renderBlocking,
    ...(fromBrowser || resource.kind !== 'browser'
      ? { renderBlockingSource: fromBrowser ? ('browser' as const) : ('markup' as const) }
      : {}),
    ...(request.resourceType ? { resourceType: request.resourceType } : {}),
    initiator: request.initiator,
    method: request.method,
    ...(request.status !== undefined ? { status: request.status } : {}),
    ...(request.failure !== undefined && request.status === undefined ? { failure: request.failure } : {}),
  };
}
