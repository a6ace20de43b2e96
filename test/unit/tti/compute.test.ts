import { describe, expect, it } from 'vitest';
import { computeTti, conversionCurve } from '../../../src/core/tti/compute.ts';
import {
  BOUNCE_RATE_MAX,
  BOUNCE_RATE_MIN,
  TTI_EVIDENCE_CEILING_S,
  TTI_FLOOR_S,
} from '../../../src/core/tti/limits.ts';
import { DEFAULT_PARAMS } from '../../../src/core/tti/params.ts';
import type { ModelParams, TtiInput } from '../../../src/core/tti/types.ts';

/** Round numbers so the arithmetic can be checked by hand. */
const UNIT: ModelParams = {
  version: 'test',
  conversion: { betaCentral: 1, betaLow: 0.5, betaHigh: 2 },
  bounce: { a: 0, gamma: 1, defaultRate: 0.5, defaultRateSource: 'test' },
};

describe('computeTti: control points with hand-checkable parameters', () => {
  it.each([
    // current, target, central %, low %, high %
    [10, 5, 100, Math.SQRT2 * 100 - 100, 300],
    [4, 2, 100, Math.SQRT2 * 100 - 100, 300],
    [5, 10, -50, -75, 100 / Math.SQRT2 - 100],
    [6, 6, 0, 0, 0],
  ])('%s s → %s s: central %s %%', (current, target, central, low, high) => {
    const { conversion } = computeTti({ current, target }, UNIT);
    expect(conversion.liftPct).toBeCloseTo(central, 10);
    expect(conversion.lowPct).toBeCloseTo(low, 10);
    expect(conversion.highPct).toBeCloseTo(high, 10);
  });

  it('moves the bounce rate along logit B = logit(b0) + γ·ln(target/current)', () => {
    // logit(0.5) = 0, γ = 1, ratio 1/2: B = 1 / (1 + 2) = 1/3.
    const { bounce } = computeTti({ current: 10, target: 5, bounceRate: 0.5 }, UNIT);
    expect(bounce.currentRate).toBe(0.5);
    expect(bounce.targetRate).toBeCloseTo(1 / 3, 12);
    expect(bounce.changePct).toBeCloseTo(-100 / 3, 10);
  });
});

describe('computeTti: the shipped model against its closed form', () => {
  const { betaCentral, betaLow, betaHigh } = DEFAULT_PARAMS.conversion;
  const { gamma, defaultRate } = DEFAULT_PARAMS.bounce;
  /** (current ÷ target)^β − 1, in percent: the model's definition, evaluated here without its code. */
  const closedForm = (current: number, target: number, beta: number) =>
    (Math.pow(current / target, beta) - 1) * 100;
  /** logit B(target) = logit B(current) + γ·ln(target ÷ current). */
  const bounceAt = (rate: number, current: number, target: number) => {
    const odds = (rate / (1 - rate)) * Math.pow(target / current, gamma);
    return odds / (1 + odds);
  };

  it.each([
    [8.3, 5.7, undefined],
    [10, 5, 0.6],
    [5, 10, 0.43],
    [20, 1, 0.9],
  ])('%s s → %s s (bounce %s)', (current, target, bounceRate) => {
    const result = computeTti({ current, target, bounceRate });
    const ends = [closedForm(current, target, betaLow), closedForm(current, target, betaHigh)];
    expect(result.conversion.liftPct).toBeCloseTo(closedForm(current, target, betaCentral), 10);
    expect(result.conversion.lowPct).toBeCloseTo(Math.min(...ends), 10);
    expect(result.conversion.highPct).toBeCloseTo(Math.max(...ends), 10);
    expect(result.bounce.targetRate).toBeCloseTo(bounceAt(bounceRate ?? defaultRate, current, target), 12);
    expect(result.model.version).toBe(DEFAULT_PARAMS.version);
  });

  it('gives a slower target a loss whose range swaps ends (the steeper curve loses more)', () => {
    const { conversion } = computeTti({ current: 5, target: 10 });
    expect(conversion.lowPct).toBeCloseTo(closedForm(5, 10, betaHigh), 10);
    expect(conversion.highPct).toBeCloseTo(closedForm(5, 10, betaLow), 10);
  });
});

