/**
 * `dangling_cname`: a host's CNAME chain ends in a definite NXDOMAIN at a name under a service whose names
 * any customer can create (src/data/claimable-services.json, from the vendors' own dangling-DNS pages).
 * Whoever creates that name next serves content under the host's name: a subdomain-takeover candidate.
 *
 * Only NXDOMAIN counts. SERVFAIL, REFUSED, a timeout or a malformed answer say nothing about whether the
 * name exists, and an answer with addresses (even for one of A/AAAA) means it exists. The table of the
 * services is server-side data: the page never needs it (the resolver states the risk on the host).
 */
import table from '../../data/claimable-services.json' with { type: 'json' };
import { makeRisk, type Risk } from './types.ts';

export interface ClaimableService {
  suffix: string;
  /** Labels in front of the suffix that make up a name a customer chooses. */
  labels: number[];
  service: string;
  vendor: string;
  source: string;
}

export const CLAIMABLE_SERVICES: readonly ClaimableService[] = table.services as ClaimableService[];

/** How one address question (A or AAAA) of the host ended: the chain's last name and the response code. */
export interface ChainEnd {
  type: 'A' | 'AAAA';
  /** The last name of the chain this answer walked (the host itself when it has no CNAME). */
  name: string;
  /** The upstream's RCODE as a word (NOERROR, NXDOMAIN, SERVFAIL…); null when no usable response came. */
  rcode: string | null;
}

/** The claimable service `name` is a customer-chosen name of, or null. */
export function claimableServiceOf(name: string): ClaimableService | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  for (const s of CLAIMABLE_SERVICES) {
    if (!n.endsWith(`.${s.suffix}`)) continue;
    const front = n.slice(0, -(s.suffix.length + 1)).split('.');
    if (front.every((label) => label !== '') && s.labels.includes(front.length)) return s;
  }
  return null;
}

/**
 * The chain's end when it is a definite NXDOMAIN: at least one address question answered NXDOMAIN, all
 * that did so ended at the same name, and none answered NOERROR. Null otherwise.
 */
export function definiteNxdomain(ends: readonly ChainEnd[]): { name: string; types: string[] } | null {
  const nx = ends.filter((e) => e.rcode === 'NXDOMAIN');
  if (nx.length === 0 || ends.some((e) => e.rcode === 'NOERROR')) return null;
  const name = nx[0]!.name;
  if (nx.some((e) => e.name !== name)) return null;
  return { name, types: nx.map((e) => e.type) };
}

export function danglingCnameRisk(
  host: string,
  cnames: readonly string[],
  ends: readonly ChainEnd[],
): Risk | null {
  if (cnames.length === 0) return null;
  const nx = definiteNxdomain(ends);
  if (!nx || nx.name === host || !cnames.includes(nx.name)) return null;
  const service = claimableServiceOf(nx.name);
  if (!service) return null;
  const chosen = nx.name.slice(0, -(service.suffix.length + 1));
  return makeRisk({
    code: 'dangling_cname',
    severity: 'high',
    message: `${host} is an alias (CNAME) of ${nx.name}, which does not exist. Names under ${service.suffix} (${service.service}) can be created by any ${service.vendor} customer: whoever creates "${chosen}" next serves content as ${host}.`,
    evidence: `${[host, ...cnames].join(' → ')}: NXDOMAIN (${nx.types.join(', ')})`,
    source: service.source,
  });
}
