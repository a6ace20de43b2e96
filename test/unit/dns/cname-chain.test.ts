import { describe, expect, it } from 'vitest';
import { walkCnameChain } from '../../../src/core/dns/cname-chain.ts';
import { MAX_CNAME_CHAIN } from '../../../src/core/dns/limits.ts';
import type { DnsAnswer } from '../../../src/core/dns/types.ts';

const cname = (name: string, data: string): DnsAnswer => ({ name, type: 'CNAME', ttl: 60, data });
const a = (name: string, data: string): DnsAnswer => ({ name, type: 'A', ttl: 60, data });

describe('walkCnameChain', () => {
  it.each([
    [
      'no CNAME',
      'fonts.googleapis.com',
      [a('fonts.googleapis.com', '142.250.185.74')],
      [],
      'fonts.googleapis.com',
    ],
    [
      'CloudFront, one hop',
      'assets.fixture-shop.com',
      [
        cname('assets.fixture-shop.com', 'd111111abcdef8.cloudfront.net'),
        a('d111111abcdef8.cloudfront.net', '13.224.40.12'),
      ],
      ['d111111abcdef8.cloudfront.net'],
      'd111111abcdef8.cloudfront.net',
    ],
    [
      'Akamai edgekey → akamaiedge, records out of order',
      'www.apple.com',
      [
        a('e6858.dscx.akamaiedge.net', '23.42.76.17'),
        cname('www.apple.com.edgekey.net', 'e6858.dscx.akamaiedge.net'),
        cname('www.apple.com', 'www.apple.com.edgekey.net'),
      ],
      ['www.apple.com.edgekey.net', 'e6858.dscx.akamaiedge.net'],
      'e6858.dscx.akamaiedge.net',
    ],
    [
      'unrelated CNAMEs in the answer are ignored',
      'x.example.com',
      [cname('y.example.com', 'z.example.com'), cname('x.example.com', 'w.example.net')],
      ['w.example.net'],
      'w.example.net',
    ],
  ])('%s', (_label, start, answers, cnames, finalName) => {
    expect(walkCnameChain(start, answers)).toEqual({ cnames, finalName, loop: false });
  });

  it.each([
    ['a → b → a', [cname('a.test', 'b.test'), cname('b.test', 'a.test')]],
    ['a → a', [cname('a.test', 'a.test')]],
    ['a → b → c → b', [cname('a.test', 'b.test'), cname('b.test', 'c.test'), cname('c.test', 'b.test')]],
  ])('detects the loop %s', (_label, answers) => {
    expect(walkCnameChain('a.test', answers).loop).toBe(true);
  });

  it(`calls a chain longer than ${MAX_CNAME_CHAIN} names a loop`, () => {
    const answers = Array.from({ length: MAX_CNAME_CHAIN + 1 }, (_, i) =>
      cname(`n${i}.test`, `n${i + 1}.test`),
    );
    const walk = walkCnameChain('n0.test', answers);
    expect(walk.loop).toBe(true);
    expect(walk.cnames).toHaveLength(MAX_CNAME_CHAIN);
    expect(walkCnameChain('n1.test', answers).loop).toBe(false);
  });
});
