/**
 * A canary for rendered scans: one port on 127.0.0.1 and ::1, TCP and UDP, recording everything that
 * reaches it — HTTP requests, WebSocket upgrades, TCP connections (a preconnect opens one without a
 * request) and UDP datagrams (WebTransport's QUIC, WebRTC's STUN) — plus the leaks the fixture proxy
 * reports for it (render-world.ts). Each hostile scan gets a canary of its own, so a test reads exactly
 * what its page did, whatever runs beside it.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { listen, trackedServers } from './tracked-servers.ts';

/** Requests sent on purpose to prove the canary records (a control); never a leak. */
export const CONTROL_PATH = '/__control';

export interface CanaryEvent {
  kind: 'http' | 'upgrade' | 'connection' | 'udp' | 'proxy-leak';
  detail: string;
  at: number;
}

export interface Canary {
  port: number;
  events(): CanaryEvent[];
  /** Adds an event seen elsewhere for this canary (the proxy's leaks). */
  note(kind: CanaryEvent['kind'], detail: string): void;
  stop(): Promise<void>;
}

export async function startCanary(): Promise<Canary> {
  const events: CanaryEvent[] = [];
  const note = (kind: CanaryEvent['kind'], detail: string) => events.push({ kind, detail, at: Date.now() });
  const { track, stop: stopServers } = trackedServers();
  const udp: UdpSocket[] = [];
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    note('http', `${request.method} ${request.headers.host}${request.url}`);
    // Looks like a juicy page, so a leak would also show up as resources in the scan.
    response.writeHead(200, { 'content-type': 'text/html', 'access-control-allow-origin': '*' });
    response.end(
      '<!doctype html><title>canary</title><script src="http://leaked.canary.test/secret.js"></script>',
    );
  };
  const serve = (family: string) => {
    const server = track(createServer(handler));
    server.on('connection', (socket: Socket) => note('connection', `${socket.remoteAddress} → ${family}`));
    server.on('upgrade', (request: IncomingMessage, socket: Socket) => {
      note('upgrade', `${request.headers.host}${request.url}`);
      socket.destroy();
    });
    return server;
  };
  const port = await listen(serve('127.0.0.1'), 0, '127.0.0.1');
  // Without IPv6 loopback the [::1] routes cannot connect anywhere, which is as safe; the v4 canary remains.
  await listen(serve('::1'), port, '::1').catch(() => null);
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
      socket.bind(port, address, () => resolve());
    });
    udp.push(socket);
  }
  return {
    port,
    events: () => [...events],
    note,
    stop: async () => {
      for (const socket of udp) socket.close();
      await stopServers();
    },
  };
}
