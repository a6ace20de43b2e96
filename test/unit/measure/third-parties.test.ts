import { describe, expect, it } from 'vitest';
import { readThirdParties } from '../../../src/core/measure/third-parties.ts';
import { lhr, table } from './lhr-builder.ts';

const insight = (items: unknown[]) => ({ 'third-parties-insight': table(items) });
const summary = (items: unknown[]) => ({ 'third-party-summary': table(items) });

describe('readThirdParties', () => {
  it('Lighthouse 13 insight: observed main-thread time × the CPU slowdown, heaviest first', () => {
    const report = lhr(
      insight([
        { entity: 'Facebook', mainThreadTime: 100.4, transferSize: 50_000 },
        { entity: 'Google Tag Manager', mainThreadTime: 250, transferSize: 90_000.2 },
        { entity: 'Google Fonts', mainThreadTime: 0, transferSize: 512 },
      ]),
    );
    expect(readThirdParties(report, 4)).toEqual({
      audit: 'third-parties-insight',
      thirdParties: [
        { entity: 'Google Tag Manager', mainThreadMs: 1000, transferBytes: 90_000 },
        { entity: 'Facebook', mainThreadMs: 402, transferBytes: 50_000 },
        { entity: 'Google Fonts', mainThreadMs: 0, transferBytes: 512 },
      ],
    });
  });

  it('older third-party-summary: times already on the simulated device, with blocking time', () => {
    const report = lhr(
      summary([{ entity: 'Hotjar', mainThreadTime: 734.25, blockingTime: 684, transferSize: 24_808 }]),
    );
    expect(readThirdParties(report, 4)).toEqual({
      audit: 'third-party-summary',
      thirdParties: [{ entity: 'Hotjar', mainThreadMs: 734, transferBytes: 24_808, blockingMs: 684 }],
    });
  });

  it('both audits (Lighthouse 12.4–12.8): the insight’s list, the summary’s blocking time by name', () => {
    const report = lhr({
      ...insight([
        { entity: 'Segment', mainThreadTime: 100, transferSize: 10 },
        { entity: 'Intercom', mainThreadTime: 50, transferSize: 20 },
      ]),
      ...summary([{ entity: 'Segment', mainThreadTime: 999, blockingTime: 60, transferSize: 10 }]),
    });
    expect(readThirdParties(report, 1.2).thirdParties).toEqual([
      { entity: 'Segment', mainThreadMs: 120, transferBytes: 10, blockingMs: 60 },
      { entity: 'Intercom', mainThreadMs: 60, transferBytes: 20 },
    ]);
  });

  it('ties on main-thread time go to the larger transfer', () => {
    const report = lhr(
      insight([
        { entity: 'A', mainThreadTime: 0, transferSize: 1 },
        { entity: 'B', mainThreadTime: 0, transferSize: 2 },
      ]),
    );
    expect(readThirdParties(report, 1).thirdParties.map((p) => p.entity)).toEqual(['B', 'A']);
  });

  it('takes link-valued entities by their text and skips malformed rows', () => {
    const report = lhr(
      summary([
        {
          entity: { type: 'link', text: 'YouTube', url: 'https://youtube.com' },
          mainThreadTime: 10,
          transferSize: 5,
        },
        { entity: '', mainThreadTime: 10 },
        { entity: 42, mainThreadTime: 10 },
        { mainThreadTime: 10 },
        { entity: 'Negative', mainThreadTime: -5 },
        'junk',
      ]),
    );
    expect(readThirdParties(report, 4).thirdParties).toEqual([
      { entity: 'YouTube', mainThreadMs: 10, transferBytes: 5 },
    ]);
  });

  it.each([
    ['neither audit', {}],
    ['an errored insight', { 'third-parties-insight': { scoreDisplayMode: 'error', errorMessage: 'boom' } }],
    ['an insight without a table', { 'third-parties-insight': { scoreDisplayMode: 'notApplicable' } }],
  ])('%s → no audit, no third parties', (_label, audits) => {
    expect(readThirdParties(lhr(audits), 4)).toEqual({ audit: null, thirdParties: [] });
  });

  it('an errored insight falls back to the summary', () => {
    const report = lhr({
      'third-parties-insight': { scoreDisplayMode: 'error' },
      ...summary([{ entity: 'PayPal', mainThreadTime: 5, transferSize: 1 }]),
    });
    expect(readThirdParties(report, 4).audit).toBe('third-party-summary');
  });
});
