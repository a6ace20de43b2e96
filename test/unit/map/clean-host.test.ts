/**
 * The resolver's answer made fit for the page and for saving (src/core/map/clean-host.ts): names from DNS
 * and Team Cymru are the zone owner's choice, so whatever they hold, the cleaned host passes the report
 * schema and reads as what it is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResolvedHost } from '../../../src/core/resolve/types.ts';
import { cleanResolvedHost, cleanResolvedHosts } from '../../../src/core/map/clean-host.ts';
import { reportSchema } from '../../../src/core/map/report-schema.ts';
import { hostileString } from '../fuzz/generators.ts';
import { shopReport } from './fixture-report.ts';

const hostile = (host: string): ResolvedHost => ({
  host,
  firstParty: false,
  entity: { name: 'Evil\u202e', company: 'Goo\u200bgle', category: 'cdn\u0000', unrecognised: false },
  cnames: ['ok.cdn.example.', 'moc.elgoog\u202e.example', `${'a'.repeat(300)}.example`, 'BIG.Example'],
  addresses: ['192.0.2.1', '<script>', '2001:db8::1'],
  providers: [{ name: 'Fastly\u2066', role: 'cdn', signal: 'cname', evidence: 'x\u2028y' }],
  asn: { number: 64500, name: 'EVIL-AS \u202eCIGAM', prefix: '<b>' },
  nameServers: ['ns1.example.net', 'ns\u00002.example.net'],
  errors: [{ code: '<img>', message: 'm\u0007', stage: 'A' }],
});

/** A report holding `hosts`, to ask the schema about them. */
const reportOf = (hosts: ResolvedHost[]) => ({ ...shopReport(), resources: [], hosts });

describe('cleanResolvedHost', () => {
  it('drops names no host can have and invisible characters from text; keeps the rest', () => {
    const clean = cleanResolvedHost(hostile('cdn.example'));
    expect(clean).toEqual({
      host: 'cdn.example',
      firstParty: false,
      entity: { name: 'Evil', company: 'Google', category: 'cdn', unrecognised: false },
      cnames: ['ok.cdn.example', 'big.example'],
      addresses: ['192.0.2.1', '2001:db8::1'],
      providers: [{ name: 'Fastly', role: 'cdn', signal: 'cname', evidence: 'xy' }],
      asn: { number: 64500, name: 'EVIL-AS CIGAM', prefix: '' },
      nameServers: ['ns1.example.net'],
      errors: [{ code: 'unknown', message: 'm', stage: 'A' }],
    });
    expect(reportSchema.safeParse(reportOf([clean])).success).toBe(true);
  });

  it('keeps zone, site, SOA and risks it can read, and drops what it cannot', () => {
    const host: ResolvedHost = {
      ...hostile('cdn.example'),
      zone: 'example',
      site: 'Not A Host',
      soa: { primary: 'ns1.example', contact: 'hostmaster.example' },
      risks: [
        {
          code: 'dangling_cname',
          severity: 'high',
          message: 'takeover\u202e',
          evidence: 'cdn.example → gone.azurewebsites.net: NXDOMAIN (A)',
          source: 'https://learn.microsoft.com/x',
        },
        { code: '<b>', severity: 'high', message: 'm', evidence: 'e' },
        { code: 'no_sri', severity: 'critical' as 'high', message: 'm', evidence: 'e' },
        { code: 'no_sri', severity: 'low', message: 'm', evidence: 'e', source: 'javascript:alert(1)' },
      ],
    };
    const clean = cleanResolvedHost(host);
    expect(clean).toMatchObject({
      zone: 'example',
      soa: { primary: 'ns1.example', contact: 'hostmaster.example' },
    });
    expect(clean.site).toBeUndefined();
    expect(clean.risks).toEqual([
      {
        code: 'dangling_cname',
        severity: 'high',
        message: 'takeover',
        evidence: 'cdn.example → gone.azurewebsites.net: NXDOMAIN (A)',
        source: 'https://learn.microsoft.com/x',
      },
      { code: 'no_sri', severity: 'low', message: 'm', evidence: 'e' },
    ]);
  });

  it('turns an ASN that is not a 32-bit number into none', () => {
    const host = { ...hostile('cdn.example'), asn: { number: 2 ** 40, name: 'X', prefix: '' } };
    expect(cleanResolvedHost(host).asn).toBeNull();
  });

  it('gives a host the schema accepts, whatever strings the answer holds', () => {
    const text = hostileString;
    const answer = fc.record({
      host: fc.constant('cdn.example'),
      firstParty: fc.boolean(),
      entity: fc.record({ name: text, company: text, category: text, unrecognised: fc.boolean() }),
      cnames: fc.array(text, { maxLength: 80 }),
      addresses: fc.array(fc.oneof(text, fc.ipV4(), fc.ipV6()), { maxLength: 80 }),
      providers: fc.array(
        fc.record({ name: text, role: fc.constant('cdn' as const), signal: fc.constant('cname' as const) }),
        { maxLength: 80 },
      ),
      asn: fc.option(fc.record({ number: fc.double(), name: text, prefix: text }), { nil: null }),
      nameServers: fc.array(text, { maxLength: 5 }),
      zone: text,
      site: text,
      soa: fc.record({ primary: text, contact: text }),
      risks: fc.array(
        fc.record({
          code: text,
          severity: fc.constantFrom('high', 'medium', 'low', 'critical', '') as fc.Arbitrary<'high'>,
          message: text,
          evidence: text,
          source: fc.oneof(text, fc.webUrl()),
        }),
        { maxLength: 80 },
      ),
      errors: fc.array(fc.record({ code: text, message: text, stage: text }), { maxLength: 80 }),
    });
    fc.assert(
      fc.property(answer, (host) => {
        const verdict = reportSchema.safeParse(reportOf([cleanResolvedHost(host)]));
        expect(verdict.success ? [] : verdict.error.issues).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('cleanResolvedHosts', () => {
  it('keeps only the hosts asked about, each once: an answer cannot add or repeat hosts', () => {
    const answer = [
      hostile('a.example'),
      hostile('evil.example'),
      hostile('a.example'),
      hostile('b.example'),
    ];
    expect(cleanResolvedHosts(['a.example', 'b.example'], answer).map((h) => h.host)).toEqual([
      'a.example',
      'b.example',
    ]);
  });
});
