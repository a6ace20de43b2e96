import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { NEGATIVE_TTL_CAP_S, NEGATIVE_TTL_NO_SOA_S } from '../../../src/core/dns/limits.ts';
import { base64url, decodeResponse, encodeQuery, fromBase64url } from '../../../src/core/dns/wire.ts';
import { withRcode } from '../../support/doh/rcode.ts';

type Packet = Parameters<typeof dnsPacket.encode>[0];

function response(
  question: { name: string; type: 'A' | 'AAAA' | 'TXT' | 'NS' },
  options: {
    rcode?: string;
    answers?: Packet['answers'];
    authorities?: Packet['authorities'];
    flags?: number;
  } = {},
): Uint8Array {
  return dnsPacket.encode({
    type: 'response',
    id: 0,
    flags: withRcode((options.flags ?? 0) | dnsPacket.RECURSION_DESIRED, options.rcode ?? 'NOERROR'),
    questions: [{ ...question, class: 'IN' }],
    answers: options.answers ?? [],
    authorities: options.authorities ?? [],
  });
}

const soa = (ttl: number, minimum: number) =>
  ({
    name: 'example.com',
    type: 'SOA',
    ttl,
    data: {
      mname: 'ns1.example.com',
      rname: 'h.example.com',
      serial: 1,
      refresh: 1,
      retry: 1,
      expire: 1,
      minimum,
    },
  }) as const;

describe('encodeQuery (RFC 8484 §4.1)', () => {
  it('matches the RFC 8484 §4.1.1 example for www.example.com A byte for byte', () => {
    expect(base64url(encodeQuery('www.example.com', 'A'))).toBe(
      'AAABAAABAAAAAAAAA3d3dwdleGFtcGxlA2NvbQAAAQAB',
    );
  });

  it.each(['A', 'AAAA', 'CNAME', 'NS', 'TXT'] as const)('builds a %s question with id 0 and RD', (type) => {
    const packet = dnsPacket.decode(Buffer.from(encodeQuery('d111.cloudfront.net', type)));
    expect(packet.id).toBe(0);
    expect(packet.flags! & dnsPacket.RECURSION_DESIRED).toBeTruthy();
    expect(packet.questions).toEqual([{ name: 'd111.cloudfront.net', type, class: 'IN' }]);
  });
});

describe('base64url', () => {
  it.each([
    [[], ''],
    [[0xfb], '-w'],
    [[0xff, 0xff], '__8'],
    [[0, 1, 2, 3], 'AAECAw'],
  ])('encodes %j as %s without padding and decodes it back', (bytes, text) => {
    expect(base64url(new Uint8Array(bytes))).toBe(text);
    expect([...(fromBase64url(text) ?? [])]).toEqual(bytes);
  });

  it.each(['a+b', 'ab=', 'A', 'a b'])('rejects %j', (text) => {
    expect(fromBase64url(text)).toBeNull();
  });
});

