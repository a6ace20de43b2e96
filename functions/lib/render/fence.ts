/**
 * The browser's fence for one scan, on a DevTools connection at the browser target:
 * - `Fetch` intercepts every HTTP(S) request of every target of the browser (pages, iframes in and out of
 *   process, dedicated, shared and service workers, popups, beacons and keep-alive requests sent while a
 *   page unloads) and each one passes the target policy (src/core/render/fence-decisions.ts) before it
 *   may continue; refused ones are failed and listed. A second `Fetch` layer on each page, iframe and
 *   service/shared worker session repeats the check, in case a browser version routes some request past
 *   the browser-level one.
 * - Documents and worker scripts are served back with a CSP refusing WebSockets and without speculation
 *   rules (fenced-response.ts).
 * - Every target is auto-attached paused (`waitForDebuggerOnStart`) and gets its layers (Fetch, Network
 *   events, the guard script, dialog dismissal, nested auto-attach) before it runs a line of script.
 * - Popups are closed as they appear; dialogs are dismissed; downloads are denied.
 * Targets of other browser contexts (a reused session's leftovers) are resumed and left alone.
 */
import {
  createFenceDecisions,
  CHANNEL_CODES,
  type FenceDecisions,
} from '../../../src/core/render/fence-decisions.ts';
import { guardScript, isReportUrl, parseReport } from '../../../src/core/render/guard-script.ts';
import type { MainDocument } from '../../../src/core/render/main-document.ts';
import type { RequestEvent, RequestLog } from '../../../src/core/render/request-log.ts';
import type { TargetPolicy } from '../../../src/core/scan/check-target.ts';
import { SCAN_REFUSALS, type ScanRefusalCode } from '../../../src/core/scan/refusals.ts';
import type { CdpConnection, CdpEvent } from './cdp.ts';
import {
  fencedHeaders,
  headerValue,
  mediaType,
  needsFence,
  neutraliseSpeculationRules,
  readPausedBody,
  toBase64,
  type HeaderEntry,
} from './fenced-response.ts';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  browserContextId?: string;
  openerId?: string;
}

interface PausedRequest {
  requestId: string;
  request: { url: string; method: string; headers?: Record<string, string> };
  resourceType: string;
  frameId?: string;
  responseStatusCode?: number;
  responseErrorReason?: string;
  responseHeaders?: HeaderEntry[];
}

const WORKER_TYPES = new Set(['worker', 'shared_worker', 'service_worker']);
const FRAME_TYPES = new Set(['page', 'iframe']);
const REQUEST_STAGE = [{ urlPattern: '*', requestStage: 'Request' }];
const RESPONSE_STAGE = [
  { urlPattern: '*', resourceType: 'Document', requestStage: 'Response' },
  { urlPattern: '*', resourceType: 'Other', requestStage: 'Response' },
];
const AUTO_ATTACH = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true };

