/**
 * The fit against the shipped numbers, an independent recomputation from the evidence, and synthetic data
 * made from known parameters. The recomputation below shares no code with src/core/tti/fit/.
 */
import { describe, expect, it } from 'vitest';
import evidence from '../../../../src/data/tti-findings.json';
import shipped from '../../../../src/data/tti-params.json';
import type { EvidenceDataset, EvidenceRecord } from '../../../../src/core/tti/evidence.ts';
import { fitModel } from '../../../../src/core/tti/fit/fit-model.ts';
import { relativeRecord, SYNTHETIC_BASE } from './synthetic-records.ts';

const dataset = evidence as EvidenceDataset;

/** Per-study elasticities straight from the JSON: one vote per group, steps multiplied together. */
function studyElasticities(records: readonly EvidenceRecord[]): Map<string, number> {
  const sums = new Map<string, { x: number; y: number }>();
  for (const r of records.filter((r) => r.class === 'intervention')) {
    const x = r.from_s && r.to_s ? Math.log(r.to_s / r.from_s) : Math.log(1 + r.time_change_pct! / 100);
    const sum = sums.get(r.group) ?? { x: 0, y: 0 };
    sums.set(r.group, { x: sum.x + x, y: sum.y + Math.log(1 + r.value / 100) });
  }
  return new Map([...sums].map(([group, { x, y }]) => [group, -y / x]));
}

/** R's default quantile (type 7), written out here so the oracle does not reuse the fit's code. */
function type7(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  return s[Math.floor(h)]! + (h - Math.floor(h)) * (s[Math.ceil(h)]! - s[Math.floor(h)]!);
}

describe('the shipped parameters (src/data/tti-params.json)', () => {
  it('are exactly what the fit produces from the evidence (run `npm run fit` after editing the data)', () => {
    expect(fitModel(dataset)).toEqual(shipped);
  });

  it('equal an independent recomputation: median and 0.25 quantile of per-study elasticities', () => {
    const betas = [...studyElasticities(dataset.records).values()];
    expect(betas).toHaveLength(shipped.fit.conversion.interventions.studies);
    expect(shipped.model.conversion.betaCentral).toBeCloseTo(type7(betas, 0.5), 4);
    expect(shipped.model.conversion.betaLow).toBeCloseTo(type7(betas, 0.25), 4);
  });

  it('count Intuit once, as 15 → 5 s with both steps’ gains', () => {
    const intuit = shipped.fit.conversion.interventions.records.find((r) => r.id === 'intuit-2013')!;
    expect(intuit.records).toEqual(['intuit-2013-15-7s', 'intuit-2013-7-5s']);
    expect(intuit.timeRatio).toBeCloseTo(5 / 15, 4);
    expect(intuit.observedPct).toBeCloseTo((1.24 * 1.04 - 1) * 100, 4);
  });

  it('leave out every record the evidence classes as excluded, with its reason', () => {
    const excluded = dataset.records.filter((r) => r.class === 'excluded');
    expect(shipped.fit.excluded).toEqual(excluded.map((r) => ({ id: r.id, reason: r.reason })));
    expect(shipped.fit.conversion.interventions.records.map((r) => r.id)).not.toContain('redbus-2023');
  });

  it('order the elasticities low < central < high, and keep bounce inside (0, 1)', () => {
    const { betaLow, betaCentral, betaHigh } = shipped.model.conversion;
    expect(0 < betaLow && betaLow < betaCentral && betaCentral < betaHigh).toBe(true);
    expect(shipped.model.bounce.gamma).toBeGreaterThan(0);
    expect(shipped.model.bounce.defaultRate).toBeGreaterThan(0);
    expect(shipped.model.bounce.defaultRate).toBeLessThan(1);
  });
});

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const levels = (group: string, times: number[], level: number, b: number): EvidenceRecord[] =>
  times.map((t) => ({
    ...SYNTHETIC_BASE,
    id: `${group}-${t}`,
    class: 'cross-sectional',
    group,
    at_s: t,
    value: level * Math.pow(t, -b),
    unit: '% conversion rate',
  }));

