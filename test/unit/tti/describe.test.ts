import { describe, expect, it } from 'vitest';
import { computeTti } from '../../../src/core/tti/compute.ts';
import { describeResult, formatMoney, formatPct, formatRate } from '../../../src/core/tti/describe.ts';
import type { ModelParams } from '../../../src/core/tti/types.ts';

/** Fixed elasticities (the 2026-11 fit), so these wording tests do not move with every refit of the data. */
const FIXED: ModelParams = {
  version: 'test',
  conversion: { betaCentral: 0.1823, betaLow: 0.0694, betaHigh: 0.6658 },
  bounce: { a: -2.2226, gamma: 0.4303, defaultRate: 0.43, defaultRateSource: 'test' },
};

describe('formatPct', () => {
  it.each([
    [7.0907, '+7.1%'],
    [28.43, '+28%'],
    [-11.87, '−12%'],
    [-4.6966, '−4.7%'],
    [0.01, '0%'],
    [-0.04, '0%'],
    [1234.5, '+1,235%'],
  ])('%s → %s', (pct, text) => expect(formatPct(pct)).toBe(text));
});

describe('formatMoney', () => {
  it.each([
    [1234.5, 'EUR', '€1,235'],
    [160000, 'USD', '$160,000'],
    [99.4, 'JPY', '¥99'],
    [10, 'XYZ', 'XYZ 10'],
  ])('%s %s → %s', (amount, currency, text) =>
    expect(formatMoney(amount, currency).replace(/\u00a0/g, ' ')).toBe(text),
  );

  it.each([
    [28363.4, 'USD', '$28,000'],
    [340356, 'USD', '$340,000'],
    [113713, 'GBP', '£110,000'],
    [8.44, 'EUR', '€8.4'],
    [1234.5, 'XYZ', 'XYZ 1,200'],
  ])('%s %s to 2 significant digits → %s', (amount, currency, text) =>
    expect(formatMoney(amount, currency, 2).replace(/\u00a0/g, ' ')).toBe(text),
  );
});

describe('formatRate', () => {
  it.each([
    [0.453, '45.3%'],
    [0.43, '43%'],
    [1, '100%'],
    [0.99, '99%'],
    [0.01, '1%'],
    // Below 1 % one decimal would say "0.5%" for 0.45 %, or "0%" for 0.04 %.
    [0.0045, '0.45%'],
    [0.0004, '0.04%'],
  ])('%s → %s', (rate, text) => expect(formatRate(rate)).toBe(text));
});

describe('describeResult', () => {
  it('states the headline, the range, the bounce change and the revenue with their numbers', () => {
    const result = computeTti(
      {
        current: 8.3,
        target: 5.7,
        bounceRate: 0.45,
        sessions: 100000,
        conversionRate: 0.02,
        orderValue: 80,
        currency: 'EUR',
      },
      FIXED,
    );
    const text = describeResult(result);
    expect(text.title).toBe('Cutting TTI from 8.3 s to 5.7 s: +7.1% conversions');
    // Revenue to two significant digits (an order of magnitude), the yearly figure always with its range.
    expect(text.description).toBe(
      'Estimated conversion change +7.1% (range +2.6% to +28%); bounce rate 45% → 41%; ' +
        '+€140,000 a year (range +€51,000 to +€550,000).',
    );
    expect(text.sentences).toHaveLength(3);
    // None of the case studies is a controlled A/B test (docs/tti-model.md, "Judgement calls").
    expect(text.sentences[0]).toBe(
      "Cutting TTI from 8.3 s to 5.7 s changes the conversion rate by about +7.1%, based on before/after case studies; the model's range is +2.6% to +28%.",
    );
    expect(text.sentences[2]).toBe(
      'With €160,000 of monthly revenue, that is about +€11,000 a month (range +€4,200 to +€45,000) or +€140,000 a year (range +€51,000 to +€550,000).',
    );
  });

  it('calls a slowdown a loss and notes the extrapolation', () => {
    const slower = describeResult(computeTti({ current: 3, target: 45, bounceRate: 0.3 }));
    expect(slower.title).toMatch(/^Letting TTI grow from 3 s to 45 s: −\d+% conversions$/);
    expect(slower.sentences.some((s) => /extrapolated/.test(s))).toBe(true);
  });

  it('says when the bounce rate is the default', () => {
    const text = describeResult(computeTti({ current: 6, target: 3 }));
    expect(text.sentences[1]).toMatch(/, a typical starting rate as none was given\.$/);
    expect(text.description).not.toMatch(/a year/);
  });
});

describe('describeResult below the 1 s floor (the text names what was typed)', () => {
  it.each([
    [0.9, 0.5, 'Cutting TTI from 0.9 s to 0.5 s: no change below 1 s', '0.9 s → 0.5 s'],
    [0.5, 0.9, 'Letting TTI grow from 0.5 s to 0.9 s: no change below 1 s', '0.5 s → 0.9 s'],
    [1, 0.4, 'Cutting TTI from 1 s to 0.4 s: no change below 1 s', '1 s → 0.4 s'],
  ])('%s s → %s s: "%s"', (current, target, title, typed) => {
    const text = describeResult(computeTti({ current, target }));
    expect(text.title).toBe(title);
    expect(text.sentences[0]).toBe(
      `Below 1 s the evidence shows no further gain: ${typed} is estimated at 0% change.`,
    );
    expect(text.description).toBe(
      `Below 1 s the evidence shows no further gain: ${typed} is estimated at 0% change; bounce rate 43%.`,
    );
    for (const line of [text.title, text.description, ...text.sentences]) {
      expect(line).not.toMatch(/0% conversions|Keeping/);
    }
  });

  it('names the typed value and the 1 s it was evaluated as when only one input is below the floor', () => {
    const text = describeResult(computeTti({ current: 0.5, target: 5.7 }));
    expect(text.title).toMatch(/^Letting TTI grow from 0\.5 s to 5\.7 s: −\d+% conversions$/);
    expect(text.sentences).toContain(
      'Below 1 s the evidence shows no further gain, so the current TTI of 0.5 s is evaluated as 1 s.',
    );
  });

  it('says "no change" when target equals current, never "0% conversions"', () => {
    const text = describeResult(computeTti({ current: 8.3, target: 8.3 }));
    expect(text.title).toBe('Keeping TTI at 8.3 s: no change');
    expect(text.sentences[0]).toBe('Keeping TTI at 8.3 s: no change.');
    expect(text.description).toBe('Keeping TTI at 8.3 s: no change; bounce rate 43%.');
  });
});

describe('describeResult speaks of rates in percent (the form is in percent)', () => {
  it.each([
    [1, 'A bounce rate of 100% was evaluated as 99%: the model works with rates from 1% to 99%.'],
    [0.0045, 'A bounce rate of 0.45% was evaluated as 1%: the model works with rates from 1% to 99%.'],
    [0, 'A bounce rate of 0% was evaluated as 1%: the model works with rates from 1% to 99%.'],
  ])('bounce rate %s', (bounceRate, sentence) => {
    const result = computeTti({ current: 8, target: 4, bounceRate });
    const text = describeResult(result);
    expect(text.sentences).toContain(sentence);
    // GET /api/tti keeps the model's own flag in fractions, as its input.
    expect(result.flags.find((f) => f.field === 'bounceRate')?.message).toMatch(/evaluated as 0\.\d+/);
  });
});
