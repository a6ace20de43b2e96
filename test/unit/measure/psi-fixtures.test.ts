/**
 * The fixture PageSpeed Insights data (test/fixtures/psi/) and server answers (test/support/psi/answers.ts)
 * against what they claim to be: each recording is the Lighthouse it names, run with PSI's settings, with
 * the audits its case needs; every answer has the shape of Google's reference (recorded in
 * test/fixtures/psi/reference/runpagespeed-v5.json); and the readers turn each case into the outcome the
 * README promises.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyPsiFailure } from '../../../src/core/measure/psi-failure.ts';
import { readPsiResult } from '../../../src/core/measure/read-psi-result.ts';
import { answerFor, CASE_PARAM, PSI_CASES, PSI_FIXTURES_DIR } from '../../support/psi/answers.ts';
import { FIXTURE_ORIGIN, PSI_RECORDINGS, type RecordingsFile } from '../../support/psi/recordings.ts';

type Json = Record<string, unknown>;
const read = (path: string) => JSON.parse(readFileSync(`${PSI_FIXTURES_DIR}${path}`, 'utf8')) as Json;
const reference = read('reference/runpagespeed-v5.json') as { response: Json };
const manifest = read('recordings.json') as unknown as RecordingsFile;
const NOW = Date.parse('2026-12-03T12:00:00Z');
const ORIGIN = 'http://127.0.0.1:4321';

describe('recorded Lighthouse reports', () => {
  it.each(PSI_RECORDINGS.map((r) => [r.name, r] as const))(
    '%s is what it claims to be',
    (name, recording) => {
      const text = readFileSync(`${PSI_FIXTURES_DIR}lighthouse/${recording.file}`, 'utf8');
      const lhr = JSON.parse(text) as {
        lighthouseVersion: string;
        requestedUrl: string;
        runtimeError?: { code: string };
        configSettings: {
          formFactor: string;
          throttlingMethod: string;
          throttling: { cpuSlowdownMultiplier: number };
        };
        audits: Record<string, unknown>;
      };
      expect(manifest.recordings[name]?.lighthouseVersion).toBe(lhr.lighthouseVersion);
      expect(lhr.lighthouseVersion.startsWith(recording.lighthouse === 'old' ? '12.3.' : '13.')).toBe(true);
      expect(lhr.requestedUrl).toBe(`${FIXTURE_ORIGIN}${recording.path}`);
      // PSI's own settings (Lighthouse's lr-mobile-config / lr-desktop-config).
      expect(lhr.configSettings.formFactor).toBe(recording.strategy);
      expect(lhr.configSettings.throttlingMethod).toBe('simulate');
      expect(lhr.configSettings.throttling.cpuSlowdownMultiplier).toBe(
        recording.strategy === 'mobile' ? 1.2 : 1,
      );
      expect(Boolean(lhr.runtimeError)).toBe(Boolean(recording.expectRuntimeError));
      // Trimmed as the script says: no stack traces, no local paths, no screenshots beyond a 1×1 pixel.
      expect(text).not.toMatch(/errorStack|file:\/\//);
      expect(text).not.toMatch(/data:image\/(?:jpeg|webp)/);
      if (!recording.expectRuntimeError) {
        expect('third-parties-insight' in lhr.audits).toBe(recording.lighthouse === 'current');
        expect('third-party-summary' in lhr.audits).toBe(recording.lighthouse === 'old');
        expect(lhr.audits).toHaveProperty('interactive');
      }
    },
  );
});

describe('fixture PSI answers follow Google’s reference', () => {
  const documented = Object.keys(reference.response);
  const successes = [
    ['/sites/shop.html', 'mobile'],
    ['/sites/shop.html', 'desktop'],
    ['/', 'mobile'],
    ['/sites/simple.html', 'desktop'],
    [`/sites/shop.html?${CASE_PARAM}=old-lighthouse`, 'mobile'],
    [`/?${CASE_PARAM}=runtime-error`, 'mobile'],
  ] as const;

  it.each(successes)(
    '%s (%s): only documented top-level fields, the measured URL, no placeholder origin',
    (path, strategy) => {
      const answer = answerFor(`${ORIGIN}${path}`, strategy, NOW);
      expect(answer.status).toBe(200);
      const body = answer.body as Json;
      for (const key of Object.keys(body)) expect(documented, key).toContain(key);
      expect(body['kind']).toBe('pagespeedonline#result');
      expect(JSON.stringify(body)).not.toContain(FIXTURE_ORIGIN);
      expect((body['lighthouseResult'] as Json)['requestedUrl']).toBe(`${ORIGIN}${path}`);
      expect(Object.keys(body['loadingExperience'] as Json)).toContain('initial_url');
    },
  );

  it.each(PSI_CASES.filter((c) => !['slow', 'runtime-error', 'old-lighthouse', 'not-json'].includes(c)))(
    'the %s case answers with Google’s error envelope',
    (kase) => {
      const answer = answerFor(`${ORIGIN}/?${CASE_PARAM}=${kase}`, 'mobile', NOW);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      const error = (answer.body as { error: Json }).error;
      for (const key of Object.keys(error)) expect(['code', 'message', 'errors', 'status']).toContain(key);
      expect(error['code']).toBe(answer.status);
    },
  );
});

describe('each fixture case reads as the README promises', () => {
  const outcome = (path: string, strategy: 'mobile' | 'desktop' = 'mobile') => {
    const url = `${ORIGIN}${path}`;
    const answer = answerFor(url, strategy, NOW);
    if (answer.hold) return 'hold';
    if (answer.status >= 400)
      return classifyPsiFailure({ status: answer.status, body: answer.body, retryAfter: null, now: NOW })
        .code;
    const read = readPsiResult(answer.text ? undefined : answer.body, { url, strategy, now: NOW });
    return read.ok
      ? `ok ${read.measurement.thirdPartyAudit} field:${read.measurement.field ? 'yes' : 'no'}`
      : read.code;
  };

  it.each([
    ['/sites/shop.html', 'ok third-parties-insight field:yes'],
    ['/sites/simple.html', 'ok third-parties-insight field:no'],
    ['/', 'ok third-parties-insight field:no'],
    [`/sites/shop.html?${CASE_PARAM}=old-lighthouse`, 'ok third-party-summary field:yes'],
    [`/?${CASE_PARAM}=quota`, 'psi_quota'],
    [`/?${CASE_PARAM}=slow`, 'hold'],
    [`/?${CASE_PARAM}=server-error`, 'psi_unavailable'],
    [`/?${CASE_PARAM}=unreachable`, 'page_unreachable'],
    [`/?${CASE_PARAM}=runtime-error`, 'page_unreachable'],
    [`/?${CASE_PARAM}=not-json`, 'psi_unavailable'],
    [`/?${CASE_PARAM}=bad-key`, 'psi_refused'],
    ['/status/500', 'page_unreachable'],
    ['/never-recorded.html', 'psi_unavailable'],
  ])('%s → %s', (path, expected) => {
    expect(outcome(path)).toBe(expected);
  });
});
