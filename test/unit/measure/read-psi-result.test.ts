import { describe, expect, it } from 'vitest';
import { MAX_THIRD_PARTIES } from '../../../src/core/measure/limits.ts';
import { readPsiResult } from '../../../src/core/measure/read-psi-result.ts';
import { LAB, lhr, metric, table } from './lhr-builder.ts';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const request = { url: 'https://shop.example/', strategy: 'mobile' as const, now: NOW };
const psi = (lighthouseResult: unknown, extra: Record<string, unknown> = {}) => ({
  kind: 'pagespeedonline#result',
  lighthouseResult,
  ...extra,
});

describe('readPsiResult: failures inside a 200', () => {
  it.each([
    ['not an object', 'Sorry', 'psi_unavailable'],
    ['no lighthouseResult', { kind: 'pagespeedonline#result' }, 'psi_unavailable'],
    ['audits missing', psi({ lighthouseVersion: '13.5.0' }), 'psi_unavailable'],
    [
      'runtimeError NO_FCP',
      psi(lhr({}, { runtimeError: { code: 'NO_FCP', message: 'The page did not paint any content.' } })),
      'lighthouse_error',
    ],
    [
      'runtimeError DNS_FAILURE',
      psi(lhr({}, { runtimeError: { code: 'DNS_FAILURE', message: 'DNS servers could not resolve' } })),
      'page_unreachable',
    ],
    [
      'a report without any lab metric',
      psi(lhr({ 'first-contentful-paint': metric(1000) })),
      'lighthouse_error',
    ],
  ])('%s → %s', (_label, body, code) => {
    const outcome = readPsiResult(body, request);
    expect(outcome.ok ? 'ok' : outcome.code).toBe(code);
  });
});

describe('readPsiResult: a measurement, with what it lacks as notes', () => {
  it('a full report', () => {
    const body = psi(
      lhr(
        {
          ...LAB,
          'third-parties-insight': table([{ entity: 'Hotjar', mainThreadTime: 500, transferSize: 100 }]),
        },
        { finalDisplayedUrl: 'https://shop.example/home', fetchTime: '2026-12-03T11:00:00.000Z' },
      ),
      {
        analysisUTCTimestamp: '2026-12-03T11:00:05.123Z',
        originLoadingExperience: { metrics: { LARGEST_CONTENTFUL_PAINT_MS: { percentile: 3000 } } },
      },
    );
    const outcome = readPsiResult(body, request);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.measurement).toMatchObject({
      url: 'https://shop.example/',
      finalUrl: 'https://shop.example/home',
      strategy: 'mobile',
      fetchedAt: '2026-12-03T11:00:05.123Z',
      lab: { ttiMs: 9000, cpuSlowdown: 4 },
      field: { inpMs: null, lcpMs: 3000, scope: 'origin' },
      thirdParties: [{ entity: 'Hotjar', mainThreadMs: 2000, transferBytes: 100 }],
      thirdPartyAudit: 'third-parties-insight',
      scenario: { ttiMs: 7000, savedMs: 2000 },
      notes: [],
    });
  });

  it('without TTI: the other metrics, a tti_missing note and no scenario', () => {
    const { interactive: _tti, ...rest } = LAB;
    const outcome = readPsiResult(
      psi(lhr({ ...rest, 'third-parties-insight': table([{ entity: 'X', mainThreadTime: 5 }]) })),
      request,
    );
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.measurement.lab.ttiMs).toBeNull();
    expect(outcome.measurement.lab.tbtMs).toBe(1201);
    expect(outcome.measurement.scenario).toBeNull();
    expect(outcome.measurement.notes.map((n) => n.code)).toEqual(['tti_missing']);
  });

  it('without a third-party audit: an empty list and a note', () => {
    const outcome = readPsiResult(psi(lhr(LAB)), request);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.measurement.thirdParties).toEqual([]);
    expect(outcome.measurement.thirdPartyAudit).toBeNull();
    expect(outcome.measurement.notes.map((n) => n.code)).toEqual(['third_parties_missing']);
  });

  it('says "1 lighter third party" in the singular', () => {
    const items = Array.from({ length: MAX_THIRD_PARTIES + 1 }, (_, i) => ({
      entity: `E${i}`,
      mainThreadTime: 1,
    }));
    const outcome = readPsiResult(psi(lhr({ ...LAB, 'third-parties-insight': table(items) })), request);
    expect(outcome.ok && outcome.measurement.notes.map((n) => n.message)).toEqual([
      '1 lighter third party is not listed.',
    ]);
  });

  it(`lists at most ${MAX_THIRD_PARTIES} third parties but counts them all in the scenario`, () => {
    const items = Array.from({ length: MAX_THIRD_PARTIES + 5 }, (_, i) => ({
      entity: `E${i}`,
      mainThreadTime: 10,
    }));
    const outcome = readPsiResult(psi(lhr({ ...LAB, 'third-parties-insight': table(items) })), request);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.measurement.thirdParties).toHaveLength(MAX_THIRD_PARTIES);
    expect(outcome.measurement.scenario?.mainThreadMs).toBe(items.length * 10 * 4);
    expect(outcome.measurement.notes).toEqual([
      { code: 'third_parties_truncated', message: '5 lighter third parties are not listed.' },
    ]);
  });

  it.each([
    [
      'PSI’s analysis time first',
      { analysisUTCTimestamp: '2026-12-03T10:00:00Z' },
      { fetchTime: '2026-12-03T09:00:00Z' },
      '2026-12-03T10:00:00.000Z',
    ],
    ['then Lighthouse’s fetch time', {}, { fetchTime: '2026-12-03T09:00:00Z' }, '2026-12-03T09:00:00.000Z'],
    ['then our clock', { analysisUTCTimestamp: 'yesterday' }, {}, '2026-12-03T12:00:00.000Z'],
  ])('fetchedAt: %s', (_label, wrapper, report, expected) => {
    const outcome = readPsiResult(psi(lhr(LAB, report), wrapper), request);
    expect(outcome.ok && outcome.measurement.fetchedAt).toBe(expected);
  });

  it.each([
    [
      'finalDisplayedUrl',
      { finalDisplayedUrl: 'https://a.example/', finalUrl: 'https://b.example/' },
      {},
      'https://a.example/',
    ],
    [
      'finalUrl (older reports)',
      { finalUrl: 'https://b.example/' },
      { id: 'https://c.example/' },
      'https://b.example/',
    ],
    ['PSI’s id', {}, { id: 'https://c.example/' }, 'https://c.example/'],
    ['the requested URL', {}, {}, 'https://shop.example/'],
  ])('finalUrl from %s', (_label, report, wrapper, expected) => {
    const outcome = readPsiResult(psi(lhr(LAB, report), wrapper), request);
    expect(outcome.ok && outcome.measurement.finalUrl).toBe(expected);
  });
});
