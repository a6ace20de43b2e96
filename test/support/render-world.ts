/**
 * The internet a rendered scan sees in tests and the offline demo, on loopback:
 * - pages: test/fixtures/render/pages/, served at `/render/<file>` by the fixture sites (an allowed
 *   origin), with placeholders filled: {{CANARY}}, {{CANARY_PORT}}, {{SITE}}, {{RUN}}, {{PAD}};
 * - a forward PROXY for the browser (Chromium reads `http_proxy`, which miniflare passes on; loopback
 *   bypasses it). It serves the fixture third parties in test/fixtures/render/hosts/<host>/ — real names
 *   whose DoH answers in the fixture zones are public, so the fence lets them through as on the internet.
 *   Any other name it resolves from the same zones like the browser's resolver would: a request for a
 *   private, loopback or metadata destination that reaches it is a LEAK (the fence let it out), recorded
 *   on the scan's canary and, for loopback, forwarded there;
 * - CANARIES (render-canary.ts): one per scan, chosen by the page URL's `run` query parameter, so a test
 *   reads exactly what its page did. `GET /render/__canary?run=<id>` returns its port and events.
 * One world per process (the functions and e2e projects share it), started on first use.
 *
 * Mocked, and why: only what cannot exist offline — DNS for public names (the fixture zones answer) and
 * the third parties' servers (the files under hosts/). The browser, its network stack, the fence and the
 * page's scripts are real.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type Socket } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyAddress } from '../../src/core/scan/classify-address.ts';
import { DEFAULT_ZONES_DIR } from './doh-server.ts';
import { loadZones } from './doh/zone-file.ts';
import { ZoneResolver } from './doh/zone-resolver.ts';
import { startCanary, type Canary, type CanaryEvent } from './render-canary.ts';
import { listen, trackedServers } from './tracked-servers.ts';

export const RENDER_DIR = fileURLToPath(new URL('../fixtures/render/', import.meta.url));
const HOSTS_DIR = join(RENDER_DIR, 'hosts');
const PAGES_DIR = join(RENDER_DIR, 'pages');
/** Canaries kept at once; the oldest is stopped past this (a test reads its own within seconds). */
const MAX_CANARIES = 64;
/** Longest a page waits for its service worker (`/render/__wait-for-sw`). */
const SW_WAIT_MS = 5_000;
/** A 1×1 transparent GIF. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');

export interface RenderWorld {
  /** http://127.0.0.1:PORT, for `http_proxy`. */
  proxyUrl: string;
  /** The canary of a run id ('' = the shared one of pages loaded without `run`). */
  canary(run: string): Promise<Canary>;
  /** Serves /render/... of a fixture origin; false when the path is not ours. */
  handle(request: IncomingMessage, response: ServerResponse, origin: string): Promise<boolean>;
  /** More virtual hosts for the proxy, file by full URL (`npm run bench:scan`'s replays of captures). */
  addFiles(files: ReadonlyMap<string, { type: string; body: string; location?: string }>): void;
  stop(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.gif': 'image/gif',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
};

const WORLD = Symbol.for('edge-speed-tools.render-world');
type Holder = { world?: Promise<RenderWorld & { users: number }> };

/** The process's render world (started on first call; each caller stops it once). */
export async function startRenderWorld(): Promise<RenderWorld> {
  const holder = ((globalThis as Record<symbol, Holder>)[WORLD] ??= {});
  holder.world ??= createWorld().then((world) => Object.assign(world, { users: 0 }));
  const world = await holder.world;
  world.users += 1;
  let stopped = false;
  return {
    ...world,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      world.users -= 1;
      if (world.users === 0) {
        holder.world = undefined;
        await world.stop();
      }
    },
  };
}

