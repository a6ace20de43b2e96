/**
 * The pure parts of `npm run data:psi-fixtures` (the recording itself needs Chromium and the npm registry
 * and is not run by tests): what a stand-in third party does, and how a report is trimmed.
 */
import thirdPartyWeb from 'third-party-web';
import { describe, expect, it } from 'vitest';
import { FIXTURE_ORIGIN } from '../../support/psi/recordings.ts';
import { PIXEL_DATA_URL, trim } from '../../../scripts/data/psi/trim.ts';
import {
  DEFAULT_SPIN_MS,
  MAX_SPIN_MS,
  SCRIPT_BYTES,
  spinMsFor,
  standInScript,
} from '../../../scripts/data/psi/third-party-stand-ins.ts';

describe('third-party stand-ins', () => {
  it('spin for the company’s HTTP Archive average divided by the run’s CPU slowdown, capped', () => {
    const gtm = thirdPartyWeb.getEntity('https://www.googletagmanager.com/gtm.js')!;
    expect(spinMsFor('https://www.googletagmanager.com/gtm.js', 1.2)).toBe(
      Math.min(MAX_SPIN_MS, Math.round(gtm.averageExecutionTime / 1.2)),
    );
    expect(spinMsFor('https://www.youtube.com/embed/x', 1)).toBe(MAX_SPIN_MS);
    expect(spinMsFor('https://unknown.fixture.test/a.js', 4)).toBe(DEFAULT_SPIN_MS);
  });

  it('are scripts of a fixed size that block the main thread for that long', () => {
    const script = standInScript('https://code.jquery.com/jquery.js', 123);
    expect(script).toHaveLength(SCRIPT_BYTES);
    expect(script).toContain('performance.now() + 123');
    expect(script).toContain('window.jQuery');
  });
});

describe('trim', () => {
  const origin = 'http://127.0.0.1:41234';
  const report = {
    requestedUrl: `${origin}/sites/shop.html`,
    audits: {
      'final-screenshot': { details: { data: 'data:image/jpeg;base64,/9j/AAAA' } },
      broken: { errorMessage: 'boom', errorStack: 'Error: boom\n    at x (/home/me/lighthouse/core.js:1:1)' },
    },
    runtimeError: { code: 'NO_FCP', message: 'm', errorStack: 'at y' },
  };

  it('replaces screenshots, drops stack traces and writes the origin as the placeholder', () => {
    expect(trim(report, origin)).toEqual({
      requestedUrl: `${FIXTURE_ORIGIN}/sites/shop.html`,
      audits: { 'final-screenshot': { details: { data: PIXEL_DATA_URL } }, broken: { errorMessage: 'boom' } },
      runtimeError: { code: 'NO_FCP', message: 'm' },
    });
  });

  it('refuses to keep a local file path', () => {
    expect(() => trim({ source: 'file:///home/me/x.js' }, origin)).toThrow(/local file path/);
  });
});
