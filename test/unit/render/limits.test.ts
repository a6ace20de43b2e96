/**
 * The rendered scan's limits (src/core/render/limits.ts): every named limit is reported in
 * `RENDER_LIMITS` (so `ScanResponse.limits` and docs/scan.md can list it), none collides with a static
 * scan limit's name, and they fit together.
 */
import { describe, expect, it } from 'vitest';
import * as limits from '../../../src/core/render/limits.ts';
import { SCAN_LIMITS } from '../../../src/core/scan/limits.ts';

describe('rendered scan limits', () => {
  it('reports every exported limit under its camelCase name, except the per-command CDP timeout', () => {
    const exported = Object.entries(limits)
      .filter(([name, value]) => typeof value === 'number' && name !== 'CDP_COMMAND_TIMEOUT_MS')
      .map(([, value]) => value as number)
      .sort((a, b) => a - b);
    expect(Object.values(limits.RENDER_LIMITS).sort((a, b) => a - b)).toEqual(exported);
  });

  it('shares no name with the static scan limits (the response merges both)', () => {
    for (const name of Object.keys(limits.RENDER_LIMITS))
      expect(Object.keys(SCAN_LIMITS)).not.toContain(name);
  });

  it('fit together: quiet < after-load < total; the keep-alive within the service’s 10 minutes', () => {
    expect(limits.NETWORK_QUIET_MS).toBeLessThan(limits.AFTER_LOAD_LIMIT_MS);
    expect(limits.AFTER_LOAD_LIMIT_MS).toBeLessThan(limits.RENDER_TIME_LIMIT_MS);
    expect(limits.CDP_COMMAND_TIMEOUT_MS).toBeLessThan(limits.RENDER_TIME_LIMIT_MS);
    expect(limits.BROWSER_KEEP_ALIVE_MS).toBeLessThanOrEqual(10 * 60_000);
    expect(limits.MAX_BLOCKED_LISTED).toBeLessThan(limits.MAX_RENDER_REQUESTS);
  });
});
