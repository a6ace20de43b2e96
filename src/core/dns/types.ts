/**
 * Types of the DNS-over-HTTPS layer: what a query returns, how it is cached, and the client others call.
 * The shapes are plain data so the browser, the Function and the Node bench all share them.
 */

/** The record types this project asks for. DoH carries exactly one question per request (RFC 8484 §4.1). */
export type RecordType = 'A' | 'AAAA' | 'CNAME' | 'NS' | 'TXT' | 'SOA';

/**
 * Stable per-lookup failure codes; they become `HostError.code` (src/core/resolve/types.ts and src/core/scan/types.ts) unchanged.
 * `nxdomain` and `nodata` are answers, not faults, but a host without addresses reports them.
 */
export type DnsErrorCode =
  | 'nxdomain'
  | 'servfail'
  | 'refused'
  | 'timeout'
  | 'malformed'
  | 'truncated'
  | 'upstream_error'
  | 'budget_exhausted'
  | 'invalid_host';

/**
 * One resource record, flattened: TXT strings are joined, names are lower-case without a trailing dot, and a
 * SOA is "MNAME RNAME" (the primary name server and the zone contact's mailbox as a name).
 */
export interface DnsAnswer {
  name: string;
  type: string;
  ttl: number;
  data: string;
}

/**
 * The outcome of one question. `error` absent means NOERROR (an empty `answers` is NODATA).
 * NXDOMAIN keeps its answers: a CNAME chain may lead to a name that does not exist (RFC 6604 §3).
 */
export interface DnsResult {
  name: string;
  type: RecordType;
  /** Response code as a word (NOERROR, NXDOMAIN, SERVFAIL, ...), or null when no usable response came. */
  rcode: string | null;
  answers: DnsAnswer[];
  /** Seconds this result may be reused: min answer TTL, or the RFC 2308 negative TTL, capped. 0 = never. */
  ttl: number;
  error?: { code: DnsErrorCode; message: string };
  /** True when served from the cache instead of an upstream. */
  cached?: boolean;
}

/** A cached result and when it stops being valid (ms since epoch, on the client's clock). */
export interface DnsCacheEntry {
  result: DnsResult;
  expiresAt: number;
}

/**
 * Where results are kept between queries: in memory for Node and the browser, the Cache API in Functions
 * (functions/lib/cache-api-dns-cache.ts). Implementations must never throw for a miss; a failing store
 * is a miss. The client does not wait for `set`: an implementation must make a written entry visible
 * to its own `get` at once (before `set` settles), and keep a slow remote write alive itself
 * (e.g. with `waitUntil`).
 */
export interface DnsCache {
  get(key: string): Promise<DnsCacheEntry | undefined>;
  set(key: string, entry: DnsCacheEntry): Promise<void>;
}

/** What createDohClient returns. */
export interface DohClient {
  /**
   * Asks one question. `priority` orders waiting queries (lower first): /api/resolve passes the host's
   * index so, when the subrequest budget runs short, earlier hosts finish instead of all hosts half-finishing.
   */
  query(name: string, type: RecordType, options?: { priority?: number }): Promise<DnsResult>;
  stats(): DohStats;
}

export interface DohStats {
  /** HTTP requests sent upstream (retries included). */
  queries: number;
  /** Questions answered from the cache. */
  cacheHits: number;
  /** Questions that joined an identical question already in flight. */
  deduplicated: number;
}
