/**
 * A PageSpeed Insights v5 stand-in on loopback for tests, benchmarks and `npm run start:demo`:
 * GET {url} (…/pagespeedonline/v5/runPagespeed?url=&strategy=&category=&key=) answers with real
 * Lighthouse reports of the fixture sites, wrapped as PSI wraps them, or with one of PSI's failures
 * (test/support/psi/answers.ts; which page gets which is in test/fixtures/psi/README.md).
 *
 * It records every request, so tests can prove what reached "Google": in-process with requests(), and
 * from workerd with GET {controlUrl}?page=<url> → [{ page, strategy, category, key, at }].
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { answerFor } from './psi/answers.ts';
import type { PsiStrategy } from './psi/recordings.ts';

export interface PsiRequest {
  page: string;
  strategy: string;
  category: string[];
  /** The API key sent, if any (tests check that PSI_API_KEY is passed and never leaks elsewhere). */
  key: string | null;
  at: number;
}

export interface PsiServer {
  /** The runPagespeed endpoint, for PSI_ENDPOINT. */
  url: string;
  /** GET ?page=<url> lists the requests made for that page. */
  controlUrl: string;
  requests(): PsiRequest[];
  stop(): Promise<void>;
}

export interface PsiServerOptions {
  /** Every answer waits this long first (the demo shows its progress message); default 0. */
  delayMs?: number;
  port?: number;
}

/** PSI's path on googleapis.com, kept so the fixture URL reads like the real one. */
export const PSI_PATH = '/pagespeedonline/v5/runPagespeed';
const CONTROL_PATH = '/__psi/requests';
/** A held ("slow") request is dropped after this, whatever the client does. */
const HOLD_MS = 120_000;

export async function startPsiServer(options: PsiServerOptions = {}): Promise<PsiServer> {
  const requests: PsiRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number, run: () => void, response: ServerResponse) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
    response.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://psi.local');
    const send = (status: number, body: string, type = 'application/json; charset=UTF-8') => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    if (url.pathname === CONTROL_PATH) {
      const page = url.searchParams.get('page');
      return send(200, JSON.stringify(requests.filter((r) => page === null || r.page === page)));
    }
    if (url.pathname !== PSI_PATH || request.method !== 'GET') {
      return send(404, JSON.stringify({ error: { code: 404, message: 'Not Found' } }));
    }
    const page = url.searchParams.get('url') ?? '';
    const strategy = url.searchParams.get('strategy') ?? 'desktop';
    requests.push({
      page,
      strategy,
      category: url.searchParams.getAll('category'),
      key: url.searchParams.get('key'),
      at: Date.now(),
    });
    const answer = answerFor(
      page,
      strategy === 'mobile' ? 'mobile' : ('desktop' satisfies PsiStrategy),
      Date.now(),
    );
    if (answer.hold) return later(HOLD_MS, () => response.destroy(), response);
    later(
      options.delayMs ?? 0,
      () => {
        response.writeHead(answer.status, {
          'content-type': 'application/json; charset=UTF-8',
          ...answer.headers,
        });
        response.end(answer.text ?? JSON.stringify(answer.body));
      },
      response,
    );
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${PSI_PATH}`,
    controlUrl: `${origin}${CONTROL_PATH}`,
    requests: () => [...requests],
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
