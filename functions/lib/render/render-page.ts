/**
 * One rendered scan in the browser: lease a browser (reused session or launch), open a fresh browser
 * context, fence it, navigate, and record until the page has loaded and the network went quiet, or a cap
 * stops it (RENDER_TIME_LIMIT_MS, AFTER_LOAD_LIMIT_MS, MAX_RENDER_REQUESTS). Then read what the browser
 * says about render-blocking (Resource Timing) and the DOM's `integrity` attributes from an isolated world
 * (the page's scripts cannot tamper with its built-ins), dispose the context and hand the session back.
 *
 * Never throws for anything the page or the browser service does: the outcome says what happened, in the
 * scan's refusal codes (`browser_unavailable` when no browser, `render_failed` when the page crashed the
 * renderer or the browser stopped answering).
 */
import {
  AFTER_LOAD_LIMIT_MS,
  CDP_COMMAND_TIMEOUT_MS,
  RENDER_TIME_LIMIT_MS,
} from '../../../src/core/render/limits.ts';
import { MainDocument } from '../../../src/core/render/main-document.ts';
import type { RenderedPage } from '../../../src/core/render/merge.ts';
import { RequestLog, type StopReason } from '../../../src/core/render/request-log.ts';
import type { TargetPolicy } from '../../../src/core/scan/check-target.ts';
import type { ScanRefusalCode } from '../../../src/core/scan/refusals.ts';
import { BrowserUnavailable, leaseBrowser } from './browser-lease.ts';
import type { CdpConnection } from './cdp.ts';
import { Fence } from './fence.ts';

export interface RenderDeps {
  binding: Fetcher;
  policy: TargetPolicy;
  now?: () => number;
}

export type RenderOutcome =
  | { ok: true; page: RenderedPage }
  | { ok: false; code: ScanRefusalCode; message: string; retryAfterSeconds?: number };

/** How often the wait loop looks at the clock and the network (load, crash and the cap wake it at once). */
const POLL_MS = 50;
/** The read-back after the render: a page that crashed or hangs its main thread gets no longer. */
const READ_BACK_TIMEOUT_MS = 2_000;
/** Entries read back from the page (Resource Timing, integrity attributes); a real page has far fewer. */
const MAX_READ_BACK = 2_000;

/** Runs in an isolated world of the main frame: its built-ins are the browser's, not the page's. */
const READ_BACK = `JSON.stringify({
  rb: performance.getEntriesByType('resource').slice(0, ${MAX_READ_BACK}).map((e) => [e.name, e.renderBlockingStatus || '']),
  sri: [...document.querySelectorAll('script[integrity][src], link[integrity][href]')].slice(0, ${MAX_READ_BACK})
    .map((e) => [e.src || e.href, String(e.getAttribute('integrity')).slice(0, 1024)]),
})`;

