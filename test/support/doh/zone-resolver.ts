/**
 * Answers questions from fixture records the way a recursive resolver would: it follows CNAMEs itself
 * and returns the whole chain with the final records in one response (RFC 1034 §4.3.2), NXDOMAIN with
 * the chain when the target does not exist (RFC 6604), NODATA when the name exists without the type,
 * and a synthetic SOA in the authority section of negative answers so their TTL is defined (RFC 2308).
 */
import { getDomain } from 'tldts';
import { canonical, type Fault, type ZoneRecord, type ZoneType } from './zone-file.ts';

/** SOA MINIMUM and TTL of synthetic negative answers: one minute. */
export const NEGATIVE_TTL_S = 60;
/** Longest chain the fixture resolver follows, like real resolvers (BIND: 16). */
const MAX_CHAIN = 16;

export interface ZoneAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN';
  answers: Array<{ name: string; type: Exclude<ZoneType, 'FAULT'>; ttl: number; data: string }>;
  /** Zone apex for the synthetic SOA of negative answers. */
  soaZone: string | null;
  fault: Fault | null;
}

export class ZoneResolver {
  private readonly byName = new Map<string, ZoneRecord[]>();
  private readonly parents = new Set<string>();

  constructor(records: readonly ZoneRecord[]) {
    for (const record of records) {
      const list = this.byName.get(record.name) ?? [];
      list.push(record);
      this.byName.set(record.name, list);
      // Every ancestor exists as an empty non-terminal: NODATA there, never NXDOMAIN.
      const labels = record.name.split('.');
      for (let i = 1; i < labels.length; i++) this.parents.add(labels.slice(i).join('.'));
    }
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  answer(rawName: string, type: string): ZoneAnswer {
    const answers: ZoneAnswer['answers'] = [];
    const seen = new Set<string>();
    let name = canonical(rawName);
    for (let step = 0; step <= MAX_CHAIN; step++) {
      const records = this.byName.get(name) ?? [];
      const fault = records.find((r) => r.type === 'FAULT');
      if (fault) return { rcode: 'NOERROR', answers, soaZone: null, fault: fault.data as Fault };
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
