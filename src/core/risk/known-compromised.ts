/**
 * `known_compromised`: a host (or a name its CNAME chain passes through) is on our list of third-party
 * domains publicly reported as sold to a malicious operator, run by one, or used as a malware payload
 * (src/data/compromised-domains.json, each entry with its source and date). The table is small and has no
 * dependency, so the mapper page runs this module too (a HAR's resources are judged in the browser).
 */
import table from '../../data/compromised-domains.json' with { type: 'json' };
import { makeRisk, type Risk } from './types.ts';

export interface CompromisedDomain {
  domain: string;
  /** Date of the publication (YYYY-MM-DD or YYYY-MM). */
  reported: string;
  kind: 'sold' | 'same-operator' | 'payload';
  summary: string;
  source: string;
}

export const COMPROMISED_DOMAINS: readonly CompromisedDomain[] = table.domains as CompromisedDomain[];

const byDomain = new Map(COMPROMISED_DOMAINS.map((d) => [d.domain, d]));

/** The list entry `name` falls under (the domain itself or a subdomain, at a label boundary), or null. */
export function compromisedEntry(name: string): CompromisedDomain | null {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const entry = byDomain.get(labels.slice(i).join('.'));
    if (entry) return entry;
  }
  return null;
}

/**
 * The risk of `host`, judged on its own name and then on each name of its CNAME chain (a host that is an
 * alias of a listed domain is served by that domain's operator). Null when nothing matches.
 */
export function knownCompromisedRisk(host: string, cnames: readonly string[] = []): Risk | null {
  const own = compromisedEntry(host);
  if (own) {
    return makeRisk({
      code: 'known_compromised',
      severity: 'high',
      message: `${host} is on ${own.domain}, ${own.summary}. Whatever it serves today runs with your page's rights.`,
      evidence: `${host} matches ${own.domain} (${describeKind(own.kind)}, reported ${own.reported})`,
      source: own.source,
    });
  }
  for (const [index, cname] of cnames.entries()) {
    const entry = compromisedEntry(cname);
    if (!entry) continue;
    return makeRisk({
      code: 'known_compromised',
      severity: 'high',
      message: `${host} is an alias of ${cname}, on ${entry.domain}, ${entry.summary}: that operator serves this host.`,
      evidence: `${[host, ...cnames.slice(0, index + 1)].join(' → ')} matches ${entry.domain} (${describeKind(entry.kind)}, reported ${entry.reported})`,
      source: entry.source,
    });
  }
  return null;
}

function describeKind(kind: CompromisedDomain['kind']): string {
  switch (kind) {
    case 'sold':
      return 'sold to a malicious operator';
    case 'same-operator':
      return 'same operator as a sold domain';
    case 'payload':
      return 'malware payload domain';
  }
}
