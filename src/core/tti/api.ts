import { ApiError } from '../http/api-error.ts';
import { computeTti } from './compute.ts';
import { describeResult } from './describe.ts';
import { fnv1a } from './hash.ts';
import { DEFAULT_PARAMS } from './params.ts';
import { parseTtiQuery, toTtiQuery } from './query.ts';
import type { ModelParams, TtiResult } from './types.ts';
import { MODEL_VALIDATION, type ModelValidation } from './validation-summary.ts';

/** Longest query string GET /api/tti reads, characters: the seven fields fit in well under 300. */
export const TTI_QUERY_MAX_LENGTH = 2048;

/** Stable error codes of GET /api/tti (tests assert these, not the messages). */
export const TTI_ERROR_CODES = {
  invalidQuery: 'invalid_query',
  queryTooLong: 'query_too_long',
  methodNotAllowed: 'method_not_allowed',
} as const;

export interface TtiApiBody extends TtiResult {
  /** The model, with how well it predicts studies it was not fitted on (the same figures /tti/ shows). */
  model: TtiResult['model'] & { validation: ModelValidation };
  /** Plain-language summary of the result (the same text the page and its OG tags use). */
  text: { title: string; description: string; sentences: string[] };
}

/**
 * GET /api/tti without the HTTP: query string in, body and ETag out, ApiError on bad input.
 * The ETag covers the model version, the validation figures and the canonical input, so it changes
 * exactly when the body does (unknown parameters such as utm_* do not change the body, so they do not
 * change the ETag).
 */
export function ttiApi(
  search: string,
  params: ModelParams = DEFAULT_PARAMS,
  validation: ModelValidation = MODEL_VALIDATION,
): { body: TtiApiBody; etag: string } {
  const query = search.startsWith('?') ? search.slice(1) : search;
  if (query.length > TTI_QUERY_MAX_LENGTH) {
    throw new ApiError(
      400,
      TTI_ERROR_CODES.queryTooLong,
      `The query string is longer than ${TTI_QUERY_MAX_LENGTH} characters.`,
    );
  }
  const parsed = parseTtiQuery(new URLSearchParams(query));
  if (!parsed.ok) {
    throw new ApiError(400, TTI_ERROR_CODES.invalidQuery, 'Some query parameters are missing or invalid.', {
      issues: parsed.issues,
    });
  }
  const result = computeTti(parsed.input, params);
  const model = `${params.version}+${fnv1a(JSON.stringify(validation))}`;
  const etag = `"${fnv1a(`${model}?${toTtiQuery(parsed.input).toString()}`)}"`;
  return {
    body: { ...result, model: { ...result.model, validation }, text: describeResult(result) },
    etag,
  };
}
