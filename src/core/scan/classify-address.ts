/**
 * Is an IP address one the scanner may connect to? Everything that is not globally reachable unicast is
 * refused: the ranges come from the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and
 * updates), plus cloud metadata addresses. IPv6 forms that embed an IPv4 address (mapped, compatible,
 * NAT64, 6to4, Teredo) are judged by the address they carry.
 *
 * Input is an address as text: dotted-quad IPv4 (as WHATWG URL and DNS answers give it) or any valid
 * IPv6 spelling, brackets allowed. Anything unparsable is `invalid` (and therefore refused).
 */

export type AddressCategory =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'metadata'
  | 'multicast'
  | 'broadcast'
  | 'benchmarking'
  | 'documentation'
  | 'reserved'
  | 'unique-local'
  | 'invalid';

export interface AddressClass {
  category: AddressCategory;
  /** For IPv6 forms carrying an IPv4 address: that address, which decided the category. */
  embedded?: string;
  /** Which rule matched, e.g. "10.0.0.0/8" or "::ffff:0:0/96". */
  range?: string;
}

interface V4Rule {
  base: number;
  bits: number;
  range: string;
  category: AddressCategory;
}

const v4 = (range: string, category: AddressCategory): V4Rule => {
  const [address, bits] = range.split('/') as [string, string];
  return { base: parseIPv4(address) as number, bits: Number(bits), range, category };
};

/** Most specific first: the first match wins. */
const V4_RULES: V4Rule[] = [
  v4('169.254.169.254/32', 'metadata'), // AWS, GCP, Azure, OpenStack instance metadata
  v4('100.100.100.200/32', 'metadata'), // Alibaba Cloud metadata (inside CGNAT space)
  v4('192.0.0.192/32', 'metadata'), // Oracle Cloud legacy metadata
  v4('255.255.255.255/32', 'broadcast'),
  v4('0.0.0.0/8', 'unspecified'), // "this network"; 0.0.0.0 reaches localhost on Linux
  v4('10.0.0.0/8', 'private'),
  v4('100.64.0.0/10', 'cgnat'),
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local'),
  v4('172.16.0.0/12', 'private'),
  v4('192.0.0.0/24', 'reserved'), // IETF protocol assignments
  v4('192.0.2.0/24', 'documentation'),
  v4('192.88.99.0/24', 'reserved'), // deprecated 6to4 relay anycast
  v4('192.168.0.0/16', 'private'),
  v4('198.18.0.0/15', 'benchmarking'),
  v4('198.51.100.0/24', 'documentation'),
  v4('203.0.113.0/24', 'documentation'),
  v4('224.0.0.0/4', 'multicast'),
  v4('240.0.0.0/4', 'reserved'),
];

/** Parses strict dotted-quad IPv4 to an unsigned 32-bit number, or null. */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

