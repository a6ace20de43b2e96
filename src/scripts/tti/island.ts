/**
 * The /tti/ island's entry: small and idle at load. The page arrives with its result already rendered
 * (at build time, or by functions/tti/index.ts for a link with a query), so nothing needs computing
 * until the user acts. The model, the parser and the renderers (engine.ts) load on the first focus,
 * pointer or key press in the form and then run on every input; the copy button works at once.
 */
import type * as Engine from './engine.ts';

/**
 * Model inputs in the contract's or the form's spelling: MODEL_PARAMS of form-fields.ts, copied
 * (test/e2e/tti-page.test.ts covers links both ways). Spelled out, not imported: sharing a module with
 * engine.ts makes the bundler put a preload helper and all of form-fields.ts into this entry (measured:
 * 742 -> 1,485 bytes gzip).
 */
const MODEL_PARAMS = new Set([
  'current',
  'target',
  'bounceRate',
  'bounceRatePct',
  'sessions',
  'conversionRate',
  'conversionRatePct',
  'orderValue',
  'currency',
]);

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

  // A link whose result is not in the page yet (served without the Function): render it now.
  const params = new URLSearchParams(location.search);
  const hasModelParams = [...params.keys()].some((name) => MODEL_PARAMS.has(name));
  if (hasModelParams && result.dataset['query'] !== params.toString()) {
    void load().then((m) => m.applyQuery(parts, params));
  } else if (!hasModelParams && extra && [...params].length > 0 && extra.children.length === 0) {
    void load().then((m) => m.setExtras(extra, [...params]));
  }
}

const copyButton = document.getElementById('tti-copy');
const copyStatus = document.getElementById('tti-copy-status');
if (copyButton && copyStatus) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  copyButton.classList.add('ready');
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
