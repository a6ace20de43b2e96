/**
 * A recorded Lighthouse report as the fixtures keep it (test/fixtures/psi/README.md): base64 images
 * (final screenshot, filmstrip, full-page screenshot) become a 1×1 PNG, stack traces go (they name the
 * recording machine's folders), and the fixture site's random origin becomes FIXTURE_ORIGIN.
 */
import { FIXTURE_ORIGIN } from '../../../test/support/psi/recordings.ts';

type Json = Record<string, unknown>;

/** A 1×1 transparent PNG, standing in for every screenshot. */
export const PIXEL_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export function trim(lhr: Json, origin: string): Json {
  const text = JSON.stringify(lhr, (key, value: unknown) => {
    if (key === 'errorStack') return undefined;
    return typeof value === 'string' && value.startsWith('data:image/') ? PIXEL_DATA_URL : value;
  });
  if (text.includes('file://')) throw new Error('A local file path survived trimming; extend trim().');
  return JSON.parse(text.split(origin).join(FIXTURE_ORIGIN)) as Json;
}
