import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../../../../src/core/tti/evidence.ts';
import { interventionStudies, recordsByClass, studyLabel } from '../../../../src/core/tti/fit/records.ts';

const base = {
  class: 'intervention' as const,
  source: 'Example Shop (Velocity 2013), via WPO Stats',
  url: 'https://example.test/',
  year: 2013,
  device: 'all',
  timing: 'page load',
  outcome: 'conversions',
  design: 'before/after' as const,
  unit: '% relative change',
};
const step = (id: string, group: string, from: number, to: number, value: number): EvidenceRecord => ({
  ...base,
  id,
  group,
  from_s: from,
  to_s: to,
  value,
});

describe('interventionStudies', () => {
  const intuitLike = [step('b', 'shop', 7, 5, 4), step('a', 'shop', 15, 7, 24), step('c', 'other', 6, 3, 10)];

  it('gives a study published in steps one vote: its whole change, steps chained in order', () => {
    const [shop, other] = interventionStudies(intuitLike, 'study');
    expect(shop!.id).toBe('shop');
    expect(shop!.records.map((r) => r.id)).toEqual(['a', 'b']);
    // 15 → 5 s; conversions × 1.24 × 1.04.
    expect(Math.exp(shop!.x)).toBeCloseTo(5 / 15, 12);
    expect(Math.exp(shop!.y)).toBeCloseTo(1.24 * 1.04, 12);
    expect(shop!.beta).toBeCloseTo(Math.log(1.2896) / Math.log(3), 12);
    expect(other!.beta).toBeCloseTo(Math.log(1.1) / Math.log(2), 12);
  });

  it("gives every record a vote under the 'record' rule", () => {
    const studies = interventionStudies(intuitLike, 'record');
    expect(studies.map((s) => s.id)).toEqual(['b', 'a', 'c']);
    expect(studies[0]!.beta).toBeCloseTo(Math.log(1.04) / Math.log(7 / 5), 12);
  });

  it('refuses steps of one study that do not chain, or that have no seconds', () => {
    expect(() => interventionStudies([step('a', 's', 15, 7, 24), step('b', 's', 6, 5, 4)], 'study')).toThrow(
      /do not chain/,
    );
    const noSeconds: EvidenceRecord = { ...base, id: 'p', group: 's', time_change_pct: -20, value: 3 };
    expect(() => interventionStudies([step('a', 's', 15, 7, 24), noSeconds], 'study')).toThrow(/need from_s/);
  });

  it('collects what else changed from every step, once', () => {
    const [study] = interventionStudies(
      [
        { ...step('a', 's', 15, 7, 24), also_changed: ['CLS'] },
        { ...step('b', 's', 7, 5, 4), also_changed: ['CLS', 'design'] },
      ],
      'study',
    );
    expect(study!.alsoChanged).toEqual(['CLS', 'design']);
  });
});

describe('recordsByClass', () => {
  it('refuses an intervention without a design', () => {
    const record = { ...step('a', 'a', 6, 3, 10) };
    delete record.design;
    expect(() => recordsByClass({ provenance: {}, records: [record] })).toThrow(/design must be one of/);
  });
});

describe('studyLabel', () => {
  it.each([
    ['Intuit (Velocity NY 2013), via WPO Stats', 2013, 'Intuit 2013'],
    ['Deloitte/55 for Google, Milliseconds Make Millions (2020)', 2020, 'Deloitte/55 for Google 2020'],
    ['Swappie', 2021, 'Swappie 2021'],
  ])('%s → %s', (source, year, label) =>
    expect(studyLabel({ ...base, id: 'x', group: 'x', source, year, value: 1 })).toBe(label),
  );
});
