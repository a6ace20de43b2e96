/**
 * The Chrome UX Report figures PSI returns for the page's origin (`originLoadingExperience`): the 75th
 * percentile of real Chrome users over the last 28 days (https://developers.google.com/speed/docs/insights/v5/about).
 * Most small sites have none: PSI then sends the object without `metrics`, or leaves it out, and this is
 * null — field data is optional by nature, not a failure.
 */
import type { FieldMetrics } from './types.ts';
import type { LoadingExperience } from './psi-schema.ts';

/** CrUX metric keys in PSI's answer; the EXPERIMENTAL_ name is what PSI used before INP became stable (2024). */
const INP_KEYS = ['INTERACTION_TO_NEXT_PAINT', 'EXPERIMENTAL_INTERACTION_TO_NEXT_PAINT'] as const;
const LCP_KEY = 'LARGEST_CONTENTFUL_PAINT_MS';

function percentile(experience: LoadingExperience | undefined, keys: readonly string[]): number | null {
  for (const key of keys) {
    const value = experience?.metrics?.[key]?.percentile;
    if (value !== undefined && value >= 0) return Math.round(value);
  }
  return null;
}

export function readFieldData(origin: LoadingExperience | undefined): FieldMetrics | null {
  const inpMs = percentile(origin, INP_KEYS);
  const lcpMs = percentile(origin, [LCP_KEY]);
  return inpMs === null && lcpMs === null ? null : { inpMs, lcpMs, scope: 'origin' };
}
