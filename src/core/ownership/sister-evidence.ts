/**
 * Evidence that a third-party-looking host is really the page owner's own ("probably yours"): a sister
 * domain such as a1.nyt.com for www.nytimes.com or bbci.co.uk for bbc.co.uk. Only facts the resolver
 * already has (name servers, the zone's SOA, the CNAME chain, third-party-web's company) and only facts
 * that a stranger could not share by accident:
 *
 * - the host's zone is served by name servers under the page's own domain (vanity name servers), or the
 *   page's zone by name servers under the host's domain;
 * - the host's zone names a primary server or contact mailbox under the page's domain in its SOA, or the
 *   page's zone one under the host's domain;
 * - the host is an alias (CNAME) of a name under the page's own domain;
 * - third-party-web lists both under the same company.
 *
 * Never evidence: two zones on the same shared DNS provider (everyone on Cloudflare shares its name
 * servers), the same CDN, or a host whose own name is a CDN's or a shared platform's (foo.github.io,
 * d1.cloudfront.net): tenants of one platform are different companies. Pure and light: no Public Suffix
 * List here, the resolver states each host's `zone` and `site`.
 */
import type { ResolvedHost } from '../resolve/types.ts';

export const EVIDENCE_KINDS = [
  'same-company',
  'name-servers',
  'page-name-servers',
  'soa',
  'page-soa',
  'cname',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface SisterEvidence {
  kind: EvidenceKind;
  /** The fact in words, naming the records: shown to the reader next to "probably yours". */
  text: string;
}

/** `name` is `domain` or a name under it (label boundary). */
export function isUnder(name: string, domain: string): boolean {
  return name === domain || name.endsWith(`.${domain}`);
}

/** The mailbox an SOA RNAME stands for: hostmaster.example.com → hostmaster@example.com. */
export function mailbox(rname: string): string {
  const dot = rname.indexOf('.');
  return dot > 0 ? `${rname.slice(0, dot)}@${rname.slice(dot + 1)}` : rname;
}

/** Own domain of a host (site) when its zone is its own: null for tenants of shared platforms and IPs. */
function ownDomain(host: ResolvedHost): string | null {
  return host.site && host.zone && host.site === host.zone ? host.site : null;
}

/**
 * Whether `host` may be a sister of the page at all: a third party by the resolver's rules, not the page's
 * own site, not on a shared platform, and not a host whose own name a CDN or cloud claims.
 */
export function isCandidate(host: ResolvedHost, page: ResolvedHost): boolean {
  if (host.firstParty || host.host === page.host) return false;
  if (host.site !== undefined && host.site === page.site) return false;
  // A known company is judged by company alone (below), which needs the page's company known too.
  if (!host.entity.unrecognised) return !page.entity.unrecognised;
  return (
    ownDomain(host) !== null &&
    // A made-up entity names an operator as company on the operator's own domains (js.monitor.azure.com).
    host.entity.company === host.entity.name &&
    !(host.providers ?? []).some((p) => p.signal === 'hostname')
  );
}

/** Every piece of evidence that `host` belongs to the page's owner; empty when there is none. */
export function sisterEvidence(host: ResolvedHost, page: ResolvedHost): SisterEvidence[] {
  if (!isCandidate(host, page)) return [];
  if (!host.entity.unrecognised) {
    // Both known to third-party-web: only the same company makes them one.
    const same = host.entity.company !== '' && host.entity.company === page.entity.company;
    return same
      ? [
          {
            kind: 'same-company',
            text: `third-party-web lists both ${host.host} and ${page.host} under ${host.entity.company}`,
          },
        ]
      : [];
  }
  const hostDomain = ownDomain(host)!;
  const pageDomain = page.site ?? null;
  const pageOwn = ownDomain(page);
  const out: SisterEvidence[] = [];
  if (pageDomain) {
    const ns = (host.nameServers ?? []).find((n) => isUnder(n, pageDomain));
    if (ns)
      out.push({
        kind: 'name-servers',
        text: `${hostDomain} is served by ${ns}, a name server under your domain ${pageDomain}`,
      });
    if (host.soa && pageOwn) {
      if (isUnder(host.soa.contact, pageDomain))
        out.push({
          kind: 'soa',
          text: `${hostDomain} names ${mailbox(host.soa.contact)} as its contact (SOA), an address at your domain`,
        });
      else if (isUnder(host.soa.primary, pageDomain) && !ns)
        out.push({
          kind: 'soa',
          text: `${hostDomain} names ${host.soa.primary}, under your domain, as its primary name server (SOA)`,
        });
    }
    const alias = host.cnames.find((c) => isUnder(c, pageDomain));
    if (alias)
      out.push({
        kind: 'cname',
        text: `${host.host} is an alias (CNAME) of ${alias}, a name in your domain ${pageDomain}`,
      });
  }
  // The other way round: the page's own zone points at the host's domain. Needs the page's zone to be
  // its own (a page on foo.github.io does not run github.io's name servers).
  if (pageOwn) {
    const ns = (page.nameServers ?? []).find((n) => isUnder(n, hostDomain));
    if (ns)
      out.push({
        kind: 'page-name-servers',
        text: `your domain ${pageOwn} is served by ${ns}, a name server under ${hostDomain}`,
      });
    if (page.soa && isUnder(page.soa.contact, hostDomain))
      out.push({
        kind: 'page-soa',
        text: `your domain ${pageOwn} names ${mailbox(page.soa.contact)} as its contact (SOA), an address at ${hostDomain}`,
      });
  }
  return out;
}
