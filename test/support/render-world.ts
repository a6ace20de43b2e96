/**
 * The internet a rendered scan sees in tests and the offline demo, on loopback:
 * - a forward PROXY for the browser (Chromium reads `http_proxy`, which miniflare passes on; loopback
 *   addresses bypass it). It serves the fixture third parties in test/fixtures/render/hosts/<host>/ —
 *   real names (www.googletagmanager.com, connect.facebook.net…) whose DoH answers in the fixture zones
 *   are public, so the fence lets them through as it would on the internet. Any other name it resolves
 *   from the same fixture zones like the browser's resolver would; a request for a private, loopback or
 *   metadata destination that reaches it is a LEAK: the fence let it out. It records the leak and, for
 *   loopback, forwards it to the canary, where it lands as a hit.
 * - a CANARY on one port of 127.0.0.1 and ::1, TCP and UDP: it counts every HTTP request, WebSocket
 *   upgrade, TCP connection (a preconnect) and UDP datagram (WebTransport's QUIC, WebRTC's STUN). The
 *   hostile fixture page aims at it by every route; a test then asserts it saw nothing.
 * One world per process (the functions and e2e projects share it), started on first use.
 *
 * Mocked, and why: only what cannot exist offline — DNS for public names (the fixture zones answer) and
 * the third parties' servers (the files under hosts/). The browser, its network stack, the fence and
 * the page's scripts are real.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFile, stat } from 'node:fs/promises';
import { isIP, type Socket } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyAddress } from '../../src/core/scan/classify-address.ts';
import { DEFAULT_ZONES_DIR } from './doh-server.ts';
import { loadZones } from './doh/zone-file.ts';
import { ZoneResolver } from './doh/zone-resolver.ts';
import { listen, trackedServers } from './tracked-servers.ts';

export const RENDER_DIR = fileURLToPath(new URL('../fixtures/render/', import.meta.url));
const HOSTS_DIR = join(RENDER_DIR, 'hosts');
const PAGES_DIR = join(RENDER_DIR, 'pages');

/** Paths of requests that prove the canary records (tests send them on purpose); never a leak. */
export const CONTROL_PATH = '/__control';

export interface CanaryEvent {
  kind: 'http' | 'upgrade' | 'connection' | 'udp' | 'proxy-leak';
  detail: string;
  at: number;
}

export interface RenderWorld {
  /** http://127.0.0.1:PORT, for `http_proxy`. */
  proxyUrl: string;
  /** The canary's port (the same on 127.0.0.1 and ::1, TCP and UDP). */
  canaryPort: number;
  /** Everything the canary and the proxy's leak detector saw, control requests included. */
  events(): CanaryEvent[];
  /** Events that are leaks: all but control requests and their connections. */
  leaks(): CanaryEvent[];
  /** Serves /render/... of a fixture origin; false when the path is not ours. */
  handle(request: IncomingMessage, response: ServerResponse, origin: string): Promise<boolean>;
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
  const events: CanaryEvent[] = [];
  const note = (kind: CanaryEvent['kind'], detail: string) => events.push({ kind, detail, at: Date.now() });
  const { track, stop: stopServers } = trackedServers();
  const udp: UdpSocket[] = [];

