/**
 * The SOA of a zone (RFC 1035 §3.3.13): its primary name server (MNAME) and the mailbox of the person
 * responsible for it (RNAME, written as a name: hostmaster.example.com). Two zones whose contact or
 * primary lives under the same company's domain are likely run by that company (src/core/ownership).
 */
import type { HostError } from '../resolve/types.ts';
import type { DohClient } from './types.ts';

export interface ZoneSoa {
  /** MNAME: the zone's primary name server. */
  primary: string;
  /** RNAME: the responsible person's mailbox as a name ("hostmaster.example.com" = hostmaster@example.com). */
  contact: string;
}

export interface SoaLookup {
  soa: ZoneSoa | null;
  errors: HostError[];
}

export async function lookupSoa(client: DohClient, zone: string): Promise<SoaLookup> {
  const result = await client.query(zone, 'SOA');
  const record = result.answers.find((a) => a.type === 'SOA' && a.name === zone);
  const [primary, contact, ...rest] = record ? record.data.split(' ') : [];
  const soa = primary && contact && rest.length === 0 ? { primary, contact } : null;
  return { soa, errors: result.error ? [{ ...result.error, stage: 'SOA' }] : [] };
}
