import { describe, expect, it } from 'vitest';
import {
  lighthouseCodeIn,
  lighthouseFailure,
  PAGE_LOAD_ERROR_CODES,
} from '../../../src/core/measure/lighthouse-errors.ts';

describe('Lighthouse runtime errors', () => {
  it.each([...PAGE_LOAD_ERROR_CODES])('%s means the page could not be loaded', (code) => {
    expect(lighthouseFailure(code, 'why').code).toBe('page_unreachable');
  });

  it.each(['NO_FCP', 'NO_LCP', 'PROTOCOL_TIMEOUT', 'TARGET_CRASHED', 'NO_TRACING_STARTED', 'SOMETHING_NEW'])(
    '%s means Lighthouse could not measure it',
    (code) => {
      expect(lighthouseFailure(code, 'why').code).toBe('lighthouse_error');
    },
  );

  it('names the code and keeps the explanation', () => {
    expect(lighthouseFailure('NO_FCP', ' The page did not paint. ').message).toBe(
      'Lighthouse could not measure the page (NO_FCP): The page did not paint.',
    );
    expect(lighthouseFailure('NO_FCP', '').message).toContain('no explanation given');
  });

  it.each([
    ['Lighthouse returned error: NO_FCP. The page…', 'NO_FCP'],
    ['Lighthouse returned error: ERRORED_DOCUMENT_REQUEST. x (Status code: 500)', 'ERRORED_DOCUMENT_REQUEST'],
    ['lighthouse returned error: no_fcp', null],
    ['Quota exceeded', null],
  ])('lighthouseCodeIn(%j) → %s', (message, code) => {
    expect(lighthouseCodeIn(message)).toBe(code);
  });
});