  // The canary: the same port on both loopback families, TCP and UDP.
  const canaryHandler = (request: IncomingMessage, response: ServerResponse) => {
    note('http', `${request.method} ${request.headers.host}${request.url}`);
    response.writeHead(200, { 'content-type': 'text/html', 'access-control-allow-origin': '*' });
    response.end(
      '<!doctype html><title>canary</title><script src="http://leaked.canary.test/secret.js"></script>',
    );
  };
  const canary4 = track(createServer(canaryHandler));
  canary4.on('connection', (socket) => note('connection', `${socket.remoteAddress} → 127.0.0.1`));
  canary4.on('upgrade', (request: IncomingMessage, socket: Socket) => {
    note('upgrade', `${request.headers.host}${request.url}`);
    socket.destroy();
  });
  const canaryPort = await listen(canary4, 0, '127.0.0.1');
  const canary6 = track(createServer(canaryHandler));
  canary6.on('connection', (socket) => note('connection', `${socket.remoteAddress} → ::1`));
  canary6.on('upgrade', (request: IncomingMessage, socket: Socket) => {
    note('upgrade', `${request.headers.host}${request.url}`);
    socket.destroy();
  });
  await listen(canary6, canaryPort, '::1').catch(() => null); // no IPv6 loopback: [::1] routes then fail closed anyway
  for (const [type, address] of [
    ['udp4', '127.0.0.1'],
    ['udp6', '::1'],
  ] as const) {
    const socket = createSocket(type);
    socket.on('message', (message, remote) =>
      note('udp', `${message.length} bytes from ${remote.address}:${remote.port}`),
    );
    socket.on('error', () => {});
    await new Promise<void>((resolve) => {
      socket.once('error', () => resolve());
      socket.bind(canaryPort, address, () => resolve());
    });
    udp.push(socket);
  }

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
    if (addressesOf(host).some(internal)) note('proxy-leak', `CONNECT ${request.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });

  async function proxyRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let target: URL;
    try {
      target = new URL(request.url ?? '');
    } catch {
      response.writeHead(400).end();
      return;
    }
    const host = target.hostname.toLowerCase();
    const dir = normalize(join(HOSTS_DIR, host));
    if (dir.startsWith(HOSTS_DIR) && (await isDirectory(dir))) return serveVirtualHost(dir, target, response);
    const addresses = addressesOf(host);
    if (addresses.some(internal)) {
      note('proxy-leak', `${request.method} ${target.href} (${addresses.join(', ')})`);
      // Forward loopback ones to the canary, as a real resolver would have sent the browser there.
      if (addresses.some((a) => a === '127.0.0.1' || a === '::1')) {
        const forward = httpRequest({
          host: '127.0.0.1',
          port: canaryPort,
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
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      const text =
        type.startsWith('text/') || type.startsWith('application/json') ? fill(body.toString('utf8')) : body;
      response.writeHead(200, {
        'content-type': type,
        'access-control-allow-origin': '*',
        'cache-control': 'no-store',
      });
      response.end(text);
    } catch {
      response
        .writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' })
        .end('not found');
    }
  }

  /** Placeholders in fixture files: the canary's address and port. */
  const fill = (text: string, origin = '') =>
    text
      .replaceAll('{{CANARY_PORT}}', String(canaryPort))
      .replaceAll('{{CANARY}}', `http://127.0.0.1:${canaryPort}`)
      .replaceAll('{{SITE}}', origin);

  const proxyPort = await listen(proxy, 0, '127.0.0.1');

  return {
    proxyUrl: `http://127.0.0.1:${proxyPort}`,
    canaryPort,
    events: () => [...events],
    leaks: () =>
      events
        .filter((e) => !e.detail.includes(CONTROL_PATH) && e.kind !== 'connection')
        .concat(unexplainedConnections(events)),
    async handle(request, response, origin) {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (!path.startsWith('/render/')) return false;
      const file = normalize(join(PAGES_DIR, decodeURIComponent(path.slice('/render/'.length))));
      if (!file.startsWith(PAGES_DIR)) {
        response.writeHead(403).end();
        return true;
      }
      try {
        const body = await readFile(file, 'utf8');
        const type = TYPES[extname(file)] ?? 'text/plain';
        response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
        response.end(fill(body, origin));
      } catch {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
      return true;
    },
    async stop() {
      for (const socket of udp) socket.close();
      await stopServers();
    },
  };
}

/**
 * TCP connections to the canary beyond those that carried a control request: a preconnect to the canary,
 * or a WebSocket/HTTP connection whose request never completed, shows up here.
 */
function unexplainedConnections(events: readonly CanaryEvent[]): CanaryEvent[] {
  const connections = events.filter((e) => e.kind === 'connection');
  const controls = events.filter((e) => e.kind === 'http' && e.detail.includes(CONTROL_PATH)).length;
  return connections.slice(controls);
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
