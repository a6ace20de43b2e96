/**
 * The accounting of one rendered scan: every request the page and its frames and workers made (from the
 * browser's Network events), what the fence refused, what is still in flight, and when the network last
 * moved, which is what decides that the page has gone quiet. Pure: the clock is passed in, events arrive
 * as plain objects, and nothing here knows about DevTools sessions.
 */
import type { BlockedRequest, Initiator, RenderStats } from '../scan/types.ts';
import { normaliseInitiator, type BrowserInitiator } from './initiator.ts';
import { MAX_BLOCKED_LISTED, MAX_RENDER_REQUESTS, NETWORK_QUIET_MS, QUIET_MAX_IN_FLIGHT } from './limits.ts';

/** One URL the browser requested (or tried to), as the scan reports it. */
export interface RenderedRequest {
  url: string;
  host: string;
  /** Chrome's Network.ResourceType, lower-cased ("document", "script", "fetch", "ping"…). */
  resourceType?: string;
  method: string;
  status?: number;
  /** The browser's net error, "blocked" (refused by the fence) or "timeout" (open when the scan stopped). */
  failure?: string;
  initiator: Initiator;
  /** What the browser said about render-blocking, when it said anything. */
  renderBlocking?: boolean;
  /** The frame's document when the request was made (the page, an iframe, a worker). */
  documentUrl?: string;
}

/** `Network.requestWillBeSent`, reduced to what the log reads. */
export interface RequestEvent {
  requestId: string;
  documentURL?: string;
  request: { url: string; method: string };
  initiator?: BrowserInitiator;
  redirectResponse?: { status: number };
  type?: string;
  /** Chrome's experimental `renderBlockingBehavior` ("Blocking", "NonBlocking", …). */
  renderBlockingBehavior?: string;
}

/** Why the scan stopped waiting (docs/scan.md, "When a render stops"). */
export type StopReason = RenderStats['stopReason'];

/** `renderBlockingBehavior` values that block rendering (the rest, and none, do not). */
const BLOCKING_BEHAVIOURS = new Set(['Blocking']);

/** The fence's refusals carry this failure; the browser reports them as net::ERR_BLOCKED_BY_CLIENT. */
export const BLOCKED_FAILURE = 'blocked';

export interface RequestLogOptions {
  now: () => number;
  maxRequests?: number;
  maxBlocked?: number;
}

export class RequestLog {
  private readonly now: () => number;
  private readonly maxRequests: number;
  private readonly maxBlocked: number;
  /** Requests by URL (fragment removed): one entry per URL, the first request's details. */
  private readonly byUrl = new Map<string, RenderedRequest>();
  /** Open requests by event key, with the URL of their current hop. */
  private readonly open = new Map<string, RenderedRequest>();
  private readonly blockedList: BlockedRequest[] = [];
  private readonly blockedUrls = new Set<string>();
  private admitted = 0;
  private refusedOverCap = 0;
  private blockedTotal = 0;
  private lastActivity: number;

  constructor(options: RequestLogOptions) {
    this.now = options.now;
    this.maxRequests = options.maxRequests ?? MAX_RENDER_REQUESTS;
    this.maxBlocked = options.maxBlocked ?? MAX_BLOCKED_LISTED;
    this.lastActivity = options.now();
  }

  /**
   * The fence asks before letting a request through: false once MAX_RENDER_REQUESTS requests were admitted
   * (the request is then refused and the scan stops). Each admission is network activity.
   */
  admit(): boolean {
    this.touch();
    if (this.admitted >= this.maxRequests) {
      this.refusedOverCap += 1;
      return false;
    }
    this.admitted += 1;
    return true;
  }

  get overCap(): boolean {
    return this.refusedOverCap > 0;
  }

  /** A request (or a redirect hop of one) starts. `key` is unique per event source and request id. */
  willBeSent(key: string, event: RequestEvent): void {
    this.touch();
    const previous = this.open.get(key);
    const redirectedFrom = event.redirectResponse && previous ? previous.url : undefined;
    if (previous && event.redirectResponse) previous.status ??= event.redirectResponse.status;
    const url = withoutFragment(event.request.url);
    const host = hostOf(url);
    if (host === null) {
      this.open.delete(key);
      return; // data:, blob:, about: fetch nothing from a host
    }
    const known = this.byUrl.get(url);
    const entry: RenderedRequest = known ?? {
      url,
      host,
      method: event.request.method,
      initiator: normaliseInitiator(event.initiator, redirectedFrom, event.documentURL),
      ...(event.type ? { resourceType: event.type.toLowerCase() } : {}),
      ...(event.documentURL ? { documentUrl: event.documentURL } : {}),
    };
    if (event.renderBlockingBehavior !== undefined) {
      const blocking = BLOCKING_BEHAVIOURS.has(event.renderBlockingBehavior);
      entry.renderBlocking = (entry.renderBlocking ?? false) || blocking;
    }
    if (!known) this.byUrl.set(url, entry);
    this.open.set(key, entry);
  }

