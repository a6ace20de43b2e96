import { model } from '../../data/tti-params.json';
import type { ModelParams } from './types.ts';

/**
 * The shipped, fitted parameters (src/data/tti-params.json, written by `npm run fit`). Only `model` is
 * imported by name so the browser bundle leaves the fit report (records, residuals) out.
 */
export const DEFAULT_PARAMS: ModelParams = model;