describe('computeTti: properties', () => {
  const targets = [1, 1.5, 2, 3, 4, 5.7, 8, 12, 20, 30, 60];

  it('is monotone: a slower target never converts better or bounces less', () => {
    for (const bounceRate of [0.05, 0.43, 0.9]) {
      const results = targets.map((target) => computeTti({ current: 6, target, bounceRate }));
      for (let i = 1; i < results.length; i++) {
        const [before, after] = [results[i - 1]!, results[i]!];
        expect(after.conversion.liftPct).toBeLessThan(before.conversion.liftPct);
        expect(after.conversion.lowPct).toBeLessThan(before.conversion.lowPct);
        expect(after.conversion.highPct).toBeLessThan(before.conversion.highPct);
        expect(after.bounce.targetRate).toBeGreaterThan(before.bounce.targetRate);
      }
    }
  });

  it('is bounded: bounce rates stay inside (0, 1), lifts are finite and low ≤ central ≤ high', () => {
    for (const current of [0.01, 1, 3, 20, 60])
      for (const target of [0.01, 1, 3, 20, 60])
        for (const bounceRate of [0, 0.0001, 0.5, 0.9999, 1, undefined]) {
          const { conversion, bounce } = computeTti({ current, target, bounceRate });
          for (const rate of [bounce.currentRate, bounce.targetRate]) {
            expect(rate).toBeGreaterThan(0);
            expect(rate).toBeLessThan(1);
          }
          for (const pct of Object.values(conversion)) expect(Number.isFinite(pct)).toBe(true);
          expect(conversion.lowPct).toBeLessThanOrEqual(conversion.liftPct);
          expect(conversion.liftPct).toBeLessThanOrEqual(conversion.highPct);
        }
  });

  it('is scale-free: the same TTI ratio gives the same conversion and bounce change', () => {
    const pairs: Array<[number, number]> = [
      [2, 1.5],
      [4, 3],
      [8, 6],
      [16, 12],
    ];
    const results = pairs.map(([current, target]) => computeTti({ current, target, bounceRate: 0.4 }));
    for (const result of results.slice(1)) {
      expect(result.conversion.liftPct).toBeCloseTo(results[0]!.conversion.liftPct, 10);
      expect(result.conversion.lowPct).toBeCloseTo(results[0]!.conversion.lowPct, 10);
      expect(result.conversion.highPct).toBeCloseTo(results[0]!.conversion.highPct, 10);
      expect(result.bounce.targetRate).toBeCloseTo(results[0]!.bounce.targetRate, 12);
    }
  });

  it('is symmetric: a → b then b → a multiplies conversion by exactly 1 (and swaps the range ends)', () => {
    for (const [a, b] of [
      [8.3, 5.7],
      [2, 15],
      [1, 20],
    ] as const) {
      const there = computeTti({ current: a, target: b, bounceRate: 0.4 });
      const back = computeTti({ current: b, target: a, bounceRate: there.bounce.targetRate });
      expect((1 + there.conversion.liftPct / 100) * (1 + back.conversion.liftPct / 100)).toBeCloseTo(1, 12);
      expect((1 + there.conversion.lowPct / 100) * (1 + back.conversion.highPct / 100)).toBeCloseTo(1, 12);
      expect(back.bounce.targetRate).toBeCloseTo(0.4, 12);
    }
  });
});

describe('computeTti: inputs outside the evidence are flagged', () => {
  it.each<[string, TtiInput, Array<[string, string]>, { current: number; target: number }]>([
    ['nothing to flag', { current: 8, target: 4, bounceRate: 0.5 }, [], { current: 8, target: 4 }],
    [
      'no bounce rate',
      { current: 8, target: 4 },
      [['default_used', 'bounceRate']],
      { current: 8, target: 4 },
    ],
    [
      'target under the floor',
      { current: 3, target: 0.4, bounceRate: 0.5 },
      [['clamped', 'target']],
      { current: 3, target: TTI_FLOOR_S },
    ],
    [
      'both under the floor',
      { current: 0.9, target: 0.5, bounceRate: 0.5 },
      [
        ['clamped', 'current'],
        ['clamped', 'target'],
      ],
      { current: TTI_FLOOR_S, target: TTI_FLOOR_S },
    ],
    [
      'current beyond the evidence',
      { current: 35, target: 10, bounceRate: 0.5 },
      [['extrapolated', 'current']],
      { current: 35, target: 10 },
    ],
    [
      'bounce rate of 0',
      { current: 8, target: 4, bounceRate: 0 },
      [['clamped', 'bounceRate']],
      { current: 8, target: 4 },
    ],
    [
      'bounce rate of 1',
      { current: 8, target: 4, bounceRate: 1 },
      [['clamped', 'bounceRate']],
      { current: 8, target: 4 },
    ],
  ])('%s', (_name, input, flags, effective) => {
    const result = computeTti(input);
    expect(result.flags.map((flag) => [flag.code, flag.field])).toEqual(flags);
    for (const flag of result.flags) expect(flag.message.length).toBeGreaterThan(20);
    expect(result.effective).toEqual(effective);
  });

  it('evaluates a clamped TTI exactly as the floor', () => {
    expect(computeTti({ current: 4, target: 0.2 }).conversion).toEqual(
      computeTti({ current: 4, target: TTI_FLOOR_S }).conversion,
    );
  });

  it('clamps bounce rates into [MIN, MAX] and names the default and its source', () => {
    expect(computeTti({ current: 8, target: 4, bounceRate: 0 }).bounce.currentRate).toBe(BOUNCE_RATE_MIN);
    expect(computeTti({ current: 8, target: 4, bounceRate: 1 }).bounce.currentRate).toBe(BOUNCE_RATE_MAX);
    const defaulted = computeTti({ current: 8, target: 4 });
    expect(defaulted.bounce.currentRate).toBe(DEFAULT_PARAMS.bounce.defaultRate);
    expect(defaulted.bounce.currentRateSource).toBe('default');
    expect(defaulted.flags[0]!.message).toMatch(/Akamai\/SOASTA/);
    expect(TTI_EVIDENCE_CEILING_S).toBeGreaterThan(TTI_FLOOR_S);
  });
});

