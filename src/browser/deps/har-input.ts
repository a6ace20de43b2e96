/**
 * HAR import: the file field and the drop zone. The HAR reader (parser, initiators, the page's HTML for
 * SRI) is loaded when a file is picked: most visits scan a URL, and the page's first script stays the
 * smaller for it (docs/mapper.md "Figures").
 */
import type { DependencyReport } from '../../core/map/types.ts';
import { byId } from './dom.ts';
import { describe } from './error-box.ts';

export interface HarInputHooks {
  /** A new import starts: clear the previous errors. */
  start(): void;
  /** The file cannot be mapped: say so next to the file field (and clear any map on screen). */
  fail(lead: string, code: string): void;
  /** The file is being read. */
  reading(name: string): void;
  /** Map the parsed file. */
  map(base: Omit<DependencyReport, 'hosts'>, hosts: string[]): Promise<void>;
}

async function loadHarReader() {
  const [har, base] = await Promise.all([
    import('../../core/har/parse-har.ts'),
    import('../../core/map/from-har.ts'),
  ]);
  return { ...har, ...base };
}

async function importHar(file: File, hooks: HarInputHooks): Promise<void> {
  hooks.start();
  let reader: Awaited<ReturnType<typeof loadHarReader>>;
  try {
    reader = await loadHarReader();
  } catch (error) {
    return hooks.fail(
      `The HAR reader could not be loaded (${describe(error)}). Check your connection, reload the page and try again.`,
      'network_error',
    );
  }
  const tooBig = reader.checkHarSize(file.size);
  if (tooBig) return hooks.fail(tooBig.message, tooBig.code);
  if (file.size === 0) {
    return hooks.fail(
      `${file.name} is empty. Export the HAR again from the browser's Network panel after the page has loaded.`,
      'har_empty',
    );
  }
  hooks.reading(file.name);
  const parsed = reader.parseHar(await file.text());
  if (!parsed.ok) return hooks.fail(`${file.name}: ${parsed.message}`, parsed.code);
  await hooks.map(reader.reportBaseFromHar(parsed, new Date().toISOString()), parsed.hosts);
}

export function wireHarInput(hooks: HarInputHooks): void {
  const fileInput = byId<HTMLInputElement>('deps-har');
  const drop = byId('deps-drop');
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    // Cleared, so picking the same file again (after editing it, or to map it afresh) fires change again.
    fileInput.value = '';
    if (file) void importHar(file, hooks);
  });
  for (const type of ['dragenter', 'dragover'] as const) {
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add('deps-drop-active');
    });
  }
  for (const type of ['dragleave', 'drop'] as const) {
    drop.addEventListener(type, () => drop.classList.remove('deps-drop-active'));
  }
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    const file = event.dataTransfer?.files[0];
    if (file) void importHar(file, hooks);
  });
}
