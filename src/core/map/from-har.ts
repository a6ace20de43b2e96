/**
 * A HAR import as the start of a map: everything of a DependencyReport but its resolved hosts. The page
 * and the tests (a HAR's map must pass the saved-report schema) build it with this one function.
 */
import type { HarImport } from '../har/parse-har.ts';
import type { DependencyReport } from './types.ts';

export function reportBaseFromHar(har: HarImport, createdAt: string): Omit<DependencyReport, 'hosts'> {
  return {
    version: 1,
    method: 'har',
    page: har.page,
    createdAt,
    source: {
      ...(har.tool ? { tool: har.tool } : {}),
      entries: har.entries,
      pages: har.pages,
      skipped: har.skipped.nonNetwork + har.skipped.invalid,
      truncated: har.truncated,
      html: har.html,
    },
    resources: har.resources,
  };
}
