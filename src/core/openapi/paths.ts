import type { PathEntry } from './registry.ts';
import { measurePathEntry } from './measure.ts';
import { createReportPathEntry, getReportPathEntry } from './reports.ts';
import { resolvePathEntry } from './resolve.ts';
import { scanPathEntry } from './scan.ts';
import { ttiPathEntry } from './tti.ts';

/**
 * Every operation of the public API, in document order: one file per API beside this one. The sweep in
 * test/functions/openapi.test.ts fails when a route file under functions/api/ is missing here, or an entry
 * here has no route file.
 */
export const API_PATH_ENTRIES: readonly PathEntry[] = [
  ttiPathEntry,
  measurePathEntry,
  scanPathEntry,
  resolvePathEntry,
  createReportPathEntry,
  getReportPathEntry,
];
