import { describe, expect, it } from 'vitest';
import { formatIp, isIpLiteral, parseCidr, parseCidr4, parseIp } from '../../../src/core/attribution/ip.ts';

describe('parseIp', () => {
  it.each([
    ['0.0.0.0', 4, 0n],
    ['255.255.255.255', 4, 0xffffffffn],
    ['13.32.0.1', 4, 0x0d200001n],
    ['::', 6, 0n],
    ['::1', 6, 1n],
    ['2001:db8::1', 6, 0x20010db8000000000000000000000001n],
    ['2001:DB8:0:0:0:0:0:1', 6, 0x20010db8000000000000000000000001n],
    ['64:ff9b::192.0.2.33', 6, 0x0064ff9b0000000000000000c0000221n],
    // IPv4-mapped IPv6 answers as IPv4, so it finds the same provider block.
    ['::ffff:13.32.0.1', 4, 0x0d200001n],
  ])('%s → IPv%i', (text, family, value) => {
    expect(parseIp(text)).toEqual({ family, value });
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3.-4',
    ' 1.2.3.4',
    '1.2.3.4/32',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '12345::',
    'fe80::1%eth0',
    '[::1]',
    '1.2.3.4::',
    'example.com',
    'x'.repeat(1000),
  ])('rejects %j', (text) => {
    expect(parseIp(text)).toBeNull();
    expect(isIpLiteral(text)).toBe(false);
  });

  it('never throws on non-strings', () => {
    expect(parseIp(undefined as unknown as string)).toBeNull();
    expect(parseIp(42 as unknown as string)).toBeNull();
  });
});

describe('parseCidr', () => {
  it('parses both families with first and last address', () => {
    expect(parseCidr('13.32.0.0/15')).toEqual({
      family: 4,
      network: 0x0d200000n,
      last: 0x0d21ffffn,
      bits: 15,
    });
    expect(parseCidr('0.0.0.0/0')).toEqual({ family: 4, network: 0n, last: 0xffffffffn, bits: 0 });
    expect(parseCidr('2a04:4e42::/32')?.last).toBe(0x2a044e42ffffffffffffffffffffffffn);
  });

  it.each(['13.32.0.1/15', '1.2.3.4/33', '1.2.3.4', '1.2.3.0/024', '::/129', 'x/8', '1.2.3.0/'])(
    'rejects %j',
    (t) => {
      expect(parseCidr(t)).toBeNull();
      expect(parseCidr4(t)).toBeNull();
    },
  );

  it('the IPv4 fast path agrees with the general parser', () => {
    for (const t of ['1.2.3.0/24', '13.32.0.0/15', '255.255.255.255/32', '0.0.0.0/0', '10.0.0.0/8']) {
      const slow = parseCidr(t);
      const fast = parseCidr4(t);
      expect(fast).toEqual({ first: Number(slow?.network), last: Number(slow?.last), bits: slow?.bits });
    }
  });
});

describe('formatIp', () => {
  it.each([
    [0x0d200001n, 4, '13.32.0.1'],
    [0n, 6, '::'],
    [1n, 6, '::1'],
    [0x20010db8000000000000000000000001n, 6, '2001:db8::1'],
    [0x20010db8000100000000000100000000n, 6, '2001:db8:1::1:0:0'],
    [0x20010db8000100010001000100010001n, 6, '2001:db8:1:1:1:1:1:1'],
  ])('%s (IPv%i) → %s', (value, family, text) => {
    expect(formatIp(value, family as 4 | 6)).toBe(text);
    expect(parseIp(text)?.value).toBe(value);
  });
});
