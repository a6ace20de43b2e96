/**
 * The mapper's error boxes: the plain sentence first, the API's own words and stable code in a closed
 * "Details" (kept for support, and as `data-code` for tests and scripts).
 */
import { plainError, type FailedAction } from '../../core/map/plain-errors.ts';
import { ApiFailure } from './api.ts';
import { h } from './dom.ts';

export function fillError(box: HTMLElement, lead: string, detail?: string, code?: string): void {
  box.replaceChildren(
    h('p', {}, lead),
    detail && detail !== lead
      ? h(
          'details',
          { class: 'deps-help' },
          h('summary', {}, 'Details'),
          h('p', {}, detail, code ? h('code', {}, ` (${code})`) : ''),
        )
      : '',
  );
  if (code) box.dataset.code = code;
  else delete box.dataset.code;
  box.hidden = false;
}

export function clearBox(box: HTMLElement): void {
  box.hidden = true;
  box.replaceChildren();
  delete box.dataset.code;
}

/** Plain words for any failure: an API envelope, a network error, or a bug. */
export function explain(
  error: unknown,
  action: FailedAction,
): { lead: string; detail: string; code: string } {
  if (error instanceof ApiFailure) return plainError(error.code, error.message, action, error.retryAfter);
  const message = error instanceof Error ? error.message : String(error);
  return plainError('unexpected', message, action);
}

/** One line for a log or an inline note: the API's message and code, or the error's own message. */
export function describe(error: unknown): string {
  if (error instanceof ApiFailure) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
