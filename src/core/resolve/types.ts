/**
 * Contract of /api/resolve: what it returns for each host and the mapper page consumes. The attribution
 * engine (src/core/attribution) and the DNS layer (src/core/dns) fill it.
 */
import type { Risk } from '../risk/types.ts';

export type { Risk, RiskSeverity } from '../risk/types.ts';

export const PROVIDER_ROLES = ['cdn', 'cloud', 'dns', 'network'] as const;
export type ProviderRole = (typeof PROVIDER_ROLES)[number];

/** Which signal produced an attribution, so the UI can explain itself. */
export const SIGNALS = ['hostname', 'cname', 'ip-range', 'asn', 'ns', 'header'] as const;
export type Signal = (typeof SIGNALS)[number];

export interface ProviderAttribution {
  /** Display name, e.g. "Amazon CloudFront", "Cloudflare", "Akamai", "Google Cloud DNS". */
  name: string;
  /**
   * The company that runs the network (Cloudflare, Amazon, Akamai, Google, Microsoft, Fastly, Meta...),
   * from one table (src/core/attribution/operator.ts): "Amazon CloudFront" and "Amazon Route 53" are both
   * Amazon. Always set by the resolver; reports saved before it existed lack it and derive it on read.
   */
  operator?: string;
  role: ProviderRole;
  signal: Signal;
  /** Optional service detail, e.g. "CloudFront" or "EC2" for AWS ranges. */
  service?: string;
  /** What matched, e.g. the CNAME suffix, the prefix, the NS host. */
  evidence?: string;
  /** Weaker signals that named the same provider and role (kept after de-duplication). */
  corroboration?: Array<{ signal: Signal; evidence: string }>;
}

/**
 * Stable codes of a failed lookup: the DNS layer's DnsErrorCode (src/core/dns/types.ts) plus what
 * resolving a whole host adds (`nodata`: no address at all; `cname_loop`).
 */
export const HOST_ERROR_CODES = [
  'nxdomain',
  'nodata',
  'servfail',
  'refused',
  'timeout',
  'cname_loop',
  'malformed',
  'truncated',
  'budget_exhausted',
  'invalid_host',
  'upstream_error',
] as const;

export interface HostError {
  /** One of HOST_ERROR_CODES. */
  code: string;
  message: string;
  /** Which lookup failed, e.g. "A", "AAAA", "NS", "ASN". */
  stage?: string;
}

export interface ResolvedHost {
  host: string;
  firstParty: boolean;
  /** Who runs the host (third-party-web); `product` when a product pattern matched. */
  entity: { name: string; company: string; category: string; unrecognised: boolean; product?: string };
  /** The CNAME chain as returned, in order, excluding the host itself. */
  cnames: string[];
  addresses: string[];
  providers: ProviderAttribution[];
  asn: { number: number; name: string; prefix: string } | null;
  /** Name servers of the registrable domain. */
  nameServers?: string[];
  /**
   * The registrable domain under the ICANN section of the Public Suffix List: the zone whose `nameServers`
   * and `soa` these are (`github.io` for `foo.github.io`).
   */
  zone?: string;
  /**
   * The registrable domain including the list's private section, as first party compares sites
   * (`foo.github.io`). Differs from `zone` on shared hosting suffixes, where the zone is the platform's.
   */
  site?: string;
  /**
   * SOA of `zone`, asked only when the call names a page, for the page's own host and unknown third
   * parties, with the DoH budget left once every host is resolved (evidence of sister domains,
   * docs/risks.md). Absent when not asked or not answered.
   */
  soa?: { primary: string; contact: string };
  /** Risks of the host itself (known_compromised, dangling_cname); docs/risks.md. Empty when none. */
  risks?: Risk[];
  errors: HostError[];
}

export interface ResolveResponse {
  page: string | null;
  hosts: ResolvedHost[];
  /** DoH queries this call sent upstream (after cache and de-duplication). */
  stats?: { queries: number; cacheHits: number; ms: number };
}