export async function renderPage(url: string, deps: RenderDeps): Promise<RenderOutcome> {
  const now = deps.now ?? Date.now;
  let lease;
  try {
    lease = await leaseBrowser(deps.binding, { now });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const retry = error instanceof BrowserUnavailable ? error.retryAfterSeconds : undefined;
    return {
      ok: false,
      code: 'browser_unavailable',
      message,
      ...(retry ? { retryAfterSeconds: retry } : {}),
    };
  }
  const cdp = lease.connection;
  let healthy = true;
  let fence: Fence | null = null;
  let contextId: string | null = null;
  try {
    // A session reused after a scan that died mid-way may still hold its context: nothing carries over.
    const { browserContextIds } = await cdp.send<{ browserContextIds: string[] }>(
      'Target.getBrowserContexts',
    );
    await Promise.all(
      browserContextIds.map((id) =>
        cdp.send('Target.disposeBrowserContext', { browserContextId: id }).catch(() => {}),
      ),
    );
    ({ browserContextId: contextId } = await cdp.send<{ browserContextId: string }>(
      'Target.createBrowserContext',
      {
        disposeOnDetach: true,
      },
    ));
    const log = new RequestLog({ now });
    const main = new MainDocument(url);
    fence = new Fence({
      cdp,
      browserContextId: contextId,
      policy: deps.policy,
      log,
      main,
      token: randomToken(),
      now,
    });
    await fence.start();
    const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', {
      url: 'about:blank',
      browserContextId: contextId,
    });
    const session = await within(fence.sessionOf(targetId), CDP_COMMAND_TIMEOUT_MS);
    if (session === null) throw new Error('the page did not attach');

    const started = now();
    const deadline = started + RENDER_TIME_LIMIT_MS;
    const navigation = await within(
      cdp.send<{ errorText?: string }>('Page.navigate', { url }, session, RENDER_TIME_LIMIT_MS),
      RENDER_TIME_LIMIT_MS,
    );
    const refused =
      navigation === null ? main.outcome('net::ERR_TIMED_OUT') : main.outcome(navigation.errorText);
    if (refused) return { ok: false, code: refused.code, message: refused.message };

    const stopReason = await waitForStop(fence, log, deadline, now, () => browserBarrier(cdp));
    if (stopReason === 'crashed') {
      return { ok: false, code: 'render_failed', message: "The page crashed the browser's renderer." };
    }
    const readBack = await readBackFromPage(cdp, session, targetId);
    if (fence.crashed) {
      return { ok: false, code: 'render_failed', message: "The page crashed the browser's renderer." };
    }
    for (const [name, status] of readBack.rb) log.renderBlockingStatus(name, status);
    const renderMs = now() - started;
    // Unload the page while the fence still lists: what it sends on its way out is refused and reported.
    fence.close();
    await cdp.send('Target.disposeBrowserContext', { browserContextId: contextId }).catch(() => {});
    contextId = null;
    const limitsHit =
      stopReason === 'quiet'
        ? []
        : [
            {
              afterLoadLimit: 'afterLoadLimitMs',
              timeLimit: 'renderTimeLimitMs',
              requestLimit: 'maxRenderRequests',
            }[stopReason],
          ];
    const counts = log.counts();
    return {
      ok: true,
      page: {
        requestedUrl: url,
        finalUrl: main.finalUrl,
        status: main.status ?? 0,
        redirects: main.redirects,
        bytes: main.bytes,
        requests: log.requests(),
        blocked: log.blocked(),
        integrity: new Map(readBack.sri),
        limitsHit,
        stats: {
          requests: counts.admitted,
          blocked: counts.blocked,
          reusedSession: lease.reused,
          browserMs: lease.browserMs,
          renderMs,
          ...(fence.loadedAt !== null ? { loadMs: fence.loadedAt - started } : {}),
          stopReason,
        },
      },
    };
  } catch (error) {
    healthy = false;
    return {
      ok: false,
      code: 'render_failed',
      message: `The browser failed during the scan: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    fence?.close();
    if (contextId !== null && !cdp.closed) {
      const disposed = await cdp.send('Target.disposeBrowserContext', { browserContextId: contextId }).then(
        () => true,
        () => false,
      );
      healthy &&= disposed;
    }
    await fence?.quiesce();
    fence?.dispose();
    await lease.release(healthy);
  }
}

async function waitForStop(
  fence: Fence,
  log: RequestLog,
  deadline: number,
  now: () => number,
  barrier: () => Promise<void>,
): Promise<StopReason | 'crashed'> {
  // Quiet by our clock may only mean this isolate was busy and has not read the browser's latest events
  // yet: a round trip to the browser delivers everything it sent before, then every check runs again.
  let confirmed = false;
  for (;;) {
    if (fence.crashed) return 'crashed';
    if (log.overCap) return 'requestLimit';
    const t = now();
    if (t >= deadline) return 'timeLimit';
    if (fence.loadedAt !== null) {
      if (log.isQuiet()) {
        if (confirmed) return 'quiet';
        await barrier();
        confirmed = true;
        continue;
      }
      confirmed = false;
      if (t >= fence.loadedAt + AFTER_LOAD_LIMIT_MS) return 'afterLoadLimit';
    }
    await fence.changed(Math.max(1, Math.min(POLL_MS, deadline - t)));
  }
}

/**
 * Resolves once the browser has answered a no-op command: the DevTools connection is ordered, so every
 * event it emitted before the answer has been handled by then. A failure here is left to the next check.
 */
async function browserBarrier(cdp: CdpConnection): Promise<void> {
  await cdp.send('Browser.getVersion', {}, undefined, READ_BACK_TIMEOUT_MS).catch(() => {});
}

async function readBackFromPage(
  cdp: CdpConnection,
  session: string,
  frameId: string,
): Promise<{ rb: Array<[string, string]>; sri: Array<[string, string]> }> {
  try {
    const { executionContextId } = await cdp.send<{ executionContextId: number }>(
      'Page.createIsolatedWorld',
      { frameId, worldName: 'edge-speed-tools-scan' },
      session,
      READ_BACK_TIMEOUT_MS,
    );
    const { result } = await cdp.send<{ result: { value?: string } }>(
      'Runtime.evaluate',
      { expression: READ_BACK, contextId: executionContextId, returnByValue: true },
      session,
      READ_BACK_TIMEOUT_MS,
    );
    const parsed = JSON.parse(result.value ?? '{}') as {
      rb?: Array<[string, string]>;
      sri?: Array<[string, string]>;
    };
    return { rb: parsed.rb ?? [], sri: parsed.sri ?? [] };
  } catch {
    return { rb: [], sri: [] }; // the page navigated away or crashed: the markup's verdicts stand
  }
}

/** Resolves with the value, or null when `ms` pass first. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function randomToken(): string {
  return [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
