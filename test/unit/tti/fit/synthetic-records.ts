/** Evidence records made from known elasticities, for the fit's recovery and validation tests. */
import type { EvidenceRecord } from '../../../../src/core/tti/evidence.ts';

export const SYNTHETIC_BASE = {
  source: 's',
  url: 'https://example.test/',
  year: 2020,
  device: 'all',
  timing: 'page load',
  outcome: 'cr',
  design: 'before/after' as const,
  unit: '% relative change',
};

/** A relative change from `from` to `to` seconds that elasticity `beta` produces exactly. */
export const relativeRecord = (
  id: string,
  group: string,
  cls: EvidenceRecord['class'],
  from: number,
  to: number,
  beta: number,
): EvidenceRecord => ({
  ...SYNTHETIC_BASE,
  id,
  class: cls,
  group,
  from_s: from,
  to_s: to,
  value: (Math.pow(from / to, beta) - 1) * 100,
});

/** An intervention study published as a relative timing change (`ratio` = after ÷ before). */
export const ratioStudy = (id: string, ratio: number, beta: number): EvidenceRecord => ({
  ...SYNTHETIC_BASE,
  id,
  class: 'intervention',
  group: id,
  time_change_pct: (ratio - 1) * 100,
  value: (Math.pow(1 / ratio, beta) - 1) * 100,
});
