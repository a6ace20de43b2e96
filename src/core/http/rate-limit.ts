/**
 * Per-client rate limiting for the expensive API routes: a token bucket per (limit, client) pair with an
 * injected clock, so tests drive time and the middleware passes `Date.now`.
 *
 * Scope, stated plainly: the state lives in one Worker isolate. Cloudflare runs many isolates in many
 * colos, so this limiter is best effort (it stops one client hammering one isolate, which is what a script
 * on one machine does). The production complement is the Workers Rate Limiting binding or a WAF rate
 * limiting rule, which count per colo across isolates: see docs/hardening.md.
 */

/** A named limit: `burst` requests at once, refilled at `perMinute` requests per minute. */
export interface RateLimit {
  name: RateLimitName;
  perMinute: number;
  burst: number;
}

export type RateLimitName = 'scan' | 'render' | 'resolve' | 'reports' | 'measure';

/**
 * The default limits per client. Sized from what one person using the mapper needs, with room to spare:
 * - scan: one map = one scan; 6 maps back to back, then one every 5 s. A scan costs a page fetch of up to
 *   several MB and CPU for extraction.
 * - render: the scans among those that start a browser (counted by /api/scan itself, on top of `scan`):
 *   3 back to back, then one every 10 s. A rendered scan holds a browser for up to
 *   RENDER_TIME_LIMIT_MS, which is billed by the second and capped per day on the free plan (docs/scan.md),
 *   so it is the tightest; past it a `mode: "auto"` scan answers statically instead of refusing.
 * - resolve: one map = one call per batch of MAX_HOSTS_PER_REQUEST (9) hosts, so the largest map the page
 *   builds (MAX_MAP_HOSTS = 400 hosts) is 45 calls: a burst of 60 covers it, then 2 calls a second.
 * - reports: saving a shareable report writes to KV (1,000 writes a day on the free plan), so a person
 *   saving a few reports never notices and a script cannot fill the namespace.
 * - measure: one PageSpeed Insights run (10–40 s, one unit of the site's shared PSI quota) per request.
 *   A visitor measures a page on mobile and desktop, then perhaps a second page: a burst of 4, then one
 *   every 15 s, about the pace of a person waiting for 10–40 s measurements one after another.
 */
export const RATE_LIMITS: Readonly<Record<RateLimitName, RateLimit>> = {
  scan: { name: 'scan', perMinute: 12, burst: 6 },
  render: { name: 'render', perMinute: 6, burst: 3 },
  resolve: { name: 'resolve', perMinute: 120, burst: 60 },
  reports: { name: 'reports', perMinute: 6, burst: 3 },
  measure: { name: 'measure', perMinute: 4, burst: 4 },
};

/**
 * Buckets kept per limiter before the oldest idle ones are dropped, so a flood of distinct clients
 * cannot grow the isolate's memory without bound (10,000 small objects is well under 1 MB of the
 * isolate's 128 MB).
 */
export const MAX_TRACKED_CLIENTS = 10_000;

/** Longest client key kept; longer header values are cut (a key is an IP address, 39 chars at most). */
export const MAX_CLIENT_KEY_LENGTH = 64;

/** The key for requests that carry no client address (local development, tests): they share a bucket. */
export const LOCAL_CLIENT_KEY = 'local';

const MS_PER_MINUTE = 60_000;

/**
 * How often buckets that have refilled completely are dropped (a full bucket is the same as none). Keeps
 * the map small and means a client's entry outlives its last request by at most refill time + this.
 */
export const SWEEP_INTERVAL_MS = 60_000;

export type Decision =
  | { allowed: true; remaining: number }
  | {
      allowed: false;
      remaining: 0;
      /** Whole seconds until one request is allowed again (>= 1). */ retryAfterSeconds: number;
    };

export interface Limiter {
  readonly limit: RateLimit;
  /** Spends one token of `key`'s bucket if it has one. */
  take(key: string): Decision;
  /** Buckets currently tracked (for tests and the memory bound). */
  size(): number;
}

interface Bucket {
  /** Credit in token-milliseconds per minute: one token = MS_PER_MINUTE units, so integer clocks stay exact. */
  units: number;
  updatedAt: number;
}

