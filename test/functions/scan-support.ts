import { env } from 'cloudflare:workers';
import { createApiMiddleware } from '../../functions/api/_middleware.ts';
import { onRequest, onRequestPost } from '../../functions/api/scan.ts';
import { onRequestPost as resolve } from '../../functions/api/resolve.ts';
import { MAX_HOSTS_PER_REQUEST } from '../../src/core/dns/limits.ts';
import type { ResolvedHost, ResolveResponse } from '../../src/core/resolve/types.ts';
import type { ScanResponse } from '../../src/core/scan/types.ts';
import { callFunction } from './call.ts';

/** The fixture origins (allowed) and, through the first one, the canary's addresses and hits. */
export const fixtureOrigins = (): string[] => (env.SCAN_ALLOWED_ORIGINS ?? '').split(',').filter(Boolean);
export const site = (): string => fixtureOrigins()[0] as string;
export const otherSite = (): string => fixtureOrigins()[1] as string;

export interface FixtureState {
  origins: string[];
  canaryOrigins: string[];
  canaryHits: Array<{ server: string; url: string; host: string }>;
}

export async function fixtureState(): Promise<FixtureState> {
  return (await (await fetch(`${site()}/__fixture/state`)).json()) as FixtureState;
}

/**
 * POST /api/scan through the /api middleware, exactly as Pages routes it. A fresh middleware per call:
 * its per-isolate rate limiter is tested on its own and would otherwise throttle this suite.
 */
export async function postScan(
  body: unknown,
  init: { raw?: string; headers?: Record<string, string>; method?: string } = {},
): Promise<Response> {
  const method = init.method ?? 'POST';
  const make = () =>
    new Request('http://edge-speed-tools.test/api/scan', {
      method,
      headers: { 'content-type': 'application/json', ...init.headers },
      body: method === 'GET' || method === 'HEAD' ? null : (init.raw ?? JSON.stringify(body)),
    });
  // Pages calls the method's own handler, else the catch-all.
  const handler = method === 'POST' ? onRequestPost : onRequest;
  return callFunction(createApiMiddleware(), make(), { next: () => callFunction(handler, make()) });
}

export type ScanResult = ScanResponse & { stats: NonNullable<ScanResponse['stats']> };

/**
 * A scan through the route. Static unless asked otherwise: the static path's tests stay about the static
 * scanner (and fast); rendered scans have their own suites (render-*.test.ts).
 */
export async function scan(
  url: string,
  mode: 'auto' | 'rendered' | 'static' = 'static',
): Promise<{ status: number; body: ScanResult & { error?: { code: string; message: string } } }> {
  const response = await postScan({ url, mode });
  return {
    status: response.status,
    body: (await response.json()) as ScanResult & { error?: { code: string; message: string } },
  };
}

/** The refusal code of a (static) scan, or "ok". */
export async function outcome(url: string, mode: 'auto' | 'rendered' | 'static' = 'static'): Promise<string> {
  const { status, body } = await scan(url, mode);
  return status === 200 ? 'ok' : `${status} ${body.error?.code}`;
}

/** POST /api/resolve through the middleware in batches of MAX_HOSTS_PER_REQUEST, as the mapper sends them. */
export async function resolveAll(hosts: string[], page: string): Promise<ResolvedHost[]> {
  const out: ResolvedHost[] = [];
  for (let i = 0; i < hosts.length; i += MAX_HOSTS_PER_REQUEST) {
    const make = () =>
      new Request('http://edge-speed-tools.test/api/resolve', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ hosts: hosts.slice(i, i + MAX_HOSTS_PER_REQUEST), page }),
      });
    const response = await callFunction(createApiMiddleware(), make(), {
      next: () => callFunction(resolve, make()),
    });
    if (response.status !== 200) throw new Error(`resolve answered ${response.status}`);
    out.push(...((await response.json()) as ResolveResponse).hosts);
  }
  return out;
}
