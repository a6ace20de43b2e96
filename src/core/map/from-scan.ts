/**
 * A scan's answer (static or rendered, src/core/scan/types.ts) as the start of a map: everything of a
 * DependencyReport but its resolved hosts. The page and the tests build it with these functions.
 */
import type { Resource, ScanResponse } from '../scan/types.ts';
import { factOfScanResource } from '../risk/scan-risks.ts';
import { mergeIntegrity, reportIntegrity } from '../risk/sri.ts';
import { storedInitiator } from './initiator.ts';
import { MAX_REPORT_BLOCKED, MAX_REPORT_TEXT } from './report-limits.ts';
import {
  cleanText,
  CODE_PATTERN,
  FAILURE_PATTERN,
  isBareScheme,
  isHttpStatus,
  isMapHost,
} from './report-fields.ts';
import { typeFromChrome, typeFromScanKind } from './resource-type.ts';
import type { BlockedRequest, DependencyReport, MapResource, ResourceType } from './types.ts';
import { networkHost, storedUrl, tryUrl } from './url.ts';

/** Characters of a URL the map reads from a scan: the host sits at the start (HAR_MAX_URL_CHARS alike). */
const MAX_SCAN_URL_CHARS = 8_192;

/**
 * One resource per distinct (type, URL), plus the page's own document first: the scanner lists what the
 * page references, not the page itself, yet the page's host going down is the worst case of all.
 */
export function resourcesFromScan(scan: ScanResponse): MapResource[] {
  const out = new Map<string, MapResource>();
  const rendered = scan.method === 'rendered';
  const page = tryUrl(scan.page.finalUrl);
  const pageHost = page ? networkHost(page) : null;
  // The page's own URLs: a rendered scan may list the navigation and its redirect hops as documents.
  const pageUrls = new Set(
    [scan.page.requestedUrl, ...scan.page.redirects, scan.page.finalUrl].flatMap((u) => {
      const parsed = tryUrl(u);
      return parsed ? [storedUrl(parsed)] : [];
    }),
  );
  if (page && pageHost) {
    const url = storedUrl(page);
    out.set(`document ${url}`, {
      url,
      host: pageHost,
      type: 'document',
      renderBlocking: true,
      blockingEvidence: rendered ? 'browser' : 'scan',
    });
  }
  for (const r of scan.resources) {
    const url = tryUrl(r.url.slice(0, MAX_SCAN_URL_CHARS));
    const host = url ? networkHost(url) : null;
    if (!url || !host) continue;
    const stored = storedUrl(url);
    const resource: MapResource = {
      url: stored,
      host,
      type: typeOf(r, url, pageUrls.has(stored)),
      renderBlocking: r.renderBlocking,
      blockingEvidence: r.renderBlockingSource === 'browser' ? 'browser' : 'scan',
    };
    if (r.inferred) resource.inferred = true;
    addRenderedFields(resource, r);
    const integrity = factOfScanResource(r).integrity;
    if (integrity !== undefined) resource.integrity = reportIntegrity(integrity);
    const key = `${resource.type} ${resource.url}`;
    const seen = out.get(key);
    if (!seen) out.set(key, resource);
    else merge(seen, resource);
  }
  return [...out.values()];
}

/**
 * What the browser says it was (Chrome's resource type), else what the markup says (the scanner's kind).
 * A document that is not the page (or one of its redirect hops) is a frame's: the page's own document is
 * what takes the whole page down (impact.ts), a frame's takes down the frame.
 */
function typeOf(r: Resource, url: URL, isPage: boolean): ResourceType {
  const type =
    (r.resourceType ? typeFromChrome(r.resourceType) : null) ?? typeFromScanKind(r.kind, url.pathname);
  return type === 'document' && r.kind !== 'meta-refresh' && !isPage ? 'iframe' : type;
}