  /** Response headers arrived. */
  response(key: string, status: number, type?: string): void {
    this.touch();
    const entry = this.open.get(key);
    if (!entry) return;
    entry.status = status;
    if (type && !entry.resourceType) entry.resourceType = type.toLowerCase();
  }

  finished(key: string): void {
    this.touch();
    this.open.delete(key);
  }

  /** The browser gave up on a request: its net error, or "blocked" when the fence refused it. */
  failed(key: string, errorText: string): void {
    this.touch();
    const entry = this.open.get(key);
    this.open.delete(key);
    if (!entry || entry.status !== undefined) return;
    entry.failure = this.blockedUrls.has(entry.url) ? BLOCKED_FAILURE : errorText || 'failed';
  }

  /**
   * The fence refused a URL (or a channel the browser opens without an HTTP request, like a WebSocket).
   * Listed up to MAX_BLOCKED_LISTED; every refusal is counted. The URL also becomes a request with failure
   * "blocked", so its host is in the map: the page tried to reach it.
   */
  block(rawUrl: string, code: string, reason: string, resourceType?: string): void {
    this.touch();
    this.blockedTotal += 1;
    const url = withoutFragment(rawUrl);
    if (!this.blockedUrls.has(url) && this.blockedList.length < this.maxBlocked) {
      this.blockedList.push({ url, reason, code });
    }
    this.blockedUrls.add(url);
    const entry = this.byUrl.get(url);
    if (entry) {
      if (entry.status === undefined) entry.failure = BLOCKED_FAILURE;
      return;
    }
    const host = hostOf(url);
    if (host === null) return;
    this.byUrl.set(url, {
      url,
      host,
      method: 'GET',
      initiator: { type: 'other' },
      failure: BLOCKED_FAILURE,
      ...(resourceType ? { resourceType } : {}),
    });
  }

  /** Applies Resource Timing's `renderBlockingStatus` ("blocking" / "non-blocking") read from a frame. */
  renderBlockingStatus(rawUrl: string, status: string): void {
    const entry = this.byUrl.get(withoutFragment(rawUrl));
    if (!entry || entry.renderBlocking !== undefined) return;
    entry.renderBlocking = status === 'blocking';
  }

  /** Requests open now. */
  inFlight(): number {
    return this.open.size;
  }

  /** True when nothing started or ended for NETWORK_QUIET_MS and at most QUIET_MAX_IN_FLIGHT are open. */
  isQuiet(quietMs = NETWORK_QUIET_MS, maxInFlight = QUIET_MAX_IN_FLIGHT): boolean {
    return this.open.size <= maxInFlight && this.now() - this.lastActivity >= quietMs;
  }

  /** Milliseconds until the network could be quiet if nothing else happens (0 when it is). */
  quietIn(quietMs = NETWORK_QUIET_MS): number {
    return Math.max(0, quietMs - (this.now() - this.lastActivity));
  }

  /** Everything requested, in order of first request; requests still open are marked "timeout". */
  requests(): RenderedRequest[] {
    const list = [...this.byUrl.values()].map((entry) => ({ ...entry }));
    const stillOpen = new Set([...this.open.values()].map((entry) => entry.url));
    for (const entry of list) {
      if (stillOpen.has(entry.url) && entry.status === undefined && entry.failure === undefined) {
        entry.failure = 'timeout';
      }
    }
    return list;
  }

  blocked(): BlockedRequest[] {
    return this.blockedList.map((entry) => ({ ...entry }));
  }

  counts(): { admitted: number; refusedOverCap: number; blocked: number } {
    return { admitted: this.admitted, refusedOverCap: this.refusedOverCap, blocked: this.blockedTotal };
  }

  private touch(): void {
    this.lastActivity = this.now();
  }
}

function withoutFragment(raw: string): string {
  const hash = raw.indexOf('#');
  return hash === -1 ? raw : raw.slice(0, hash);
}

/** The host of an http(s) or ws(s) URL; null for everything that fetches from no host. */
export function hostOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    return ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.hostname !== ''
      ? url.hostname
      : null;
  } catch {
    return null;
  }
}
