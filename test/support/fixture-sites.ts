/**
 * Loopback web servers for the scanner's tests and bench:
 * - two fixture origins (their `origins` go into SCAN_ALLOWED_ORIGINS) serving the pages in
 *   test/fixtures/sites/ and hostile endpoints: redirect chains and loops, redirects into private space,
 *   slow headers, a slow-loris body, a gzip bomb, wrong content types, error statuses, a 10 MB page,
 *   100k elements, a huge attribute and non-UTF-8 encodings;
 * - a CANARY that records every request it receives. It is never an allowed origin: the SSRF battery
 *   aims every payload at it and then asserts it saw nothing. Besides its free port it also tries to
 *   listen on port 80 of a loopback address, so that payloads without a port (`http://2130706433/`)
 *   would really reach it if a check failed.
 *
 * Test code inside workerd learns the canary's addresses and hits from `GET {origins[0]}/__fixture/state`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startRenderWorld, type RenderWorld } from './render-world.ts';
import { listen, trackedServers } from './tracked-servers.ts';

export interface CanaryHit {
  server: string;
  method: string;
  url: string;
  host: string;
  at: number;
}

export interface FixtureSites {
  /** Origins (scheme://host:port) to allow through SCAN_ALLOWED_ORIGINS. */
  origins: string[];
  /** The canary's origins: its free port on 127.0.0.1 and, when it could bind one, port 80 of a loopback address. */
  canaryOrigins: string[];
  /** Every request the canary received. */
  canaryHits(): CanaryHit[];
  /** Rendered scans' world: /render/ pages, the browser's proxy and its canary (render-world.ts). */
  render: RenderWorld;
  stop(): Promise<void>;
}

export const SITES_DIR = fileURLToPath(new URL('../fixtures/sites/', import.meta.url));

/** Sizes of the generated hostile pages. */
const BIG_PAGE_BYTES = 10 * 1024 * 1024;
const GZIP_BOMB_BYTES = 64 * 1024 * 1024;
const MANY_ELEMENTS = 100_000;
const HUGE_ATTRIBUTE_BYTES = 1024 * 1024;
/** The slow-loris body sends one byte this often, forever (until the client hangs up). */
const SLOW_BYTE_INTERVAL_MS = 200;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript',
  '.png': 'image/png',
};

