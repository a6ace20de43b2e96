import { describe, expect, it } from 'vitest';
import evidence from '../../../../src/data/tti-findings.json';
import shipped from '../../../../src/data/tti-validation.json';
import params from '../../../../src/data/tti-params.json';
import { computeTti } from '../../../../src/core/tti/compute.ts';
import type { EvidenceDataset, EvidenceRecord } from '../../../../src/core/tti/evidence.ts';
import { bounceChangePct, checkBounce } from '../../../../src/core/tti/fit/bounce-checks.ts';
import type { ModelParams } from '../../../../src/core/tti/types.ts';

const dataset = evidence as EvidenceDataset;

describe('bounceChangePct', () => {
  it.each([
    // rate, ratio, γ, expected %: logit(0.5) = 0 and ln(1/2)·1 → B = 1/3; γ = 0 → no change.
    [0.5, 0.5, 1, -100 / 3],
    [0.5, 2, 1, (2 / 3 / 0.5 - 1) * 100],
    [0.43, 0.5, 0, 0],
  ])('from %s with ratio %s and γ %s → %s %%', (rate, ratio, gamma, expected) =>
    expect(bounceChangePct(rate, ratio, gamma)).toBeCloseTo(expected, 10),
  );
});

describe('checkBounce', () => {
  const check = (id: string, pct: number, value: number): EvidenceRecord => ({
    id,
    class: 'check',
    group: id,
    source: 's',
    url: 'https://example.test/',
    year: 2021,
    device: 'all',
    timing: 'LCP',
    outcome: 'bounce rate',
    time_change_pct: pct,
    value,
    unit: '% relative change',
  });

  it('counts misses on both sides: smaller and larger predicted changes than observed', () => {
    // γ = 1 from 50 %: halving the time predicts −33.3 %.
    const { summary, checks } = checkBounce([check('big', -50, -60), check('small', -50, -10)], 1, 0.5);
    expect(checks.map((c) => c.predictedPct)).toEqual([-33.3333, -33.3333]);
    expect(checks.map((c) => c.errorPp)).toEqual([-26.6667, 23.3333]);
    expect(summary).toMatchObject({ checks: 2, smallerThanObserved: 1, largerThanObserved: 1 });
    expect(summary.medianAbsErrorPp).toBeCloseTo(25, 3);
  });

  it('reports no median for no checks', () =>
    expect(checkBounce([], 1, 0.5).summary.medianAbsErrorPp).toBeNull());
});

describe('the shipped bounce checks', () => {
  const bounceLike = (r: EvidenceRecord) => /bounce|abandon/i.test(r.outcome);

  it('account for every bounce or abandonment finding in the evidence: fitted, used, checked or excluded with a reason', () => {
    const listed = new Set([
      ...shipped.bounce.checks.map((c) => c.id),
      ...shipped.bounce.notCheckable.map((c) => c.id),
    ]);
    const findings = dataset.records.filter(bounceLike);
    expect(findings.length).toBeGreaterThan(10);
    for (const record of findings) {
      if (record.class === 'bounce-curve' || record.class === 'reference') continue;
      expect(listed, record.id).toContain(record.id);
    }
    for (const row of shipped.bounce.notCheckable)
      expect(row.reason?.length ?? 0, row.id).toBeGreaterThan(20);
  });

  it('check every bounce change that comes with a timing ratio', () => {
    const withRatio = dataset.records.filter(
      (r) =>
        /\bbounce\b/i.test(r.outcome) &&
        r.unit === '% relative change' &&
        r.class !== 'bounce-curve' &&
        (r.time_change_pct !== undefined || (r.from_s !== undefined && r.to_s !== undefined)),
    );
    expect(shipped.bounce.checks.map((c) => c.id).sort()).toEqual(withRatio.map((r) => r.id).sort());
  });

  it('predict what the calculator says for the same change from its default bounce rate', () => {
    expect(shipped.bounce.checks.length).toBeGreaterThanOrEqual(5);
    for (const row of shipped.bounce.checks) {
      const result = computeTti({ current: 10, target: 10 * row.timeRatio }, params.model as ModelParams);
      expect(result.bounce.currentRateSource).toBe('default');
      expect(row.predictedPct, row.id).toBeCloseTo(result.bounce.changePct, 2);
    }
  });

  it('miss on both sides, as the summary says', () => {
    const { checks, summary } = { checks: shipped.bounce.checks, summary: shipped.summary.bounce };
    expect(summary.smallerThanObserved).toBe(
      checks.filter((c) => Math.abs(c.predictedPct) < Math.abs(c.observedPct)).length,
    );
    expect(summary.smallerThanObserved).toBeGreaterThan(0);
    expect(summary.largerThanObserved).toBeGreaterThan(0);
  });
});
