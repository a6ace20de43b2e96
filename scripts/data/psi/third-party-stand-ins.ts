/**
 * Stand-ins for the third parties of the demo shop (test/fixtures/sites/shop.html), so Lighthouse can
 * measure their cost offline. One HTTPS server on loopback answers for every third-party host (Chromium
 * maps them all to it with --host-resolver-rules and accepts its self-signed certificate); what it
 * serves is made up, how Lighthouse measures it is not:
 *
 * - a script spins the main thread for its company's average execution time in third-party-web's
 *   HTTP Archive data (the dataset Lighthouse names entities with), divided by the CPU slowdown of the
 *   run being recorded (setCpuSlowdown), so Lighthouse's simulated device sees about the dataset's
 *   figure; unknown hosts spin for DEFAULT_SPIN_MS. Each script is padded to a fixed size, so transfer
 *   sizes are ours, not theirs;
 * - stylesheets are a rule or two, images a 1×1 PNG, anything else an empty 200.
 *
 * Used only by `npm run data:psi-fixtures` (scripts/data/psi-fixtures.ts); nothing here ships.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import thirdPartyWeb from 'third-party-web';

/** Host main-thread time of a script whose company third-party-web does not know, ms. */
export const DEFAULT_SPIN_MS = 20;
/** Longest a stand-in spins, ms (host time), so one slow company cannot dominate the recording. */
export const MAX_SPIN_MS = 1500;
/** Bytes each stand-in script is padded to (uncompressed; served without compression). */
export const SCRIPT_BYTES = 24 * 1024;

/** A 1×1 transparent PNG. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** Globals the shop's inline scripts call, defined by the stand-ins of the libraries that own them. */
const GLOBALS: Record<string, string> = {
  'cdn.jsdelivr.net': 'window.Swiper = function Swiper() {};',
  'code.jquery.com': 'window.jQuery = window.$ = function jQuery() { return {}; };',
};

export interface StandInServer {
  /** The port Chromium's host resolver maps every third-party host to. */
  port: number;
  /** Requests served, as "host path", in order. */
  served(): string[];
  /** The CPU slowdown of the Lighthouse run about to be recorded (configSettings.throttling). */
  setCpuSlowdown(multiplier: number): void;
  stop(): Promise<void>;
}

/** Host main-thread milliseconds a stand-in script for `url` spins under a CPU slowdown of `multiplier`. */
export function spinMsFor(url: string, multiplier: number): number {
  const entity = thirdPartyWeb.getEntity(url);
  const average = entity?.averageExecutionTime;
  if (!average) return DEFAULT_SPIN_MS;
  return Math.min(MAX_SPIN_MS, Math.round(average / multiplier));
}

/** A script that blocks the main thread for `ms` (one long task), padded to SCRIPT_BYTES. */
export function standInScript(url: string, ms: number): string {
  const host = new URL(url).hostname;
  const body =
    `/* Stand-in for ${url}: spins ${ms} ms (scripts/data/psi/third-party-stand-ins.ts). */\n` +
    `${GLOBALS[host] ?? ''}\n` +
    `(function () { var end = performance.now() + ${ms}; while (performance.now() < end) {} })();\n`;
  return body + `/*${'x'.repeat(Math.max(0, SCRIPT_BYTES - body.length - 4))}*/`;
}

/** What the browser asked for: Chromium states it in Sec-Fetch-Dest (Fetch Metadata); the path is a fallback. */
function kindOf(destination: string, pathname: string): 'script' | 'style' | 'image' | 'other' {
  if (destination === 'script' || /\.m?js$/.test(pathname)) return 'script';
  if (destination === 'style' || /\.css$/.test(pathname)) return 'style';
  if (destination === 'image' || /\.(png|jpe?g|gif|webp|avif|svg|ico)$/.test(pathname)) return 'image';
  return 'other';
}

/** A throwaway self-signed certificate (Chromium runs with --ignore-certificate-errors). */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'psi-stand-ins-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=third-party stand-in',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const pair = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  rmSync(dir, { recursive: true, force: true });
  return pair;
}

export async function startStandIns(): Promise<StandInServer> {
  const served: string[] = [];
  let multiplier = 1;
  const sockets = new Set<Socket>();
  const server: Server = createServer(selfSignedCertificate(), (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(request.url ?? '/', `https://${host}`);
    served.push(`${host} ${url.pathname}`);
    const headers = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    switch (kindOf(String(request.headers['sec-fetch-dest'] ?? ''), url.pathname)) {
      case 'script':
        response.writeHead(200, { ...headers, 'content-type': 'text/javascript' });
        response.end(standInScript(url.href, spinMsFor(url.href, multiplier)));
        return;
      case 'style':
        response.writeHead(200, { ...headers, 'content-type': 'text/css' });
        response.end('/* stand-in */ body { margin: 0 }');
        return;
      case 'image':
        response.writeHead(200, { ...headers, 'content-type': 'image/png' });
        response.end(PIXEL);
        return;
      default:
        response.writeHead(200, { ...headers, 'content-type': 'text/html' });
        response.end('<!doctype html><title>stand-in</title>');
    }
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    served: () => [...served],
    setCpuSlowdown: (value) => {
      multiplier = value;
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
