/**
 * The layers the fence puts on each target before it runs (fence.ts resumes it afterwards):
 * - pages and iframes: the Page domain (load, dialogs), the guard script for every new document, Network
 *   events (what the scan records), a Request-stage `Fetch` layer of their own, crash reports, nested
 *   auto-attach; prerendering off for pages;
 * - dedicated, shared and service workers: the guard evaluated before their script, Network events, a
 *   `Fetch` layer where the browser offers one (not on dedicated workers, whose requests their page's layer
 *   sees), nested auto-attach.
 */
import type { CdpConnection } from './cdp.ts';

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  browserContextId?: string;
  openerId?: string;
}

/** Every request, at the request stage. */
export const REQUEST_STAGE = [{ urlPattern: '*', requestStage: 'Request' }];
/** New targets wait for us (`waitForDebuggerOnStart`) and speak on the same socket (`flatten`). */
export const AUTO_ATTACH = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true };

const WORKER_TYPES = new Set(['worker', 'shared_worker', 'service_worker']);
const FRAME_TYPES = new Set(['page', 'iframe']);

/** Puts the layers on an attached target; the caller resumes it once this resolves. */
export async function layerTarget(
  cdp: CdpConnection,
  sessionId: string,
  type: string,
  guard: string,
): Promise<void> {
  const send = (method: string, params: object = {}) =>
    cdp.send(method, params, sessionId).catch(() => undefined);
  if (FRAME_TYPES.has(type)) {
    await Promise.all([
      send('Page.enable'),
      send('Page.addScriptToEvaluateOnNewDocument', { source: guard, runImmediately: true }),
      send('Network.enable'),
      send('Fetch.enable', { patterns: REQUEST_STAGE }),
      send('Inspector.enable'),
      send('Target.setAutoAttach', AUTO_ATTACH),
      ...(type === 'page' ? [send('Page.setPrerenderingAllowed', { isAllowed: false })] : []),
    ]);
  } else if (WORKER_TYPES.has(type)) {
    // Sent, not awaited: a paused service worker answers these only once it runs. Commands of a session
    // run in order, so the guard is evaluated before the worker's own script; the browser-level Fetch
    // layer already covers the worker's requests.
    void send('Runtime.evaluate', { expression: guard });
    void send('Network.enable');
    if (type !== 'worker') void send('Fetch.enable', { patterns: REQUEST_STAGE });
    void send('Target.setAutoAttach', AUTO_ATTACH);
  }
}
