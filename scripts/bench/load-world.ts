/**
 * A synthetic "fixture world" on loopback for the load bench and the fault tests: DNS zones with many
 * third-party hosts (CNAME chains to shared edges, as CDNs do), origin pages that reference them, and a
 * `wrangler pages dev` whose output is kept so callers can look for uncaught errors.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { DEFAULT_ZONES_DIR } from '../../test/support/doh-server.ts';
import { launchPagesDev, type PagesDev } from '../../test/support/pages-dev.ts';
import { quietEnv } from '../lib/quiet-env.ts';

/** Distinct edge names the world's hosts CNAME to: many hosts share few edges, like real CDNs. */
export const WORLD_EDGES = 8;

/** `h{i}.{group}.world.test` for i < count. */
export function worldHosts(group: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `h${i}.${group}.world.test`);
}

/**
 * A zones folder: the project's fixture zones plus `world.zone` with `groups` of `perGroup` hosts. Each
 * host is a CNAME to one of WORLD_EDGES edges with A and AAAA records in documentation ranges
 * (RFC 5737/3849), so no ASN lookups are needed and nothing can leak to the internet.
 */
export function writeWorldZones(groups: Record<string, number>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'world-zones-'));
  for (const file of readdirSync(DEFAULT_ZONES_DIR)) {
    if (file.endsWith('.zone')) cpSync(join(DEFAULT_ZONES_DIR, file), join(dir, file));
  }
  const lines = ['$TTL 300', 'world.test NS ns1.world.test', 'world.test NS ns2.world.test'];
  for (let e = 0; e < WORLD_EDGES; e++) {
    lines.push(
      `edge${e}.cdn.world.test A 203.0.113.${e + 1}`,
      `edge${e}.cdn.world.test AAAA 2001:db8::${e + 1}`,
    );
  }
  for (const [group, count] of Object.entries(groups)) {
    worldHosts(group, count).forEach((host, i) =>
      lines.push(`${host} CNAME edge${i % WORLD_EDGES}.cdn.world.test`),
    );
  }
  writeFileSync(join(dir, 'world.zone'), `${lines.join('\n')}\n`);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Bytes of the decompressed gzip bomb: 50x the scanner's page limit, about 100 KB on the wire. */
export const GZIP_BOMB_BYTES = 100 * 1024 * 1024;
/** Size of the "huge page" fault: five times the scanner's 2 MB page limit. */
export const HUGE_PAGE_BYTES = 10 * 1024 * 1024;

let gzipBomb: Buffer | null = null;

/**
 * Origin faults a scanned site can throw at us, one path each (GET /hostile/{name}). Every one must end
 * in a scan result or a 4xx refusal within the scan deadline.
 */
export const HOSTILE_PATHS: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  // Headers at once, then one byte a second: only the deadline ends it.
  'slow-loris': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    const timer = setInterval(() => response.write('<'), 1_000);
    response.on('close', () => clearInterval(timer));
  },
  // Never answers at all.
  hang: () => {},
  // Resets the connection mid-headers.
  reset: (request) => request.socket.destroy(),
  // Redirects to itself with a counter, forever.
  'redirect-loop': (request, response) => {
    const n = Number(/n=(\d+)/.exec(request.url ?? '')?.[1] ?? 0);
    response.writeHead(302, { location: `/hostile/redirect-loop?n=${n + 1}` }).end();
  },
  // Redirects into private address space (the scanner must re-check every hop).
  'redirect-private': (_request, response) => {
    response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
  },
  'gzip-bomb': (_request, response) => {
    gzipBomb ??= gzipSync(Buffer.alloc(GZIP_BOMB_BYTES, 0x20), { level: 9 });
    response.writeHead(200, {
      'content-type': 'text/html',
      'content-encoding': 'gzip',
      'content-length': gzipBomb.length,
    });
    response.end(gzipBomb);
  },
  huge: (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    const block = Buffer.from(`${'<p>filler</p>'.repeat(78)}<img src="https://big.example/a.png">\n`);
    let sent = 0;
    const pump = () => {
      while (sent < HUGE_PAGE_BYTES) {
        sent += block.length;
        if (!response.write(block)) return void response.once('drain', pump);
      }
      response.end();
    };
    response.on('error', () => {});
    pump();
  },
  json: (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"not":"html"}');
  },
  image: (_request, response) => {
    response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(1024, 0x89));
  },
  'no-content-type': (_request, response) => {
    response.writeHead(200).end('<script src="https://nct.example/a.js"></script>');
  },
  latin1: (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
    response.end(
      Buffer.from(
        '<title>caf\xe9 \x80</title><script src="https://latin.example/\xe9.js"></script>',
        'latin1',
      ),
    );
  },
  utf16: (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-16le' });
    response.end(Buffer.from('\ufeff<script src="https://u16.example/a.js"></script>', 'utf16le'));
  },
  'invalid-utf8': (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      Buffer.concat([
        Buffer.from('<p>'),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]),
        Buffer.from('<img src="https://bad8.example/a.png">'),
      ]),
    );
  },
  'server-error': (_request, response) => {
    response.writeHead(500, { 'content-type': 'text/html' }).end('<p>oops</p>');
  },
  'lying-length': (request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', 'content-length': 100_000 });
    response.write('<p>short');
    setTimeout(() => request.socket.destroy(), 200);
  },
};

