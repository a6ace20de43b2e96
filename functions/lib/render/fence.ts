/**
 * The browser's fence for one scan, on a DevTools connection at the browser target:
 * - `Fetch` intercepts every HTTP(S) request of every target of the browser (pages, iframes in and out of
 *   process, dedicated, shared and service workers, popups, beacons and keep-alive requests sent while a
 *   page unloads) and each one passes the target policy (src/core/render/fence-decisions.ts) before it
 *   may continue; refused ones are failed and listed (fence-requests.ts). A second `Fetch` layer on each
 *   page, iframe and service/shared worker session repeats the check, in case a browser version routes
 *   some request past the browser-level one.
 * - Documents and worker scripts are served back with a CSP refusing WebSockets and without speculation
 *   rules (fenced-response.ts).
 * - Every target is auto-attached paused (`waitForDebuggerOnStart`) and gets its layers (fence-targets.ts)
 *   before it runs a line of script.
 * - Popups are closed as they appear; dialogs are dismissed; downloads are denied.
 * Targets of other browser contexts (a reused session's leftovers) are resumed and left alone.
 */
import {
  CHANNEL_CODES,
  CHANNEL_REASONS,
  createFenceDecisions,
} from '../../../src/core/render/fence-decisions.ts';
import { guardScript, isReportUrl } from '../../../src/core/render/guard-script.ts';
import type { MainDocument } from '../../../src/core/render/main-document.ts';
import type { RequestEvent, RequestLog } from '../../../src/core/render/request-log.ts';
import type { TargetPolicy } from '../../../src/core/scan/check-target.ts';
import type { CdpConnection, CdpEvent } from './cdp.ts';
import { fail, gate, type GateContext, type PausedRequest } from './fence-requests.ts';
import { AUTO_ATTACH, layerTarget, REQUEST_STAGE, type TargetInfo } from './fence-targets.ts';

/** The browser layer also stops documents and worker scripts (`Other`) at their response, for the CSP. */
const RESPONSE_STAGE = [
  { urlPattern: '*', resourceType: 'Document', requestStage: 'Response' },
  { urlPattern: '*', resourceType: 'Other', requestStage: 'Response' },
];

export interface FenceOptions {
  cdp: CdpConnection;
  browserContextId: string;
  policy: TargetPolicy;
  log: RequestLog;
  main: MainDocument;
  /** Random, URL-safe: names this scan's report URL (guard-script.ts). */
  token: string;
  now: () => number;
}

export class Fence {
  private readonly cdp: CdpConnection;
  private readonly gate: GateContext;
  private readonly guard: string;
  /** Our targets' sessions. */
  private readonly sessions = new Map<string, TargetInfo>();
  private readonly waiters = new Map<string, (sessionId: string) => void>();
  private mainTargetId: string | null = null;
  private mainSession: string | null = null;
  private closing = false;
  private readonly unsubscribe: () => void;
  loadedAt: number | null = null;
  crashed = false;
  private wakers: Array<() => void> = [];

  constructor(private readonly options: FenceOptions) {
    this.cdp = options.cdp;
    this.guard = guardScript(options.token);
    this.gate = {
      cdp: options.cdp,
      decisions: createFenceDecisions(options.policy),
      log: options.log,
      main: options.main,
      token: options.token,
      mainTargetId: () => this.mainTargetId,
      closing: () => this.closing,
      onCap: () => this.wake(),
    };
    this.unsubscribe = this.cdp.on((event) => this.route(event));
  }

  /** Turns the browser-level layers on. Call before creating the page. */
  async start(): Promise<void> {
    await Promise.all([
      this.cdp.send('Fetch.enable', { patterns: [...REQUEST_STAGE, ...RESPONSE_STAGE] }),
      this.cdp.send('Target.setAutoAttach', AUTO_ATTACH),
      this.cdp.send('Browser.setDownloadBehavior', {
        behavior: 'deny',
        browserContextId: this.options.browserContextId,
      }),
    ]);
  }

  /** The session of the page `targetId`, once its layers are on. */
  sessionOf(targetId: string): Promise<string> {
    this.mainTargetId = targetId;
    if (this.mainSession) return Promise.resolve(this.mainSession);
    return new Promise((resolve) => this.waiters.set(targetId, resolve));
  }

