/**
 * Successful scans are kept for SCAN_CACHE_TTL_SECONDS in the Cache API, keyed by the normalised URL and
 * the method (a rendered and a static scan of one page are different answers), so the mapper page's
 * reloads and shares do not refetch a stranger's site or start a browser. Refusals and fallbacks are never
 * cached under the rendered key. The
 * Cache API (per data centre, free, no write limits) fits a few-minute cache better than KV (global, 1 write
 * per key per second, 60 s minimum TTL).
 */
import type { ScanMethod, ScanResponse } from '../../src/core/scan/types.ts';
import { SCAN_CACHE_TTL_SECONDS } from '../../src/core/scan/limits.ts';

/** Bump when the ScanResponse shape or the extraction rules change, so old entries are not served. */
const CACHE_VERSION = 'v2';

/** A synthetic key: `.invalid` (RFC 6761) can never be a real origin, so nothing else collides with it. */
export function scanCacheKey(normalisedUrl: string, method: ScanMethod): Request {
  return new Request(
    `https://scan-cache.invalid/${CACHE_VERSION}?method=${method}&url=${encodeURIComponent(normalisedUrl)}`,
  );
}

export async function readScanCache(
  cache: Cache | undefined,
  normalisedUrl: string,
  method: ScanMethod,
): Promise<ScanResponse | null> {
  if (!cache) return null;
  try {
    const hit = await cache.match(scanCacheKey(normalisedUrl, method));
    return hit ? ((await hit.json()) as ScanResponse) : null;
  } catch {
    return null; // a broken cache entry is a miss, never an error
  }
}

export async function writeScanCache(
  cache: Cache | undefined,
  normalisedUrl: string,
  scan: ScanResponse,
): Promise<void> {
  if (!cache || scan.fallback) return;
  const response = new Response(JSON.stringify(scan), {
    headers: {
      'content-type': 'application/json',
      'cache-control': `public, max-age=${SCAN_CACHE_TTL_SECONDS}`,
    },
  });
  try {
    await cache.put(scanCacheKey(normalisedUrl, scan.method), response);
  } catch {
    // caching is an optimisation; a failed put changes nothing for the caller
  }
}
