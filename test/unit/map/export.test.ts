import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  csvCell,
  exportFileName,
  FIRST_PARTY_CATEGORY,
  toCsv,
  toJson,
} from '../../../src/core/map/export.ts';
import { renderedShopReport, shopReport } from './fixture-report.ts';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [true, 'true'],
    [42, '42'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    // Formula injection (OWASP): a leading apostrophe makes the cell text.
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    [-5, "'-5"],
    ['a=b', 'a=b'],
  ])('%j -> %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('has a header and one CRLF-terminated row per resource', () => {
    const csv = toCsv(shopReport());
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(shopReport().resources.length + 2);
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toBe(
      'https://www.shop.example/,www.shop.example,document,render-blocking,true,browser,true,Your site (first party),first-party,Cloudflare,Cloudflare,,192.0.2.1,,,,,,,,,',
    );
    expect(lines[3]).toContain(',jsDelivr,cdn,Fastly; Cloudflare,,');
    expect(lines[5]).toContain(',cosmetic,false,browser,false,Google,analytics,');
    expect(lines[10]).toMatch(/,nxdomain,,,,,,,$/);
  });

  it('carries the initiator, the chain of hosts, and what the browser did (rendered scans and HARs)', () => {
    const report = renderedShopReport();
    const rows = toCsv(report).split('\r\n');
    const cells = (url: string) => {
      const row = rows.find((line) => line.startsWith(`${url},`))!.split(',');
      return Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]]));
    };
    expect(cells('https://www.google-analytics.com/analytics.js')).toMatchObject({
      initiator_host: 'www.googletagmanager.com',
      initiator_type: 'script',
      initiator_url: 'https://www.googletagmanager.com/gtm.js',
      host_chain: 'www.shop.example > www.googletagmanager.com',
      requested: 'true',
      status: '200',
      failure: '',
    });
    expect(cells('https://www.googletagmanager.com/gtm.js')).toMatchObject({
      initiator_type: 'parser',
      host_chain: 'www.shop.example',
    });
    expect(cells('https://broken.example/x.png')).toMatchObject({ requested: 'false', host_chain: '' });
    expect(cells('https://t.tracker.example/p')).toMatchObject({
      initiator_type: 'script',
      initiator_url: '',
      failure: 'net::ERR_FAILED',
    });
    // The site's own hosts have no chain: they are where chains start.
    expect(cells('https://static.shop.example/app.css').host_chain).toBe('');
  });

  it("lists each row's risks: the resource's own, then its host's", () => {
    const report = shopReport();
    const [document, , script] = report.resources;
    script!.risks = [{ code: 'no_sri', severity: 'medium', message: 'm', evidence: 'e' }];
    report.hosts.find((h) => h.host === script!.host)!.risks = [
      { code: 'known_compromised', severity: 'high', message: 'm', evidence: 'e' },
    ];
    const rows = toCsv(report).split('\r\n');
    const risksOf = (url: string) =>
      rows
        .find((row) => row.startsWith(`${url},`))!
        .split(',')
        .at(-1);
    expect(risksOf(script!.url)).toBe('no_sri (medium); known_compromised (high)');
    expect(risksOf(document!.url)).toBe('');
  });

  it('keeps the columns of earlier exports in place and adds new ones at the end', () => {
    expect(CSV_COLUMNS.slice(0, 15)).toEqual([
      'url',
      'host',
      'type',
      'impact',
      'render_blocking',
      'blocking_evidence',
      'first_party',
      'company',
      'category',
      'networks',
      'dns_providers',
      'asn',
      'addresses',
      'initiator_host',
      'errors',
    ]);
  });

  it("labels the site's own hosts first-party, whatever category the entity lookup guessed", () => {
    const report = shopReport();
    report.hosts[0]!.entity.category = 'other';
    const row = toCsv(report).split('\r\n')[1]!;
    expect(row).toContain(`,true,Your site (first party),${FIRST_PARTY_CATEGORY},`);
  });

  it('neutralises hostile names coming back from DNS or a HAR', () => {
    const report = shopReport();
    report.hosts[3]!.entity.company = '=cmd|" /C calc"!A0';
    const csv = toCsv(report);
    expect(csv).toContain(`"'=cmd|"" /C calc""!A0"`);
    expect(csv).not.toMatch(/(^|,)=cmd/m);
  });
});

describe('toJson and file names', () => {
  it('round-trips the report, initiators and rendered-scan facts included', () => {
    const report = shopReport();
    report.resources[3]!.initiator = {
      type: 'parser',
      url: 'https://www.shop.example/',
      host: 'www.shop.example',
    };
    Object.assign(report.resources[4]!, { requested: false, status: 404, failure: 'timeout' });
    report.source.blocked = [{ url: 'http://127.0.0.1/', reason: 'private_address' }];
    expect(JSON.parse(toJson(report))).toEqual(report);
  });
  it('names files after the page host and date', () => {
    expect(exportFileName(shopReport(), 'csv')).toBe('deps-www.shop.example-2026-11-26.csv');
    expect(exportFileName(shopReport({ page: null }), 'json')).toBe('deps-har-2026-11-26.json');
  });
});
