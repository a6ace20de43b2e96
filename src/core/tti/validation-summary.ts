import { summary } from '../../data/tti-validation.json';

/**
 * How well the shipped model predicts what it was not fitted on (src/data/tti-validation.json, written by
 * `npm run fit`; docs/tti-model.md, "How well the model predicts"). GET /api/tti carries it in
 * `model.validation`. Only `summary` is imported by name so the per-study rows stay out of bundles.
 */
export interface ModelValidation {
  conversion: {
    method: string;
    /** Intervention studies, one vote each. */
    studies: number;
    /** Median |observed − predicted| conversion change, percentage points, each study predicted without itself. */
    medianAbsErrorPp: number;
    meanAbsErrorPp: number;
    /** Studies whose observed change lies inside the range the calculator ships for their timing ratio. */
    inShippedRange: number;
    belowShippedRange: number;
    aboveShippedRange: number;
    /** inShippedRange ÷ studies. */
    coverage: number;
    /** Studies inside the range fitted without them. */
    inHeldOutRange: number;
    heldOutCoverage: number;
  };
  bounce: {
    method: string;
    /** Bounce-rate changes in the evidence that come with a timing ratio (none is fitted). */
    checks: number;
    medianAbsErrorPp: number | null;
    /** Checks where the model predicted a smaller change than observed, and a larger one. */
    smallerThanObserved: number;
    largerThanObserved: number;
  };
}

export const MODEL_VALIDATION: ModelValidation = summary;