/** A token bucket limiter for one named limit. `now` returns milliseconds (Date.now in production). */
export function createLimiter(
  limit: RateLimit,
  options: { now: () => number; maxClients?: number },
): Limiter {
  const { now } = options;
  const maxClients = options.maxClients ?? MAX_TRACKED_CLIENTS;
  // Integer bookkeeping: each elapsed millisecond adds `perMinute` units, a request costs MS_PER_MINUTE.
  const capacity = limit.burst * MS_PER_MINUTE;
  // Map iteration order is insertion order; re-inserting on use makes the first entry the least recent.
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();

  const refill = (bucket: Bucket, at: number): void => {
    // A clock that goes backwards (tests, NTP) must not drain a bucket.
    const elapsed = Math.max(0, at - bucket.updatedAt);
    bucket.units = Math.min(capacity, bucket.units + elapsed * limit.perMinute);
    bucket.updatedAt = Math.max(bucket.updatedAt, at);
  };

  const sweep = (at: number): void => {
    lastSweep = at;
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.units >= capacity) buckets.delete(key);
    }
  };

  const evict = (at: number): void => {
    // A full bucket is the same as no bucket: drop those first, which loses nothing.
    sweep(at);
    // Still too many active clients: forget the least recently seen (fails open for them, never closed).
    for (const key of buckets.keys()) {
      if (buckets.size < maxClients) break;
      buckets.delete(key);
    }
  };

  return {
    limit,
    size: () => buckets.size,
    take(key) {
      const at = now();
      if (at - lastSweep >= SWEEP_INTERVAL_MS) sweep(at);
      let bucket = buckets.get(key);
      if (bucket) {
        buckets.delete(key);
        refill(bucket, at);
      } else {
        if (buckets.size >= maxClients) evict(at);
        bucket = { units: capacity, updatedAt: at };
      }
      buckets.set(key, bucket);
      if (bucket.units >= MS_PER_MINUTE) {
        bucket.units -= MS_PER_MINUTE;
        return { allowed: true, remaining: Math.floor(bucket.units / MS_PER_MINUTE) };
      }
      const waitMs = Math.ceil((MS_PER_MINUTE - bucket.units) / limit.perMinute);
      return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    },
  };
}

/**
 * The limits in force, from the `RATE_LIMIT_PER_MINUTE` variable:
 * - unset or empty: RATE_LIMITS;
 * - "0": rate limiting off (local load tests);
 * - a positive integer n: every limit allows n per minute with a burst of n (e.g. a generous value for
 *   an e2e run, or a tiny one to watch 429s locally).
 * Anything else is a configuration mistake; the defaults stay in force rather than switching limits off.
 */
export function limitsFromEnv(value: string | undefined): Readonly<Record<RateLimitName, RateLimit>> | null {
  const text = value?.trim() ?? '';
  if (text === '') return RATE_LIMITS;
  if (!/^\d{1,9}$/.test(text)) return RATE_LIMITS;
  const n = Number(text);
  if (n === 0) return null;
  return {
    scan: { name: 'scan', perMinute: n, burst: n },
    render: { name: 'render', perMinute: n, burst: n },
    resolve: { name: 'resolve', perMinute: n, burst: n },
    reports: { name: 'reports', perMinute: n, burst: n },
    measure: { name: 'measure', perMinute: n, burst: n },
  };
}

/**
 * Which limit a request counts against at the door, or null for the cheap routes (`render` is not one of
 * these: /api/scan takes it itself once it knows the scan will start a browser). Paths are compared without a
 * trailing slash and case-insensitively, so `/API/Scan/` cannot slip past if the router accepts it.
 * Preflights (OPTIONS) are never counted.
 */
export function limitNameFor(method: string, pathname: string): RateLimitName | null {
  const verb = method.toUpperCase();
  if (verb === 'OPTIONS') return null;
  const path = pathname.toLowerCase().replace(/\/+$/, '');
  if (path === '/api/scan') return 'scan';
  if (path === '/api/resolve') return 'resolve';
  if (path === '/api/reports' && verb === 'POST') return 'reports';
  if (path === '/api/measure') return 'measure';
  return null;
}

/**
 * The client a request is counted as: Cloudflare's `CF-Connecting-IP` (set by the edge, not by the
 * client). IPv6 clients usually hold a whole /64 and can rotate addresses inside it at will, so an IPv6
 * address counts as its /64. Without the header (local development) every request shares one key.
 */
export function clientKey(connectingIp: string | null): string {
  const raw = connectingIp?.trim() ?? '';
  if (raw === '') return LOCAL_CLIENT_KEY;
  if (raw.includes(':')) {
    const groups = expandIpv6(raw);
    if (groups) {
      // IPv4-mapped (::ffff:a.b.c.d) is an IPv4 client.
      if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
        const [hi = 0, lo = 0] = groups.slice(6);
        return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
      }
      return `${groups
        .slice(0, 4)
        .map((g) => g.toString(16))
        .join(':')}::/64`;
    }
  }
  return raw.slice(0, MAX_CLIENT_KEY_LENGTH).toLowerCase();
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a dotted IPv4 tail), or null if malformed. */
export function expandIpv6(address: string): number[] | null {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  // A dotted IPv4 tail becomes two hex groups.
  const tail = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (tail) {
    const octets = tail.slice(2, 6).map(Number);
    if (octets.some((o) => o > 255)) return null;
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    text = `${tail[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string | undefined): number[] | null => {
    if (!part) return [];
    const groups = part.split(':');
    if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
    return groups.map((g) => parseInt(g, 16));
  };
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !rest) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - rest.length;
  if (missing < 1) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...rest];
}
