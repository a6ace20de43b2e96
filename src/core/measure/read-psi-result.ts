/**
 * A successful PageSpeed Insights answer (HTTP 2xx) read into a Measurement, or the failure it really is:
 * a body that is not a PSI result, a Lighthouse runtime error inside the result
 * (`lighthouseResult.runtimeError`, "a serious enough problem that this Lighthouse result may need to
 * be discarded", Google's reference), or a report without any of the lab metrics. Missing parts that
 * leave the rest useful (TTI alone, the third-party audit, field data) are notes, not failures.
 */
import { failed, type MeasureFailed } from './failures.ts';
import { readFieldData } from './field-data.ts';
import { readLabMetrics } from './lab-metrics.ts';
import { lighthouseFailure } from './lighthouse-errors.ts';
import { MAX_THIRD_PARTIES } from './limits.ts';
import { psiResultSchema } from './psi-schema.ts';
import { thirdPartyScenario } from './scenario.ts';
import { readThirdParties } from './third-parties.ts';
import type { Measurement, MeasureNote, Strategy } from './types.ts';

export interface MeasureRequest {
  /** The normalised URL sent to PSI. */
  url: string;
  strategy: Strategy;
  /** Milliseconds clock, for `fetchedAt` when PSI gives no time. */
  now: number;
}

/** A timestamp PSI gave, normalised to ISO 8601, or null when it gave none that parses. */
function isoTime(value: string | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

export function readPsiResult(
  body: unknown,
  request: MeasureRequest,
): { ok: true; measurement: Measurement } | MeasureFailed {
  const parsed = psiResultSchema.safeParse(body);
  if (!parsed.success) {
    return failed(
      'psi_unavailable',
      'PageSpeed Insights answered with something that is not a Lighthouse result. Try again later, or enter your TTI by hand.',
    );
  }
  const psi = parsed.data;
  const lhr = psi.lighthouseResult;
  if (lhr.runtimeError) return lighthouseFailure(lhr.runtimeError.code, lhr.runtimeError.message ?? '');

  const lab = readLabMetrics(lhr);
  if (lab.ttiMs === null && lab.tbtMs === null && lab.lcpMs === null) {
    return failed(
      'lighthouse_error',
      `Lighthouse ${lab.lighthouseVersion} returned a report without Time to Interactive, Total Blocking Time or Largest Contentful Paint.`,
    );
  }
  const notes: MeasureNote[] = [];
  if (lab.ttiMs === null) {
    notes.push({
      code: 'tti_missing',
      message: `Lighthouse ${lab.lighthouseVersion} did not report Time to Interactive for this page; enter your TTI by hand.`,
    });
  }
  const missing = (['tbtMs', 'lcpMs', 'fcpMs'] as const).filter((key) => lab[key] === null);
  if (missing.length > 0) {
    notes.push({ code: 'lab_metric_missing', message: `Lighthouse did not report ${missing.join(', ')}.` });
  }

  const { thirdParties, audit } = readThirdParties(lhr, lab.cpuSlowdown);
  if (audit === null) {
    notes.push({
      code: 'third_parties_missing',
      message: `This Lighthouse ${lab.lighthouseVersion} report has neither a third-parties-insight nor a third-party-summary audit, so third-party costs are unknown.`,
    });
  }
  // The scenario counts every company, also those past the listed MAX_THIRD_PARTIES.
  const scenario = thirdPartyScenario(lab, thirdParties);
  if (thirdParties.length > MAX_THIRD_PARTIES) {
    const left = thirdParties.length - MAX_THIRD_PARTIES;
    notes.push({
      code: 'third_parties_truncated',
      message:
        left === 1 ? '1 lighter third party is not listed.' : `${left} lighter third parties are not listed.`,
    });
  }

  return {
    ok: true,
    measurement: {
      url: request.url,
      finalUrl: lhr.finalDisplayedUrl ?? lhr.finalUrl ?? psi.id ?? request.url,
      strategy: request.strategy,
      fetchedAt:
        isoTime(psi.analysisUTCTimestamp) ?? isoTime(lhr.fetchTime) ?? new Date(request.now).toISOString(),
      lab,
      field: readFieldData(psi.originLoadingExperience),
      thirdParties: thirdParties.slice(0, MAX_THIRD_PARTIES),
      thirdPartyAudit: audit,
      scenario,
      notes,
    },
  };
}
