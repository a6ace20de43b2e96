/**
 * The reproducible fit of the TTI model over src/data/tti-findings.json. Pure: `npm run fit`
 * (scripts/fit.ts) writes its output to src/data/tti-params.json, and a unit test re-runs it in-process
 * and checks it against an independent recomputation. Method and results: docs/tti-model.md.
 */
import type { EvidenceDataset } from '../evidence.ts';
import { fnv1a } from '../hash.ts';
import { TTI_FLOOR_S } from '../limits.ts';
import type { ModelParams } from '../types.ts';
import { defaultBounce, fitBounce } from './bounce-fit.ts';
import { fitCrossSectional, fitInterventions } from './conversion-fit.ts';
import { DEFAULT_FIT_OPTIONS, interventionStudies, recordsByClass, type FitOptions } from './records.ts';

/** Bumped by hand when the model's form changes; the hash after "+" changes with every refit. */
export const MODEL_SEMVER = '1.0.0';

export interface FittedParamsFile {
  provenance: Record<string, unknown>;
  model: ModelParams;
  fit: Record<string, unknown>;
}

/** Fits every parameter of the model from the evidence dataset. Throws only on a corrupt dataset. */
export function fitModel(
  dataset: EvidenceDataset,
  options: FitOptions = DEFAULT_FIT_OPTIONS,
): FittedParamsFile {
  const records = recordsByClass(dataset);
  const interventions = fitInterventions(interventionStudies(records.intervention, options.votes));
  const cross = fitCrossSectional(records['cross-sectional']);
  const bounce = fitBounce(records['bounce-curve']);
  const fallback = defaultBounce(records.reference);
  const numbers = {
    conversion: {
      betaCentral: interventions.betaCentral,
      betaLow: interventions.betaLow,
      betaHigh: cross.betaHigh,
    },
    bounce: {
      a: bounce.a,
      gamma: bounce.gamma,
      defaultRate: fallback.rate,
      defaultRateSource: fallback.source,
    },
  };
  return {
    provenance: {
      generatedBy: 'npm run fit (scripts/fit.ts → src/core/tti/fit/fit-model.ts); do not edit by hand',
      evidence: 'src/data/tti-findings.json',
      evidenceFingerprint: fnv1a(JSON.stringify(dataset)),
      floorS: TTI_FLOOR_S,
      documentation: 'docs/tti-model.md',
    },
    model: { version: `${MODEL_SEMVER}+${fnv1a(JSON.stringify(numbers))}`, ...numbers },
    fit: {
      conversion: { interventions: interventions.report, crossSectional: cross.report },
      bounce: bounce.report,
      excluded: records.excluded.map((r) => ({ id: r.id, reason: r.reason })),
    },
  };
}
