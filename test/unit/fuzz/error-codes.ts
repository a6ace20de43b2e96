/**
 * Every error code an API may answer with, per route: the fuzz tests assert that each 4xx carries one of
 * these, so a new code is a deliberate change to this list (and to the README's API section).
 */
import { MEASURE_FAILURES, MEASURE_INVALID_QUERY } from '../../../src/core/measure/failures.ts';
import { SCAN_REFUSALS } from '../../../src/core/scan/refusals.ts';
import { TTI_ERROR_CODES } from '../../../src/core/tti/api.ts';

/** Codes the /api middleware itself produces, on every route. */
export const MIDDLEWARE_CODES = ['rate_limited', 'not_found', 'method_not_allowed'] as const;

export const ROUTE_CODES = {
  resolve: ['invalid_json', 'invalid_body', 'too_many_hosts', 'body_too_large', 'unsupported_media_type'],
  reports: ['invalid_json', 'invalid_report', 'report_too_large', 'unsupported_media_type'],
  reportById: ['invalid_report_id', 'report_not_found'],
  tti: Object.values(TTI_ERROR_CODES),
  scan: Object.keys(SCAN_REFUSALS),
  measure: [MEASURE_INVALID_QUERY, ...Object.keys(SCAN_REFUSALS), ...Object.keys(MEASURE_FAILURES)],
} as const satisfies Record<string, readonly string[]>;

/** HostError codes: what a failed lookup may say about one host. */
export { HOST_ERROR_CODES } from '../../../src/core/resolve/types.ts';
