import { describe, expect, it } from 'vitest';
import { computeTti } from '../../../src/core/tti/compute.ts';
import { describeResult, formatMoney, formatPct } from '../../../src/core/tti/describe.ts';

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
});

describe('describeResult', () => {
  it('states the headline, the range, the bounce change and the revenue with their numbers', () => {
    const result = computeTti({
      current: 8.3,
      target: 5.7,
      bounceRate: 0.45,
      sessions: 100000,
      conversionRate: 0.02,
      orderValue: 80,
      currency: 'EUR',
    });
    const text = describeResult(result);
    expect(text.title).toBe('Cutting TTI from 8.3 s to 5.7 s: +7.1% conversions');
    expect(text.description).toBe(
      'Estimated conversion change +7.1% (range +2.6% to +28%); bounce rate 45% → 41%; +€136,142 a year.',
    );
    expect(text.sentences).toHaveLength(3);
    expect(text.sentences[2]).toMatch(/€160,000 .* \+€11,345 a month \(\+€4,228 to \+€45,485\)/);
  });

  it('calls a slowdown a loss and repeats clamping notes', () => {
    const same = describeResult(computeTti({ current: 0.8, target: 0.5 }));
    expect(same.title).toBe('Keeping TTI at 0.8 s: 0% conversions');
    expect(same.sentences.filter((s) => /floor/.test(s))).toHaveLength(2);
    const slower = describeResult(computeTti({ current: 3, target: 45, bounceRate: 0.3 }));
    expect(slower.title).toMatch(/^Letting TTI grow from 3 s to 45 s: −\d+% conversions$/);
    expect(slower.sentences.some((s) => /extrapolated/.test(s))).toBe(true);
  });

  it('says when the bounce rate is the default', () => {
    const text = describeResult(computeTti({ current: 6, target: 3 }));
    expect(text.sentences[1]).toMatch(/starting from a typical rate/);
    expect(text.description).not.toMatch(/a year/);
  });
});
