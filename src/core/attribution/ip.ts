/**
 * Strict IPv4/IPv6 text parsing to integers, for the range index and for recognising IP-literal hosts.
 * Junk returns null, never throws. IPv4 octets with leading zeros are rejected (some stacks read them as
 * octal, RFC 6943 §3.1.1); IPv6 zone ids and brackets are rejected; IPv4-mapped IPv6 (::ffff:a.b.c.d)
 * is answered as IPv4 so it finds the same provider block.
 */
export type IpFamily = 4 | 6;

export interface ParsedIp {
  family: IpFamily;
  value: bigint;
}

export interface ParsedCidr {
  family: IpFamily;
  network: bigint;
  last: bigint;
  bits: number;
}

/** Longest textual IPv6 address with an embedded IPv4 tail is 45 characters; anything longer is junk. */
const MAX_IP_TEXT_LENGTH = 45;
const IPV4_OCTET = /^(?:0|[1-9]\d{0,2})$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/i;
const MAPPED_V4_HIGH = 0xffffn << 32n;

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!IPV4_OCTET.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string): string[] | null => {
    if (half === '') return [];
    const groups = half.split(':');
    const tail = groups[groups.length - 1] as string;
    if (tail.includes('.')) {
      const v4 = parseIpv4(tail);
      if (v4 === null) return null;
      groups.splice(groups.length - 1, 1, ((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16));
    }
    return groups.every((g) => IPV6_GROUP.test(g)) ? groups : null;
  };
  const head = groupsOf(halves[0] as string);
  const rest = halves.length === 2 ? groupsOf(halves[1] as string) : [];
  if (!head || !rest) return null;
  // A dotted quad is only allowed at the very end.
  if (halves.length === 2 && (halves[0] as string).includes('.')) return null;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  // One BigInt conversion of the 32 hex digits is several times faster than eight shifts.
  return BigInt(`0x${groups.map((g) => g.padStart(4, '0')).join('')}`);
}

/** Parses an IPv4 or IPv6 address; returns null for anything else. */
export function parseIp(text: string): ParsedIp | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_IP_TEXT_LENGTH) return null;
  if (text.includes(':')) {
    const value = parseIpv6(text);
    if (value === null) return null;
    if (value >> 32n === MAPPED_V4_HIGH >> 32n) return { family: 4, value: value & 0xffffffffn };
    return { family: 6, value };
  }
  const value = parseIpv4(text);
  return value === null ? null : { family: 4, value };
}

/** True when `text` is an IPv4 or IPv6 literal. */
export function isIpLiteral(text: string): boolean {
  return parseIp(text) !== null;
}

/**
 * Parses "a.b.c.d/n" or "x::/n". Host bits must be zero (a published range with host bits set is a data
 * error the integrity tests should catch, not something to round silently).
 */
export function parseCidr(text: string): ParsedCidr | null {
  if (typeof text !== 'string') return null;
  const slash = text.indexOf('/');
  if (slash === -1) return null;
  const bitsText = text.slice(slash + 1);
  if (!/^(?:0|[1-9]\d{0,2})$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  const addressText = text.slice(0, slash);
  const family: IpFamily = addressText.includes(':') ? 6 : 4;
  const width = family === 4 ? 32 : 128;
  if (bits > width) return null;
  const value = family === 4 ? parseIpv4(addressText) : parseIpv6(addressText);
  if (value === null) return null;
  const hostMask = (1n << BigInt(width - bits)) - 1n;
  if ((value & hostMask) !== 0n) return null;
  return { family, network: value, last: value | hostMask, bits };
}

/** Canonical text of an address: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as ::). */
export function formatIp(value: bigint, family: IpFamily): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => ((value >> shift) & 0xffn).toString()).join('.');
  }
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * Fast path for the range table's IPv4 blocks: "a.b.c.d/n" to [first, last] as plain numbers, or null.
 * Same strictness as parseCidr (no leading zeros, host bits zero) without BigInt, which dominates
 * index build time (measured: scripts/bench/range-load.ts).
 */
export function parseCidr4(text: string): { first: number; last: number; bits: number } | null {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return null; // leading zero
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return null;
    } else if (c === 46 || c === 47) {
      if (digits === 0) return null;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      if (c === 47) break;
      if (++dots > 3) return null;
    } else {
      return null;
    }
  }
  if (dots !== 3 || i >= text.length) return null;
  const bitsText = text.slice(i + 1);
  if (!/^(?:0|[1-9]\d?)$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  if (bits > 32) return null;
  const size = 2 ** (32 - bits);
  if (value % size !== 0) return null;
  return { first: value, last: value + size - 1, bits };
}
