/**
 * src/data/tti-validation.json: how well the shipped model predicts what it did not see, and how far the
 * fit's judgement calls move it. Written by `npm run fit` beside tti-params.json; a unit test checks it
 * against an independent recomputation. Docs: docs/tti-model.md.
 */
import type { EvidenceDataset } from '../evidence.ts';
import { fnv1a } from '../hash.ts';
import { checkBounce, uncheckableBounceFindings } from './bounce-checks.ts';
import { fitModel } from './fit-model.ts';
import { DEFAULT_FIT_OPTIONS, interventionStudies, recordsByClass } from './records.ts';
import { sensitivity } from './sensitivity.ts';
import { leaveOneStudyOut } from './validation.ts';

export function validateModel(dataset: EvidenceDataset) {
  const { model } = fitModel(dataset);
  const records = recordsByClass(dataset);
  const studies = interventionStudies(records.intervention, DEFAULT_FIT_OPTIONS.votes);
  const conversion = leaveOneStudyOut(studies, model.conversion);
  const bounce = checkBounce(records.check, model.bounce.gamma, model.bounce.defaultRate);
  return {
    provenance: {
      generatedBy: 'npm run fit (scripts/fit.ts → src/core/tti/fit/validation-file.ts); do not edit by hand',
      evidence: 'src/data/tti-findings.json',
      evidenceFingerprint: fnv1a(JSON.stringify(dataset)),
      modelVersion: model.version,
      documentation: 'docs/tti-model.md',
    },
    /** What GET /api/tti carries in `model.validation` (src/core/tti/validation-summary.ts). */
    summary: { conversion: conversion.summary, bounce: bounce.summary },
    conversion: { studies: conversion.studies },
    bounce: { checks: bounce.checks, notCheckable: uncheckableBounceFindings(records.excluded) },
    sensitivity: sensitivity(dataset, model),
  };
}

export type ValidationFile = ReturnType<typeof validateModel>;
