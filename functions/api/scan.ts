/**
 * POST /api/scan `{ "url": "example.com", "mode"?: "auto" | "rendered" | "static" }` → ScanResponse: the
 * page's resources and hosts, seen by a real browser (rendered) or in the served HTML (static).
 * Validation and the SSRF policy live in src/core/scan; which scan answers, in functions/lib/scan-by-mode.ts.
 * Like every body-carrying route: 405 for other methods, 415 unless JSON, 413 past MAX_REQUEST_BODY_BYTES.
 */
import { ApiError, issuesFrom } from '../../src/core/http/api-error.ts';
import { checkTarget } from '../../src/core/scan/check-target.ts';
import { MAX_REQUEST_BODY_BYTES } from '../../src/core/scan/limits.ts';
import { normaliseScanUrl, parseAllowedOrigins } from '../../src/core/scan/normalise-url.ts';
import { SCAN_REFUSALS } from '../../src/core/scan/refusals.ts';
import { scanRequestSchema } from '../../src/core/scan/request-schema.ts';
import { readJsonBody } from '../lib/json-body.ts';
import { methodNotAllowed } from '../lib/method-not-allowed.ts';
import { json } from '../lib/respond.ts';
import { scanByMode } from '../lib/scan-by-mode.ts';
import { staticScanPolicy } from '../lib/static-scan.ts';

export const onRequestPost: PagesFunction<Env> = async ({ request, env, waitUntil, data }) => {
  const body = await readJsonBody(request, {
    maxBytes: MAX_REQUEST_BODY_BYTES,
    tooLarge: () =>
      new ApiError(
        SCAN_REFUSALS.payload_too_large,
        'payload_too_large',
        `The request body is over ${MAX_REQUEST_BODY_BYTES} bytes.`,
      ),
    notJson: () =>
      new ApiError(SCAN_REFUSALS.invalid_request, 'invalid_request', 'The request body is not JSON.'),
    mediaTypeHint: 'Send {"url": "..."} as application/json.',
  });
  const input = scanRequestSchema.safeParse(body);
  if (!input.success) {
    throw new ApiError(
      SCAN_REFUSALS.invalid_request,
      'invalid_request',
      'Send {"url": "...", "mode": "auto" | "rendered" | "static"} as JSON.',
      { issues: issuesFrom(input.error.issues) },
    );
  }
  const allowedOrigins = parseAllowedOrigins(env.SCAN_ALLOWED_ORIGINS);
  const normalised = normaliseScanUrl(input.data.url, { allowedOrigins });
  if (!normalised.ok) throw new ApiError(SCAN_REFUSALS[normalised.code], normalised.code, normalised.message);

  // The policy runs before any cache or browser, so nothing is served or started for an address now refused;
  // the static scan then reuses this check's DoH budget and answers.
  const staticPolicy = staticScanPolicy(env, allowedOrigins);
  const verdict = await checkTarget(normalised.url.href, staticPolicy.policy);
  if (!verdict.ok) throw new ApiError(SCAN_REFUSALS[verdict.code], verdict.code, verdict.message);

  const answer = await scanByMode(normalised.url, input.data.mode, {
    env,
    data,
    waitUntil,
    allowedOrigins,
    staticPolicy,
  });
  return json(answer.body, { headers: { ...noStore, ...answer.headers } });
};

/** The answer depends on a remote site at one moment; shared caches must not keep it. */
const noStore = { 'cache-control': 'no-store' };

/** Anything but POST: 405 with the envelope. */
export const onRequest = methodNotAllowed('POST', 'Use POST with {"url": "..."} as JSON.');