describe('decodeResponse', () => {
  const q = { name: 'www.apple.com', type: 'A' } as const;

  it('returns a CNAME chain and addresses, names canonical, TTL = smallest answer TTL', () => {
    const body = response(q, {
      answers: [
        { name: 'WWW.Apple.com', type: 'CNAME', ttl: 300, data: 'www.apple.com.edgekey.net.' },
        { name: 'www.apple.com.edgekey.net', type: 'CNAME', ttl: 120, data: 'e6858.dscx.akamaiedge.net' },
        { name: 'e6858.dscx.akamaiedge.net', type: 'A', ttl: 20, data: '23.42.76.17' },
      ],
    });
    const result = decodeResponse(body, 'www.apple.com', 'A');
    expect(result.error).toBeUndefined();
    expect(result.rcode).toBe('NOERROR');
    expect(result.ttl).toBe(20);
    expect(result.answers.map((a) => [a.name, a.type, a.data])).toEqual([
      ['www.apple.com', 'CNAME', 'www.apple.com.edgekey.net'],
      ['www.apple.com.edgekey.net', 'CNAME', 'e6858.dscx.akamaiedge.net'],
      ['e6858.dscx.akamaiedge.net', 'A', '23.42.76.17'],
    ]);
  });

  it('joins the character-strings of a TXT record (RFC 1035 §3.3.14)', () => {
    const name = '14.24.17.104.origin.asn.cymru.com';
    const body = response(
      { name, type: 'TXT' },
      {
        answers: [
          { name, type: 'TXT', ttl: 14400, data: ['13335 | 104.16.0.0/13 ', '| US | arin | 2014-03-28'] },
        ],
      },
    );
    expect(decodeResponse(body, name, 'TXT').answers[0]?.data).toBe(
      '13335 | 104.16.0.0/13 | US | arin | 2014-03-28',
    );
  });

  it.each([
    ['NXDOMAIN with SOA: min(SOA TTL, MINIMUM) (RFC 2308 §5)', 'NXDOMAIN', [soa(900, 60)], 'nxdomain', 60],
    ['NXDOMAIN, SOA TTL smaller than MINIMUM', 'NXDOMAIN', [soa(45, 600)], 'nxdomain', 45],
    ['NXDOMAIN, huge SOA values are capped', 'NXDOMAIN', [soa(86400, 86400)], 'nxdomain', NEGATIVE_TTL_CAP_S],
    ['NXDOMAIN without SOA', 'NXDOMAIN', [], 'nxdomain', NEGATIVE_TTL_NO_SOA_S],
    ['NODATA with SOA', 'NOERROR', [soa(120, 90)], undefined, 90],
    ['SERVFAIL is never cached', 'SERVFAIL', [], 'servfail', 0],
    ['REFUSED', 'REFUSED', [], 'refused', 0],
    ['FORMERR', 'FORMERR', [], 'malformed', 0],
  ])('%s', (_label, rcode, authorities, code, ttl) => {
    const result = decodeResponse(
      response(q, { rcode, authorities: authorities as Packet['authorities'] }),
      q.name,
      'A',
    );
    expect(result.rcode).toBe(rcode);
    expect(result.error?.code).toBe(code);
    expect(result.ttl).toBe(ttl);
  });

  it('keeps the chain of an NXDOMAIN answer (RFC 6604)', () => {
    const body = response(
      { name: 'dangling.example.com', type: 'A' },
      {
        rcode: 'NXDOMAIN',
        answers: [{ name: 'dangling.example.com', type: 'CNAME', ttl: 60, data: 'gone.example.com' }],
      },
    );
    const result = decodeResponse(body, 'dangling.example.com', 'A');
    expect(result.error?.code).toBe('nxdomain');
    expect(result.answers).toHaveLength(1);
  });

  const hostile: Array<[string, () => Uint8Array, string]> = [
    ['an empty body', () => new Uint8Array(), 'malformed'],
    ['random bytes', () => new Uint8Array([0, 0, 0x81, 0x80, 0, 1, 0xff, 0xff, 0x13, 0x37]), 'malformed'],
    ['a query instead of a response', () => encodeQuery(q.name, 'A'), 'malformed'],
    ['the answer to another name', () => response({ name: 'evil.example', type: 'A' }), 'malformed'],
    ['the answer to another type', () => response({ name: q.name, type: 'AAAA' }), 'malformed'],
    ['the TC bit', () => response(q, { flags: dnsPacket.TRUNCATED_RESPONSE }), 'truncated'],
    [
      'a record cut in the middle',
      () => response(q, { answers: [{ name: q.name, type: 'A', ttl: 1, data: '1.2.3.4' }] }).slice(0, -2),
      'malformed',
    ],
  ];
  it.each(hostile)('turns %s into an error, never a throw', (_label, body, code) => {
    const result = decodeResponse(body(), q.name, 'A');
    expect(result.error?.code).toBe(code);
    expect(result.ttl).toBe(0);
  });

  it('drops record types it never asked for and clamps TTLs to 0..1 day', () => {
    const body = response(q, {
      answers: [
        { name: q.name, type: 'A', ttl: 2 ** 31 - 1, data: '1.2.3.4' },
        { name: q.name, type: 'MX', ttl: 60, data: { preference: 1, exchange: 'mx.example' } },
      ],
    });
    const result = decodeResponse(body, q.name, 'A');
    expect(result.answers).toEqual([{ name: q.name, type: 'A', ttl: 86_400, data: '1.2.3.4' }]);
  });
});