const formatIPv4 = (value: number): string =>
  [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');

/** Parses any IPv6 spelling (with `::` and a dotted IPv4 tail) into eight 16-bit groups, or null. */
export function parseIPv6(text: string): number[] | null {
  let input = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (input.includes('%')) return null; // zone ids never appear in URLs or DNS answers
  const groups: number[] = [];
  const tail = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(input);
  let tailGroups: number[] = [];
  if (tail) {
    const value = parseIPv4(tail[1] as string);
    if (value === null) return null;
    tailGroups = [value >>> 16, value & 0xffff];
    input = input.slice(0, input.length - (tail[1] as string).length);
    if (input.endsWith(':') && !input.endsWith('::')) input = input.slice(0, -1);
  }
  const halves = input.split('::');
  if (halves.length > 2) return null;
  const parseHalf = (half: string): number[] | null => {
    if (half === '') return [];
    const out: number[] = [];
    for (const piece of half.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return null;
      out.push(parseInt(piece, 16));
    }
    return out;
  };
  const head = parseHalf(halves[0] as string);
  const rest = halves.length === 2 ? parseHalf(halves[1] as string) : [];
  if (!head || !rest) return null;
  const explicit = head.length + rest.length + tailGroups.length;
  if (halves.length === 2) {
    if (explicit > 7) return null;
    groups.push(...head, ...new Array<number>(8 - explicit).fill(0), ...rest, ...tailGroups);
  } else {
    if (explicit !== 8) return null;
    groups.push(...head, ...tailGroups);
  }
  return groups;
}

function classifyIPv4(value: number): AddressClass {
  for (const rule of V4_RULES) {
    const mask = rule.bits === 0 ? 0 : (0xffffffff << (32 - rule.bits)) >>> 0;
    if ((value & mask) >>> 0 === (rule.base & mask) >>> 0) {
      return { category: rule.category, range: rule.range };
    }
  }
  return { category: 'public' };
}

/** The IPv4 address carried in groups[from], groups[from+1]. */
const embeddedV4 = (groups: number[], from: number, xor = 0): number =>
  ((((groups[from] as number) << 16) | (groups[from + 1] as number)) ^ xor) >>> 0;

function fromEmbedded(value: number, range: string): AddressClass {
  const inner = classifyIPv4(value);
  return { category: inner.category, embedded: formatIPv4(value), range };
}

function classifyIPv6(g: number[]): AddressClass {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return { category: 'unspecified', range: '::/128' };
  if (zeroUpTo(7) && g7 === 1) return { category: 'loopback', range: '::1/128' };
  if (zeroUpTo(5) && g5 === 0xffff) return fromEmbedded(embeddedV4(g, 6), '::ffff:0:0/96'); // IPv4-mapped
  if (zeroUpTo(4) && g4 === 0xffff && g5 === 0) return fromEmbedded(embeddedV4(g, 6), '::ffff:0:0:0/96'); // SIIT
  if (zeroUpTo(6)) return fromEmbedded(embeddedV4(g, 6), '::/96'); // IPv4-compatible (deprecated)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return fromEmbedded(embeddedV4(g, 6), '64:ff9b::/96'); // NAT64 well-known prefix
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return { category: 'private', range: '64:ff9b:1::/48' };
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return { category: 'reserved', range: '100::/64' };
  if (g0 === 0x2001 && g1 === 0) {
    // Teredo: the client's IPv4 address is stored inverted in the last 32 bits, the server's in g2-g3.
    const server = fromEmbedded(embeddedV4(g, 2), '2001::/32');
    if (server.category !== 'public') return server;
    return fromEmbedded(embeddedV4(g, 6, 0xffffffff), '2001::/32');
  }
  if (g0 === 0x2001 && g1 === 2 && g2 === 0) return { category: 'benchmarking', range: '2001:2::/48' };
  if (g0 === 0x2001 && (g1 & 0xfff0) === 0x10) return { category: 'reserved', range: '2001:10::/28' }; // ORCHID
  if (g0 === 0x2001 && (g1 & 0xfff0) === 0x20) return { category: 'reserved', range: '2001:20::/28' }; // ORCHIDv2
  if (g0 === 0x2001 && g1 < 0x200) return { category: 'reserved', range: '2001::/23' }; // IETF protocol assignments
  if (g0 === 0x2001 && g1 === 0xdb8) return { category: 'documentation', range: '2001:db8::/32' };
  if (g0 === 0x2002) return fromEmbedded(embeddedV4(g, 1), '2002::/16'); // 6to4
  if ((g0 & 0xfff0) === 0x3ff0) return { category: 'documentation', range: '3fff::/20' }; // RFC 9637
  if (g0 === 0x5f00) return { category: 'reserved', range: '5f00::/16' }; // SRv6 SIDs, RFC 9602
  if (
    g0 === 0xfd00 &&
    g1 === 0xec2 &&
    g2 === 0 &&
    g3 === 0 &&
    g4 === 0 &&
    g5 === 0 &&
    g6 === 0 &&
    g7 === 0x254
  ) {
    return { category: 'metadata', range: 'fd00:ec2::254/128' }; // AWS IMDS over IPv6
  }
  if ((g0 & 0xfe00) === 0xfc00) return { category: 'unique-local', range: 'fc00::/7' };
  if ((g0 & 0xffc0) === 0xfe80) return { category: 'link-local', range: 'fe80::/10' };
  if ((g0 & 0xffc0) === 0xfec0) return { category: 'private', range: 'fec0::/10' }; // deprecated site-local
  if ((g0 & 0xff00) === 0xff00) return { category: 'multicast', range: 'ff00::/8' };
  // Only 2000::/3 is allocated as global unicast; everything else is unassigned.
  if ((g0 & 0xe000) !== 0x2000) return { category: 'reserved', range: 'outside 2000::/3' };
  return { category: 'public' };
}

/** Classifies an address given as text (IPv4 dotted quad or IPv6, brackets allowed). */
export function classifyAddress(address: string): AddressClass {
  const text = address.trim();
  const four = parseIPv4(text);
  if (four !== null) return classifyIPv4(four);
  const six = parseIPv6(text);
  if (six !== null) return classifyIPv6(six);
  return { category: 'invalid' };
}

/** True when the scanner may connect to the address. */
export const isPublicAddress = (address: string): boolean => classifyAddress(address).category === 'public';
