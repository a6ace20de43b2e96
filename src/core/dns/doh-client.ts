/**
 * An RFC 8484 DNS-over-HTTPS client: one question per HTTP request, wire format, GET with `?dns=`
 * (cacheable, id 0) or POST. Around each question, in this order: the cache (answers' TTLs, negative
 * answers per RFC 2308), de-duplication of identical questions in flight, a concurrency bound, a
 * per-request subrequest budget, a per-attempt timeout, and one retry on the next upstream. Cache
 * writes are never awaited: they stay off the critical path of dependent questions.
 * I/O (fetch, clock, cache) comes in as arguments, so the same client runs in workerd, Node and browsers.
 */
import { createBudget, type Budget } from './budget.ts';
import { createLimiter } from './limiter.ts';
import { MAX_ATTEMPTS, MAX_CONCURRENT_QUERIES, MAX_DNS_MESSAGE_BYTES, QUERY_TIMEOUT_MS } from './limits.ts';
import type { DnsCache, DnsCacheEntry, DnsResult, DohClient, DohStats, RecordType } from './types.ts';
import { base64url, canonicalName, decodeResponse, encodeQuery, failure } from './wire.ts';

/** Production upstreams, tried in order, when none are configured. */
export const DEFAULT_UPSTREAMS = ['https://cloudflare-dns.com/dns-query', 'https://dns.google/dns-query'];

/** RFC 8484 §6 media type of both the request body and the response. */
export const DNS_MESSAGE = 'application/dns-message';

export interface DohClientOptions {
  /** RFC 8484 endpoints, tried in order; http://127.0.0.1:PORT/dns-query works for local servers. */
  upstreams: string[];
  fetch: typeof fetch;
  cache?: DnsCache;
  timeoutMs?: number;
  maxConcurrency?: number;
  /** Clock for cache expiry, ms since epoch. */
  now?: () => number;
  /** Subrequests this client may spend; unlimited when absent. */
  budget?: Budget;
  /** GET (default, cacheable by HTTP caches) or POST. */
  method?: 'GET' | 'POST';
  /** Aborts every pending and future query (the /api/resolve deadline). */
  signal?: AbortSignal;
  /**
   * Questions in flight, shared by every client given the same map (one isolate's concurrent requests),
   * so identical concurrent questions reach the upstream once. Default: this client's own map.
   */
  inFlight?: InFlightQuestions;
}

/** A question in flight and the deadline of the client that asked it. */
export type InFlightQuestions = Map<string, { promise: Promise<DnsResult>; signal: AbortSignal | undefined }>;

/**
 * Failures that say something about the client that asked, not about the name: another client joining
 * that question asks again itself rather than inherit them.
 */
function isAskersFailure(result: DnsResult, askerSignal: AbortSignal | undefined): boolean {
  return (
    result.error?.code === 'budget_exhausted' || (result.error?.code === 'timeout' && !!askerSignal?.aborted)
  );
}

/** Answers that another upstream may answer better: a fault of this upstream, not of the name. */
const RETRYABLE = new Set(['timeout', 'upstream_error', 'malformed', 'truncated', 'servfail', 'refused']);

