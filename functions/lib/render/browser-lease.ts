/**
 * A browser for one rendered scan, from the `BROWSER` binding (Cloudflare Browser Rendering, "Browser
 * Run"): an open session nobody is connected to is reused (`puppeteer.sessions`, then a connection to it),
 * otherwise a new one is launched with `keep_alive` so the next scan can reuse it. Reuse matters twice:
 * a launch costs ~0.5-1 s, and the service allows only so many new browsers per interval. After the scan
 * the connection is closed and the session left open; a session that misbehaved is closed for good.
 *
 * Each scan gets a fresh browser context (fence.ts): sessions are reused, cookies, cache and storage never.
 * At most MAX_CONCURRENT_RENDERS leases per isolate; past that, and whenever the service refuses, this
 * throws BrowserUnavailable, which the route turns into a static answer (`auto`) or a 424 (`rendered`).
 */
import puppeteer from '@cloudflare/puppeteer';
import { WorkersWebSocketTransport } from '@cloudflare/puppeteer/internal/cloudflare/WorkersWebSocketTransport.js';
import { BROWSER_KEEP_ALIVE_MS, MAX_CONCURRENT_RENDERS } from '../../../src/core/render/limits.ts';
import { CdpConnection } from './cdp.ts';

/** Why no browser could be had; `retryAfterSeconds` when the service said when to come back. */
export class BrowserUnavailable extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'BrowserUnavailable';
  }
}

export interface BrowserLease {
  connection: CdpConnection;
  /** True when an open session was reused (no launch). */
  reused: boolean;
  /** Time to get the connection (sessions lookup, launch or reconnect). */
  browserMs: number;
  /** Ends the lease: `healthy` keeps the session open for reuse, otherwise it is closed. */
  release(healthy: boolean): Promise<void>;
}

/** Leases held in this isolate now. */
let active = 0;

/** Leases in use in this isolate (for tests and the bench). */
export const activeLeases = (): number => active;

/** Sessions this isolate is connected to (the service also refuses a second connection to a session). */
const inUse = new Set<string>();

/** Sessions that failed to connect recently, skipped for a while (another isolate may hold them). */
const skip = new Map<string, number>();
const SKIP_MS = 30_000;

export async function leaseBrowser(
  binding: Fetcher,
  options: { now?: () => number; maxConcurrent?: number } = {},
): Promise<BrowserLease> {
  const now = options.now ?? Date.now;
  if (active >= (options.maxConcurrent ?? MAX_CONCURRENT_RENDERS)) {
    throw new BrowserUnavailable(
      `This server is already rendering ${active} pages; try again in a few seconds.`,
      2,
    );
  }
  active += 1;
  const started = now();
  try {
    const reused = await reconnect(binding, now);
    const lease = reused ?? (await launch(binding));
    const { connection, sessionId } = lease;
    inUse.add(sessionId);
    let released = false;
    return {
      connection,
      reused: reused !== null,
      browserMs: now() - started,
      async release(healthy) {
        if (released) return;
        released = true;
        active -= 1;
        inUse.delete(sessionId);
        if (!healthy && !connection.closed) {
          await connection.send('Browser.close').catch(() => {});
        }
        connection.close();
      },
    };
  } catch (error) {
    active -= 1;
    throw error;
  }
}

interface Connected {
  connection: CdpConnection;
  sessionId: string;
}

async function reconnect(binding: Fetcher, now: () => number): Promise<Connected | null> {
  let sessions: Array<{ sessionId: string; connectionId?: string }>;
  try {
    sessions = await puppeteer.sessions(binding);
  } catch {
    return null; // listing is an optimisation; launching still works
  }
  for (const session of sessions) {
    if (session.connectionId || inUse.has(session.sessionId) || (skip.get(session.sessionId) ?? 0) > now()) {
      continue;
    }
    inUse.add(session.sessionId); // claimed before the first await: a concurrent lease skips it
    try {
      const transport = await WorkersWebSocketTransport.create(binding, session.sessionId);
      const connection = new CdpConnection(transport);
      await connection.send('Browser.getVersion');
      return { connection, sessionId: session.sessionId };
    } catch {
      inUse.delete(session.sessionId);
      skip.set(session.sessionId, now() + SKIP_MS);
    }
  }
  return null;
}

async function launch(binding: Fetcher): Promise<Connected> {
  let sessionId: string;
  try {
    ({ sessionId } = await puppeteer.acquire(binding, { keep_alive: BROWSER_KEEP_ALIVE_MS }));
  } catch (error) {
    throw await refusal(binding, error);
  }
  try {
    const transport = await WorkersWebSocketTransport.create(binding, sessionId);
    const connection = new CdpConnection(transport);
    await connection.send('Browser.getVersion');
    return { connection, sessionId };
  } catch (error) {
    throw new BrowserUnavailable('The browser started but could not be reached.', undefined, {
      cause: error,
    });
  }
}

/** The service's refusal as a BrowserUnavailable, with Retry-After from its limits when it gives them. */
async function refusal(binding: Fetcher, error: unknown): Promise<BrowserUnavailable> {
  const text = error instanceof Error ? error.message : String(error);
  const limited = /code:\s*429/.test(text);
  let retryAfter: number | undefined;
  if (limited) {
    try {
      const limits = await puppeteer.limits(binding);
      retryAfter = Math.max(1, Math.ceil(limits.timeUntilNextAllowedBrowserAcquisition / 1000));
    } catch {
      retryAfter = undefined;
    }
  }
  return new BrowserUnavailable(
    limited
      ? 'The browser service is at its limit (concurrent browsers or new browsers per minute).'
      : 'The browser service could not start a browser.',
    retryAfter,
    { cause: error },
  );
}
