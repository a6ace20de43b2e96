/** POST /api/scan in the OpenAPI document (route: functions/api/scan.ts). */
import {
  MAX_HOSTS,
  MAX_INPUT_URL_LENGTH,
  MAX_REQUEST_BODY_BYTES,
  MAX_RESOURCES,
  PAGE_TIME_LIMIT_MS,
  SCAN_CACHE_TTL_SECONDS,
} from '../scan/limits.ts';
import { MAX_RENDER_REQUESTS, RENDER_TIME_LIMIT_MS } from '../render/limits.ts';
import { SCAN_REFUSALS, type ScanRefusalCode } from '../scan/refusals.ts';
import { scanRequestSchema } from '../scan/request-schema.ts';
import { scanResponseSchema } from './deps.ts';
import {
  errorResponse,
  methodNotAllowedResponse,
  rateLimitedResponse,
  unsupportedMediaTypeResponse,
} from './errors.ts';
import type { PathEntry, ResponseEntry } from './registry.ts';

/**
 * The route's own schema, with the URL length normaliseScanUrl checks separately (400 invalid_url) stated
 * as maxLength, so the document shows the limit without the route refusing it under another code.
 */
const documentedRequest = scanRequestSchema.extend({
  url: scanRequestSchema.shape.url.max(MAX_INPUT_URL_LENGTH),
});

/** What each error status means for a scan (src/core/scan/refusals.ts explains the choice of 422 and 424). */
const STATUS_MEANING: Record<number, string> = {
  400: 'The request is malformed',
  413: `The body is over ${MAX_REQUEST_BODY_BYTES} bytes`,
  422: 'The URL is understood but refused by policy (SSRF rules, redirects, not HTML)',
  424: 'The target site or its DNS failed, or (mode "rendered") no browser could render it (never blamed on this API with a 5xx)',
};

/** One documented response per status of SCAN_REFUSALS, listing its codes, so a new refusal is documented as it is added. */
function refusalResponses(): Record<string, ResponseEntry> {
  const byStatus = new Map<number, ScanRefusalCode[]>();
  for (const [code, status] of Object.entries(SCAN_REFUSALS) as Array<[ScanRefusalCode, number]>) {
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      errorResponse(
        `${STATUS_MEANING[status] ?? 'Refused'}: ${codes.map((c) => `"${c}"`).join(', ')}.`,
        codes as [ScanRefusalCode, ...ScanRefusalCode[]],
      ),
    ]),
  );
}

export const scanPathEntry: PathEntry = {
  path: '/api/scan',
  method: 'post',
  operationId: 'scanPage',
  summary: 'Load a page and list the resources and hosts it references and requests',
  description: `With \`mode: "rendered"\` (and \`"auto"\`, the default, when a browser is available) loads the page in a real browser behind a fence that checks every request of every frame and worker against private and reserved addresses, records each request with its type, status and initiator until the load event plus a quiet network (at most ${RENDER_TIME_LIMIT_MS / 1000} s, ${MAX_RENDER_REQUESTS} requests), and merges it with the static scan into a superset; \`"auto"\` answers statically otherwise and says why in \`fallback\`. The static scan fetches the page (at most ${PAGE_TIME_LIMIT_MS / 1000} s, redirects re-checked hop by hop), parses its HTML and first-party stylesheets, and lists up to ${MAX_RESOURCES} resources on up to ${MAX_HOSTS} hosts with render-blocking flags. Every limit is reported in \`limits\`; \`stats.limitsHit\` names those that cut the result. Successful scans are cached for ${SCAN_CACHE_TTL_SECONDS} s per normalised URL and method.`,
  tags: ['deps'],
  requestBody: { description: `At most ${MAX_REQUEST_BODY_BYTES} bytes of JSON.`, schema: documentedRequest },
  responses: {
    '200': { description: 'The page, its resources and hosts.', schema: scanResponseSchema },
    ...refusalResponses(),
    // The same 405 and 415 as every body-carrying route (functions/lib/method-not-allowed.ts, json-body.ts).
    '405': methodNotAllowedResponse('POST'),
    '415': unsupportedMediaTypeResponse,
    '429': rateLimitedResponse('scan'),
  },
};
