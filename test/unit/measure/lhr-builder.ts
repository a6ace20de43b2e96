/** Small Lighthouse results for the readers' table tests: only the fields the readers look at. */
import type { LighthouseResult } from '../../../src/core/measure/psi-schema.ts';

export type Audits = LighthouseResult['audits'];

export function lhr(audits: Audits, extra: Partial<LighthouseResult> = {}): LighthouseResult {
  return {
    lighthouseVersion: '13.5.0',
    configSettings: { throttlingMethod: 'simulate', throttling: { cpuSlowdownMultiplier: 4 } },
    audits,
    ...extra,
  };
}

export const metric = (numericValue: number) => ({ numericValue, scoreDisplayMode: 'numeric' });

export const table = (items: unknown[]) => ({
  scoreDisplayMode: 'informative',
  details: { type: 'table', items },
});

/** Lab audits of an ordinary page: TTI 9 s, TBT 1.2 s, LCP 4 s, FCP 2.5 s. */
export const LAB: Audits = {
  interactive: metric(9000.4),
  'total-blocking-time': metric(1200.6),
  'largest-contentful-paint': metric(4000),
  'first-contentful-paint': metric(2500.2),
};
