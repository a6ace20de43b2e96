import { describe, expect, it } from 'vitest';
import * as limits from '../../../src/core/dns/limits.ts';

describe('resolver limits', () => {
  it('one cold call fits the Workers free plan: hosts × queries per host ≤ DoH budget ≤ 50 − reserve', () => {
    expect(limits.DOH_SUBREQUEST_BUDGET).toBe(limits.WORKERS_FREE_SUBREQUESTS - limits.RESERVED_SUBREQUESTS);
    expect(limits.MAX_HOSTS_PER_REQUEST * limits.QUERIES_PER_HOST_COLD).toBeLessThanOrEqual(
      limits.DOH_SUBREQUEST_BUDGET,
    );
    expect((limits.MAX_HOSTS_PER_REQUEST + 1) * limits.QUERIES_PER_HOST_COLD).toBeGreaterThan(
      limits.DOH_SUBREQUEST_BUDGET,
    );
    expect(limits.MAX_HOSTS_PER_REQUEST).toBe(9);
  });

  it('never runs more queries at once than Workers allow connections (6)', () => {
    expect(limits.MAX_CONCURRENT_QUERIES).toBe(6);
  });

  it('fits every attempt of a question inside the call deadline', () => {
    expect(limits.QUERY_TIMEOUT_MS * limits.MAX_ATTEMPTS).toBeLessThan(limits.RESOLVE_DEADLINE_MS);
  });

  it('keeps negative caching short and bounded (RFC 2308)', () => {
    expect(limits.NEGATIVE_TTL_NO_SOA_S).toBeLessThan(limits.NEGATIVE_TTL_CAP_S);
    expect(limits.NEGATIVE_TTL_CAP_S).toBeLessThanOrEqual(3 * 3600); // RFC 2308 §5: 1-3 hours is the usual maximum
    expect(limits.SERVFAIL_TTL_S).toBeLessThanOrEqual(300); // RFC 2308 §7.1: at most five minutes
  });
});
