import { describe, expect, it } from 'vitest';
import evidence from '../../../src/data/tti-findings.json';
import shipped from '../../../src/data/tti-params.json';
import type { EvidenceDataset, EvidenceRecord } from '../../../src/core/tti/evidence.ts';
import { fitModel, quantile } from '../../../src/core/tti/fit.ts';
import { DEFAULT_PARAMS } from '../../../src/core/tti/params.ts';

const dataset = evidence as EvidenceDataset;

describe('the shipped parameters', () => {
  it('are exactly what the fit produces from the evidence (run `npm run fit` after editing the data)', () => {
    expect(fitModel(dataset)).toEqual(shipped);
  });

  it('are the ones the model evaluates', () => {
    expect(DEFAULT_PARAMS).toEqual(shipped.model);
  });

  it('order the elasticities low < central < high, and keep bounce inside (0, 1)', () => {
    const { betaLow, betaCentral, betaHigh } = DEFAULT_PARAMS.conversion;
    expect(0 < betaLow && betaLow < betaCentral && betaCentral < betaHigh).toBe(true);
    expect(DEFAULT_PARAMS.bounce.gamma).toBeGreaterThan(0);
    expect(DEFAULT_PARAMS.bounce.defaultRate).toBeGreaterThan(0);
    expect(DEFAULT_PARAMS.bounce.defaultRate).toBeLessThan(1);
  });
});

describe('quantile (type 7)', () => {
  it.each([
    [[3, 1, 2], 0.5, 2],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4, 5], 0.25, 2],
    [[10, 20], 0.25, 12.5],
    [[7], 0.9, 7],
  ])('%j at %s → %s', (values, p, expected) => expect(quantile(values, p)).toBeCloseTo(expected, 12));
});

/** A synthetic dataset generated from known parameters, to check the fit recovers them. */
function synthetic(beta: number, betaCross: number, a: number, gamma: number): EvidenceDataset {
  const base = {
    source: 's',
    url: 'https://example.test/',
    year: 2020,
    device: 'all',
    timing: 'page load',
    outcome: 'cr',
  };
  const relative = (
    id: string,
    cls: EvidenceRecord['class'],
    from: number,
    to: number,
    b: number,
  ): EvidenceRecord => ({
    ...base,
    id,
    class: cls,
    group: id,
    from_s: from,
    to_s: to,
    value: (Math.pow(from / to, b) - 1) * 100,
    unit: '% relative change',
  });
  const logistic = (x: number) => 1 / (1 + Math.exp(-x));
  const bounce = (from: number, to: number): EvidenceRecord => ({
    ...base,
    id: `b-${from}-${to}`,
    class: 'bounce-curve',
    group: 'b',
    from_s: from,
    to_s: to,
    value: (logistic(a + gamma * Math.log(to)) / logistic(a + gamma * Math.log(from)) - 1) * 100,
    unit: '% relative change',
  });
  return {
    provenance: {},
    records: [
      relative('i1', 'intervention', 6, 3, beta),
      relative('i2', 'intervention', 10, 4, beta),
      relative('i3', 'intervention', 3, 2, beta),
      ...[1.5, 2, 4, 8].map((t, i): EvidenceRecord => ({
        ...base,
        id: `c${i}`,
        class: 'cross-sectional',
        group: 'curve',
        at_s: t,
        value: 5 * Math.pow(t, -betaCross),
        unit: '% conversion rate',
      })),
      relative('c-ratio', 'cross-sectional', 5, 1, betaCross),
      bounce(1, 3),
      bounce(1, 6),
      bounce(1, 10),
      bounce(19, 5),
      { ...base, id: 'ref', class: 'reference', group: 'ref', value: 40, unit: '% bounce rate' },
    ],
  };
}

describe('fitModel on synthetic data', () => {
  it('recovers the parameters that generated the data, with zero residuals', () => {
    const fit = fitModel(synthetic(0.3, 0.8, -1.5, 0.6));
    expect(fit.model.conversion).toEqual({ betaCentral: 0.3, betaLow: 0.3, betaHigh: 0.8 });
    expect(fit.model.bounce.a).toBeCloseTo(-1.5, 2);
    expect(fit.model.bounce.gamma).toBeCloseTo(0.6, 2);
    expect(fit.model.bounce.defaultRate).toBe(0.4);
    expect(fit.model.version).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{8}$/);
  });

  it('changes the version when a number changes', () => {
    expect(fitModel(synthetic(0.3, 0.8, -1.5, 0.6)).model.version).not.toBe(
      fitModel(synthetic(0.31, 0.8, -1.5, 0.6)).model.version,
    );
  });

  it.each<[string, (records: EvidenceRecord[]) => void, RegExp]>([
    ['a fitted timing below the floor', (r) => Object.assign(r[0]!, { to_s: 0.5 }), /below the 1 s floor/],
    ['a duplicate id', (r) => Object.assign(r[1]!, { id: 'i1' }), /Duplicate evidence id i1/],
    ['an unknown unit', (r) => Object.assign(r[0]!, { unit: 'x' }), /unit must be/],
    [
      'an excluded record without a reason',
      (r) => Object.assign(r[0]!, { class: 'excluded' }),
      /needs a reason/,
    ],
    ['two reference records', (r) => r.push({ ...r.at(-1)!, id: 'ref2' }), /Exactly one reference/],
    [
      'ratios of one curve with different bases',
      (r) => r.push({ ...r[7]!, id: 'c-ratio-2', from_s: 3 }),
      /must share their from_s/,
    ],
    [
      'a curve mixing levels and ratios',
      (r) => Object.assign(r[7]!, { group: 'curve' }),
      /mixes levels and ratios/,
    ],
  ])('throws on a corrupt dataset: %s', (_name, corrupt, message) => {
    const data = synthetic(0.3, 0.8, -1.5, 0.6);
    corrupt(data.records);
    expect(() => fitModel(data)).toThrow(message);
  });
});
