/**
 * Follows a CNAME chain through the records of one answer. Recursive resolvers return the whole chain
 * with the final addresses in a single response (RFC 1034 §4.3.2 step 3a), so one A and one AAAA query
 * per host suffice; this walks it in order and detects loops and over-long chains.
 */
import { MAX_CNAME_CHAIN } from './limits.ts';
import type { DnsAnswer } from './types.ts';

export interface ChainWalk {
  /** Targets in order, excluding the start name. */
  cnames: string[];
  /** The name the addresses belong to (the last target, or the start name). */
  finalName: string;
  /** Set when the chain revisits a name or exceeds MAX_CNAME_CHAIN. */
  loop: boolean;
}

export function walkCnameChain(start: string, answers: readonly DnsAnswer[]): ChainWalk {
  const next = new Map<string, string>();
  for (const answer of answers)
    if (answer.type === 'CNAME' && !next.has(answer.name)) next.set(answer.name, answer.data);
  const cnames: string[] = [];
  const seen = new Set([start]);
  let current = start;
  for (;;) {
    const target = next.get(current);
    if (target === undefined) return { cnames, finalName: current, loop: false };
    if (seen.has(target) || cnames.length >= MAX_CNAME_CHAIN)
      return { cnames, finalName: current, loop: true };
    cnames.push(target);
    seen.add(target);
    current = target;
  }
}
