/**
 * Requests of a rendered scan as the contract (src/core/scan/types.ts) states them, for tests written
 * before (and beside) the rendered scan engine: a request the browser made, typed by Chrome, with the
 * browser's own render-blocking verdict, a 200 and its initiator, unless `extra` says otherwise.
 */
import type { Initiator, Resource } from '../../src/core/scan/types.ts';

export function browserRequest(
  url: string,
  resourceType: string,
  initiator: Initiator,
  extra: Partial<Resource> = {},
): Resource {
  return {
    url,
    host: new URL(url).hostname,
    kind: 'browser',
    resourceType,
    renderBlocking: false,
    renderBlockingSource: 'browser',
    requested: true,
    status: 200,
    initiator,
    ...extra,
  };
}
