/**
 * Bounce side of the model: log-odds of bouncing are linear in ln(TTI), logit B(t) = a + γ·ln t,
 * fitted on the Google/SOASTA 2017 bounce-probability curve (docs/tti-model.md).
 * Given a site's own bounce rate at its current TTI, the intercept is shifted so the curve passes
 * through that point; only γ (the slope) then comes from the evidence.
 */

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Bounce rate the fitted curve itself predicts at TTI t (used when the site gives none). */
export function curveBounceRate(tS: number, a: number, gamma: number): number {
  return logistic(a + gamma * Math.log(tS));
}

/** Bounce rate at `toS` for a site whose bounce rate is `rateAtFrom` at `fromS`. */
export function shiftedBounceRate(rateAtFrom: number, fromS: number, toS: number, gamma: number): number {
  return logistic(logit(rateAtFrom) + gamma * Math.log(toS / fromS));
}
