/**
 * Leave-one-study-out validation: the shipped figures (src/data/tti-validation.json) against a fresh run
 * and against an independent recomputation that predicts each study with the product's own computeTti,
 * using elasticities recomputed here from the evidence without the study.
 */
import { describe, expect, it } from 'vitest';
import evidence from '../../../../src/data/tti-findings.json';
import shipped from '../../../../src/data/tti-validation.json';
import params from '../../../../src/data/tti-params.json';
import { computeTti } from '../../../../src/core/tti/compute.ts';
import type { EvidenceDataset, EvidenceRecord } from '../../../../src/core/tti/evidence.ts';
import { interventionStudies } from '../../../../src/core/tti/fit/records.ts';
import { leaveOneStudyOut } from '../../../../src/core/tti/fit/validation.ts';
import { validateModel } from '../../../../src/core/tti/fit/validation-file.ts';
import type { ModelParams } from '../../../../src/core/tti/types.ts';
import { ratioStudy } from './synthetic-records.ts';

const dataset = evidence as EvidenceDataset;

/** Each intervention study as (time ratio, observed change %), one per group, steps multiplied. */
function studiesFromJson(records: readonly EvidenceRecord[]) {
  const byGroup = new Map<string, { ratio: number; factor: number }>();
  for (const r of records.filter((r) => r.class === 'intervention')) {
    const ratio = r.from_s && r.to_s ? r.to_s / r.from_s : 1 + r.time_change_pct! / 100;
    const s = byGroup.get(r.group) ?? { ratio: 1, factor: 1 };
    byGroup.set(r.group, { ratio: s.ratio * ratio, factor: s.factor * (1 + r.value / 100) });
  }
  return [...byGroup].map(([id, s]) => ({
    id,
    ...s,
    observed: (s.factor - 1) * 100,
    beta: Math.log(s.factor) / -Math.log(s.ratio),
  }));
}

const sortedMedian = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const lowerQuartile = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) / 4;
  return s[Math.floor(h)]! + (h % 1) * (s[Math.floor(h) + 1]! - s[Math.floor(h)]!);
};

/** The calculator's answer for a study's speed-up, with the given elasticities (current 10 s). */
function calculator(ratio: number, conversion: ModelParams['conversion']) {
  const model: ModelParams = { ...(params.model as ModelParams), conversion };
  return computeTti({ current: 10, target: 10 * ratio, bounceRate: 0.5 }, model).conversion;
}

describe('leave-one-study-out validation (src/data/tti-validation.json)', () => {
  it('is exactly what the validation produces from the evidence (run `npm run fit` after editing the data)', () => {
    expect(validateModel(dataset)).toEqual(shipped);
  });

  it('equals an independent recomputation: each study predicted by computeTti with a fit without it', () => {
    const studies = studiesFromJson(dataset.records);
    const betaHigh = params.model.conversion.betaHigh;
    const oracle = studies.map((study) => {
      const others = studies.filter((s) => s !== study).map((s) => s.beta);
      const heldOut = calculator(study.ratio, {
        betaCentral: sortedMedian(others),
        betaLow: lowerQuartile(others),
        betaHigh,
      });
      const inCalculator = calculator(study.ratio, params.model.conversion);
      const inside = (r: { lowPct: number; highPct: number }) =>
        r.lowPct <= study.observed && study.observed <= r.highPct;
      return {
        id: study.id,
        observed: study.observed,
        predicted: heldOut.liftPct,
        error: Math.abs(study.observed - heldOut.liftPct),
        inHeldOut: inside(heldOut),
        inShipped: inside(inCalculator),
      };
    });
    expect(shipped.conversion.studies.map((s) => s.id)).toEqual(oracle.map((s) => s.id));
    shipped.conversion.studies.forEach((row, i) => {
      expect(row.observedPct).toBeCloseTo(oracle[i]!.observed, 3);
      // The shipped estimator rounds β to 4 decimals; 0.01 pp covers that.
      expect(Math.abs(row.predictedPct - oracle[i]!.predicted)).toBeLessThan(0.01);
      expect(row.heldOutPosition === 'inside').toBe(oracle[i]!.inHeldOut);
      expect(row.shippedPosition === 'inside').toBe(oracle[i]!.inShipped);
    });
    const summary = shipped.summary.conversion;
    expect(summary.studies).toBe(oracle.length);
    expect(Math.abs(summary.medianAbsErrorPp - sortedMedian(oracle.map((s) => s.error)))).toBeLessThan(0.01);
    expect(summary.inHeldOutRange).toBe(oracle.filter((s) => s.inHeldOut).length);
    expect(summary.inShippedRange).toBe(oracle.filter((s) => s.inShipped).length);
    expect(summary.coverage).toBeCloseTo(summary.inShippedRange / summary.studies, 4);
    expect(summary.belowShippedRange + summary.aboveShippedRange + summary.inShippedRange).toBe(
      summary.studies,
    );
  });
});

describe('leaveOneStudyOut on synthetic studies', () => {
  const elasticities = { betaCentral: 0.3, betaLow: 0.3, betaHigh: 0.9 };
  /** Studies from [id, time ratio, elasticity] rows. */
  const studiesOf = (rows: Array<[string, number, number]>) =>
    interventionStudies(
      rows.map(([id, ratio, beta]) => ratioStudy(id, ratio, beta)),
      'study',
    );

  it('predicts studies that share one elasticity without error, all inside the range', () => {
    const studies = studiesOf([
      ['a', 0.5, 0.3],
      ['b', 0.7, 0.3],
      ['c', 0.4, 0.3],
      ['d', 0.8, 0.3],
    ]);
    const { summary, studies: rows } = leaveOneStudyOut(studies, elasticities);
    expect(summary.medianAbsErrorPp).toBeCloseTo(0, 3);
    expect(summary.inHeldOutRange).toBe(4);
    expect(rows).toHaveLength(4);
  });

  it('puts an outlier outside the range, above it, and predicts it from the others', () => {
    const studies = studiesOf([
      ['a', 0.5, 0.2],
      ['b', 0.5, 0.3],
      ['c', 0.5, 0.4],
      ['outlier', 0.5, 2],
    ]);
    const { summary, studies: rows } = leaveOneStudyOut(studies, { ...elasticities, betaLow: 0.25 });
    const outlier = rows.find((r) => r.id === 'outlier')!;
    // Without the outlier the median is 0.3: a halving of TTI predicts 2^0.3 − 1.
    expect(outlier.predictedPct).toBeCloseTo((Math.pow(2, 0.3) - 1) * 100, 2);
    expect(outlier.observedPct).toBeCloseTo(300, 6);
    expect(outlier.heldOutPosition).toBe('above');
    expect(summary.aboveShippedRange).toBe(1);
    // Against the shipped range β ∈ [0.25, 0.9]: 0.2 below, 0.3 and 0.4 inside, 2 above.
    expect(summary.inShippedRange).toBe(2);
    expect(summary.belowShippedRange).toBe(1);
  });

  it('needs at least two studies', () => {
    expect(() =>
      leaveOneStudyOut(interventionStudies([ratioStudy('a', 0.5, 0.3)], 'study'), elasticities),
    ).toThrow(/at least two/);
  });
});
