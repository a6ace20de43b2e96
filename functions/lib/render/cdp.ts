/**
 * A small Chrome DevTools Protocol client over the Browser Rendering binding's WebSocket (the transport of
 * `@cloudflare/puppeteer`). Flat sessions only: every attached target's messages carry its `sessionId` on
 * the one socket. We speak CDP directly instead of through Puppeteer's Browser/Page objects because the
 * fence must own target attachment (Puppeteer's own auto-attach resumes paused targets on its schedule)
 * and because a scan needs none of Puppeteer's page machinery.
 */
import { CDP_COMMAND_TIMEOUT_MS } from '../../../src/core/render/limits.ts';

/** What `WorkersWebSocketTransport` provides (Puppeteer's ConnectionTransport). */
export interface CdpTransport {
  send(message: string): void;
  close(): void;
  onmessage?: (message: string) => void;
  onclose?: () => void;
}

export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** A command the browser refused, or that got no answer in time. */
export class CdpError extends Error {
  constructor(
    readonly method: string,
    message: string,
  ) {
    super(`${method}: ${message}`);
    this.name = 'CdpError';
  }
}

export class CdpConnection {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: CdpEvent) => void>();
  private closedFlag = false;
  /** Commands sent and events received, for the scan's stats and the bench. */
  readonly counts = { commands: 0, events: 0 };

  constructor(
    private readonly transport: CdpTransport,
    private readonly timeoutMs = CDP_COMMAND_TIMEOUT_MS,
  ) {
    transport.onmessage = (message) => this.receive(message);
    transport.onclose = () => this.fail(new CdpError('connection', 'the browser connection closed'));
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  send<T = Record<string, unknown>>(
    method: string,
    params: object = {},
    sessionId?: string,
    timeoutMs = this.timeoutMs,
  ): Promise<T> {
    if (this.closedFlag) return Promise.reject(new CdpError(method, 'the browser connection is closed'));
    const id = ++this.nextId;
    this.counts.commands += 1;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CdpError(method, `no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
      try {
        this.transport.send(
          JSON.stringify(sessionId ? { id, method, params, sessionId } : { id, method, params }),
        );
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new CdpError(method, String(error)));
      }
    });
  }

  /** Sends and ignores the outcome (a target that went away while we spoke to it is normal). */
  fire(method: string, params: object = {}, sessionId?: string): void {
    this.send(method, params, sessionId).catch(() => {});
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  on(listener: (event: CdpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the socket (the browser session stays open for reuse unless `Browser.close` was sent). */
  close(): void {
    if (this.closedFlag) return;
    this.fail(new CdpError('connection', 'closed by the scanner'));
    try {
      this.transport.close();
    } catch {
      // already closed
    }
  }

  private receive(raw: string): void {
    let message: {
      id?: number;
      result?: unknown;
      error?: { message?: string };
      method?: string;
      params?: unknown;
      sessionId?: string;
    };
    try {
      message = JSON.parse(raw) as typeof message;
    } catch {
      return;
    }
    if (typeof message.id === 'number') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.error) pending.reject(new CdpError(pending.method, message.error.message ?? 'failed'));
      else pending.resolve(message.result ?? {});
      return;
    }
    if (typeof message.method !== 'string') return;
    this.counts.events += 1;
    const event: CdpEvent = {
      method: message.method,
      params: (message.params ?? {}) as Record<string, unknown>,
      ...(message.sessionId ? { sessionId: message.sessionId } : {}),
    };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // one listener's bug must not stop the others (the fence's handlers catch their own errors)
      }
    }
  }

  private fail(error: Error): void {
    this.closedFlag = true;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.pending.delete(id);
    }
  }
}