export function createDohClient(options: DohClientOptions): DohClient {
  const upstreams = options.upstreams.length > 0 ? options.upstreams : DEFAULT_UPSTREAMS;
  const { cache, signal } = options;
  const fetchImpl = options.fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? QUERY_TIMEOUT_MS;
  const method = options.method ?? 'GET';
  const budget = options.budget ?? createBudget(Number.POSITIVE_INFINITY);
  const limiter = createLimiter(options.maxConcurrency ?? MAX_CONCURRENT_QUERIES);
  const inFlight: InFlightQuestions = options.inFlight ?? new Map();
  const stats: DohStats = { queries: 0, cacheHits: 0, deduplicated: 0 };

  async function attempt(upstream: string, name: string, type: RecordType): Promise<DnsResult> {
    if (signal?.aborted) return failure(name, type, 'timeout', 'The resolve deadline passed.');
    if (!budget.take()) {
      return failure(name, type, 'budget_exhausted', 'This request spent its DNS subrequest budget.');
    }
    stats.queries++;
    const message = encodeQuery(name, type);
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort);
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const init: RequestInit = { method, headers: { accept: DNS_MESSAGE }, signal: controller.signal };
      let url = upstream;
      if (method === 'GET') {
        url = `${upstream}${upstream.includes('?') ? '&' : '?'}dns=${base64url(message)}`;
      } else {
        init.headers = { accept: DNS_MESSAGE, 'content-type': DNS_MESSAGE };
        init.body = message;
      }
      const response = await fetchImpl(url, init);
      if (!response.ok) {
        await response.body?.cancel();
        return failure(name, type, 'upstream_error', `${hostOf(upstream)} answered HTTP ${response.status}.`);
      }
      const body = new Uint8Array(await response.arrayBuffer());
      if (body.byteLength > MAX_DNS_MESSAGE_BYTES) {
        return failure(name, type, 'malformed', `${hostOf(upstream)} sent ${body.byteLength} bytes.`);
      }
      return decodeResponse(body, name, type);
    } catch (error) {
      if (controller.signal.aborted) {
        const why = signal?.aborted ? 'the resolve deadline passed' : `no answer within ${timeoutMs} ms`;
        return failure(name, type, 'timeout', `${hostOf(upstream)}: ${why}.`);
      }
      return failure(name, type, 'upstream_error', `${hostOf(upstream)}: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function resolveUncached(
    name: string,
    type: RecordType,
    key: string,
    priority: number,
  ): Promise<DnsResult> {
    const entry = await cache?.get(key);
    if (entry && entry.expiresAt > now()) {
      stats.cacheHits++;
      return { ...entry.result, cached: true };
    }
    let result = failure(name, type, 'upstream_error', 'No upstream was tried.');
    // One retry, on the next upstream (the same one when only one is configured).
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const upstream = upstreams[i % upstreams.length] as string;
      result = await limiter.run(() => attempt(upstream, name, type), priority);
      if (!result.error || !RETRYABLE.has(result.error.code)) break;
    }
    if (cache && result.ttl > 0 && (!result.error || result.error.code === 'nxdomain')) {
      store(cache, key, { result, expiresAt: now() + result.ttl * 1000 });
    }
    return result;
  }

  return {
    query(rawName, type, queryOptions) {
      const name = canonicalName(rawName);
      const key = cacheKey(name, type);
      const priority = queryOptions?.priority ?? 0;
      const pending = inFlight.get(key);
      if (pending) {
        stats.deduplicated++;
        return pending.promise.then((result) =>
          isAskersFailure(result, pending.signal) ? resolveUncached(name, type, key, priority) : result,
        );
      }
      const promise = resolveUncached(name, type, key, priority).finally(() => {
        if (inFlight.get(key)?.promise === promise) inFlight.delete(key);
      });
      inFlight.set(key, { promise, signal });
      return promise;
    },
    stats: () => ({ ...stats }),
  };
}

/**
 * Writes an answer to the cache without waiting for it. The caller gets the answer now; a dependent
 * question (origin ASN after the address, AS name after the origin) must not wait for a remote cache
 * write (a Cache API put took 21-37 ms in `wrangler pages dev`, docs/resolver.md). Caches apply a write
 * to their own reads at once (the memory tier synchronously); the Functions cache hands the remote
 * write to `waitUntil`. A failed write is a miss next time, never an error.
 */
function store(cache: DnsCache, key: string, entry: DnsCacheEntry): void {
  try {
    cache.set(key, entry).catch(() => undefined);
  } catch {
    // A cache that throws instead of rejecting is still only a cache.
  }
}

/** The same client with every question at one priority (lower runs first when queries wait). */
export function withPriority(client: DohClient, priority: number): DohClient {
  return {
    query: (name, type, options) => client.query(name, type, { priority: options?.priority ?? priority }),
    stats: () => client.stats(),
  };
}

/** The cache key of a question: type and canonical name (class is always IN). */
export function cacheKey(name: string, type: RecordType): string {
  return `${type}/${canonicalName(name)}`;
}

function hostOf(upstream: string): string {
  try {
    return new URL(upstream).host;
  } catch {
    return upstream;
  }
}
