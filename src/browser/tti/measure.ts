/**
 * "Measure your page": asks GET /api/measure, shows its progress and answer, renders "Your page,
 * measured" (render-measurement.ts) and fills the calculator: current TTI from Lighthouse, target from the
 * third-party scenario. Loaded by island.ts on first use of the measure form, so the page's load runs
 * none of it. A failure leaves the calculator exactly as it was, usable by hand.
 */
import type { MeasureResponse } from '../../core/measure/types.ts';
import { escapeHtml as escape } from '../../components/tti/escape-html.ts';
import { calculatorValues, renderMeasurementHtml } from '../../components/tti/render-measurement.ts';

/**
 * How long the page waits for /api/measure: the route's own limit (60 s, MEASURE_TIME_LIMIT_MS) plus its
 * DNS check (5 s) and the network; past it the route has already answered or failed.
 */
export const CLIENT_TIME_LIMIT_MS = 75_000;

export interface MeasureParts {
  measureForm: HTMLFormElement;
  calcForm: HTMLFormElement;
  /** The calculator's box of carried parameters (#tti-extra): the measured page rides along as `url`. */
  extra: HTMLElement | null;
}

const byId = (id: string) => document.getElementById(id);

function say(html: string, kind: 'busy' | 'done' | 'error'): void {
  const status = byId('m-status');
  if (!status) return;
  status.innerHTML = html;
  status.dataset['state'] = kind;
}

/** The envelope's message, or a plain one for answers that are not ours (a proxy's HTML error page). */
function failureMessage(status: number, body: unknown): { code: string; message: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.code === 'string' && typeof error.message === 'string')
    return { code: error.code, message: error.message };
  return { code: 'http_error', message: `The measuring service answered with HTTP ${status}.` };
}

function isMeasurement(body: unknown): body is MeasureResponse {
  const m = body as Partial<MeasureResponse> | null;
  return (
    typeof m?.url === 'string' && typeof m.lab === 'object' && m.lab !== null && Array.isArray(m.thirdParties)
  );
}

/** Puts a value into a calculator input (as if typed: the island recomputes on the input event). */
function fill(form: HTMLFormElement, name: string, value: string): void {
  const input = form.elements.namedItem(name) as HTMLInputElement | null;
  if (input) input.value = value;
}

/** The measured page as the calculator's carried `url`, so a shared result names its page. */
function carryUrl(extra: HTMLElement | null, url: string): void {
  if (!extra) return;
  let input = extra.querySelector<HTMLInputElement>('input[name="url"]');
  if (!input) {
    input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'url';
    extra.append(input);
  }
  input.value = url;
}

const localTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function show(parts: MeasureParts, m: MeasureResponse): void {
  const section = byId('tti-measurement');
  const body = byId('mm-body');
  if (section && body) {
    body.innerHTML = renderMeasurementHtml(m, localTime);
    section.hidden = false;
  }
  const values = calculatorValues(m);
  if (values.current) fill(parts.calcForm, 'current', values.current);
  if (values.target) fill(parts.calcForm, 'target', values.target);
  carryUrl(parts.extra, m.url);
  parts.calcForm.dispatchEvent(new Event('input', { bubbles: true }));
  const filled = values.current
    ? `Current TTI ${escape(values.current)} s${values.target ? ` and target ${escape(values.target)} s (the third-party scenario)` : ''} are filled in below.`
    : 'Lighthouse reported no TTI for this page: type yours below.';
  say(
    `Measured (${m.strategy === 'mobile' ? 'phone' : 'desktop'}, ${escape(localTime(m.fetchedAt))}). ${filled} ` +
      `<a href="#mm-h">See what your third parties cost</a>.`,
    'done',
  );
}

let busy = false;

export async function measure(parts: MeasureParts): Promise<void> {
  if (busy) return;
  const { measureForm } = parts;
  const input = measureForm.elements.namedItem('url') as HTMLInputElement;
  const strategy = new FormData(measureForm).get('strategy') === 'desktop' ? 'desktop' : 'mobile';
  const url = input.value.trim();
  if (url === '') {
    input.setAttribute('aria-invalid', 'true');
    say('Enter the address of your page first, e.g. www.your-shop.com/.', 'error');
    input.focus();
    return;
  }
  input.removeAttribute('aria-invalid');
  delete measureForm.dataset['failure'];
  const button = byId('m-submit') as HTMLButtonElement | null;
  busy = true;
  if (button) button.disabled = true;
  measureForm.setAttribute('aria-busy', 'true');
  const started = Date.now();
  const device = strategy === 'mobile' ? 'phone' : 'desktop';
  // The elapsed seconds are for the eye only (aria-hidden): a live region must not speak every second.
  say(
    `Measuring on a simulated ${device} with PageSpeed Insights (10–40 s)… <span class="m-elapsed" aria-hidden="true"></span>`,
    'busy',
  );
  const timer = setInterval(() => {
    const elapsed = document.querySelector('#m-status .m-elapsed');
    if (elapsed) elapsed.textContent = `${Math.round((Date.now() - started) / 1000)} s`;
  }, 1000);
  try {
    const response = await fetch(`/api/measure?${new URLSearchParams({ url, strategy })}`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(CLIENT_TIME_LIMIT_MS),
    });
    const body: unknown = await response.json().catch(() => null);
    if (response.ok && isMeasurement(body)) {
      show(parts, body);
      return;
    }
    const failure = failureMessage(response.status, body);
    say(
      `${escape(failure.message)} <span class="m-hand">The calculator below still works with values you type.</span>`,
      'error',
    );
    measureForm.dataset['failure'] = failure.code;
  } catch {
    say(
      'The measuring service did not answer. Check your connection and try again; the calculator below still works with values you type.',
      'error',
    );
    measureForm.dataset['failure'] = 'network';
  } finally {
    clearInterval(timer);
    busy = false;
    if (button) button.disabled = false;
    measureForm.removeAttribute('aria-busy');
  }
}
