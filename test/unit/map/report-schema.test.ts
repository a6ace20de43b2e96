/**
 * The saved report's schema (src/core/map/report-schema.ts) against reports an attacker would POST:
 * script URLs, look-alike and over-long hosts, bidi overrides, numbers JSON turns into Infinity,
 * prototype keys, duplicate hosts and lists over their caps. The shop fixture is the honest baseline.
 */
import { describe, expect, it } from 'vitest';
import { HAR_MAX_ENTRIES } from '../../../src/core/har/limits.ts';
import {
  MAX_REPORT_BLOCKED,
  MAX_REPORT_LIST,
  MAX_REPORT_RESOURCES,
} from '../../../src/core/map/report-limits.ts';
import { reportSchema } from '../../../src/core/map/report-schema.ts';
import type { DependencyReport } from '../../../src/core/map/types.ts';
import { renderedShopReport, shopReport } from './fixture-report.ts';

type Mutation = (report: DependencyReport) => void;

/** The report after a mutation, as JSON text parsed back: exactly what the route sees. */
function posted(mutate: Mutation, raw?: (json: string) => string): unknown {
  const report = shopReport();
  mutate(report);
  const json = JSON.stringify(report);
  return JSON.parse(raw ? raw(json) : json);
}

describe('reportSchema', () => {
  it('accepts the honest report unchanged', () => {
    expect(reportSchema.parse(shopReport())).toEqual(shopReport());
  });

  it.each<[string, Mutation]>([
    ['a javascript: resource URL', (r) => (r.resources[0]!.url = 'javascript:alert(document.domain)')],
    ['a data: resource URL', (r) => (r.resources[0]!.url = 'data:text/html,<script>alert(1)</script>')],
    ['a javascript: page', (r) => (r.page = 'javascript:alert(1)')],
    ['a data: page', (r) => (r.page = 'data:text/html;base64,PHNjcmlwdD4=')],
    ['credentials in a URL', (r) => (r.resources[0]!.url = 'https://admin:hunter2@www.shop.example/')],
    [
      'a URL whose host is not the resource host',
      (r) => (r.resources[2]!.url = 'https://evil.example/lib.js'),
    ],
    ['a URL with a bidi override', (r) => (r.resources[0]!.url = 'https://www.shop.example/\u202egpj.exe')],
    ['a 10,000-character host', (r) => (r.hosts[8]!.host = `${'a'.repeat(10_000)}.example`)],
    ['a host with a Cyrillic look-alike letter', (r) => (r.hosts[2]!.host = 'cdn.jsdеlivr.net')],
    ['a host with a right-to-left override', (r) => (r.hosts[2]!.host = '\u202eten.rvilesj.ndc')],
    ['a host with markup', (r) => (r.hosts[2]!.host = '<img src=x onerror=alert(1)>')],
    ['an upper-case host', (r) => (r.hosts[2]!.host = 'CDN.JSDELIVR.NET')],
    ['a CNAME with a space', (r) => (r.hosts[2]!.cnames = ['a b.example'])],
    ['a name server with a zero-width space', (r) => (r.hosts[2]!.nameServers = ['ns1.go\u200bogle.com'])],
    ['an initiator host with markup', (r) => (r.resources[4]!.initiatorHost = '"><svg onload=alert(1)>')],
    ['an address that is not one', (r) => (r.hosts[0]!.addresses = ['<script>'])],
    ['a company with a right-to-left override', (r) => (r.hosts[2]!.entity.company = 'Google \u202eelgooG')],
    ['a provider name with a NUL', (r) => (r.hosts[2]!.providers[0]!.name = 'Fastly\u0000')],
    ['a tool with a line separator', (r) => (r.source.tool = 'Chrome\u2028Trusted')],
    ['an error code with markup', (r) => (r.hosts[8]!.errors[0]!.code = '<b>x</b>')],
    ['a 501-character company', (r) => (r.hosts[2]!.entity.company = 'x'.repeat(501))],
    ['a 33-bit ASN', (r) => (r.hosts[7]!.asn!.number = 2 ** 33)],
    ['a fractional ASN', (r) => (r.hosts[7]!.asn!.number = 1.5)],
    ['an ASN prefix that is not one', (r) => (r.hosts[7]!.asn!.prefix = 'javascript:')],
    ['entries beyond what a HAR can hold', (r) => (r.source.entries = HAR_MAX_ENTRIES + 1)],
    ['a count of 1e300', (r) => (r.source.pages = 1e300)],
    ['a host listed twice', (r) => r.hosts.push(structuredClone(r.hosts[2]!))],
    [
      `${MAX_REPORT_LIST + 1} CNAMEs`,
      (r) => (r.hosts[2]!.cnames = Array(MAX_REPORT_LIST + 1).fill('a.example')),
    ],
    [
      `${MAX_REPORT_RESOURCES + 1} resources`,
      (r) =>
        (r.resources = Array<DependencyReport['resources'][number]>(MAX_REPORT_RESOURCES + 1).fill(
          r.resources[0]!,
        )),
    ],
    ['a MIME type with a control character', (r) => (r.resources[0]!.mimeType = 'text/html\u0007')],
    ['a version other than 1', (r) => ((r as { version: number }).version = 2)],
  ])('refuses %s', (_name, mutate) => {
    expect(reportSchema.safeParse(posted(mutate)).success).toBe(false);
  });

  describe('risks, SRI facts and "probably yours" answers', () => {
    const withRisks = (): DependencyReport => {
      const r = shopReport();
      r.resources[2]!.integrity = null;
      r.resources[2]!.risks = [
        {
          code: 'no_sri',
          severity: 'medium',
          message: 'This third-party script runs with full access to your page.',
          evidence: 'the element loading https://cdn.jsdelivr.net/npm/lib.js has no integrity attribute',
        },
      ];
      r.hosts[2] = {
        ...r.hosts[2]!,
        zone: 'jsdelivr.net',
        site: 'jsdelivr.net',
        soa: { primary: 'ns1.jsdelivr.net', contact: 'hostmaster.jsdelivr.net' },
        risks: [
          {
            code: 'known_compromised',
            severity: 'high',
            message: 'm',
            evidence: 'e',
            source: 'https://sansec.io/research/polyfill-supply-chain-attack',
          },
        ],
      };
      r.ownership = [{ site: 'shopimg.example', decision: 'yours' }];
      r.source.html = true;
      return r;
    };

    it('accepts them as the map writes them, unchanged', () => {
      expect(reportSchema.parse(withRisks())).toEqual(withRisks());
    });

    it('accepts codes it does not know yet (the shape leaves room for more)', () => {
      const r = withRisks();
      r.hosts[2]!.risks![0]!.code = 'deprecated_service';
      expect(reportSchema.safeParse(r).success).toBe(true);
    });

    it.each<[string, Mutation]>([
      [
        'a severity that is not one',
        (r) => ((r.hosts[2]!.risks![0]! as { severity: string }).severity = 'critical'),
      ],
      ['a risk message with a bidi override', (r) => (r.hosts[2]!.risks![0]!.message = 'safe \u202etpircs')],
      ['a 501-character evidence', (r) => (r.hosts[2]!.risks![0]!.evidence = 'x'.repeat(501))],
      ['a javascript: source', (r) => (r.hosts[2]!.risks![0]!.source = 'javascript:alert(1)')],
      ['a risk code with markup', (r) => (r.resources[2]!.risks![0]!.code = '<b>')],
      [
        `${MAX_REPORT_LIST + 1} risks on a resource`,
        (r) => (r.resources[2]!.risks = Array(MAX_REPORT_LIST + 1).fill(r.resources[2]!.risks![0]!)),
      ],
      ['an integrity with a line break', (r) => (r.resources[2]!.integrity = 'sha384-a\nsha384-b')],
      ['a 401-character integrity', (r) => (r.resources[2]!.integrity = 'x'.repeat(401))],
      ['an ownership site with markup', (r) => (r.ownership = [{ site: '<img>', decision: 'yours' }])],
      [
        'an ownership answer that is not one',
        (r) => (r.ownership = [{ site: 'a.example', decision: 'maybe' as 'yours' }]),
      ],
      [
        'a SOA contact that is not a name',
        (r) => (r.hosts[2]!.soa = { primary: 'ns1.a.example', contact: 'a b' }),
      ],
      ['a zone with an upper-case letter', (r) => (r.hosts[2]!.zone = 'JSDELIVR.net')],
    ])('refuses %s', (_name, mutate) => {
      const r = withRisks();
      mutate(r);
      expect(reportSchema.safeParse(JSON.parse(JSON.stringify(r))).success).toBe(false);
    });
  });

  it.each<[string, (json: string) => string]>([
    ['Infinity (1e999 in JSON)', (j) => j.replace('"entries":10', '"entries":1e999')],
    ['-Infinity as an ASN', (j) => j.replace('"number":64500', '"number":-1e999')],
    [
      'a nested array where text belongs',
      (j) => j.replace('"hand-written"', `${'['.repeat(5000)}${']'.repeat(5000)}`),
    ],
  ])('refuses %s', (_name, raw) => {
    expect(reportSchema.safeParse(posted(() => {}, raw)).success).toBe(false);
  });

  it('drops prototype keys and deep junk under unknown keys without polluting anything', () => {
    const junk = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const body = posted(
      () => {},
      (j) =>
        j
          .replace(
            '{"version":1',
            `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"deep":${junk},"version":1`,
          )
          .replace('"firstParty":true', '"__proto__":{"isAdmin":true},"firstParty":true'),
    );
    const parsed = reportSchema.parse(body);
    expect(parsed).toEqual(shopReport());
    expect(Object.keys(parsed)).not.toContain('deep');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  it('keeps markup, quotes and non-Latin letters in free text: the views write text, never HTML', () => {
    const report = shopReport();
    report.hosts[2]!.entity.company = '<img src=x onerror="window.__pwned=1"> Гугл "quoted"';
    expect(reportSchema.parse(report).hosts[2]!.entity.company).toBe(report.hosts[2]!.entity.company);
  });

  it('accepts IPv6, IPv4 and websocket resources in the form the map writes them', () => {
    const report = shopReport();
    report.hosts.push({ ...structuredClone(report.hosts[8]!), host: '2001:db8::1' });
    report.resources.push(
      {
        url: 'http://[2001:db8::1]/x',
        host: '2001:db8::1',
        type: 'fetch',
        renderBlocking: false,
        blockingEvidence: 'browser',
      },
      {
        url: 'wss://www.shop.example/live',
        host: 'www.shop.example',
        type: 'websocket',
        renderBlocking: false,
        blockingEvidence: 'browser',
      },
    );
    expect(reportSchema.safeParse(report).success).toBe(true);
  });
});

describe('reportSchema: reports before and after chains', () => {
  it('accepts a report saved before chains (initiatorHost only, no rendered fields) unchanged', () => {
    const old = shopReport();
    expect(old.resources[4]!.initiatorHost).toBe('www.googletagmanager.com');
    expect(old.resources.some((r) => 'initiator' in r)).toBe(false);
    expect(reportSchema.parse(JSON.parse(JSON.stringify(old)))).toEqual(old);
  });

  it('accepts a rendered scan’s report unchanged: initiators, requested, status, failure, blocked', () => {
    const report = renderedShopReport();
    expect(reportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it('accepts a static scan that a rendered scan fell back to, with the reason', () => {
    const report = shopReport({ method: 'scan' });
    report.source = {
      tool: 'static scan',
      scanMethod: 'static',
      fallback: { code: 'browser_unavailable', message: 'No browser is configured for this deployment.' },
    };
    expect(reportSchema.parse(report)).toEqual(report);
  });

  it.each<[string, Mutation]>([
    [
      'an initiator with a javascript: URL',
      (r) =>
        (r.resources[3]!.initiator = {
          type: 'script',
          url: 'javascript:alert(1)',
          host: 'www.shop.example',
        }),
    ],
    [
      "an initiator whose host is not its URL's",
      (r) =>
        (r.resources[3]!.initiator = {
          type: 'script',
          url: 'https://evil.example/x.js',
          host: 'www.shop.example',
        }),
    ],
    [
      'an initiator host without its URL',
      (r) => (r.resources[3]!.initiator = { type: 'script', host: 'www.shop.example' }),
    ],
    [
      'an initiator URL without its host',
      (r) => (r.resources[3]!.initiator = { type: 'script', url: 'https://www.shop.example/' }),
    ],
    ['an initiator of an unknown type', (r) => (r.resources[3]!.initiator = { type: 'magic' as 'other' })],
    [
      'an initiator host with markup',
      (r) => (r.resources[3]!.initiator = { type: 'parser', url: 'https://www.shop.example/', host: '<b>' }),
    ],
    [
      'an initiator URL with a bidi override',
      (r) =>
        (r.resources[3]!.initiator = {
          type: 'parser',
          url: 'https://www.shop.example/\u202egpj.exe',
          host: 'www.shop.example',
        }),
    ],
    ['a status of 0', (r) => (r.resources[3]!.status = 0)],
    ['a status of 600', (r) => (r.resources[3]!.status = 600)],
    ['a fractional status', (r) => (r.resources[3]!.status = 200.5)],
    ['a failure with markup', (r) => (r.resources[3]!.failure = '<img src=x onerror=alert(1)>')],
    ['a failure of 65 characters', (r) => (r.resources[3]!.failure = 'x'.repeat(65))],
    ['requested as text', (r) => ((r.resources[3] as { requested: unknown }).requested = 'yes')],
    ['an unknown scan method', (r) => ((r.source as { scanMethod: unknown }).scanMethod = 'psychic')],
    ['a fallback code with markup', (r) => (r.source.fallback = { code: '<b>', message: 'x' })],
    [
      'a fallback message with a bidi override',
      (r) => (r.source.fallback = { code: 'x', message: 'a\u202eb' }),
    ],
    ['a blocked javascript: URL', (r) => (r.source.blocked = [{ url: 'javascript:alert(1)', reason: 'x' }])],
    ['a blocked bare javascript: scheme', (r) => (r.source.blocked = [{ url: 'javascript:', reason: 'x' }])],
    [
      'a blocked data: URL with its payload',
      (r) => (r.source.blocked = [{ url: 'data:text/html,<script>', reason: 'x' }]),
    ],
    [
      'a blocked reason of 501 characters',
      (r) => (r.source.blocked = [{ url: 'file:', reason: 'x'.repeat(501) }]),
    ],
    [
      `${MAX_REPORT_BLOCKED + 1} blocked requests`,
      (r) => (r.source.blocked = Array(MAX_REPORT_BLOCKED + 1).fill({ url: 'file:', reason: 'x' })),
    ],
  ])('refuses %s', (_name, mutate) => {
    const report = renderedShopReport();
    mutate(report);
    expect(reportSchema.safeParse(JSON.parse(JSON.stringify(report))).success).toBe(false);
  });
});
