/**
 * Successful measurements are kept for MEASURE_CACHE_TTL_SECONDS in the Cache API, keyed by the
 * normalised URL and the strategy: a PSI run takes 10–40 s and spends quota, and a visitor who reloads or
 * shares the page should not pay for it twice. Failures are never cached (a quota or a timeout passes).
 * The entry keeps its storage time, so every hit says until when it is served (`expiresAt`).
 *
 * The Cache API is per data centre and does nothing on *.workers.dev / *.pages.dev preview hosts without
 * a custom domain (Cloudflare's Cache API docs); there every request measures afresh, within the rate limit.
 */
import { MEASURE_CACHE_TTL_SECONDS } from '../../src/core/measure/limits.ts';
import type { Measurement, MeasureResponse, Strategy } from '../../src/core/measure/types.ts';

/** Bump when the Measurement shape or how it is read changes, so old entries are not served. */
const CACHE_VERSION = 'v1';

/** A synthetic key under `.invalid` (RFC 6761), which can never be a real origin. */
export function measureCacheKey(normalisedUrl: string, strategy: Strategy): Request {
  return new Request(
    `https://measure-cache.invalid/${CACHE_VERSION}?strategy=${strategy}&url=${encodeURIComponent(normalisedUrl)}`,
  );
}

interface Entry {
  storedAt: number;
  measurement: Measurement;
}

/** The answer for a measurement stored at `storedAt`. */
export function measureResponse(
  measurement: Measurement,
  storedAt: number,
  cache: 'hit' | 'miss',
): MeasureResponse {
  return {
    ...measurement,
    cache,
    expiresAt: new Date(storedAt + MEASURE_CACHE_TTL_SECONDS * 1000).toISOString(),
  };
}

export async function readMeasureCache(
  cache: Cache | undefined,
  url: string,
  strategy: Strategy,
  now: number,
): Promise<MeasureResponse | null> {
  if (!cache) return null;
  try {
    const hit = await cache.match(measureCacheKey(url, strategy));
    if (!hit) return null;
    const entry = (await hit.json()) as Entry;
    // The Cache API honours max-age itself; this also covers a local cache that does not.
    if (now - entry.storedAt >= MEASURE_CACHE_TTL_SECONDS * 1000) return null;
    return measureResponse(entry.measurement, entry.storedAt, 'hit');
  } catch {
    return null; // a broken entry is a miss, never an error
  }
}

export async function writeMeasureCache(
  cache: Cache | undefined,
  measurement: Measurement,
  storedAt: number,
): Promise<void> {
  if (!cache) return;
  const entry: Entry = { storedAt, measurement };
  const response = new Response(JSON.stringify(entry), {
    headers: {
      'content-type': 'application/json',
      'cache-control': `public, max-age=${MEASURE_CACHE_TTL_SECONDS}`,
    },
  });
  try {
    await cache.put(measureCacheKey(measurement.url, measurement.strategy), response);
  } catch {
    // caching is an optimisation; a failed put changes nothing for the caller
  }
}