const CHANNEL_MESSAGES: Record<string, string> = {
  websocket: 'WebSockets are not opened by the scanner (the fence cannot check their handshake).',
  connection: 'WebTransport and WebRTC connections are not opened by the scanner.',
  popup: 'New windows are not opened by the scanner.',
  speculation_rules: 'Speculation rules were removed: their prefetches bypass every interception.',
  scan_ended: 'The scan had ended; requests made while the page unloads are refused.',
};

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
  private readonly decisions: FenceDecisions;
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
    this.decisions = createFenceDecisions(options.policy);
    this.guard = guardScript(options.token);
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

  /** Requests the fence let through plus the origins it decided (for stats). */
  originsDecided(): number {
    return this.decisions.origins();
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
        void this.paused(p as unknown as PausedRequest, event.sessionId).catch(() => {
          this.cdp.fire(
            'Fetch.failRequest',
            { requestId: p.requestId, errorReason: 'BlockedByClient' },
            event.sessionId,
          );
        });
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
      const url = targetInfo.url && targetInfo.url !== 'about:blank' ? targetInfo.url : 'about:blank';
      this.options.log.block(url, CHANNEL_CODES.popup, CHANNEL_MESSAGES.popup as string, 'document');
      cdp.fire('Target.closeTarget', { targetId: targetInfo.targetId });
      return;
    }
    this.sessions.set(sessionId, targetInfo);
    const send = (method: string, params: object = {}) =>
      cdp.send(method, params, sessionId).catch(() => undefined);
    if (FRAME_TYPES.has(type)) {
      await Promise.all([
        send('Page.enable'),
        send('Page.addScriptToEvaluateOnNewDocument', { source: this.guard, runImmediately: true }),
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
      void send('Runtime.evaluate', { expression: this.guard });
      void send('Network.enable');
      if (type !== 'worker') void send('Fetch.enable', { patterns: REQUEST_STAGE });
      void send('Target.setAutoAttach', AUTO_ATTACH);
    }
    resume();
    if (type === 'page' && !this.mainSession) {
      this.mainTargetId ??= targetInfo.targetId;
      this.mainSession = sessionId;
      this.waiters.get(targetInfo.targetId)?.(sessionId);
    }
  }

  private async paused(p: PausedRequest, sessionId: string | undefined): Promise<void> {
    const cdp = this.cdp;
    const fail = () =>
      cdp.fire('Fetch.failRequest', { requestId: p.requestId, errorReason: 'BlockedByClient' }, sessionId);
    const pass = () => cdp.fire('Fetch.continueRequest', { requestId: p.requestId }, sessionId);
    if (p.responseStatusCode !== undefined || p.responseErrorReason !== undefined) {
      return this.response(p, sessionId);
    }
    const url = p.request.url;
    if (isReportUrl(url)) {
      const report = parseReport(url, this.options.token);
      if (report)
        this.options.log.block(
          report.url,
          report.code,
          CHANNEL_MESSAGES[report.code] ?? 'Refused.',
          report.code === 'websocket' ? 'websocket' : undefined,
        );
      return fail();
    }
    if (this.closing) {
      return this.refuse(p, sessionId, CHANNEL_CODES.scanEnded, CHANNEL_MESSAGES.scan_ended as string, false);
    }
    const isMainHop =
      p.resourceType === 'Document' &&
      p.frameId !== undefined &&
      p.frameId === this.mainTargetId &&
      this.options.main.status === null;
    if (isMainHop) {
      const tooMany = this.options.main.hop(url);
      if (tooMany) return this.refuse(p, sessionId, tooMany.code, tooMany.message, true);
    }
    const dest = headerValue(
      Object.entries(p.request.headers ?? {}).map(([name, value]) => ({ name, value })),
      'sec-fetch-dest',
    );
    if (dest === 'speculationrules') {
      return this.refuse(
        p,
        sessionId,
        CHANNEL_CODES.speculationRules,
        CHANNEL_MESSAGES.speculation_rules as string,
        false,
      );
    }
    // Only the browser-level layer counts requests (the target layer sees the same ones again).
    if (sessionId === undefined && !this.options.log.admit()) {
      return this.refuse(
        p,
        sessionId,
        CHANNEL_CODES.requestLimit,
        'The page made more requests than a scan follows.',
        isMainHop,
      );
    }
    const verdict = await this.decisions.decide(url);
    if (this.closing) {
      return this.refuse(p, sessionId, CHANNEL_CODES.scanEnded, CHANNEL_MESSAGES.scan_ended as string, false);
    }
    if (verdict.allow) return pass();
    return this.refuse(p, sessionId, verdict.code, verdict.reason, isMainHop);
  }

  private refuse(
    p: PausedRequest,
    sessionId: string | undefined,
    code: string,
    reason: string,
    mainHop: boolean,
  ): void {
    this.options.log.block(p.request.url, code, reason, p.resourceType.toLowerCase());
    if (mainHop)
      this.options.main.refuseHop(
        code in SCAN_REFUSALS ? (code as ScanRefusalCode) : 'render_failed',
        reason,
      );
    this.cdp.fire('Fetch.failRequest', { requestId: p.requestId, errorReason: 'BlockedByClient' }, sessionId);
  }

  /** Response stage (browser layer only): documents and worker scripts get the CSP; the rest passes. */
  private async response(p: PausedRequest, sessionId: string | undefined): Promise<void> {
    const cdp = this.cdp;
    const status = p.responseStatusCode ?? 0;
    const headers = p.responseHeaders ?? [];
    const contentType = headerValue(headers, 'content-type');
    const isMain =
      p.resourceType === 'Document' && p.frameId === this.mainTargetId && this.options.main.status === null;
    if (this.closing)
      return cdp.fire(
        'Fetch.failRequest',
        { requestId: p.requestId, errorReason: 'BlockedByClient' },
        sessionId,
      );
    if (p.responseErrorReason !== undefined || (status >= 300 && status < 400) || !needsFence(contentType)) {
      if (isMain && p.responseErrorReason === undefined && !(status >= 300 && status < 400)) {
        this.options.main.answered(status, contentType, 0);
      }
      return cdp.fire('Fetch.continueRequest', { requestId: p.requestId }, sessionId);
    }
    if (/^\s*attachment/i.test(headerValue(headers, 'content-disposition') ?? '')) {
      // A download (denied anyway): never read.
      if (isMain) this.options.main.answered(status, 'application/octet-stream', 0);
      return cdp.fire(
        'Fetch.failRequest',
        { requestId: p.requestId, errorReason: 'BlockedByClient' },
        sessionId,
      );
    }
    const body = await readPausedBody(cdp, p.requestId);
    if (body === null) {
      this.options.log.block(
        p.request.url,
        CHANNEL_CODES.bodyTooLarge,
        'The document is larger than the scanner reads.',
        p.resourceType.toLowerCase(),
      );
      if (isMain)
        this.options.main.refuseHop('render_failed', 'The page is larger than the browser scan reads.');
      return cdp.fire(
        'Fetch.failRequest',
        { requestId: p.requestId, errorReason: 'BlockedByClient' },
        sessionId,
      );
    }
    const html = ['text/html', 'application/xhtml+xml'].includes(mediaType(contentType));
    const rewritten = html ? await neutraliseSpeculationRules(body, contentType) : { body, removed: 0 };
    if (rewritten.removed > 0) {
      this.options.log.block(
        p.request.url,
        CHANNEL_CODES.speculationRules,
        CHANNEL_MESSAGES.speculation_rules as string,
      );
    }
    const served = rewritten.body;
    if (isMain) this.options.main.answered(status, contentType, body.byteLength);
    await cdp.send(
      'Fetch.fulfillRequest',
      {
        requestId: p.requestId,
        responseCode: status,
        responseHeaders: fencedHeaders(headers),
        body: toBase64(served),
      },
      sessionId,
    );
  }
}
