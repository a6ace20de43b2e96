/**
 * Orchestration of /api/resolve: hosts → DNS observations (A/AAAA with CNAME chain, NS of the
 * registrable zone, origin ASN) → attribution. Per host, every failure is data (HostError); the batch
 * never fails. A deadline bounds the whole call: hosts not finished by then are reported as `timeout`.
 * Attribution comes in as a function so this module stays independent of the range table's loading.
 */
import type { HostError, ResolvedHost, ResolveResponse } from '../resolve/types.ts';
import { isGloballyRoutable, lookupAsn, type AsnInfo } from '../dns/cymru.ts';
import { parseHost } from '../dns/hostname.ts';
import type { Budget } from '../dns/budget.ts';
import { QUERIES_PER_HOST_COLD, RESOLVE_DEADLINE_MS } from '../dns/limits.ts';
import { lookupNameServers } from '../dns/name-servers.ts';
import { registrableZone } from '../dns/registrable-zone.ts';
import { resolveHost } from '../dns/resolve-host.ts';
import { withPriority } from '../dns/doh-client.ts';
import type { DohClient } from '../dns/types.ts';
import { siteOf } from '../attribution/registrable.ts';
import { hostRisks } from '../risk/host-risks.ts';
import { addZoneSoa } from './zone-soa.ts';

/** What attribution receives; the same shape as HostObservation in src/core/attribution/attribute-host.ts. */
export interface Observation {
  host: string;
  cnames: string[];
  addresses: string[];
  nameServers: string[];
  asn: AsnInfo | null;
}

type Verdict = Pick<ResolvedHost, 'firstParty' | 'entity' | 'providers'>;

/**
 * Attribution of one observed host. It may be async, so the caller can load what it needs (the range
 * table) while the DNS questions are in flight instead of before them.
 */
export type Attribute = (obs: Observation, pageUrl: string | null) => Verdict | Promise<Verdict>;

/** Where origin ASNs come from: Team Cymru over DoH, or nowhere. */
export type AsnSource = 'cymru' | 'off';

export interface ResolveHostsOptions {
  client: DohClient;
  attribute: Attribute;
  asnSource?: AsnSource;
  deadlineMs?: number;
  /**
   * The client's subrequest budget. When given, a host starts only while the budget still covers the
   * worst case of every started host (QUERIES_PER_HOST_COLD each), so a short budget completes the first
   * hosts and marks the rest budget_exhausted, instead of leaving every host half-resolved.
   */
  budget?: Budget;
  /** Called when the deadline passes, e.g. to abort the client's pending fetches. */
  onDeadline?: () => void;
  now?: () => number;
}