/**
 * Interventions with elasticities 0.1, 0.2, 0.3, 0.6 (published in two steps) and 1.2: median 0.3 and
 * 0.25 quantile 0.2 with one vote per study; mean 0.48; two votes for the 0.6 study would give 0.45 and
 * 0.225. Cross-sectional curves with slopes 0.6 and 1.0 at different levels and timings, and a ratio with
 * 0.8: the fixed-effects slope is 0.8, which a pooled fit without per-curve levels would not give.
 */
function synthetic(a: number, gamma: number): EvidenceDataset {
  const bounce = (from: number, to: number): EvidenceRecord => ({
    ...SYNTHETIC_BASE,
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
      relativeRecord('i1', 'i1', 'intervention', 6, 3, 0.1),
      relativeRecord('i2', 'i2', 'intervention', 10, 4, 0.2),
      relativeRecord('i3', 'i3', 'intervention', 3, 2, 0.3),
      relativeRecord('i4a', 'i4', 'intervention', 12, 6, 0.6),
      relativeRecord('i4b', 'i4', 'intervention', 6, 4, 0.6),
      relativeRecord('i5', 'i5', 'intervention', 5, 4, 1.2),
      ...levels('curve-a', [1, 2, 4, 8], 5, 0.6),
      ...levels('curve-b', [2, 4, 8, 16], 2, 1.0),
      relativeRecord('c-ratio', 'c-ratio', 'cross-sectional', 5, 1, 0.8),
      bounce(1, 3),
      bounce(1, 6),
      bounce(1, 10),
      bounce(19, 5),
      { ...SYNTHETIC_BASE, id: 'ref', class: 'reference', group: 'ref', value: 40, unit: '% bounce rate' },
    ],
  };
}

describe('fitModel on synthetic data', () => {
  it('recovers the parameters that generated the data', () => {
    const fit = fitModel(synthetic(-1.5, 0.6));
    expect(fit.model.conversion).toEqual({ betaCentral: 0.3, betaLow: 0.2, betaHigh: 0.8 });
    expect(fit.model.bounce.a).toBeCloseTo(-1.5, 2);
    expect(fit.model.bounce.gamma).toBeCloseTo(0.6, 2);
    expect(fit.model.bounce.defaultRate).toBe(0.4);
    expect(fit.model.version).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{8}$/);
  });

  it("counts every record when asked to (the 'record' rule of the sensitivity table)", () => {
    const fit = fitModel(synthetic(-1.5, 0.6), { votes: 'record' });
    expect(fit.model.conversion.betaCentral).toBeCloseTo(0.45, 4);
    expect(fit.model.conversion.betaLow).toBeCloseTo(0.225, 4);
  });

  it('changes the version when a number changes', () => {
    const data = synthetic(-1.5, 0.6);
    const other = synthetic(-1.5, 0.6);
    other.records[0] = relativeRecord('i1', 'i1', 'intervention', 6, 3, 0.25);
    expect(fitModel(data).model.version).not.toBe(fitModel(other).model.version);
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
      (r) => r.push({ ...r.find((x) => x.id === 'c-ratio')!, id: 'c-ratio-2', from_s: 3 }),
      /must share their from_s/,
    ],
    [
      'a curve mixing levels and ratios',
      (r) =>
        Object.assign(
          r.find((x) => x.id === 'c-ratio')!,
          { group: 'curve-a' },
        ),
      /mixes levels and ratios/,
    ],
    [
      'steps of one study that do not chain',
      (r) =>
        Object.assign(
          r.find((x) => x.id === 'i4b')!,
          { from_s: 5 },
        ),
      /do not chain/,
    ],
  ])('throws on a corrupt dataset: %s', (_name, corrupt, message) => {
    const data = synthetic(-1.5, 0.6);
    corrupt(data.records);
    expect(() => fitModel(data)).toThrow(message);
  });
});
