/**
 * Origin ASN and AS name through Team Cymru's IP-to-ASN service over DNS (team-cymru.com/ip-asn-mapping):
 *   IPv4  D.C.B.A.origin.asn.cymru.com  TXT  "ASN[ ASN...] | prefix | CC | registry | allocated"
 *   IPv6  32 reversed nibbles.origin6.asn.cymru.com  TXT  (same fields)
 *   name  AS<n>.asn.cymru.com  TXT  "n | CC | registry | allocated | NAME - description, CC"
 * Team Cymru asks to be told before the service is built into software; ASN_SOURCE=off switches it off.
 */
import type { HostError } from '../resolve/types.ts';
import type { DohClient } from './types.ts';

export interface OriginRecord {
  /** Several ASes may announce the same prefix (MOAS); they share the first field. */
  asns: number[];
  prefix: string;
  country: string;
  registry: string;
}

export interface AsnInfo {
  number: number;
  name: string;
  prefix: string;
}

/** The TXT name to ask for an address' origin, or null for something that is not an IP address. */
export function originQueryName(ip: string): string | null {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) {
    const octets = ip.split('.').map(Number);
    if (octets.some((o) => o > 255)) return null;
    return `${octets.reverse().join('.')}.origin.asn.cymru.com`;
  }
  const nibbles = ipv6Nibbles(ip);
  return nibbles ? `${nibbles.reverse().join('.')}.origin6.asn.cymru.com` : null;
}

/** The 32 hex nibbles of an IPv6 address, most significant first; null when it is not one. */
export function ipv6Nibbles(ip: string): string[] | null {
  let text = ip.toLowerCase();
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    if ([a, b, c, d].some((o) => o > 255)) return null;
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.flatMap((g) => g.padStart(4, '0').split(''));
}

/**
 * Special-use addresses (RFC 6890: loopback, private, link-local, CGNAT, documentation, ULA) are never
 * announced on the internet: asking Team Cymru about them wastes a query and leaks internal addresses.
 */
export function isGloballyRoutable(ip: string): boolean {
  if (ip.includes('.') && !ip.includes(':')) {
    const [a = 0, b = 0, c = 0] = ip.split('.').map(Number);
    return !(
      a === 0 ||
      a === 10 ||
      a === 127 ||
      a >= 224 ||
      (a === 100 && b >= 64 && b < 128) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b < 32) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0 && (c === 0 || c === 2)) ||
      (a === 198 && (b === 18 || b === 19)) ||
      (a === 198 && b === 51 && c === 100) ||
      (a === 203 && b === 0 && c === 113)
    );
  }
  const nibbles = ipv6Nibbles(ip);
  if (!nibbles) return false;
  const hex = nibbles.join('');
  if (/^0{31}[01]$/.test(hex)) return false; // :: and ::1
  if (hex.startsWith('00000000000000000000ffff')) return isGloballyRoutable(mappedV4(hex));
  const first = parseInt(hex.slice(0, 4), 16);
  if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00) return false;
  return !hex.startsWith('20010db8'); // documentation prefix, RFC 3849
}

function mappedV4(hex: string): string {
  return [24, 26, 28, 30].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

/** Parses one origin TXT string; null when it does not have the documented shape. */
export function parseOriginTxt(txt: string): OriginRecord | null {
  const fields = txt.split('|').map((f) => f.trim());
  if (fields.length < 3) return null;
  const asns = (fields[0] ?? '').split(/\s+/).map(Number);
  const prefix = fields[1] ?? '';
  if (asns.length === 0 || !asns.every((n) => Number.isInteger(n) && n > 0 && n < 2 ** 32)) return null;
  if (!/^[0-9a-f:.]+\/\d{1,3}$/i.test(prefix)) return null;
  return { asns, prefix, country: fields[2] ?? '', registry: fields[3] ?? '' };
}

/** Parses an AS-name TXT string into "NAME - description" (the trailing ", CC" is the country again). */
export function parseAsNameTxt(txt: string): { number: number; name: string } | null {
  const fields = txt.split('|').map((f) => f.trim());
  if (fields.length < 5) return null;
  const number = Number(fields[0]);
  if (!Number.isInteger(number) || number <= 0) return null;
  const country = fields[1] ?? '';
  let name = fields.slice(4).join(' | ');
  if (country && name.endsWith(`, ${country}`)) name = name.slice(0, -(country.length + 2));
  return { number, name };
}

/** The most specific of several origin records (longest prefix wins, as in routing). */
export function mostSpecific(records: OriginRecord[]): OriginRecord | null {
  const length = (r: OriginRecord) => Number(r.prefix.split('/')[1]);
  return records.reduce<OriginRecord | null>(
    (best, r) => (!best || length(r) > length(best) ? r : best),
    null,
  );
}

/**
 * Origin ASN, prefix and AS name of one address: two TXT questions, the second shared by every address
 * of the same AS. A missing or unparsable answer gives asn null and an error with stage "ASN".
 */
export async function lookupAsn(
  client: DohClient,
  ip: string,
): Promise<{ asn: AsnInfo | null; errors: HostError[] }> {
  if (!isGloballyRoutable(ip)) return { asn: null, errors: [] };
  const name = originQueryName(ip);
  if (!name)
    return {
      asn: null,
      errors: [{ code: 'invalid_host', message: `${ip} is not an IP address.`, stage: 'ASN' }],
    };
  const origin = await client.query(name, 'TXT');
  if (origin.error && origin.error.code !== 'nxdomain')
    return { asn: null, errors: [{ ...origin.error, stage: 'ASN' }] };
  const record = mostSpecific(
    origin.answers.filter((a) => a.type === 'TXT').flatMap((a) => parseOriginTxt(a.data) ?? []),
  );
  // NXDOMAIN or no parsable record: the address is not announced (or Team Cymru does not know it).
  if (!record) return { asn: null, errors: [] };
  const number = record.asns[0] as number;
  const named = await client.query(`AS${number}.asn.cymru.com`, 'TXT');
  const parsed = named.answers
    .filter((a) => a.type === 'TXT')
    .map((a) => parseAsNameTxt(a.data))
    .find((p) => p?.number === number);
  const errors: HostError[] = named.error ? [{ ...named.error, stage: 'ASN' }] : [];
  return { asn: { number, name: parsed?.name ?? '', prefix: record.prefix }, errors };
}
