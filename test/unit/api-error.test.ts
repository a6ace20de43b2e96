import { describe, expect, it } from 'vitest';
import { ApiError, issuesFrom } from '../../src/core/http/api-error.ts';

describe('ApiError', () => {
  it('serialises to the one envelope, with issues only when present', () => {
    expect(new ApiError(400, 'bad_input', 'Fix it').toJSON()).toEqual({
      error: { code: 'bad_input', message: 'Fix it' },
    });
    const withIssues = new ApiError(400, 'bad_input', 'Fix it', { issues: [{ path: 'a', message: 'm' }] });
    expect(withIssues.toJSON().error.issues).toEqual([{ path: 'a', message: 'm' }]);
  });

  it('joins issue paths with dots', () => {
    expect(issuesFrom([{ path: ['hosts', 3], message: 'bad host' }])).toEqual([
      { path: 'hosts.3', message: 'bad host' },
    ]);
  });
});