describe('computeTti: revenue', () => {
  const business = { sessions: 100_000, conversionRate: 0.02, orderValue: 80 };

  it('is sessions × conversion rate × order value × relative change, per month and per year', () => {
    const { revenue } = computeTti({ current: 10, target: 5, ...business, currency: 'EUR' }, UNIT);
    expect(revenue).toEqual({
      currency: 'EUR',
      monthlyBaseline: 160_000,
      monthlyDelta: { central: 160_000, low: expect.closeTo(160_000 * (Math.SQRT2 - 1), 6), high: 480_000 },
      yearlyDelta: {
        central: 1_920_000,
        low: expect.closeTo(1_920_000 * (Math.SQRT2 - 1), 5),
        high: 5_760_000,
      },
      extraOrdersPerMonth: { central: 2_000, low: expect.closeTo(2_000 * (Math.SQRT2 - 1), 8), high: 6_000 },
    });
  });

  it('shows a loss when the target is slower, and defaults the currency to USD', () => {
    const { revenue } = computeTti({ current: 5, target: 10, ...business }, UNIT);
    expect(revenue?.currency).toBe('USD');
    expect(revenue?.monthlyDelta.central).toBeCloseTo(-80_000, 6);
    expect(revenue?.monthlyDelta.low).toBeCloseTo(-120_000, 6);
    expect(revenue!.monthlyDelta.high).toBeLessThan(0);
  });

  it.each(['sessions', 'conversionRate', 'orderValue'] as const)('is null without %s', (missing) => {
    const input: TtiInput = { current: 8, target: 4, ...business };
    delete input[missing];
    expect(computeTti(input).revenue).toBeNull();
  });
});

describe('conversionCurve', () => {
  it('is 1 at the current TTI, falls with t, and spans from → to in `steps` intervals', () => {
    const points = conversionCurve({ current: 4, target: 2, bounceRate: 0.5 }, { from: 1, to: 7, steps: 6 });
    expect(points.map((p) => p.t)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(points[3]!.conversion).toEqual({ central: 1, low: 1, high: 1 });
    expect(points[3]!.bounce).toBeCloseTo(0.5, 12);
    for (let i = 1; i < points.length; i++) {
      expect(points[i]!.conversion.central).toBeLessThan(points[i - 1]!.conversion.central);
      expect(points[i]!.bounce).toBeGreaterThan(points[i - 1]!.bounce);
    }
  });

  it('agrees with computeTti at every point', () => {
    const input = { current: 8.3, target: 5.7, bounceRate: 0.45 };
    const points = conversionCurve(input, { steps: 10 });
    expect(points).toHaveLength(11);
    for (const point of points) {
      const result = computeTti({ ...input, target: point.t });
      expect(point.conversion.central).toBeCloseTo(1 + result.conversion.liftPct / 100, 12);
      expect(point.bounce).toBeCloseTo(result.bounce.targetRate, 12);
    }
  });

  it('defaults to the floor … 1.5 × the slower input and caps the number of steps', () => {
    const points = conversionCurve({ current: 8, target: 4 });
    expect(points[0]!.t).toBe(TTI_FLOOR_S);
    expect(points.at(-1)!.t).toBeCloseTo(12, 12);
    expect(conversionCurve({ current: 8, target: 4 }, { steps: 1e9 }).length).toBe(501);
  });
});