/**
 * An origin on 127.0.0.1: `/page/{group}` references `extraHosts` and every host of that group (the map
 * flows of the load bench); `/hostile/{name}` serves one of HOSTILE_PATHS.
 */
export async function startWorldOrigin(
  groups: Record<string, number>,
  options: {
    /** Hosts every page references besides its own group (shared third parties). */ extraHosts?: string[];
  } = {},
): Promise<{ origin: string; stop(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const hostile = /^\/hostile\/([a-z0-9-]+)/.exec(request.url ?? '')?.[1];
    if (hostile && HOSTILE_PATHS[hostile]) return HOSTILE_PATHS[hostile](request, response);
    const group = /^\/page\/([a-z0-9-]+)/.exec(request.url ?? '')?.[1] ?? '';
    const count = groups[group];
    if (count === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
      return;
    }
    const tags = [...(options.extraHosts ?? []), ...worldHosts(group, count)].map((host, i) =>
      i % 3 === 0
        ? `<script src="https://${host}/app.js"></script>`
        : i % 3 === 1
          ? `<link rel="stylesheet" href="https://${host}/style.css">`
          : `<img src="https://${host}/pixel.gif" alt="">`,
    );
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html><head><title>${group}</title>${tags.join('\n')}</head><body><p>world</p></body></html>`,
    );
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const wranglerBin = new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url).pathname;
const projectRoot = new URL('../../', import.meta.url).pathname;

/** Compatibility settings of wrangler.jsonc, repeated because the frozen copy runs outside the project. */
const COMPATIBILITY = ['--compatibility-date', '2026-08-22', '--compatibility-flags', 'nodejs_compat'];

function run(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin, ...args], {
      cwd,
      env: quietEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`wrangler ${args.join(' ')}:\n${output}`)),
    );
  });
}

/**
 * `wrangler pages dev` on loopback with the given bindings and its own state folder.
 *
 * It serves a frozen copy: the built site (SITE_DIST, default dist) plus the Functions bundled once into
 * `_worker.js` by `wrangler pages functions build` (what Pages deploys), run outside the project folder.
 * Serving `functions/` directly restarts the worker whenever a file there changes, which kills requests
 * in flight ("Your worker restarted mid-request", 503): harmless in development, fatal to a measurement.
 */
export async function startWorldPagesDev(bindings: Record<string, string>): Promise<PagesDev> {
  const root = mkdtempSync(join(tmpdir(), 'world-pages-dev-'));
  // Local KV and cache state outside `root`: wrangler reloads the worker when files under its working
  // folder change, and state writes there would restart it mid-request.
  const state = mkdtempSync(join(tmpdir(), 'world-pages-state-'));
  const site = join(root, 'site');
  const removeFolders = () => {
    rmSync(root, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true });
  };
  try {
    cpSync(resolvePath(projectRoot, process.env.SITE_DIST ?? 'dist'), site, { recursive: true });
    await run(
      ['pages', 'functions', 'build', 'functions', '--outdir', join(site, '_worker.js'), ...COMPATIBILITY],
      projectRoot,
    );
    const dev = await launchPagesDev({
      site,
      bindings,
      persistTo: state,
      cwd: root,
      flags: ['--kv', 'KV', ...COMPATIBILITY],
      logLevel: 'warn',
    });
    return {
      ...dev,
      stop: async () => {
        await dev.stop();
        removeFolders();
      },
    };
  } catch (error) {
    removeFolders();
    throw error;
  }
}

/** Lines of workerd output that mean an error escaped our code. */
export function uncaughtErrors(output: string): string[] {
  return output.split('\n').filter((line) => /uncaught|unhandled|internal error|exception/i.test(line));
}
