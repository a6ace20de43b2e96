/**
 * Risks of a host as the resolver sees it: its name and CNAME chain against the compromised-domain list,
 * and the chain's end against the claimable services. Server-side (the claimable-service table stays
 * out of the page); the mapper shows what /api/resolve returns in `ResolvedHost.risks`.
 */
import { danglingCnameRisk, type ChainEnd } from './dangling-cname.ts';
import { knownCompromisedRisk } from './known-compromised.ts';
import type { Risk } from './types.ts';

export interface HostFacts {
  host: string;
  cnames: readonly string[];
  /** How each address question ended; empty when the host was never asked (timeout, invalid). */
  ends: readonly ChainEnd[];
}

export function hostRisks(facts: HostFacts): Risk[] {
  return [
    knownCompromisedRisk(facts.host, facts.cnames),
    danglingCnameRisk(facts.host, facts.cnames, facts.ends),
  ].filter((r): r is Risk => r !== null);
}