export async function startFixtureSites(): Promise<FixtureSites> {
  const hits: CanaryHit[] = [];
  const { track, stop: stopServers } = trackedServers();
  const timers = new Set<ReturnType<typeof setInterval>>();
  let gzipBomb: Buffer | null = null;
  const render = await startRenderWorld();

  const canaryOrigins: string[] = [];
  const canaryHandler = (name: string) => (request: IncomingMessage, response: ServerResponse) => {
    hits.push({
      server: name,
      method: request.method ?? '',
      url: request.url ?? '',
      host: request.headers.host ?? '',
      at: Date.now(),
    });
    // Looks like a juicy page, so a leak would also show up as resources in the scan.
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(
      '<!doctype html><title>canary</title><script src="https://leaked.canary.test/secret.js"></script>',
    );
  };
  const canary = track(createServer(canaryHandler('canary')));
  canaryOrigins.push(`http://127.0.0.1:${await listen(canary, 0, '127.0.0.1')}`);
  const canary80 = await listenOnPort80(canaryHandler('canary80'));
  if (canary80) {
    track(canary80.server);
    canaryOrigins.push(canary80.origin);
  }

  const origins: string[] = [];
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    route(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  };

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const self = `http://${request.headers.host}`;
    const url = new URL(request.url ?? '/', self);
    const path = url.pathname;
    const param = (name: string, fallback: string) => url.searchParams.get(name) ?? fallback;
    const html = (body: string | Buffer, status = 200, type = 'text/html; charset=utf-8') => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    const redirect = (location: string, status = 302) => {
      response.writeHead(status, { location });
      response.end();
    };

    if (path === '/__fixture/state') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ origins, canaryOrigins, canaryHits: hits }));
      return;
    }
    if (await render.handle(request, response, self)) return;
    if (path === '/' || path === '/index.html') return serveFile('simple.html', response);
    if (path.startsWith('/sites/')) return serveFile(path.slice('/sites/'.length), response);

    // Redirects
    const chain = /^\/redirect\/chain\/(\d+)$/.exec(path);
    if (chain) {
      const left = Number(chain[1]);
      const target = param('to', '/sites/simple.html');
      return redirect(left <= 1 ? target : `/redirect/chain/${left - 1}?to=${encodeURIComponent(target)}`);
    }
    if (path === '/redirect/loop') return redirect('/redirect/loop');
    if (path === '/redirect/to') return redirect(param('url', '/'), Number(param('status', '302')));
    if (path === '/redirect/no-location') {
      response.writeHead(302);
      response.end();
      return;
    }

    // Time
    if (path === '/slow/headers') return; // never answers; the socket is destroyed on stop()
    if (path === '/slow/body') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.write('<!doctype html><html><head><script src="https://early.fixture.test/a.js"></script>');
      const timer = setInterval(() => response.write(' '), SLOW_BYTE_INTERVAL_MS);
      timers.add(timer);
      response.on('close', () => {
        clearInterval(timer);
        timers.delete(timer);
      });
      return;
    }
    if (path === '/slow/css') {
      const timer = setTimeout(
        () => html('body{background:url(/late.png)}', 200, 'text/css'),
        Number(param('ms', '10000')),
      );
      response.on('close', () => clearTimeout(timer));
      return;
    }

    // Size
    if (path === '/gzip-bomb') {
      gzipBomb ??= gzipSync(
        Buffer.concat([
          Buffer.from(
            '<!doctype html><head><script src="https://bomb.fixture.test/x.js"></script></head><body><!--',
          ),
          Buffer.alloc(GZIP_BOMB_BYTES, 0x20),
        ]),
        { level: 9 },
      );
      response.writeHead(200, {
        'content-type': 'text/html',
        'content-encoding': 'gzip',
        'content-length': gzipBomb.length,
      });
      response.end(gzipBomb);
      return;
    }
    if (path === '/big') return streamBigPage(response, Number(param('bytes', String(BIG_PAGE_BYTES))));
    if (path === '/many-elements') {
      const count = Number(param('n', String(MANY_ELEMENTS)));
      const parts = [
        '<!doctype html><html><head><link rel="stylesheet" href="/sites/css/main.css"></head><body>',
      ];
      for (let i = 0; i < count; i += 1) parts.push(i % 2 ? '<i>x</i>' : '<b>y</b>');
      parts.push('<img src="https://last.fixture.test/after-100k.png"></body></html>');
      return html(parts.join(''));
    }
    if (path === '/huge-attribute') {
      const size = Number(param('bytes', String(HUGE_ATTRIBUTE_BYTES)));
      return html(
        `<!doctype html><head><script src="https://before.fixture.test/a.js"></script></head><body>` +
          `<img alt="${'x'.repeat(size)}" src="https://huge-attr.fixture.test/img.png">` +
          `<a title='${'"'.repeat(1000)}'>x</a><img src="https://after.fixture.test/b.png"></body>`,
      );
    }
    if (path === '/third-parties') return html(thirdPartyPage(Number(param('n', '50')), param('hosts', '')));

    // Types and statuses
    const type = /^\/type\/(.+)$/.exec(path);
    if (type) {
      const types: Record<string, string | null> = {
        json: 'application/json',
        png: 'image/png',
        plain: 'text/plain',
        xhtml: 'application/xhtml+xml; charset=utf-8',
        'html-upper': 'TEXT/HTML; Charset=UTF-8',
        none: null,
      };
      const value = types[type[1] as string];
      const body = '<!doctype html><head><script src="https://typed.fixture.test/a.js"></script></head>';
      response.writeHead(200, value === null || value === undefined ? {} : { 'content-type': value });
      response.end(body);
      return;
    }
    const status = /^\/status\/(\d{3})$/.exec(path);
    if (status)
      return html(
        '<!doctype html><script src="https://error-page.fixture.test/e.js"></script>',
        Number(status[1]),
      );

    // Encodings
    if (path === '/encoding/windows-1252') {
      return html(
        Buffer.from(
          '<!doctype html><img src="/caf\u00e9.png"><img src="https://latin.fixture.test/x.png">',
          'latin1',
        ),
        200,
        'text/html; charset=windows-1252',
      );
    }
    if (path === '/encoding/shift_jis-meta') {
      // <meta charset=shift_jis> and あ (0x82 0xA0) in a path; no charset in the header.
      const head = Buffer.from('<!doctype html><meta charset="shift_jis"><img src="/');
      const tail = Buffer.from('.png"><script src="https://sjis.fixture.test/a.js"></script>');
      return html(Buffer.concat([head, Buffer.from([0x82, 0xa0]), tail]), 200, 'text/html');
    }
    if (path === '/encoding/utf-16') {
      const body = Buffer.from(
        '\ufeff<!doctype html><script src="https://u16.fixture.test/a.js"></script>',
        'utf16le',
      );
      return html(body, 200, 'text/html; charset=utf-16le');
    }
    if (path === '/encoding/bogus') {
      return html(
        '<!doctype html><script src="https://bogus-charset.fixture.test/a.js"></script>',
        200,
        'text/html; charset=no-such-encoding',
      );
    }
    if (path === '/encoding/invalid-utf8') {
      const bytes = Buffer.concat([
        Buffer.from('<!doctype html><img src="/x'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('.png"><script src="https://after-bad-bytes.fixture.test/a.js"></script>'),
      ]);
      return html(bytes);
    }
    html('not found', 404, 'text/plain');
  }

  async function serveFile(relative: string, response: ServerResponse): Promise<void> {
    const file = normalize(join(SITES_DIR, decodeURIComponent(relative)));
    if (!file.startsWith(SITES_DIR)) {
      response.writeHead(403);
      response.end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  }

  for (let i = 0; i < 2; i += 1) {
    const server = track(createServer(handler));
    origins.push(`http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`);
  }

  return {
    origins,
    canaryOrigins,
    canaryHits: () => [...hits],
    render,
    stop: async () => {
      await render.stop();
      for (const timer of timers) clearInterval(timer);
      await stopServers();
    },
  };
}

