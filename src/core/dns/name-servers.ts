/**
 * NS records of a host's registrable zone: the DNS provider signal (awsdns-*, akam.net, ns1.com, ...).
 * Hosts of the same zone share one question through the client's cache and in-flight de-duplication.
 */
import type { HostError } from '../resolve/types.ts';
import { registrableZone } from './registrable-zone.ts';
import type { DohClient } from './types.ts';

export interface NameServerLookup {
  zone: string | null;
  nameServers: string[];
  errors: HostError[];
}

export async function lookupNameServers(client: DohClient, host: string): Promise<NameServerLookup> {
  const zone = registrableZone(host);
  if (!zone) return { zone: null, nameServers: [], errors: [] };
  const result = await client.query(zone, 'NS');
  const nameServers = [
    ...new Set(result.answers.filter((a) => a.type === 'NS' && a.name === zone).map((a) => a.data)),
  ].sort();
  const errors: HostError[] = result.error ? [{ ...result.error, stage: 'NS' }] : [];
  return { zone, nameServers, errors };
}
