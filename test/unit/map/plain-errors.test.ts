/**
 * Failure messages on the mapper page (src/core/map/plain-errors.ts): they lead with what to do, in words,
 * and keep the API's code and message as details, never in the sentence itself.
 */
import { describe, expect, it } from 'vitest';
import { plainError } from '../../../src/core/map/plain-errors.ts';
import { SCAN_REFUSALS } from '../../../src/core/scan/refusals.ts';

const API_CODES = [
  ...Object.keys(SCAN_REFUSALS),
  'rate_limited',
  'invalid_report_id',
  'report_not_found',
  'report_too_large',
  'network_error',
  'http_502',
  'something_new',
];

describe('plainError', () => {
  it.each(API_CODES)(
    '%s: a sentence without the code or snake_case jargon, code and message kept',
    (code) => {
      const plain = plainError(code, `API said: ${code}`, 'scan');
      expect(plain.lead).not.toMatch(/\b[a-z]+_[a-z_0-9]+\b/);
      expect(plain.lead).toMatch(/^[A-Z].*\.$/);
      expect(plain.code).toBe(code);
      expect(plain.detail).toBe(`API said: ${code}`);
    },
  );

  it('tells how long to wait after a 429, from Retry-After or else from the message', () => {
    const m = 'Too many scan requests from your address; retry in 4 s.';
    expect(plainError('rate_limited', m, 'scan', 9).lead).toContain('Wait 9 seconds');
    expect(plainError('rate_limited', m, 'scan').lead).toContain('Wait 4 seconds');
    expect(plainError('rate_limited', 'slow down', 'save').lead).toContain('Wait a minute');
  });

  it.each([
    ['save', /download it as JSON or CSV/],
    ['load', /map the page again/],
    ['scan', /Try again in a moment/],
  ] as const)('an unknown failure of %s still says what to do', (action, lead) => {
    expect(plainError('http_500', 'boom', action).lead).toMatch(lead);
  });

  it('private_address points to the HAR import, which works for internal pages', () => {
    expect(plainError('private_address', '10.0.0.1, a private address', 'scan').lead).toMatch(/HAR/);
  });
});
