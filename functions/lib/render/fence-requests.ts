/**
 * What the fence does with each paused request (`Fetch.requestPaused`, from the browser-level layer or a
 * target's own):
 * - at the request stage: the guard's reports are recorded and dropped; after the scan everything is
 *   refused (`scan_ended`); the page's own navigation counts its hops; speculation-rule sets are refused;
 *   the browser-level layer counts requests against MAX_RENDER_REQUESTS; then the target policy decides;
 * - at the response stage (browser layer: documents and worker scripts): the body is re-served with the
 *   fence's CSP and without speculation rules (fenced-response.ts); redirects, failures and inert types
 *   pass; downloads are never read. The page's own document reports its status, type and size.
 * Every refusal fails the request (`BlockedByClient`) and is listed in the request log.
 */
import {
  CHANNEL_CODES,
  CHANNEL_REASONS,
  type FenceDecisions,
} from '../../../src/core/render/fence-decisions.ts';
import { isReportUrl, parseReport } from '../../../src/core/render/guard-script.ts';
import type { MainDocument } from '../../../src/core/render/main-document.ts';
import type { RequestLog } from '../../../src/core/render/request-log.ts';
import { SCAN_REFUSALS, type ScanRefusalCode } from '../../../src/core/scan/refusals.ts';
import type { CdpConnection } from './cdp.ts';
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

export interface PausedRequest {
  requestId: string;
  request: { url: string; method: string; headers?: Record<string, string> };
  resourceType: string;
  frameId?: string;
  responseStatusCode?: number;
  responseErrorReason?: string;
  responseHeaders?: HeaderEntry[];
}

export interface GateContext {
  cdp: CdpConnection;
  decisions: FenceDecisions;
  log: RequestLog;
  main: MainDocument;
  token: string;
  /** The page's target id (its main frame's id), once known. */
  mainTargetId(): string | null;
  /** True once the scan ended. */
  closing(): boolean;
  /** The request cap was reached: the scan should stop now. */
  onCap(): void;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** Handles one paused request; `sessionId` is the target layer's session, undefined for the browser's. */
export async function gate(ctx: GateContext, p: PausedRequest, sessionId: string | undefined): Promise<void> {
  if (p.responseStatusCode !== undefined || p.responseErrorReason !== undefined) {
    return answer(ctx, p, sessionId);
  }
  const url = p.request.url;
  if (isReportUrl(url)) {
    const report = parseReport(url, ctx.token);
    if (report) {
      const reason = CHANNEL_REASONS[report.code as keyof typeof CHANNEL_REASONS] ?? 'Refused.';
      ctx.log.block(report.url, report.code, reason, report.code === 'websocket' ? 'websocket' : undefined);
    }
    return fail(ctx.cdp, p, sessionId);
  }
  if (ctx.closing()) return refuse(ctx, p, sessionId, CHANNEL_CODES.scanEnded, false);
  const mainHop = isMainDocument(ctx, p);
  if (mainHop) {
    const tooMany = ctx.main.hop(url);
    if (tooMany) return refuse(ctx, p, sessionId, tooMany.code, true, tooMany.message);
  }
  const dest = Object.entries(p.request.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'sec-fetch-dest',
  );
  if (dest?.[1] === 'speculationrules')
    return refuse(ctx, p, sessionId, CHANNEL_CODES.speculationRules, false);
  // Only the browser-level layer counts requests (a target's layer sees the same ones again).
  if (sessionId === undefined && !ctx.log.admit()) {
    ctx.onCap();
    return refuse(ctx, p, sessionId, CHANNEL_CODES.requestLimit, mainHop);
  }
  const verdict = await ctx.decisions.decide(url);
  if (ctx.closing()) return refuse(ctx, p, sessionId, CHANNEL_CODES.scanEnded, false);
  if (verdict.allow) return ctx.cdp.fire('Fetch.continueRequest', { requestId: p.requestId }, sessionId);
  return refuse(ctx, p, sessionId, verdict.code, mainHop, verdict.reason);
}

/** The response stage: documents and worker scripts get the fence's CSP; the rest passes. */
async function answer(ctx: GateContext, p: PausedRequest, sessionId: string | undefined): Promise<void> {
  const { cdp, main } = ctx;
  const status = p.responseStatusCode ?? 0;
  const headers = p.responseHeaders ?? [];
  const contentType = headerValue(headers, 'content-type');
  const isMain = isMainDocument(ctx, p);
  const redirect = status >= 300 && status < 400;
  if (ctx.closing()) return fail(cdp, p, sessionId);
  if (p.responseErrorReason !== undefined || redirect || !needsFence(contentType)) {
    if (isMain && p.responseErrorReason === undefined && !redirect) main.answered(status, contentType, 0);
    return cdp.fire('Fetch.continueRequest', { requestId: p.requestId }, sessionId);
  }
  if (/^\s*attachment/i.test(headerValue(headers, 'content-disposition') ?? '')) {
    // A download (denied anyway): never read.
    if (isMain) main.answered(status, 'application/octet-stream', 0);
    return fail(cdp, p, sessionId);
  }
  const body = await readPausedBody(cdp, p.requestId);
  if (body === null) {
    if (isMain) main.refuseHop('render_failed', 'The page is larger than the browser scan reads.');
    return refuse(ctx, p, sessionId, CHANNEL_CODES.bodyTooLarge, false);
  }
  const html = HTML_TYPES.has(mediaType(contentType));
  const rewritten = html ? await neutraliseSpeculationRules(body, contentType) : { body, removed: 0 };
  if (rewritten.removed > 0) {
    ctx.log.block(p.request.url, CHANNEL_CODES.speculationRules, CHANNEL_REASONS.speculation_rules);
  }
  if (isMain) main.answered(status, contentType, body.byteLength);
  await cdp.send(
    'Fetch.fulfillRequest',
    {
      requestId: p.requestId,
      responseCode: status,
      responseHeaders: fencedHeaders(headers),
      body: toBase64(rewritten.body),
    },
    sessionId,
  );
}

/** A hop of the page's own navigation (until its document answered). */
function isMainDocument(ctx: GateContext, p: PausedRequest): boolean {
  const main = ctx.mainTargetId();
  return p.resourceType === 'Document' && main !== null && p.frameId === main && ctx.main.status === null;
}

function refuse(
  ctx: GateContext,
  p: PausedRequest,
  sessionId: string | undefined,
  code: string,
  mainHop: boolean,
  reason = CHANNEL_REASONS[code as keyof typeof CHANNEL_REASONS] ?? 'Refused.',
): void {
  ctx.log.block(p.request.url, code, reason, p.resourceType.toLowerCase());
  if (mainHop)
    ctx.main.refuseHop(code in SCAN_REFUSALS ? (code as ScanRefusalCode) : 'render_failed', reason);
  fail(ctx.cdp, p, sessionId);
}

/** Fails a paused request the way an ad blocker does (the page sees a network error). */
export function fail(
  cdp: CdpConnection,
  p: Pick<PausedRequest, 'requestId'>,
  sessionId: string | undefined,
): void {
  cdp.fire('Fetch.failRequest', { requestId: p.requestId, errorReason: 'BlockedByClient' }, sessionId);
}
