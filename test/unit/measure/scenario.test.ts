import { describe, expect, it } from 'vitest';
import { SCENARIO_ASSUMPTION, thirdPartyScenario } from '../../../src/core/measure/scenario.ts';

const parties = (...ms: number[]) =>
  ms.map((mainThreadMs, i) => ({ entity: `P${i}`, mainThreadMs, transferBytes: 0 }));

describe('thirdPartyScenario', () => {
  it.each([
    // [tti, fcp, third-party ms, scenario tti, saved, floored]
    [9000, 2500, [1000, 500], 7500, 1500, false],
    [9000, 2500, [6500], 2500, 6500, false],
    [9000, 2500, [7000, 3000], 2500, 6500, true],
    [9000, null, [10_000], 0, 9000, true],
    [2000, 3000, [500], 2000, 0, true],
  ] as const)('TTI %i ms, FCP %s ms, third parties %j → %i ms', (tti, fcp, ms, expected, saved, floored) => {
    expect(thirdPartyScenario({ ttiMs: tti, fcpMs: fcp }, parties(...ms))).toEqual({
      ttiMs: expected,
      savedMs: saved,
      mainThreadMs: ms.reduce((a, b) => a + b, 0),
      flooredAtFcp: floored,
      assumption: SCENARIO_ASSUMPTION,
    });
  });

  it('is never later than today’s TTI nor earlier than FCP, and saves exactly the difference', () => {
    for (let tti = 1000; tti <= 20_000; tti += 1900) {
      for (const share of [0.01, 0.3, 0.9, 2]) {
        const fcp = tti * 0.4;
        const s = thirdPartyScenario({ ttiMs: tti, fcpMs: fcp }, parties(tti * share))!;
        expect(s.ttiMs).toBeLessThanOrEqual(tti);
        expect(s.ttiMs).toBeGreaterThanOrEqual(fcp);
        expect(s.savedMs).toBe(tti - s.ttiMs);
      }
    }
  });

  it.each([
    ['no TTI', { ttiMs: null, fcpMs: 1000 }, parties(500)],
    ['no third parties', { ttiMs: 5000, fcpMs: 1000 }, []],
    ['third parties without main-thread time', { ttiMs: 5000, fcpMs: 1000 }, parties(0, 0)],
  ])('%s → no scenario', (_label, lab, list) => {
    expect(thirdPartyScenario(lab, list)).toBeNull();
  });

  it('states that it is a scenario and its assumption', () => {
    expect(SCENARIO_ASSUMPTION).toMatch(/^A scenario, not a measurement/);
    expect(SCENARIO_ASSUMPTION).toMatch(/after the first interaction/);
    expect(SCENARIO_ASSUMPTION).toMatch(/First Contentful Paint/);
  });
});