/** A page of about `bytes` bytes: a few head resources, then images on 50 hosts repeated, written in chunks. */
function streamBigPage(response: ServerResponse, bytes: number): void {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.write(
    '<!doctype html><html><head><script src="https://head.fixture.test/first.js"></script></head><body>',
  );
  let written = 0;
  let i = 0;
  const writeMore = () => {
    while (written < bytes) {
      const chunk: string[] = [];
      for (let j = 0; j < 200; j += 1, i += 1)
        chunk.push(`<p><img src="https://img${i % 50}.big.fixture.test/p/${i}.png" alt="photo ${i}"></p>\n`);
      const text = chunk.join('');
      written += text.length;
      if (!response.write(text)) return void response.once('drain', writeMore);
    }
    response.end('<script src="https://tail.fixture.test/last.js"></script></body></html>');
  };
  response.on('error', () => {});
  writeMore();
}

/**
 * A page referencing `n` third-party hosts: the given comma-separated hosts first (for the bench: the
 * fixture zone's real third parties), then `t<i>.third.fixture.test`.
 */
function thirdPartyPage(n: number, hostList: string): string {
  const hosts = hostList.split(',').filter(Boolean);
  for (let i = hosts.length; i < n; i += 1) hosts.push(`t${i}.third.fixture.test`);
  const tags = hosts
    .slice(0, n)
    .map((host, i) =>
      i % 2 === 0
        ? `<script src="https://${host}/tag.js" async></script>`
        : `<img src="https://${host}/pixel.gif">`,
    );
  return `<!doctype html><html><head><title>third parties</title>${tags.join('\n')}</head><body><p>bench</p></body></html>`;
}

/** Port 80 on 127.0.0.1, or on a random other loopback address when taken; null when not permitted (not root). */
async function listenOnPort80(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ server: Server; origin: string } | null> {
  const candidates = [
    '127.0.0.1',
    ...Array.from({ length: 4 }, () => `127.${rand()}.${rand()}.${1 + (rand() % 254)}`),
  ];
  for (const address of candidates) {
    const server = createServer(handler);
    try {
      await listen(server, 80, address);
      return { server, origin: `http://${address}` };
    } catch {
      server.close();
    }
  }
  return null;
}

const rand = () => Math.floor(Math.random() * 255);
