import { describe, expect, it } from 'vitest';
import { auditMs, cpuSlowdownOf, readLabMetrics } from '../../../src/core/measure/lab-metrics.ts';
import { LAB, lhr, metric } from './lhr-builder.ts';

describe('readLabMetrics', () => {
  it('reads TTI, TBT, LCP and FCP from their audits in whole milliseconds', () => {
    expect(readLabMetrics(lhr(LAB))).toEqual({
      ttiMs: 9000,
      tbtMs: 1201,
      lcpMs: 4000,
      fcpMs: 2500,
      lighthouseVersion: '13.5.0',
      cpuSlowdown: 4,
    });
  });

  it.each([
    ['absent', {}],
    ['errored', { interactive: { scoreDisplayMode: 'error', errorMessage: 'NO_TTI_CPU_IDLE_PERIOD' } }],
    ['errored but with a stale value', { interactive: { scoreDisplayMode: 'error', numericValue: 5 } }],
    ['without a value', { interactive: { scoreDisplayMode: 'notApplicable' } }],
    ['negative', { interactive: metric(-1) }],
  ])('a metric whose audit is %s is null', (_label, audits) => {
    expect(auditMs(lhr(audits), 'interactive')).toBeNull();
  });
});

describe('cpuSlowdownOf', () => {
  it.each([
    [
      'simulated, PSI mobile (lr-mobile-config)',
      { throttlingMethod: 'simulate', throttling: { cpuSlowdownMultiplier: 1.2 } },
      1.2,
    ],
    ['simulated, desktop', { throttlingMethod: 'simulate', throttling: { cpuSlowdownMultiplier: 1 } }, 1],
    [
      'applied by DevTools (the trace is already slowed)',
      { throttlingMethod: 'devtools', throttling: { cpuSlowdownMultiplier: 4 } },
      1,
    ],
    ['unthrottled', { throttlingMethod: 'provided' }, 1],
    ['simulated without a multiplier', { throttlingMethod: 'simulate' }, 1],
    [
      'simulated with a nonsense multiplier',
      { throttlingMethod: 'simulate', throttling: { cpuSlowdownMultiplier: 0 } },
      1,
    ],
  ])('%s → %s', (_label, configSettings, slowdown) => {
    expect(cpuSlowdownOf(lhr({}, { configSettings }))).toBe(slowdown);
  });
});
