/**
 * The /tti/ island's entry: small and idle at load. The page arrives with its result already rendered
 * (at build time, or by functions/tti/index.ts for a link with a query), so nothing needs computing
 * until the user acts. The model, the parser and the renderers (engine.ts) load on the first focus,
 * pointer or key press in the form and then run on every input; the copy button works at once.
 * "Measure your page" (measure.ts) loads the same way, on first use of its own form.
 */
import type * as Engine from './engine.ts';
import type * as Measure from './measure.ts';

/** How long the "Link copied" confirmation stays, milliseconds. */
const COPY_STATUS_MS = 4000;

const form = document.getElementById('tti-form') as HTMLFormElement | null;
const result = document.getElementById('tti-result');
const chart = document.getElementById('tti-chart');
const extra = document.getElementById('tti-extra');

if (form && result && chart) {
  const parts: Engine.Parts = { form, result, chart, extra };
  let engine: Promise<typeof Engine> | undefined;
  const load = () => (engine ??= import('./engine.ts'));
  const update = () => void load().then((m) => m.update(parts));
  for (const type of ['focusin', 'pointerdown', 'keydown'] as const) {
    form.addEventListener(type, () => void load(), { once: true, passive: true });
  }
  form.addEventListener('input', update);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
  });

  // A link the page was served without (a host without the Function, `astro dev`): the Function marks
  // a rendered result with data-query and carries unknown parameters as hidden inputs, so neither being
  // there means the link is not in the page yet. The engine decides what it needs (applyQuery).
  const params = new URLSearchParams(location.search);
  // Values typed before this script ran (a slow connection) fired no listener: the result on screen
  // still belongs to the values the page was served with (the inputs' value attributes), so recompute.
  const typedEarly = [...form.elements].some(
    (el) => el instanceof HTMLInputElement && el.type !== 'hidden' && el.value !== el.defaultValue,
  );
  if (typedEarly) update();
  else if (params.size > 0 && result.dataset['query'] !== params.toString() && !extra?.children.length) {
    void load().then((m) => m.applyQuery(parts, params));
  }
}

const copyButton = document.getElementById('tti-copy');
const copyStatus = document.getElementById('tti-copy-status');
if (copyButton && copyStatus) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Offered only for a valid result: an invalid link is not worth sharing (engine.ts keeps this in step).
  copyButton.classList.toggle('ready', !document.querySelector('#tti-result .issues'));
  copyButton.addEventListener('click', async () => {
    const link = location.href;
    let message = 'Link copied.';
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      message = `Copy this link: ${link}`;
    }
    copyStatus.textContent = message;
    clearTimeout(timer);
    timer = setTimeout(() => (copyStatus.textContent = ''), COPY_STATUS_MS);
  });
}

const measureForm = document.getElementById('tti-measure') as HTMLFormElement | null;
const measureButton = document.getElementById('m-submit') as HTMLButtonElement | null;
if (measureForm && measureButton && form) {
  const input = measureForm.elements.namedItem('url') as HTMLInputElement | null;
  // The mapper links here as /tti/?url=<page>: the address is filled in, measuring waits for the visitor
  // (a run spends PageSpeed Insights quota and 10–40 s, which a followed link must not).
  const linked = new URLSearchParams(location.search).get('url');
  if (input && linked && input.value === '') input.value = linked;
  if (window.self !== window.top) {
    // Embedded on another site: measuring would spend this site's quota from a page it does not control.
    const status = document.getElementById('m-status');
    if (status) status.textContent = 'Open the calculator in its own tab to measure your page.';
  } else {
    measureButton.disabled = false;
    let module: Promise<typeof Measure> | undefined;
    const load = () => (module ??= import('./measure.ts'));
    for (const type of ['focusin', 'pointerdown'] as const) {
      measureForm.addEventListener(type, () => void load(), { once: true, passive: true });
    }
    measureForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void load().then((m) => m.measure({ measureForm, calcForm: form, extra }));
    });
  }
}