export async function resolveHosts(
  hosts: readonly string[],
  page: string | null,
  options: ResolveHostsOptions,
): Promise<ResolveResponse> {
  const now = options.now ?? Date.now;
  const started = now();
  const deadlineMs = options.deadlineMs ?? RESOLVE_DEADLINE_MS;
  const unique = uniqueHosts(hosts);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => {
      options.onDeadline?.();
      resolve('deadline');
    }, deadlineMs);
  });
  try {
    const admission = createAdmission(options.budget);
    const results = await Promise.all(
      unique.map(async (host, index) => {
        // Earlier hosts first when queries queue, so a spent budget cuts off the tail, not every host.
        // (Ordering by critical path, A → origin → AS name first, measured no faster: docs/resolver.md.)
        const client = withPriority(options.client, index);
        const run = async () => {
          const release = await admission.enter(index);
          try {
            return await observeHost(host, page, { ...options, client });
          } finally {
            release();
          }
        };
        const outcome = await Promise.race([run(), deadline]);
        return outcome === 'deadline' ? timedOut(host, page, deadlineMs, options.attribute) : outcome;
      }),
    );
    // Sister-domain evidence (docs/risks.md): SOAs only once every host is done, on what budget is left.
    if (page !== null) await addZoneSoa(results, page, { client: options.client, deadline });
    const stats = options.client.stats();
    return {
      page,
      hosts: results,
      stats: { queries: stats.queries, cacheHits: stats.cacheHits, ms: now() - started },
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Admission by budget: host i enters once every host before it has entered and the budget's remaining
 * units cover QUERIES_PER_HOST_COLD for each host inside, or when no host is inside (then it runs on
 * whatever is left, which may still be enough thanks to the cache).
 */
function createAdmission(budget: Budget | undefined): { enter(index: number): Promise<() => void> } {
  if (!budget) return { enter: async () => () => undefined };
  let inside = 0;
  let next = 0;
  const waiting = new Map<number, () => void>();
  const pump = () => {
    for (;;) {
      const start = waiting.get(next);
      if (!start) return;
      if (inside > 0 && budget.remaining() < (inside + 1) * QUERIES_PER_HOST_COLD) return;
      waiting.delete(next);
      next++;
      inside++;
      start();
    }
  };
  return {
    enter(index) {
      return new Promise((resolve) => {
        waiting.set(index, () =>
          resolve(() => {
            inside--;
            pump();
          }),
        );
        pump();
      });
    },
  };
}

/** One host, start to end. NS does not depend on the addresses, so it is asked alongside A and AAAA. */
export async function observeHost(
  host: string,
  page: string | null,
  options: ResolveHostsOptions,
): Promise<ResolvedHost> {
  const { client } = options;
  const [resolution, ns] = await Promise.all([
    resolveHost(client, host),
    parseHost(host).ok ? lookupNameServers(client, host) : null,
  ]);
  const errors: HostError[] = [...resolution.errors, ...(ns?.errors ?? [])];
  let asn: AsnInfo | null = null;
  // One origin lookup per host (ASN_LOOKUPS_PER_HOST): the first public IPv4, else the first public IPv6.
  const routable = resolution.addresses.filter(isGloballyRoutable);
  const address = routable.find((a) => !a.includes(':')) ?? routable[0];
  if (address && (options.asnSource ?? 'cymru') === 'cymru') {
    const lookup = await lookupAsn(client, address);
    asn = lookup.asn;
    errors.push(...lookup.errors);
  }
  const observation: Observation = {
    host: resolution.host,
    cnames: resolution.cnames,
    addresses: resolution.addresses,
    nameServers: ns?.nameServers ?? [],
    asn,
  };
  return {
    host: resolution.host,
    ...(await safeAttribute(options.attribute, observation, page)),
    cnames: observation.cnames,
    addresses: observation.addresses,
    asn,
    nameServers: observation.nameServers,
    ...domainsOf(resolution.host),
    risks: hostRisks(resolution),
    errors,
  };
}

/** The host's zone (whose NS and SOA we ask) and site (what first party compares); none for IP literals. */
function domainsOf(host: string): Pick<ResolvedHost, 'zone' | 'site'> {
  const parsed = parseHost(host);
  if (!parsed.ok || parsed.kind !== 'name') return {};
  const zone = registrableZone(host);
  const site = siteOf(host);
  return zone === null || site === null ? {} : { zone, site };
}

async function timedOut(
  host: string,
  page: string | null,
  deadlineMs: number,
  attribute: Attribute,
): Promise<ResolvedHost> {
  const parsed = parseHost(host);
  const name = parsed.ok ? parsed.host : host;
  const observation: Observation = { host: name, cnames: [], addresses: [], nameServers: [], asn: null };
  return {
    host: name,
    ...(await safeAttribute(attribute, observation, page)),
    cnames: [],
    addresses: [],
    asn: null,
    nameServers: [],
    ...domainsOf(name),
    // Name-based risks need no answer: a listed domain stays flagged even when DNS was too slow.
    risks: hostRisks({ host: name, cnames: [], ends: [] }),
    errors: [{ code: 'timeout', message: `Not resolved within the ${deadlineMs} ms deadline of the call.` }],
  };
}

/** Attribution is pure code of ours; should it ever throw, the host stays in the map as unrecognised. */
async function safeAttribute(attribute: Attribute, obs: Observation, page: string | null): Promise<Verdict> {
  try {
    return await attribute(obs, page);
  } catch {
    return {
      firstParty: false,
      entity: { name: obs.host, company: obs.host, category: 'other', unrecognised: true },
      providers: [],
    };
  }
}

/** Hosts in first-seen order, duplicates (after IDN/case normalisation) removed. */
export function uniqueHosts(hosts: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const host of hosts) {
    const parsed = parseHost(host);
    const key = parsed.ok ? parsed.host : host;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(host);
  }
  return out;
}
