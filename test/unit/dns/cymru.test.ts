import { describe, expect, it } from 'vitest';
import {
  ipv6Nibbles,
  isGloballyRoutable,
  mostSpecific,
  originQueryName,
  parseAsNameTxt,
  parseOriginTxt,
} from '../../../src/core/dns/cymru.ts';

describe('originQueryName (team-cymru.com/ip-asn-mapping)', () => {
  it.each([
    ['104.17.24.14', '14.24.17.104.origin.asn.cymru.com'],
    ['13.224.40.12', '12.40.224.13.origin.asn.cymru.com'],
    [
      '2606:4700::6810:7aaf',
      'f.a.a.7.0.1.8.6.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.7.4.6.0.6.2.origin6.asn.cymru.com',
    ],
    [
      '::ffff:1.2.3.4',
      '4.0.3.0.2.0.1.0.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.origin6.asn.cymru.com',
    ],
  ])('%s → %s', (ip, name) => {
    expect(originQueryName(ip)).toBe(name);
  });

  it.each(['256.1.1.1', '1.2.3', 'example.com', '1::2::3', '12345::', ':::', '1:2:3:4:5:6:7:8:9'])(
    '%s is no address',
    (ip) => {
      expect(originQueryName(ip)).toBeNull();
    },
  );

  it('expands :: to the missing groups', () => {
    expect(ipv6Nibbles('::1')?.join('')).toBe('0'.repeat(31) + '1');
    expect(ipv6Nibbles('2001:db8::')?.join('')).toBe('20010db8' + '0'.repeat(24));
  });
});

describe('parseOriginTxt', () => {
  it.each([
    [
      '13335 | 104.16.0.0/13 | US | arin | 2014-03-28',
      { asns: [13335], prefix: '104.16.0.0/13', country: 'US', registry: 'arin' },
    ],
    [
      '15169 36040 | 8.8.8.0/24 | US | arin | 1992-12-01',
      { asns: [15169, 36040], prefix: '8.8.8.0/24', country: 'US', registry: 'arin' },
    ],
    [
      '54113 | 2a04:4e42::/32 | EU | ripencc | 2014-03-14',
      { asns: [54113], prefix: '2a04:4e42::/32', country: 'EU', registry: 'ripencc' },
    ],
  ])('%s', (txt, expected) => {
    expect(parseOriginTxt(txt)).toEqual(expected);
  });

  it.each([
    '',
    'not | a | cymru | record',
    'NA | 1.2.3.0/24 | US',
    '13335 | 104.16.0.0 | US | arin',
    '0 | 1.2.3.0/24 | US',
  ])('rejects %j', (txt) => {
    expect(parseOriginTxt(txt)).toBeNull();
  });

  it('picks the longest prefix when several records answer', () => {
    const records = ['16509 | 13.224.0.0/14 | US | arin | x', '16509 | 13.224.40.0/21 | US | arin | x'].map(
      (t) => parseOriginTxt(t)!,
    );
    expect(mostSpecific(records)?.prefix).toBe('13.224.40.0/21');
    expect(mostSpecific([])).toBeNull();
  });
});

describe('parseAsNameTxt', () => {
  it.each([
    [
      '13335 | US | arin | 2010-07-14 | CLOUDFLARENET - Cloudflare, Inc., US',
      13335,
      'CLOUDFLARENET - Cloudflare, Inc.',
    ],
    ['20940 | EU | ripencc | 2001-02-15 | AKAMAI-ASN1, NL', 20940, 'AKAMAI-ASN1, NL'],
    ['64496 | ZZ | other | 2000-01-01 | NAME | WITH | BARS', 64496, 'NAME | WITH | BARS'],
  ])('%s', (txt, number, name) => {
    expect(parseAsNameTxt(txt)).toEqual({ number, name });
  });

  it.each(['', '13335 | US', 'x | US | arin | d | NAME'])('rejects %j', (txt) => {
    expect(parseAsNameTxt(txt)).toBeNull();
  });
});

describe('isGloballyRoutable (RFC 6890)', () => {
  it.each([
    ['104.16.122.175', true],
    ['13.224.40.12', true],
    ['2606:4700::6810:7aaf', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['172.32.0.1', true],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['192.0.2.10', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['::', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['2001:db8::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:104.16.0.1', true],
    ['not-an-ip', false],
  ])('%s → %s', (ip, routable) => {
    expect(isGloballyRoutable(ip)).toBe(routable);
  });
});
