/**
 * Answers questions from fixture records the way a recursive resolver would: it follows CNAMEs itself
 * and returns the whole chain with the final records in one response (RFC 1034 §4.3.2), NXDOMAIN with
 * the chain when the target does not exist (RFC 6604), NODATA when the name exists without the type,
 * and a synthetic SOA in the authority section of negative answers so their TTL is defined (RFC 2308).
 *
 * REBIND records make it stateful on purpose: it counts the A and AAAA questions that reach each REBIND
 * name (directly or through a CNAME), per type, and answers the first `after` of them from the first
 * answer and every later one from the second, the way an attacker's authoritative server answers a DNS
 * rebinding victim. An address of the other family gives NODATA for that question (it still counts);
 * `nxdomain` gives NXDOMAIN and a fault word that fault.
 */
import { isIP } from 'node:net';
import { getDomain } from 'tldts';
import { canonical, type Fault, type ZoneRecord, type ZoneType } from './zone-file.ts';

/** SOA MINIMUM and TTL of synthetic negative answers: one minute. */
export const NEGATIVE_TTL_S = 60;
/** Longest chain the fixture resolver follows, like real resolvers (BIND: 16). */
const MAX_CHAIN = 16;

export interface ZoneAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN';
  answers: Array<{ name: string; type: Exclude<ZoneType, 'FAULT' | 'REBIND'>; ttl: number; data: string }>;
  /** Zone apex for the synthetic SOA of negative answers. */
  soaZone: string | null;
  fault: Fault | null;
}

export class ZoneResolver {
  private readonly byName = new Map<string, ZoneRecord[]>();
  private readonly parents = new Set<string>();
  /** Questions that reached a REBIND name so far, keyed "TYPE name" like the server's query counts. */
  private readonly rebindAsked = new Map<string, number>();

  constructor(records: readonly ZoneRecord[]) {
    for (const record of records) {
      const list = this.byName.get(record.name) ?? [];
      list.push(record);
      this.byName.set(record.name, list);
      // Every ancestor exists as an empty non-terminal: NODATA there, never NXDOMAIN.
      const labels = record.name.split('.');
      for (let i = 1; i < labels.length; i++) this.parents.add(labels.slice(i).join('.'));
    }
    // Which address a question gets must follow from the REBIND counter alone.
    for (const list of this.byName.values()) {
      const addressing = list.filter((r) => ['A', 'AAAA', 'CNAME', 'REBIND'].includes(r.type));
      const second = addressing[1];
      if (second && addressing.some((r) => r.type === 'REBIND')) {
        throw new Error(
          `${second.source}: ${second.name} mixes a REBIND record with other A, AAAA, CNAME or REBIND records`,
        );
      }
    }
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** How many A/AAAA questions reached each REBIND name since the start or the last reset. */
  rebindCounts(): Record<string, number> {
    return Object.fromEntries(this.rebindAsked);
  }

  /** Starts every REBIND name over at its first address. */
  resetRebind(): void {
    this.rebindAsked.clear();
  }

  answer(rawName: string, type: string): ZoneAnswer {
    const answers: ZoneAnswer['answers'] = [];
    const seen = new Set<string>();
    let name = canonical(rawName);
    for (let step = 0; step <= MAX_CHAIN; step++) {
      const records = this.byName.get(name) ?? [];
      const fault = records.find((r) => r.type === 'FAULT');
      if (fault) return { rcode: 'NOERROR', answers, soaZone: null, fault: fault.data as Fault };
      const rebind = records.find((r) => r.type === 'REBIND');
      if (rebind?.rebind && (type === 'A' || type === 'AAAA')) {
        const key = `${type} ${name}`;
        const asked = (this.rebindAsked.get(key) ?? 0) + 1;
        this.rebindAsked.set(key, asked);
        const chosen = asked <= rebind.rebind.after ? rebind.rebind.first : rebind.rebind.later;
        if (isIP(chosen) === (type === 'A' ? 4 : 6)) {
          answers.push({ name, type, ttl: rebind.ttl, data: chosen });
          return { rcode: 'NOERROR', answers, soaZone: null, fault: null };
        }
        if (isIP(chosen) !== 0) return { rcode: 'NOERROR', answers, soaZone: zoneOf(name), fault: null };
        if (chosen === 'nxdomain') return { rcode: 'NXDOMAIN', answers, soaZone: zoneOf(name), fault: null };
        return { rcode: 'NOERROR', answers, soaZone: null, fault: chosen as Fault };
      }
      const matching = records.filter((r) => r.type === type);
      if (matching.length > 0) {
        answers.push(
          ...matching.map((r) => ({ name: r.name, type: r.type as 'A', ttl: r.ttl, data: r.data })),
        );
        return { rcode: 'NOERROR', answers, soaZone: null, fault: null };
      }
      const cname = records.find((r) => r.type === 'CNAME');
      if (cname && type !== 'CNAME') {
        answers.push({ name: cname.name, type: 'CNAME', ttl: cname.ttl, data: cname.data });
        // A loop: return what we have, as BIND does; the client must notice.
        if (seen.has(cname.data)) return { rcode: 'NOERROR', answers, soaZone: null, fault: null };
        seen.add(name);
        name = cname.data;
        continue;
      }
      const exists = records.length > 0 || this.parents.has(name);
      return { rcode: exists ? 'NOERROR' : 'NXDOMAIN', answers, soaZone: zoneOf(name), fault: null };
    }
    return { rcode: 'NOERROR', answers, soaZone: null, fault: null };
  }
}

function zoneOf(name: string): string {
  return getDomain(name, { allowPrivateDomains: false }) ?? name.split('.').slice(-2).join('.');
}
