/**
 * Conversion side of the model: relative conversion rate is a power law of TTI, CR(t) ∝ t^-β.
 * It is scale-free: only the ratio of the two TTIs matters, so lab-vs-field or median-vs-p75 offsets
 * cancel as long as both numbers come from the same tool.
 */

/** CR(to) / CR(from) for elasticity β. Both times must already be clamped to the model's domain. */
export function relativeConversion(fromS: number, toS: number, beta: number): number {
  return Math.pow(fromS / toS, beta);
}

/** Relative change of conversion rate in percent, e.g. +7.1 for 7.1 % more conversions. */
export function conversionChangePct(fromS: number, toS: number, beta: number): number {
  return (relativeConversion(fromS, toS, beta) - 1) * 100;
}