async function createWorld(): Promise<RenderWorld> {
  const { track, stop: stopServers } = trackedServers();
  const canaries = new Map<string, Promise<Canary>>();
  const canary = (run: string): Promise<Canary> => {
    let found = canaries.get(run);
    if (!found) {
      found = startCanary();
      canaries.set(run, found);
      if (canaries.size > MAX_CANARIES) {
        const [oldest, stale] = canaries.entries().next().value as [string, Promise<Canary>];
        canaries.delete(oldest);
        void stale.then((c) => c.stop());
      }
    }
    return found;
  };

  const zones = new ZoneResolver(await loadZones(DEFAULT_ZONES_DIR));
  /** Addresses of a name as the fixture zones answer it (the browser's resolver, offline). */
  const addressesOf = (host: string): string[] => {
    const bare = host.replace(/^\[|\]$/g, '');
    if (isIP(bare)) return [bare];
    return (['A', 'AAAA'] as const).flatMap((type) =>
      zones
        .answer(bare, type)
        .answers.filter((a) => a.type === type)
        .map((a) => a.data),
    );
  };
  const internal = (address: string) =>
    classifyAddress(isIP(address) === 6 ? `[${address}]` : address).category !== 'public';
  const runOf = (url: URL) => url.searchParams.get('run') ?? '';
  /** Runs whose service worker reported that it installed, and pages waiting for that. */
  const installed = new Set<string>();
  const waiting = new Map<string, Array<() => void>>();

  const proxy = track(
    createServer((request, response) => {
      proxyRequest(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(String(error));
      });
    }),
  );
  proxy.on('connect', (request: IncomingMessage, socket: Socket) => {
    // HTTPS through the proxy: fixture hosts speak plain HTTP only. A tunnel to an internal address is a leak.
    const host = (request.url ?? '').replace(/:\d+$/, '');
    if (addressesOf(host).some(internal)) {
      void canary('').then((c) => c.note('proxy-leak', `CONNECT ${request.url}`));
    }
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });

  const extraFiles = new Map<string, { type: string; body: string; location?: string }>();
  const extraHosts = new Set<string>();

  async function proxyRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let target: URL;
    try {
      target = new URL(request.url ?? '');
    } catch {
      response.writeHead(400).end();
      return;
    }
    const host = target.hostname.toLowerCase();
    if (extraHosts.has(host)) {
      const file = extraFiles.get(target.href);
      response.writeHead(file ? (file.location ? 302 : 200) : 404, {
        ...(file?.location ? { location: file.location } : {}),
        'content-type': file?.type ?? 'text/plain',
        'access-control-allow-origin': '*',
        'cache-control': 'no-store',
      });
      response.end(file?.body ?? 'not found');
      return;
    }
    const dir = normalize(join(HOSTS_DIR, host));
    if (dir.startsWith(HOSTS_DIR) && (await isDirectory(dir))) return serveVirtualHost(dir, target, response);
    const addresses = addressesOf(host);
    if (addresses.some(internal)) {
      const run = await canary(runOf(target));
      run.note('proxy-leak', `${request.method} ${target.href} (${addresses.join(', ')})`);
      // Loopback ones go on to the canary, where a real resolver would have sent the browser.
      if (addresses.some((a) => a === '127.0.0.1' || a === '::1')) {
        const forward = httpRequest({
          host: '127.0.0.1',
          port: run.port,
          path: target.pathname + target.search,
          method: request.method,
          headers: request.headers,
        });
        forward.on('response', (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        });
        forward.on('error', () => response.writeHead(502).end());
        request.pipe(forward);
        return;
      }
    }
    response.writeHead(502, { 'content-type': 'text/plain' }).end(`${host}: not reachable offline`);
  }

  async function serveVirtualHost(dir: string, target: URL, response: ServerResponse): Promise<void> {
    const redirect = target.searchParams.get('__redirect');
    if (redirect) {
      response.writeHead(302, { location: redirect }).end();
      return;
    }
    const file = normalize(join(dir, decodeURIComponent(target.pathname)));
    const path = file.endsWith('/') || file === dir ? join(file, 'index.html') : file;
    if (!path.startsWith(dir)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(path);
      response.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'access-control-allow-origin': '*',
        'cache-control': 'no-store',
      });
      response.end(body);
    } catch {
      response
        .writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' })
        .end('not found');
    }
  }

  const proxyPort = await listen(proxy, 0, '127.0.0.1');

  return {
    proxyUrl: `http://127.0.0.1:${proxyPort}`,
    canary,
    addFiles(files) {
      for (const [url, file] of files) {
        extraFiles.set(url, file);
        extraHosts.add(new URL(url).hostname);
      }
    },
    async handle(request, response, origin) {
      const url = new URL(request.url ?? '/', 'http://x');
      if (!url.pathname.startsWith('/render/')) return false;
      const run = runOf(url);
      const { port } = await canary(run);
      if (url.pathname === '/render/__sw-installed') {
        installed.add(run);
        for (const release of waiting.get(run) ?? []) release();
        waiting.delete(run);
        response.writeHead(204, { 'access-control-allow-origin': '*' }).end();
        return true;
      }
      if (url.pathname === '/render/__wait-for-sw') {
        // Holds a page's load event until its service worker installed (at most SW_WAIT_MS), so the scan
        // sees what the worker does while it installs.
        if (!installed.has(run)) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, SW_WAIT_MS);
            waiting.set(run, [...(waiting.get(run) ?? []), () => (clearTimeout(timer), resolve())]);
          });
        }
        response.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store' }).end(GIF);
        return true;
      }
      if (url.pathname === '/render/__canary') {
        const events: CanaryEvent[] = (await canary(run)).events();
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ port, events }));
        return true;
      }
      const file = normalize(join(PAGES_DIR, decodeURIComponent(url.pathname.slice('/render/'.length))));
      if (!file.startsWith(PAGES_DIR)) {
        response.writeHead(403).end();
        return true;
      }
      try {
        const body = (await readFile(file, 'utf8'))
          .replaceAll('{{CANARY_PORT}}', String(port))
          .replaceAll('{{CANARY}}', `http://127.0.0.1:${port}`)
          .replaceAll('{{SITE}}', origin)
          .replaceAll('{{RUN}}', encodeURIComponent(run))
          .replaceAll('{{PAD}}', 'x'.repeat(1024 * 1024));
        response.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'text/plain',
          'cache-control': 'no-store',
        });
        response.end(body);
      } catch {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
      return true;
    },
    async stop() {
      await Promise.all([...canaries.values()].map(async (c) => (await c).stop()));
      await stopServers();
    },
  };
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
