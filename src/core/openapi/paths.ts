import type { PathEntry } from './registry.ts';
import { ttiPathEntry } from './tti.ts';

/**
 * Every operation of the public API, in document order. Each API adds its own entry here (resolve and
 * scan describe theirs beside their schemas, as src/core/openapi/tti.ts does).
 */
export const API_PATH_ENTRIES: readonly PathEntry[] = [ttiPathEntry];
