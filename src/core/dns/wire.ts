/**
 * RFC 8484 wire format: build the one-question query a DoH GET or POST carries, and turn the binary
 * response into a flat DnsResult. Encoding and decoding use `dns-packet` (needs Buffer: nodejs_compat in
 * workerd). Everything a hostile or broken upstream can send ends up as a result code, never a throw.
 */
import { Buffer } from 'node:buffer';
import dnsPacket from 'dns-packet';
import { MAX_TTL_S, NEGATIVE_TTL_CAP_S, NEGATIVE_TTL_NO_SOA_S, SERVFAIL_TTL_S } from './limits.ts';
import type { DnsAnswer, DnsErrorCode, DnsResult, RecordType } from './types.ts';

/**
 * The query message. The id is 0 so identical questions give identical bytes and an HTTP cache can reuse
 * the GET (RFC 8484 §4.1: "the DNS ID SHOULD be 0").
 */
export function encodeQuery(name: string, type: RecordType): Uint8Array<ArrayBuffer> {
  const buffer = dnsPacket.encode({
    type: 'query',
    id: 0,
    flags: dnsPacket.RECURSION_DESIRED, // RFC 1035 §4.1.1: we want the upstream to recurse
    questions: [{ type, name, class: 'IN' }],
  });
  // A copy: a fetch body of its own, not a view into Buffer's shared pool.
  return Uint8Array.from(buffer);
}

/** base64url without padding, as the `dns` GET parameter wants (RFC 8484 §4.1, §6). */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Inverse of base64url; null for anything that is not base64url. */
export function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Lower-case, no trailing dot: how names are compared everywhere in this module. */
export function canonicalName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** A failed result with no response behind it (timeouts, HTTP errors, budget). */
export function failure(name: string, type: RecordType, code: DnsErrorCode, message: string): DnsResult {
  return { name, type, rcode: null, answers: [], ttl: 0, error: { code, message } };
}

const RCODE_ERRORS: Record<string, DnsErrorCode> = {
  SERVFAIL: 'servfail',
  REFUSED: 'refused',
  FORMERR: 'malformed',
  NOTIMP: 'refused',
};

/**
 * Decodes a DoH response body for the question (name, type). Checks what a stub resolver must: it is a
 * response, it answers our question, it is not truncated (a DoH answer never needs TC, RFC 8484 §6),
 * and its rcode. TTL: the smallest answer TTL; for negative answers RFC 2308 §5's
 * min(SOA TTL, SOA MINIMUM), both capped.
 */
export function decodeResponse(body: Uint8Array, name: string, type: RecordType): DnsResult {
  let packet: dnsPacket.Packet;
  try {
    packet = dnsPacket.decode(toBuffer(body));
    // dns-packet reads past the end of a cut message instead of failing; the byte count tells.
    if (dnsPacket.decode.bytes > body.byteLength) throw new Error('message ends inside a record');
  } catch (error) {
    return failure(name, type, 'malformed', `Undecodable DNS message: ${(error as Error).message}`);
  }
  if (packet.type !== 'response')
    return failure(name, type, 'malformed', 'The upstream sent a query, not a response.');
  const question = packet.questions?.[0];
  if (!question || canonicalName(question.name) !== canonicalName(name) || question.type !== type) {
    return failure(name, type, 'malformed', 'The response answers a different question.');
  }
  const rcode = (packet as { rcode?: string }).rcode ?? 'NOERROR';
  if ((packet.flags ?? 0) & dnsPacket.TRUNCATED_RESPONSE) {
    return { ...failure(name, type, 'truncated', 'The upstream sent a truncated answer.'), rcode };
  }
  let answers: DnsAnswer[];
  try {
    answers = (packet.answers ?? []).map(flattenAnswer).filter((a): a is DnsAnswer => a !== null);
  } catch (error) {
    return failure(name, type, 'malformed', `Unreadable record: ${(error as Error).message}`);
  }
  const result: DnsResult = { name, type, rcode, answers, ttl: 0 };
  const failed = RCODE_ERRORS[rcode];
  if (failed)
    return {
      ...result,
      ttl: SERVFAIL_TTL_S,
      error: { code: failed, message: `The upstream answered ${rcode}.` },
    };
  if (rcode === 'NXDOMAIN') {
    return {
      ...result,
      ttl: negativeTtl(packet),
      error: { code: 'nxdomain', message: `${name} does not exist (NXDOMAIN).` },
    };
  }
  if (rcode !== 'NOERROR') {
    return { ...result, error: { code: 'upstream_error', message: `The upstream answered ${rcode}.` } };
  }
  const hasDataOfType = answers.some((a) => a.type === type);
  result.ttl = hasDataOfType ? Math.min(MAX_TTL_S, ...answers.map((a) => a.ttl)) : negativeTtl(packet);
  return result;
}

/** RFC 2308 §5: negative answers live for min(SOA record TTL, SOA MINIMUM); without a SOA, briefly. */
function negativeTtl(packet: dnsPacket.Packet): number {
  const soa = (packet.authorities ?? []).find((record) => record.type === 'SOA') as
    { ttl?: number; data: { minimum?: number } } | undefined;
  if (!soa) return NEGATIVE_TTL_NO_SOA_S;
  return Math.max(0, Math.min(NEGATIVE_TTL_CAP_S, soa.ttl ?? 0, soa.data.minimum ?? NEGATIVE_TTL_CAP_S));
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f:.]+$/i;

/** One answer as text; records we never asked about (RRSIG, OPT) are dropped. */
function flattenAnswer(record: dnsPacket.Answer): DnsAnswer | null {
  const base = {
    name: canonicalName(record.name),
    type: record.type,
    ttl: clampTtl((record as { ttl?: number }).ttl),
  };
  switch (record.type) {
    case 'A':
    case 'AAAA': {
      const data = String(record.data);
      if (!(record.type === 'A' ? IPV4 : IPV6).test(data)) throw new Error(`bad ${record.type} data`);
      return { ...base, data };
    }
    case 'CNAME':
    case 'NS':
      return { ...base, data: canonicalName(String(record.data)) };
    case 'SOA': {
      // RFC 1035 §3.3.13; only the two names say anything about who runs the zone.
      const data = record.data as { mname?: unknown; rname?: unknown };
      if (typeof data.mname !== 'string' || typeof data.rname !== 'string') throw new Error('bad SOA data');
      return { ...base, data: `${canonicalName(data.mname)} ${canonicalName(data.rname)}` };
    }
    case 'TXT': {
      // RFC 1035 §3.3.14: one TXT record is a list of character-strings; Team Cymru sends one.
      const parts = Array.isArray(record.data) ? record.data : [record.data];
      return {
        ...base,
        data: parts.map((part) => (typeof part === 'string' ? part : decodeText(part))).join(''),
      };
    }
    default:
      return null;
  }
}

function clampTtl(ttl: number | undefined): number {
  return Math.max(0, Math.min(MAX_TTL_S, Math.floor(ttl ?? 0)));
}

function decodeText(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
