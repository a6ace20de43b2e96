/**
 * Every size, time and count limit of the resolver, named and explained in one place.
 * docs/resolver.md has the arithmetic behind them.
 */

/** Cloudflare Workers free plan: 50 subrequests per incoming request (developers.cloudflare.com/workers/platform/limits). */
export const WORKERS_FREE_SUBREQUESTS = 50;

/**
 * Subrequests kept out of the DoH budget: one KV read of the provider range table
 * (functions/lib/range-index-source.ts, memoised per isolate, so usually zero) and one spare.
 */
export const RESERVED_SUBREQUESTS = 2;

/** DoH fetches one /api/resolve call may send, retries included. */
export const DOH_SUBREQUEST_BUDGET = WORKERS_FREE_SUBREQUESTS - RESERVED_SUBREQUESTS;

/**
 * Worst-case DoH questions per host with cold caches and nothing shared between hosts:
 * A + AAAA (the CNAME chain comes in the same answers) + NS of the registrable domain
 * + Team Cymru origin TXT + Team Cymru AS-name TXT.
 */
export const QUERIES_PER_HOST_COLD = 5;

/**
 * Hosts per /api/resolve call: floor(48 / 5) = 9, so one call with cold caches fits the free plan's
 * subrequests even when every host has its own registrable domain and ASN. Retries spend the same budget;
 * hosts that find it spent get `budget_exhausted` (partial results).
 */
export const MAX_HOSTS_PER_REQUEST = Math.floor(DOH_SUBREQUEST_BUDGET / QUERIES_PER_HOST_COLD);

/** Simultaneous DoH requests: Workers allow 6 simultaneous outbound connections per request. */
export const MAX_CONCURRENT_QUERIES = 6;

/** Per-attempt timeout of one DoH request. Public resolvers answer in tens of ms; 2.5 s is a dead upstream. */
export const QUERY_TIMEOUT_MS = 2_500;

/** Attempts per question: the first upstream, then one retry on the next one. */
export const MAX_ATTEMPTS = 2;

/** Deadline of a whole /api/resolve call; hosts not finished by then get `timeout`. */
export const RESOLVE_DEADLINE_MS = 10_000;

/**
 * Negative answers (NXDOMAIN, NODATA) are cached for min(SOA TTL, SOA MINIMUM) per RFC 2308 §5,
 * capped here so a typo'd host recovers quickly; without a SOA we use the floor below.
 */
export const NEGATIVE_TTL_CAP_S = 300;
/** Negative-cache time when the answer carries no SOA (RFC 2308 §5: SHOULD NOT cache without one; we keep it short). */
export const NEGATIVE_TTL_NO_SOA_S = 30;
/** Server failures are cached briefly (RFC 2308 §7.1 allows up to 5 minutes); we keep 0 so a retry can succeed. */
export const SERVFAIL_TTL_S = 0;
/** Upper bound of any positive TTL we honour (one day, as common resolvers cap). */
export const MAX_TTL_S = 86_400;

/** Longest CNAME chain followed before we call it a loop (BIND's limit is 16 as well). */
export const MAX_CNAME_CHAIN = 16;

/** RFC 1035 §2.3.4: a name is at most 253 characters in text form, a label at most 63. */
export const MAX_HOSTNAME_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;

/** Largest DoH response body read (RFC 8484 allows 65535, the DNS message maximum). */
export const MAX_DNS_MESSAGE_BYTES = 65_535;

/** Largest /api/resolve request body in bytes: 9 hosts of 253 characters plus a page URL fit easily. */
export const MAX_RESOLVE_BODY_BYTES = 16_384;

/** Longest page URL accepted in /api/resolve. */
export const MAX_PAGE_URL_LENGTH = 2_048;

/** Addresses per host sent to Team Cymru for the origin ASN (the first v4, else the first v6). */
export const ASN_LOOKUPS_PER_HOST = 1;

/**
 * SOA questions one /api/resolve call may ask for sister-domain evidence: one per distinct zone of the page's
 * own host and of unknown third parties, never more than one per host, and only with the DoH budget left
 * after every host is resolved (so they never cost a host its lookups; a spent budget means no SOA).
 */
export const MAX_SOA_LOOKUPS = MAX_HOSTS_PER_REQUEST;
