/** The static scanner's answer as map resources. */
import type { ScanResponse } from '../scan/types.ts';
import { factOfScanResource } from '../risk/scan-risks.ts';
import { mergeIntegrity, reportIntegrity } from '../risk/sri.ts';
import { isMapHost } from './report-fields.ts';
import { typeFromScanKind } from './resource-type.ts';
import type { MapResource } from './types.ts';
import { networkHost, storedUrl, tryUrl } from './url.ts';

/**
 * One resource per distinct (type, URL), plus the page's own document first: the scanner lists what the
 * page references, not the page itself, yet the page's host going down is the worst case of all.
 */
export function resourcesFromScan(scan: ScanResponse): MapResource[] {
  const out = new Map<string, MapResource>();
  const page = tryUrl(scan.page.finalUrl);
  const pageHost = page ? networkHost(page) : null;
  if (page && pageHost) {
    const url = storedUrl(page);
    out.set(`document ${url}`, {
      url,
      host: pageHost,
      type: 'document',
      renderBlocking: true,
      blockingEvidence: 'scan',
    });
  }
  for (const r of scan.resources) {
    const url = tryUrl(r.url);
    const host = url ? networkHost(url) : null;
    if (!url || !host) continue;
    const resource: MapResource = {
      url: storedUrl(url),
      host,
      type: typeFromScanKind(r.kind, url.pathname),
      renderBlocking: r.renderBlocking,
      blockingEvidence: 'scan',
    };
    if (r.inferred) resource.inferred = true;
    const integrity = factOfScanResource(r).integrity;
    if (integrity !== undefined) resource.integrity = reportIntegrity(integrity);
    const key = `${resource.type} ${resource.url}`;
    const seen = out.get(key);
    if (seen) {
      seen.renderBlocking ||= resource.renderBlocking;
      const merged = mergeIntegrity(seen.integrity, resource.integrity);
      if (merged !== undefined) seen.integrity = merged;
    } else out.set(key, resource);
  }
  return [...out.values()];
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
