/**
 * "Save and get a link": one saved report per map, its link with a Copy button, and the `provider=` of
 * "What breaks" kept in the link so a shared map opens on the same answer.
 */
import type { DependencyReport } from '../../core/map/types.ts';
import { saveReport } from './api.ts';
import { byId, h } from './dom.ts';
import { clearBox, explain, fillError } from './error-box.ts';

const saveButton = byId<HTMLButtonElement>('deps-save');
const saveError = byId('deps-save-error');
const permalink = byId('deps-permalink');

/** The saved link of the map on screen: one report per map (every click used to save a new one). */
let savedUrl: string | null = null;
/** The provider "What breaks" shows now, for the link's `provider=`. */
let shownProvider = '';

/** The saved link with the provider "What breaks" shows, so a shared link opens on the same answer. */
function linkFor(base: string): string {
  const url = new URL(base, location.href);
  if (shownProvider) url.searchParams.set('provider', shownProvider);
  else url.searchParams.delete('provider');
  return url.href;
}

/** Keeps the saved link (and, on a permalink page, the address bar) in step with the picker. */
export function setShownProvider(provider: string, onPermalinkPage: boolean): void {
  shownProvider = provider;
  const input = document.getElementById('deps-permalink-url') as HTMLInputElement | null;
  if (savedUrl && input) input.value = linkFor(savedUrl);
  if (onPermalinkPage) history.replaceState(null, '', linkFor(location.href));
}

/** Shows the saved link with a Copy button, or (null) clears it for a new map. */
export function resetSave(url: string | null, expiresAt?: string): void {
  savedUrl = url;
  clearBox(saveError);
  saveButton.disabled = url !== null;
  saveButton.textContent = url === null ? 'Save and get a link' : 'Saved';
  if (url === null) {
    permalink.replaceChildren();
    return;
  }
  const input = h('input', { id: 'deps-permalink-url', type: 'url', readonly: true, value: linkFor(url) });
  const copy = h('button', { type: 'button', id: 'deps-permalink-copy' }, 'Copy link');
  const copied = h('span', { class: 'deps-help', role: 'status' });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(input.value);
      copied.textContent = 'Link copied.';
    } catch {
      input.select();
      copied.textContent = 'Select the link and copy it (Ctrl+C or ⌘C).';
    }
  });
  permalink.replaceChildren(
    h('label', { for: 'deps-permalink-url' }, 'Link to this map'),
    h('div', { class: 'deps-row' }, input, copy),
    copied,
    h(
      'p',
      { class: 'deps-help' },
      expiresAt
        ? `Anyone with this link can open the map until ${new Date(expiresAt).toLocaleDateString()}. It opens on the provider chosen under “What breaks”.`
        : 'Anyone with this link can open the map. It opens on the provider chosen under “What breaks”.',
    ),
  );
}

/** Wires the Save button; `currentReport` answers the map on screen now (it may change while saving). */
export function wireSave(currentReport: () => DependencyReport | null): void {
  saveButton.addEventListener('click', async () => {
    const report = currentReport();
    if (!report || savedUrl) return;
    clearBox(saveError);
    saveButton.disabled = true;
    saveButton.textContent = 'Saving…';
    try {
      const saved = await saveReport(report);
      // A new map started while saving: that link belongs to the old one.
      if (currentReport() !== report) return;
      resetSave(saved.url, saved.expiresAt);
      byId<HTMLInputElement>('deps-permalink-url').select();
    } catch (error) {
      saveButton.disabled = false;
      saveButton.textContent = 'Save and get a link';
      // Into its own box: a failed save (429 included) never replaces a link already shown.
      const plain = explain(error, 'save');
      fillError(saveError, plain.lead, plain.detail, plain.code);
    }
  });
}
