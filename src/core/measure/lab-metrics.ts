/**
 * Lighthouse's lab metrics from a report's audits. Time to Interactive is the `interactive` audit: no
 * longer part of the performance score since Lighthouse 10, but still reported (Lighthouse 13.5 does), and
 * it is the number the calculator's model was fitted on. A metric whose audit is missing or errored is
 * null, never a guess; the caller notes it.
 */
import type { LabMetrics } from './types.ts';
import type { LighthouseResult } from './psi-schema.ts';

/** The audits read, by the field they fill. */
export const LAB_AUDITS = {
  ttiMs: 'interactive',
  tbtMs: 'total-blocking-time',
  lcpMs: 'largest-contentful-paint',
  fcpMs: 'first-contentful-paint',
} as const;

/** Lighthouse's CPU slowdown for its simulated device; 1 when it ran unthrottled or applied it for real. */
export function cpuSlowdownOf(lhr: LighthouseResult): number {
  const settings = lhr.configSettings;
  if (settings?.throttlingMethod !== 'simulate') return 1;
  const multiplier = settings.throttling?.cpuSlowdownMultiplier;
  return multiplier !== undefined && multiplier > 0 ? multiplier : 1;
}

/** An audit's numericValue in whole milliseconds, or null when the audit is absent, errored or empty. */
export function auditMs(lhr: LighthouseResult, id: string): number | null {
  const audit = lhr.audits[id];
  if (!audit || audit.scoreDisplayMode === 'error' || audit.numericValue === undefined) return null;
  return audit.numericValue >= 0 ? Math.round(audit.numericValue) : null;
}

export function readLabMetrics(lhr: LighthouseResult): LabMetrics {
  return {
    ttiMs: auditMs(lhr, LAB_AUDITS.ttiMs),
    tbtMs: auditMs(lhr, LAB_AUDITS.tbtMs),
    lcpMs: auditMs(lhr, LAB_AUDITS.lcpMs),
    fcpMs: auditMs(lhr, LAB_AUDITS.fcpMs),
    lighthouseVersion: lhr.lighthouseVersion,
    cpuSlowdown: cpuSlowdownOf(lhr),
  };
}