  /**
   * From now on every paused request is refused and listed as `scan_ended`: the scan is over, the page may
   * still be unloading (beacons and keep-alive fetches of `pagehide`).
   */
  close(): void {
    this.closing = true;
  }

  dispose(): void {
    this.unsubscribe();
    this.wake();
  }

  /** Resolves at the next event that may end the wait (load, crash, the request cap) or after `ms`. */
  changed(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakers.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }

  /** Stops the browser-level layers, so the socket goes quiet before it is closed. */
  async quiesce(): Promise<void> {
    await Promise.all([
      this.cdp
        .send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false })
        .catch(() => {}),
      this.cdp.send('Fetch.disable').catch(() => {}),
    ]);
  }

  private route(event: CdpEvent): void {
    const p = event.params;
    // Chrome's request ids are unique across the sessions of a browser, and one request is often seen in
    // two (an iframe's document starts in its parent's session and finishes in its own).
    const key = (id: unknown) => String(id);
    switch (event.method) {
      case 'Target.attachedToTarget':
        void this.attached(p as unknown as { sessionId: string; targetInfo: TargetInfo }, event.sessionId);
        return;
      case 'Target.detachedFromTarget':
        this.sessions.delete(String(p.sessionId));
        return;
      case 'Fetch.requestPaused':
        // A request we could not judge (the connection failed mid-way) is failed, never let through.
        void gate(this.gate, p as unknown as PausedRequest, event.sessionId).catch(() =>
          fail(this.cdp, { requestId: String(p.requestId) }, event.sessionId),
        );
        return;
      case 'Network.requestWillBeSent': {
        const request = p as unknown as RequestEvent;
        if (!isReportUrl(request.request.url)) this.options.log.willBeSent(key(p.requestId), request);
        return;
      }
      case 'Network.responseReceived':
        this.options.log.response(
          key(p.requestId),
          Number((p.response as { status?: number })?.status ?? 0),
          String(p.type ?? ''),
        );
        return;
      case 'Network.loadingFinished':
        this.options.log.finished(key(p.requestId));
        return;
      case 'Network.loadingFailed':
        this.options.log.failed(key(p.requestId), String(p.errorText ?? ''));
        return;
      case 'Page.javascriptDialogOpening':
        this.cdp.fire('Page.handleJavaScriptDialog', { accept: false }, event.sessionId);
        return;
      case 'Page.loadEventFired':
        if (event.sessionId && event.sessionId === this.mainSession) {
          this.loadedAt ??= this.options.now();
          this.wake();
        }
        return;
      case 'Inspector.targetCrashed':
        if (event.sessionId && event.sessionId === this.mainSession) {
          this.crashed = true;
          this.wake();
        }
        return;
    }
  }

  private async attached(
    { sessionId, targetInfo }: { sessionId: string; targetInfo: TargetInfo },
    parentSession: string | undefined,
  ): Promise<void> {
    const cdp = this.cdp;
    const resume = () => cdp.fire('Runtime.runIfWaitingForDebugger', {}, sessionId);
    const ours = parentSession
      ? this.sessions.has(parentSession)
      : targetInfo.browserContextId === this.options.browserContextId;
    if (!ours) {
      resume();
      cdp.fire('Target.detachFromTarget', { sessionId }, parentSession);
      return;
    }
    const type = targetInfo.type;
    if (
      type === 'page' &&
      (targetInfo.openerId || (this.mainTargetId && targetInfo.targetId !== this.mainTargetId))
    ) {
      this.options.log.block(
        targetInfo.url || 'about:blank',
        CHANNEL_CODES.popup,
        CHANNEL_REASONS.popup,
        'document',
      );
      cdp.fire('Target.closeTarget', { targetId: targetInfo.targetId });
      return;
    }
    this.sessions.set(sessionId, targetInfo);
    await layerTarget(cdp, sessionId, type, this.guard);
    resume();
    if (type === 'page' && !this.mainSession) {
      this.mainTargetId ??= targetInfo.targetId;
      this.mainSession = sessionId;
      this.waiters.get(targetInfo.targetId)?.(sessionId);
    }
  }
}
