/**
 * Why a scan did not happen, as stable codes with their HTTP status. Tests assert the code, not the prose.
 *
 * No input of a caller and no behaviour of a remote site yields a 5xx from us: 5xx means our bug.
 * - 400: the request itself is malformed.
 * - 413: the request body is too large.
 * - 415: the body is not declared as application/json (functions/lib/json-body.ts, shared by every
 *   body-carrying route; 405 for other methods comes from the route's catch-all and is not a refusal of
 *   the scan's own).
 * - 422: the URL is understood but the scanner refuses it by policy (SSRF rules, redirects, not HTML).
 * - 424 (Failed Dependency, RFC 4918): the target site or its DNS failed us. A 502/504 would be the
 *   conventional gateway answer, but it would blame us, trip 5xx alerting and be retried by clients.
 *   A rendered scan (`mode: "rendered"`) that gets no browser is the same kind of failure: the browser
 *   service is a dependency, not bad input, and it is not our bug either, so it is a 424 too
 *   (`browser_unavailable`, with Retry-After when the service said when), as is a render that failed on
 *   the page's side (`render_failed`: the page crashed the renderer). `mode: "auto"` never answers with
 *   these: it falls back to the static scan and says why in `fallback`.
 */
export const SCAN_REFUSALS = {
  invalid_request: 400,
  invalid_url: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unsupported_scheme: 422,
  credentials_in_url: 422,
  port_not_allowed: 422,
  private_address: 422,
  too_many_redirects: 422,
  redirect_refused: 422,
  not_html: 422,
  unsupported_encoding: 422,
  dns_failed: 424,
  origin_unreachable: 424,
  origin_error: 424,
  timeout: 424,
  browser_unavailable: 424,
  render_failed: 424,
} as const;

/**
 * Refusals of the target policy itself (not of DNS or the network): on a redirect hop they become
 * `redirect_refused`, so a caller can tell "you asked for a private address" from "the site sent us there".
 */
export const POLICY_REFUSAL_CODES: ReadonlySet<ScanRefusalCode> = new Set([
  'invalid_url',
  'unsupported_scheme',
  'credentials_in_url',
  'port_not_allowed',
  'private_address',
]);

export type ScanRefusalCode = keyof typeof SCAN_REFUSALS;

/** A refusal raised by the pure scan core; routes turn it into an ApiError. */
export class ScanRefusal extends Error {
  readonly code: ScanRefusalCode;
  readonly status: number;

  constructor(code: ScanRefusalCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'ScanRefusal';
    this.code = code;
    this.status = SCAN_REFUSALS[code];
  }
}

/** The refusal outcome returned (not thrown) by pure checks. */
export interface Refused {
  ok: false;
  code: ScanRefusalCode;
  message: string;
}

export const refused = (code: ScanRefusalCode, message: string): Refused => ({ ok: false, code, message });
