/**
 * A PageSpeed Insights answer that is not a result, as one of our failures. PSI answers failures with
 * Google's error envelope `{ error: { code, message, status?, errors?: [{ domain, reason, message }] } }`
 * (recorded examples in test/fixtures/psi/README.md): 429 RESOURCE_EXHAUSTED / rateLimitExceeded when a
 * quota is spent, 400 or 500 with "Lighthouse returned error: CODE. …" (domain "lighthouse") when
 * Lighthouse failed, other 4xx when it refuses the request itself (a bad key), 5xx when it broke.
 */
import { failed, type MeasureFailed } from './failures.ts';
import { MAX_UPSTREAM_MESSAGE_CHARS, QUOTA_RETRY_AFTER_SECONDS } from './limits.ts';
import { lighthouseCodeIn, lighthouseFailure } from './lighthouse-errors.ts';
import { psiErrorSchema } from './psi-schema.ts';

/** Reasons Google APIs give for a spent quota (errors[].reason). */
const QUOTA_REASONS: ReadonlySet<string> = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'dailyLimitExceeded',
  'quotaExceeded',
]);

/** Longest Retry-After honoured, seconds: a daily quota says "tomorrow", and a day is enough to say so. */
const MAX_RETRY_AFTER_SECONDS = 86_400;

/** Retry-After as whole seconds (RFC 9110 §10.2.3: delay-seconds or an HTTP-date), or null. */
export function retryAfterSeconds(value: string | null, now: number): number | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  const seconds = /^\d+$/.test(text) ? Number(text) : Math.ceil((Date.parse(text) - now) / 1000);
  if (!Number.isFinite(seconds)) return null;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, seconds));
}

/** PSI's message cut to a readable length, one line. */
export function upstreamMessage(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_UPSTREAM_MESSAGE_CHARS
    ? `${line.slice(0, MAX_UPSTREAM_MESSAGE_CHARS - 1)}…`
    : line;
}

export interface PsiFailureInput {
  status: number;
  /** The parsed JSON body, or undefined when the body was not JSON. */
  body: unknown;
  retryAfter: string | null;
  now: number;
}

/** The failure for a non-2xx PSI answer. */
export function classifyPsiFailure({ status, body, retryAfter, now }: PsiFailureInput): MeasureFailed {
  const parsed = psiErrorSchema.safeParse(body);
  const error = parsed.success ? parsed.data.error : undefined;
  const message = upstreamMessage(error?.message ?? '');
  const reasons = new Set((error?.errors ?? []).map((e) => e.reason ?? ''));

  if (
    status === 429 ||
    error?.status === 'RESOURCE_EXHAUSTED' ||
    [...reasons].some((r) => QUOTA_REASONS.has(r))
  ) {
    const wait = retryAfterSeconds(retryAfter, now) ?? QUOTA_RETRY_AFTER_SECONDS;
    return failed(
      'psi_quota',
      `PageSpeed Insights has run out of its quota for this site for now. Try again in ${wait >= 120 ? `${Math.ceil(wait / 60)} minutes` : `${wait} s`}, or enter your TTI by hand.`,
      wait,
    );
  }
  const code =
    lighthouseCodeIn(message) ??
    ((error?.errors ?? []).some((e) => e.domain === 'lighthouse') ? 'UNKNOWN' : null);
  if (code !== null) {
    return lighthouseFailure(code, message.replace(/^Lighthouse returned error: [A-Z0-9_]+\.\s*/, ''));
  }
  const said = message ? `: ${message}` : '';
  if (status >= 500) {
    return failed(
      'psi_unavailable',
      `PageSpeed Insights could not run the measurement (HTTP ${status}${said}). Try again later, or enter your TTI by hand.`,
    );
  }
  return failed(
    'psi_refused',
    `PageSpeed Insights refused our request (HTTP ${status}${said}). This is a problem on our side, not with your page.`,
  );
}
