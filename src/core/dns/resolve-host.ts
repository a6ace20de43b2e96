/**
 * One host → its CNAME chain and addresses (A and AAAA, asked in parallel). Every failure becomes a
 * HostError of the host; nothing here throws.
 */
import type { HostError } from '../resolve/types.ts';
import type { ChainEnd } from '../risk/dangling-cname.ts';
import { walkCnameChain } from './cname-chain.ts';
import { parseHost } from './hostname.ts';
import { MAX_CNAME_CHAIN } from './limits.ts';
import type { DnsResult, DohClient, RecordType } from './types.ts';

export interface HostResolution {
  /** The host in ASCII (punycode) form; the input unchanged when it is invalid. */
  host: string;
  cnames: string[];
  addresses: string[];
  errors: HostError[];
  /**
   * Where each address question's chain ended and with which response code, so a dangling CNAME is
   * judged on the exact answer (an NXDOMAIN at the last name) rather than on a summary of errors.
   * Empty for IP literals and invalid hosts, which are never asked.
   */
  ends: ChainEnd[];
}

const ADDRESS_TYPES = ['A', 'AAAA'] as const;

export async function resolveHost(client: DohClient, input: string): Promise<HostResolution> {
  const parsed = parseHost(input);
  if (!parsed.ok) {
    return {
      host: input,
      cnames: [],
      addresses: [],
      errors: [{ code: 'invalid_host', message: parsed.message }],
      ends: [],
    };
  }
  if (parsed.kind !== 'name')
    return { host: parsed.host, cnames: [], addresses: [parsed.host], errors: [], ends: [] };
  const host = parsed.host;
  const lookups = await Promise.all(ADDRESS_TYPES.map((type) => followChain(client, host, type)));
  const cnames = lookups.reduce<string[]>(
    (longest, l) => (l.cnames.length > longest.length ? l.cnames : longest),
    [],
  );
  const addresses = [...new Set(lookups.flatMap((l) => l.addresses))];
  const errors: HostError[] = [];
  for (const [index, lookup] of lookups.entries()) {
    const stage = ADDRESS_TYPES[index];
    if (!lookup.error) continue;
    // The same NXDOMAIN twice is one fact about the host; report it once.
    if (errors.some((e) => e.code === lookup.error?.code && e.code === 'nxdomain')) continue;
    errors.push({ ...lookup.error, stage });
  }
  if (addresses.length === 0 && errors.length === 0) {
    errors.push({ code: 'nodata', message: `${host} has no A or AAAA records.`, stage: 'A' });
  }
  const ends = lookups.map((l, index) => ({ type: ADDRESS_TYPES[index]!, name: l.end, rcode: l.rcode }));
  return { host, cnames, addresses, errors, ends };
}

interface ChainLookup {
  cnames: string[];
  addresses: string[];
  error?: { code: string; message: string };
  /** The chain's last name and the response code that came with it. */
  end: string;
  rcode: string | null;
}

/**
 * Asks (host, type) once and walks the chain in the answer. A recursive upstream completes the chain
 * itself; a chain that ends without records of the type is NODATA at the target (e.g. no IPv6), not a
 * reason to ask again, so no query is spent re-asking the target.
 */
async function followChain(client: DohClient, host: string, type: RecordType): Promise<ChainLookup> {
  const result: DnsResult = await client.query(host, type);
  const walk = walkCnameChain(host, result.answers);
  const end = { end: walk.finalName, rcode: result.rcode };
  if (walk.loop) {
    return {
      ...end,
      cnames: walk.cnames,
      addresses: [],
      error: {
        code: 'cname_loop',
        message: `The CNAME chain of ${host} loops or exceeds ${MAX_CNAME_CHAIN} names.`,
      },
    };
  }
  const addresses = result.answers
    .filter((a) => a.type === type && a.name === walk.finalName)
    .map((a) => a.data);
  return result.error
    ? { ...end, cnames: walk.cnames, addresses, error: result.error }
    : { ...end, cnames: walk.cnames, addresses };
}
