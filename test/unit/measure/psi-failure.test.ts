/**
 * PSI's failure answers → our codes. The envelopes are the ones people recorded from the live API
 * (test/fixtures/psi/reference/runpagespeed-v5.json, with their sources), plus Google's general error
 * model for the cases nobody recorded for PSI.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUOTA_RETRY_AFTER_SECONDS, MAX_UPSTREAM_MESSAGE_CHARS } from '../../../src/core/measure/limits.ts';
import {
  classifyPsiFailure,
  retryAfterSeconds,
  upstreamMessage,
} from '../../../src/core/measure/psi-failure.ts';

const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/psi/reference/runpagespeed-v5.json', import.meta.url), 'utf8'),
) as {
  errors: Record<string, { status: number; body?: unknown; message?: string }>;
};
const NOW = Date.parse('2026-12-03T12:00:00Z');
const recorded = (name: string) => reference.errors[name]!;
const envelope = (code: number, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message, ...extra },
});

describe('classifyPsiFailure', () => {
  const table: Array<
    [label: string, status: number, body: unknown, retryAfter: string | null, code: string]
  > = [
    [
      'recorded quota (429 RESOURCE_EXHAUSTED)',
      recorded('quota').status,
      recorded('quota').body,
      null,
      'psi_quota',
    ],
    [
      'recorded lighthouseUserError FAILED_DOCUMENT_REQUEST (400)',
      recorded('lighthouseUserError').status,
      recorded('lighthouseUserError').body,
      null,
      'page_unreachable',
    ],
    [
      'recorded ERRORED_DOCUMENT_REQUEST message (500)',
      recorded('lighthouseError').status,
      envelope(500, recorded('lighthouseError').message!),
      null,
      'page_unreachable',
    ],
    [
      'NO_FCP (500)',
      500,
      envelope(500, 'Lighthouse returned error: NO_FCP. The page did not paint any content.'),
      null,
      'lighthouse_error',
    ],
    [
      'a lighthouse-domain error without the usual prefix',
      500,
      envelope(500, 'Something odd.', { errors: [{ domain: 'lighthouse', reason: 'lighthouseError' }] }),
      null,
      'lighthouse_error',
    ],
    [
      'quota by reason only (403 dailyLimitExceeded)',
      403,
      envelope(403, 'Daily Limit Exceeded', { errors: [{ reason: 'dailyLimitExceeded' }] }),
      null,
      'psi_quota',
    ],
    ['429 without a body', 429, undefined, null, 'psi_quota'],
    [
      '500 INTERNAL',
      500,
      envelope(500, 'Internal error encountered.', { status: 'INTERNAL' }),
      null,
      'psi_unavailable',
    ],
    ['503 HTML page', 503, undefined, null, 'psi_unavailable'],
    [
      '400 bad API key',
      400,
      envelope(400, 'API key not valid. Please pass a valid API key.', { status: 'INVALID_ARGUMENT' }),
      null,
      'psi_refused',
    ],
    [
      '403 API not enabled',
      403,
      envelope(403, 'PageSpeed Insights API has not been used in project 1 before or it is disabled.', {
        status: 'PERMISSION_DENIED',
      }),
      null,
      'psi_refused',
    ],
    ['404 from a wrong PSI_ENDPOINT', 404, undefined, null, 'psi_refused'],
  ];

  it.each(table)('%s → %s', (_label, status, body, retryAfter, code) => {
    expect(classifyPsiFailure({ status, body, retryAfter, now: NOW }).code).toBe(code);
  });

  it('passes on Lighthouse’s explanation without PSI’s prefix, and names the code', () => {
    const failure = classifyPsiFailure({
      status: 400,
      body: recorded('lighthouseUserError').body,
      retryAfter: null,
      now: NOW,
    });
    expect(failure.message).toMatch(
      /^Lighthouse could not load the page \(FAILED_DOCUMENT_REQUEST\): Lighthouse was unable/,
    );
    expect(failure.message).toContain('net::ERR_TIMED_OUT');
    expect(failure.message).not.toContain('Lighthouse returned error');
  });

  it('a spent quota waits PSI’s Retry-After, else QUOTA_RETRY_AFTER_SECONDS', () => {
    const quota = recorded('quota');
    expect(
      classifyPsiFailure({ status: 429, body: quota.body, retryAfter: null, now: NOW }).retryAfterSeconds,
    ).toBe(QUOTA_RETRY_AFTER_SECONDS);
    const later = classifyPsiFailure({ status: 429, body: quota.body, retryAfter: '600', now: NOW });
    expect(later.retryAfterSeconds).toBe(600);
    expect(later.message).toContain('10 minutes');
  });

  it('other failures carry no Retry-After', () => {
    expect(
      classifyPsiFailure({ status: 500, body: undefined, retryAfter: '30', now: NOW }).retryAfterSeconds,
    ).toBeUndefined();
  });
});

describe('retryAfterSeconds (RFC 9110 §10.2.3)', () => {
  it.each([
    ['120', 120],
    [' 5 ', 5],
    ['0', 1],
    ['99999999', 86_400],
    [new Date(NOW + 90_000).toUTCString(), 90],
    [new Date(NOW - 90_000).toUTCString(), 1],
    ['soon', null],
    ['', null],
    [null, null],
  ] as const)('%s → %s', (value, seconds) => {
    expect(retryAfterSeconds(value, NOW)).toBe(seconds);
  });
});

describe('upstreamMessage', () => {
  it('keeps one line and cuts at MAX_UPSTREAM_MESSAGE_CHARS', () => {
    expect(upstreamMessage('a\n  b\tc ')).toBe('a b c');
    const long = upstreamMessage('x'.repeat(MAX_UPSTREAM_MESSAGE_CHARS * 2));
    expect(long).toHaveLength(MAX_UPSTREAM_MESSAGE_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});
