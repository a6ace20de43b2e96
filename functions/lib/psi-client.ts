/**
 * The one call to PageSpeed Insights: GET runPagespeed within the time limit, its body read up to
 * MAX_PSI_RESPONSE_BYTES, then handed to the pure readers (src/core/measure). Network trouble, the time
 * limit and an oversized or non-JSON body become failures here; everything PSI says is judged there.
 */
import { failed, type MeasureFailed } from '../../src/core/measure/failures.ts';
import { MAX_PSI_RESPONSE_BYTES } from '../../src/core/measure/limits.ts';
import { classifyPsiFailure } from '../../src/core/measure/psi-failure.ts';
import { readPsiResult, type MeasureRequest } from '../../src/core/measure/read-psi-result.ts';
import type { Measurement } from '../../src/core/measure/types.ts';
import { readCappedText } from './json-body.ts';

export interface PsiCall extends MeasureRequest {
  /** The full runPagespeed URL (psiRequestUrl). */
  psiUrl: URL;
  timeLimitMs: number;
  fetch: typeof fetch;
}

class TooLarge extends Error {}

const secondsOf = (ms: number) => Math.round(ms / 1000);

export async function callPsi(
  call: PsiCall,
): Promise<{ ok: true; measurement: Measurement } | MeasureFailed> {
  const signal = AbortSignal.timeout(call.timeLimitMs);
  let response: Response;
  let text: string;
  try {
    response = await call.fetch(call.psiUrl.href, { signal, headers: { accept: 'application/json' } });
    text = await readCappedText(response, MAX_PSI_RESPONSE_BYTES, () => new TooLarge());
  } catch (error) {
    if (signal.aborted) {
      return failed(
        'psi_timeout',
        `PageSpeed Insights did not finish within ${secondsOf(call.timeLimitMs)} s. Slow pages sometimes take longer: try again, or enter your TTI by hand.`,
      );
    }
    if (error instanceof TooLarge) {
      return failed(
        'psi_unavailable',
        `PageSpeed Insights sent more than ${MAX_PSI_RESPONSE_BYTES / 1024 / 1024} MiB; the answer was not read.`,
      );
    }
    return failed(
      'psi_unavailable',
      'PageSpeed Insights could not be reached. Try again later, or enter your TTI by hand.',
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    return classifyPsiFailure({
      status: response.status,
      body,
      retryAfter: response.headers.get('retry-after'),
      now: call.now,
    });
  }
  return readPsiResult(body, call);
}
