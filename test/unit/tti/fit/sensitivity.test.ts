import { describe, expect, it } from 'vitest';
import shipped from '../../../../src/data/tti-validation.json';
import params from '../../../../src/data/tti-params.json';
import { computeTti } from '../../../../src/core/tti/compute.ts';
import { DECISIONS, EXAMPLE_CURRENT_S, EXAMPLE_TARGET_S } from '../../../../src/core/tti/fit/sensitivity.ts';
import type { ModelParams } from '../../../../src/core/tti/types.ts';

const { sensitivity } = shipped;
const row = (id: string) => sensitivity.conversion.find((r) => r.id === id)!;
/** The closed form of the model: (current / target)^β − 1, in percent. */
const closedForm = (beta: number) => (Math.pow(EXAMPLE_CURRENT_S / EXAMPLE_TARGET_S, beta) - 1) * 100;
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

describe('the sensitivity table (src/data/tti-validation.json)', () => {
  it('has the shipped model as its first row, with its validation', () => {
    const first = sensitivity.conversion[0]!;
    expect(first.id).toBe('shipped');
    expect(first.reverses).toEqual([]);
    expect({ betaCentral: first.betaCentral, betaLow: first.betaLow, betaHigh: first.betaHigh }).toEqual(
      params.model.conversion,
    );
    expect(first.medianAbsErrorPp).toBe(shipped.summary.conversion.medianAbsErrorPp);
    expect(first.inShippedRange).toBe(shipped.summary.conversion.inShippedRange);
  });

  it('reproduces the model shipped before these rules when it reverses them (tti-params.json of 2026-11)', () => {
    // The numbers the page showed until December 2026 (git history of src/data/tti-params.json).
    expect(row('previous')).toMatchObject({
      studies: 12,
      betaCentral: 0.1823,
      betaLow: 0.0694,
      betaHigh: 0.6658,
    });
  });

  it.each(sensitivity.conversion.map((r) => [r.id, r] as const))(
    '%s: the example equals (8.3 ÷ 5.7)^β − 1 for its own elasticities',
    (_id, r) => {
      expect(r.example.centralPct).toBeCloseTo(closedForm(r.betaCentral), 3);
      expect(r.example.lowPct).toBeCloseTo(closedForm(r.betaLow), 3);
      expect(r.example.highPct).toBeCloseTo(closedForm(r.betaHigh), 3);
    },
  );

  it('moves the headline only through the intervention decisions: the high end never moves', () => {
    for (const r of sensitivity.conversion) expect(r.betaHigh).toBe(params.model.conversion.betaHigh);
    expect(row('intuit-two-votes').studies).toBe(row('shipped').studies + 1);
    expect(row('redbus-stated').studies).toBe(row('shipped').studies + 1);
    expect(row('speed-only').studies).toBeLessThan(row('shipped').studies);
    // redBus's two time ratios differ, so only the low end (where its β sits) differs between them.
    expect(row('redbus-measured').betaCentral).toBe(row('redbus-stated').betaCentral);
    expect(row('redbus-measured').betaLow).not.toBe(row('redbus-stated').betaLow);
  });

  it('states a rule for every decision, and reverses only decisions it states', () => {
    const ids = new Set(DECISIONS.map((d) => d.id));
    expect(ids.size).toBe(DECISIONS.length);
    for (const decision of DECISIONS) expect(decision.rule.length).toBeGreaterThan(40);
    for (const r of sensitivity.conversion) for (const id of r.reverses) expect(ids).toContain(id);
    expect(sensitivity.decisions).toEqual(DECISIONS);
  });

  it('puts the bounce example on the calculator, and on the fitted curve’s own level', () => {
    const { a, gamma } = params.model.bounce;
    const result = computeTti(
      { current: EXAMPLE_CURRENT_S, target: EXAMPLE_TARGET_S },
      params.model as ModelParams,
    );
    const { fromDefault, fromCurveLevel } = sensitivity.bounce.example;
    expect(fromDefault.startRate).toBe(result.bounce.currentRate);
    expect(fromDefault.changePct).toBeCloseTo(result.bounce.changePct, 3);
    const curve = (t: number) => logistic(a + gamma * Math.log(t));
    expect(fromCurveLevel.startRate).toBeCloseTo(curve(EXAMPLE_CURRENT_S), 4);
    // Starting from the curve's own level is moving along the curve: its relative change between the times.
    expect(fromCurveLevel.changePct).toBeCloseTo(
      (curve(EXAMPLE_TARGET_S) / curve(EXAMPLE_CURRENT_S) - 1) * 100,
      3,
    );
  });

  it('compares the bounce checks with the single one shown before', () => {
    expect(sensitivity.bounce.checks.previous.checks).toBe(1);
    expect(sensitivity.bounce.checks.shipped).toEqual(shipped.summary.bounce);
  });
});