/** The rendered scan's facts, in the form a report stores and its schema accepts. */
function addRenderedFields(resource: MapResource, r: Resource): void {
  if (r.initiator) {
    resource.initiator = storedInitiator(r.initiator.type, r.initiator.url?.slice(0, MAX_SCAN_URL_CHARS));
  }
  if (typeof r.requested === 'boolean') resource.requested = r.requested;
  if (isHttpStatus(r.status)) resource.status = r.status;
  if (typeof r.failure === 'string') {
    // A browser's net error or our own word; anything else is kept as the fact that it failed.
    resource.failure = FAILURE_PATTERN.test(r.failure) ? r.failure : 'failed';
  }
}

/**
 * Two listings of one URL (a preload and the script it preloads, a literal and the request it became):
 * blocking if either blocks, unless the browser itself said for the one it requested; and what the
 * browser did with it from the one it requested.
 */
function merge(seen: MapResource, next: MapResource): void {
  const integrity = mergeIntegrity(seen.integrity, next.integrity);
  if (integrity !== undefined) seen.integrity = integrity;
  if (seen.requested === false && next.requested === true) {
    seen.requested = true;
    for (const key of ['initiator', 'status', 'failure'] as const) {
      if (next[key] === undefined) delete seen[key];
      else Object.assign(seen, { [key]: next[key] });
    }
    if (next.blockingEvidence === 'browser') {
      seen.renderBlocking = next.renderBlocking;
      seen.blockingEvidence = 'browser';
      return;
    }
  }
  seen.renderBlocking ||= next.renderBlocking;
}

/**
 * The mapped page as a report stores it: origin and path, like every resource URL. The final URL's query
 * can carry a session or reset token, and a saved report is readable by anyone with its link.
 */
export function pageFromScan(scan: ScanResponse): string | null {
  const url = tryUrl(scan.page.finalUrl);
  return url && networkHost(url) ? storedUrl(url) : null;
}

/** Hosts to resolve: the scan's own list (the page's first), then the resources', each once and valid. */
export function hostsFromScan(scan: ScanResponse, resources: readonly MapResource[]): string[] {
  return [...new Set([...scan.hosts.filter(isMapHost), ...resources.map((r) => r.host)])];
}

/**
 * A refused request as a report keeps it: origin and path of a network URL, or only the scheme of one
 * that names no network host (a `file:` or `data:` URL can be megabytes long or carry private paths).
 */
function blockedRequest(b: { url: string; reason: string }): BlockedRequest | null {
  if (typeof b.url !== 'string' || typeof b.reason !== 'string') return null;
  const scheme = /^[a-z][a-z0-9+.-]{0,30}:/i.exec(b.url)?.[0].toLowerCase();
  const url = tryUrl(b.url.slice(0, MAX_SCAN_URL_CHARS));
  const target = url && networkHost(url) ? storedUrl(url) : scheme && isBareScheme(scheme) ? scheme : null;
  if (!target) return null;
  return { url: target, reason: cleanText(b.reason, MAX_REPORT_TEXT) || 'refused' };
}

export function reportBaseFromScan(scan: ScanResponse, createdAt: string): Omit<DependencyReport, 'hosts'> {
  const source: DependencyReport['source'] = {
    tool: scan.method === 'rendered' ? 'rendered scan' : 'static scan',
    scanMethod: scan.method === 'rendered' ? 'rendered' : 'static',
    truncated: scan.page.truncated,
  };
  if (scan.fallback) {
    source.fallback = {
      code: CODE_PATTERN.test(scan.fallback.code) ? scan.fallback.code : 'unknown',
      message: cleanText(String(scan.fallback.message), MAX_REPORT_TEXT),
    };
  }
  const blocked = new Map<string, BlockedRequest>();
  for (const b of Array.isArray(scan.blocked) ? scan.blocked : []) {
    const kept = blockedRequest(b);
    if (kept && !blocked.has(kept.url) && blocked.size < MAX_REPORT_BLOCKED) blocked.set(kept.url, kept);
  }
  if (blocked.size > 0) source.blocked = [...blocked.values()];
  return {
    version: 1,
    method: 'scan',
    page: pageFromScan(scan),
    createdAt,
    source,
    resources: resourcesFromScan(scan),
  };
}
