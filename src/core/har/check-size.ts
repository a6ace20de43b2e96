/**
 * The HAR size check the page runs on a File before reading it, apart from the parser so that the page can
 * load the parser (and its HTML reader) only when a HAR is dropped: this stays in its first script.
 */
import type { HarError } from './parse-har.ts';
import { HAR_MAX_BYTES } from './limits.ts';

/** Size check for a File before reading it. */
export function checkHarSize(bytes: number): HarError | null {
  return bytes > HAR_MAX_BYTES
    ? {
        ok: false,
        code: 'har_too_large',
        message: `This file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${HAR_MAX_BYTES / 1024 / 1024} MB. Export the HAR without response bodies ("Save all as HAR (sanitized)" in Chrome).`,
      }
    : null;
}
