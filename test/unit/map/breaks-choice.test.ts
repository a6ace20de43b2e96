/**
 * "What breaks" (src/core/map/breaks-choice.ts): which provider it opens on, identical for the live map
 * and a permalink, and the plain "you do not depend on X" answer for major providers the page does not use.
 */
import { describe, expect, it } from 'vitest';
import {
  absenceAnswer,
  absentMajorProviders,
  defaultBreaksProvider,
  MAJOR_PROVIDERS,
} from '../../../src/core/map/breaks-choice.ts';
import { UNATTRIBUTED } from '../../../src/core/map/hosts.ts';
import { providerTable, type ProviderRow } from '../../../src/core/map/provider-table.ts';
import { shopReport } from './fixture-report.ts';

const row = (name: string, renderBlocking: number, resources: number, hosts = 1): ProviderRow =>
  ({
    name,
    renderBlocking,
    resources,
    hosts: Array.from({ length: hosts }, (_, i) => `h${i}`),
  }) as ProviderRow;

describe('defaultBreaksProvider', () => {
  it.each([
    ['most render-blocking wins', [row('A', 1, 9), row('B', 3, 3)], 'B'],
    ['then most resources', [row('A', 2, 4), row('B', 2, 5)], 'B'],
    ['then most hosts', [row('A', 2, 5, 1), row('B', 2, 5, 2)], 'B'],
    ['then the name', [row('Zeta', 2, 5), row('Alpha', 2, 5)], 'Alpha'],
    ['never Unattributed', [row(UNATTRIBUTED, 9, 9), row('A', 0, 1)], 'A'],
    ['null when nothing is attributed', [row(UNATTRIBUTED, 9, 9)], null],
    ['null for an empty map', [], null],
  ] as const)('%s', (_name, rows, expected) => {
    expect(defaultBreaksProvider(rows)).toBe(expected);
  });

  it('does not depend on the order rows (or batches) arrive in', () => {
    const rows = providerTable(shopReport());
    const picked = defaultBreaksProvider(rows);
    expect(picked).not.toBeNull();
    expect(defaultBreaksProvider([...rows].reverse())).toBe(picked);
    const top = Math.max(...rows.filter((r) => r.name !== UNATTRIBUTED).map((r) => r.renderBlocking));
    expect(rows.find((r) => r.name === picked)!.renderBlocking).toBe(top);
  });
});

describe('absentMajorProviders', () => {
  const report = shopReport();
  const used = providerTable(report).map((r) => r.name);
  const absent = absentMajorProviders(report, used);

  it('offers major providers with no trace on the page', () => {
    expect(absent).toEqual(expect.arrayContaining(['Akamai', 'Microsoft Azure', 'NS1 (DNS)']));
  });

  it.each(['Cloudflare', 'Fastly', 'Amazon CloudFront', 'Google Cloud', 'Amazon Web Services (AWS)'])(
    'never says the page does not depend on %s, which it uses',
    (name) => {
      expect(absent).not.toContain(name);
    },
  );

  it('sees an operator under another name: a name server, a CNAME or an AS name is enough', () => {
    const base = shopReport();
    const traced = (extra: Partial<(typeof base.hosts)[number]>) => ({
      ...base,
      hosts: [{ ...base.hosts[7]!, ...extra }],
    });
    expect(absentMajorProviders(traced({ nameServers: ['a1-2.akam.net'] }), [])).not.toContain('Akamai');
    expect(absentMajorProviders(traced({ cnames: ['x.global.fastly.net'] }), [])).not.toContain('Fastly');
    expect(
      absentMajorProviders(traced({ asn: { number: 8075, name: 'MICROSOFT-CORP', prefix: '' } }), []),
    ).not.toContain('Microsoft Azure');
    expect(absentMajorProviders(traced({ nameServers: ['ns-1.awsdns-01.org'] }), [])).not.toContain(
      'Amazon Route 53 (DNS)',
    );
  });

  it('every major provider is offered for a map with no hosts', () => {
    expect(absentMajorProviders({ ...report, hosts: [] }, [])).toEqual(MAJOR_PROVIDERS.map((m) => m.name));
  });
});

describe('absenceAnswer', () => {
  it('answers plainly, with the host count and what a HAR cannot see', () => {
    const report = shopReport();
    const text = absenceAnswer(report, 'Akamai');
    expect(text).toMatch(
      new RegExp(
        `^Your page does not depend on Akamai \\(none of the ${report.hosts.length} hosts we mapped resolve to it\\)\\.`,
      ),
    );
    // broken.example never resolved: say so rather than claim it.
    expect(text).toContain('1 of them could not be looked up');
    expect(text).toContain('A HAR shows only what this one visit loaded');
  });

  it('for a static scan, says what the scan cannot see', () => {
    expect(absenceAnswer(shopReport({ method: 'scan' }), 'Fastly')).toContain(
      'A static scan cannot see what scripts load at run time',
    );
  });

  it('for a rendered scan, says it saw one visit, not that scripts went unseen', () => {
    const text = absenceAnswer(
      shopReport({ method: 'scan', source: { tool: 'rendered scan', scanMethod: 'rendered' } }),
      'Fastly',
    );
    expect(text).toContain('A rendered scan shows one visit up to its time limit');
    expect(text).not.toContain('cannot see what scripts load');
  });
});
