/**
 * "Your page, measured" as HTML (src/components/tti/render-measurement.ts), read back with a tiny
 * parser-free check: the text a person sees, the links, the calculator values, and escaping of
 * everything that comes from the measured page or PSI (entity names and URLs are data from strangers).
 */
import { describe, expect, it } from 'vitest';
import {
  calculatorValues,
  mapperLink,
  msToSeconds,
  renderMeasurementHtml,
} from '../../../src/components/tti/render-measurement.ts';
import { SCENARIO_ASSUMPTION } from '../../../src/core/measure/scenario.ts';
import type { MeasureResponse } from '../../../src/core/measure/types.ts';

const base: MeasureResponse = {
  url: 'https://shop.example/?a=1&b=2',
  finalUrl: 'https://shop.example/?a=1&b=2',
  strategy: 'mobile',
  fetchedAt: '2026-12-03T10:00:00.000Z',
  expiresAt: '2026-12-03T11:00:00.000Z',
  cache: 'miss',
  lab: {
    ttiMs: 12_149,
    tbtMs: 7157,
    lcpMs: 5930,
    fcpMs: 4365,
    lighthouseVersion: '13.5.0',
    cpuSlowdown: 1.2,
  },
  field: { inpMs: 342, lcpMs: 3812, scope: 'origin' },
  thirdParties: [
    { entity: 'Google Tag Manager', mainThreadMs: 1070, transferBytes: 24_808 },
    { entity: 'Google Fonts', mainThreadMs: 0, transferBytes: 512 },
  ],
  thirdPartyAudit: 'third-parties-insight',
  scenario: {
    ttiMs: 11_079,
    savedMs: 1070,
    mainThreadMs: 1070,
    flooredAtFcp: false,
    assumption: SCENARIO_ASSUMPTION,
  },
  notes: [],
};
const time = (iso: string) => `T(${iso.slice(11, 16)})`;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('calculatorValues and msToSeconds', () => {
  it.each([
    [12_149, 12.1],
    [12_150, 12.2],
    [949, 0.9],
    [0, 0],
  ])('%i ms → %d s', (ms, s) => {
    expect(msToSeconds(ms)).toBe(s);
  });

  it('current from the lab TTI, target from the scenario', () => {
    expect(calculatorValues(base)).toEqual({ current: '12.1', target: '11.1' });
  });

  it('no target without a scenario, nothing without TTI', () => {
    expect(calculatorValues({ ...base, scenario: null })).toEqual({ current: '12.1', target: null });
    expect(calculatorValues({ ...base, lab: { ...base.lab, ttiMs: null } })).toEqual({
      current: null,
      target: null,
    });
  });
});

describe('renderMeasurementHtml', () => {
  const html = renderMeasurementHtml(base, time);

  it('says what was measured, when, by what, and how long it is reused', () => {
    expect(text(html)).toContain(
      'https://shop.example/?a=1&#38;b=2 — measured T(10:00) by PageSpeed Insights (Lighthouse 13.5.0, mobile); this result is reused until T(11:00).',
    );
  });

  it('shows lab and field figures with their exact values', () => {
    expect(html).toContain('<dd data-value="12149">12.1 s</dd>');
    expect(html).toContain('<dd data-value="7157">7,157 ms</dd>');
    expect(html).toContain('<dd data-value="342">342 ms</dd>');
    expect(text(html)).toContain('Field data (real Chrome users of this site, 75th percentile)');
  });

  it('lists each company with a link to the mapper for the same page', () => {
    expect(mapperLink(base.url)).toBe('/deps/?url=https%3A%2F%2Fshop.example%2F%3Fa%3D1%26b%3D2');
    expect(html.match(/<tr data-entity=/g)).toHaveLength(2);
    expect(html.match(/href="\/deps\/\?url=https%3A%2F%2Fshop.example%2F%3Fa%3D1%26b%3D2"/g)).toHaveLength(2);
    expect(html).not.toContain('<th scope="col">Blocking</th>');
  });

  it('adds the blocking column when the report has it (older Lighthouse)', () => {
    const old = renderMeasurementHtml(
      {
        ...base,
        thirdPartyAudit: 'third-party-summary',
        thirdParties: [{ entity: 'Hotjar', mainThreadMs: 734, transferBytes: 1, blockingMs: 684 }],
      },
      time,
    );
    expect(old).toContain('<th scope="col">Blocking</th>');
    expect(old).toContain('<td data-value="684">684 ms</td>');
  });

  it('labels the scenario as a scenario, with its assumption, and says the calculator uses it', () => {
    expect(text(html)).toMatch(/Scenario: their work after interaction/);
    expect(text(html)).toContain('its TTI would be about 11.1 s instead of 12.1 s');
    expect(text(html)).toContain(SCENARIO_ASSUMPTION.replace("'", '&#39;').slice(0, 40));
    expect(text(html)).toContain('The calculator uses it as your target TTI.');
  });

  it('says when the scenario stopped at First Contentful Paint', () => {
    const floored = renderMeasurementHtml(
      { ...base, scenario: { ...base.scenario!, ttiMs: 4365, flooredAtFcp: true } },
      time,
    );
    expect(text(floored)).toContain('It stops at First Contentful Paint (4.4 s)');
  });

  it.each([
    ['no field data', { field: null }, 'too little data for this site'],
    ['no TTI', { lab: { ...base.lab, ttiMs: null }, scenario: null }, 'Time to Interactive not reported'],
    ['no third parties', { thirdParties: [], scenario: null }, 'found no third-party code'],
    [
      'no third-party audit',
      { thirdParties: [], thirdPartyAudit: null, scenario: null },
      'no third-party audit',
    ],
    ['no scenario', { scenario: null }, 'there is no third-party scenario'],
    [
      'notes',
      { notes: [{ code: 'lab_metric_missing' as const, message: 'Lighthouse did not report tbtMs.' }] },
      'did not report tbtMs',
    ],
    ['a stored result', { cache: 'hit' as const }, 'measured T(10:00) (a stored result)'],
  ])('%s', (_label, change, expected) => {
    expect(text(renderMeasurementHtml({ ...base, ...change }, time))).toContain(expected);
  });

  it('escapes whatever the page and PSI name', () => {
    const hostile = renderMeasurementHtml(
      {
        ...base,
        finalUrl: 'https://x.example/"><script>alert(1)</script>',
        thirdParties: [{ entity: '<img src=x onerror=alert(1)>', mainThreadMs: 5, transferBytes: 5 }],
        notes: [{ code: 'tti_missing', message: '<b>bold</b>' }],
        lab: { ...base.lab, lighthouseVersion: '13"><script>' },
      },
      time,
    );
    expect(hostile).not.toMatch(/<script|<img|<b>/);
    expect(hostile).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });
});
