/**
 * `npm run bench:cpu`: CPU time per request for each route, against the Workers plan limits (Free 10 ms
 * per request; Paid 30 s by default), measured in the workerd that `wrangler pages dev` runs on loopback,
 * with the local DoH server (20 ms latency) and fixture sites.
 *
 * Method (README "Deploy to Cloudflare", CPU per route): Cloudflare counts the CPU time of the isolate's thread while
 * it runs the request, not time spent waiting on I/O. workerd exposes no per-request figure locally, so we
 * read the kernel's CPU accounting of the workerd process that runs our Functions (the sum of
 * /proc/PID/task/TID/schedstat, nanoseconds, all threads) before and after N sequential requests, and
 * subtract the same measure for N requests that run none of our code: a CORS preflight (OPTIONS
 * /api/tti), which the /api middleware answers at once. What remains is our Functions' CPU per request,
 * plus the difference in response size handling. Error: the kernel's figure includes workerd's own
 * threads (HTTP parsing, I/O), which the baseline removes only on average; each figure is the median
 * of ROUNDS rounds and the spread is printed. `wrangler pages dev` runs a second workerd (its proxy):
 * it is not counted. "cold" is the first such request in a freshly started workerd (module, wasm and
 * JIT warm-up, as on a new isolate); "warm" later requests with fresh inputs; "cached" repeats.
 *
 * Not a test: numbers on a busy machine are noisy. Also prints subrequests (DoH queries, fetches) per
 * request where a route makes them: the Free plan allows 50.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDohServer } from '../../test/support/doh-server.ts';
import { startFixtureSites } from '../../test/support/fixture-sites.ts';
import { startPagesDev, type PagesDev } from '../../test/support/pages-dev.ts';
import { shopReport } from '../../test/unit/map/fixture-report.ts';
import { runOrExit } from '../lib/run.ts';
import { benchHosts } from './fixture-hosts.ts';
import { workerdPids } from './workerd-pids.ts';

/** Workers CPU limits per request (Cloudflare "Limits": Free 10 ms; Paid 30 s default, up to 5 min). */
export const FREE_CPU_MS = 10;
export const PAID_CPU_MS = 30_000;
/** Requests per round and rounds per route; the median round is reported. */
const N = Number(process.env['BENCH_N'] ?? 20);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
/** Fresh workerd starts for the cold figures. */
const COLD_STARTS = Number(process.env['BENCH_COLD'] ?? 2);
const LATENCY_MS = 20;
/** The scan's page: 2 MiB, the scanner's read cap (src/core/scan/limits.ts). */
const SCAN_PAGE_BYTES = 2 * 1024 * 1024;
/** Hosts per /api/resolve call (the API's maximum, 9) and how many distinct calls the cold rounds need. */
const RESOLVE_BATCH = 9;

const siteDist = process.env['SITE_DIST'] ?? 'dist';

/** CPU nanoseconds of every thread of a process so far (schedstat field 1). */
function cpuNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // thread ended
    }
  }
  return total;
}

interface Env {
  dev: PagesDev;
  pid: number;
  stop(): Promise<void>;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function send(
  dev: PagesDev,
  request: { path: string; method?: string; body?: unknown },
): Promise<number> {
  const response = await fetch(`${dev.baseUrl}${request.path}`, {
    method: request.method ?? (request.body ? 'POST' : 'GET'),
    headers: request.body ? { 'content-type': 'application/json' } : {},
    body: request.body ? JSON.stringify(request.body) : undefined,
  });
  await response.arrayBuffer();
  return response.status;
}

/** CPU ms per request of our code for `make(i)` requests, baseline removed. */
async function perRequest(
  env: Env,
  make: (i: number) => { path: string; method?: string; body?: unknown },
  n = N,
): Promise<number> {
  const start = cpuNs(env.pid);
  for (let i = 0; i < n; i++) await send(env.dev, make(i));
  const used = (cpuNs(env.pid) - start) / n / 1e6;
  const baseStart = cpuNs(env.pid);
  for (let i = 0; i < n; i++) await send(env.dev, { path: '/api/tti', method: 'OPTIONS' });
  const baseline = (cpuNs(env.pid) - baseStart) / n / 1e6;
  return Math.max(0, used - baseline);
}

async function start(bindings: Record<string, string>): Promise<Env> {
  const state = mkdtempSync(join(tmpdir(), 'bench-cpu-'));
  const before = new Set(workerdPids());
  const dev = await startPagesDev(bindings, state);
  const fresh = workerdPids().filter((p) => !before.has(p));
  // Two workerd processes: wrangler's proxy and the one running our Functions. Ours is the one a card
  // render keeps busy.
  const busy = fresh.map((pid) => ({ pid, ns: cpuNs(pid) }));
  await send(dev, { path: '/og/tti.png?current=4.4&target=2.2' });
  const pid = busy.map((b) => ({ pid: b.pid, used: cpuNs(b.pid) - b.ns })).sort((a, b) => b.used - a.used)[0]!
    .pid;
  return {
    dev,
    pid,
    stop: async () => {
      await dev.stop();
      rmSync(state, { recursive: true, force: true });
    },
  };
}

interface Row {
  route: string;
  cpuMs: number[];
  subrequests?: string;
}

async function main(): Promise<void> {
  if (!readdirSync(siteDist, { withFileTypes: true }).some((e) => e.name === 'tti')) {
    runOrExit('npx', ['astro', 'build', ...(siteDist === 'dist' ? [] : ['--outDir', siteDist])]);
  }
  const doh = await startDohServer({ faults: { latencyMs: LATENCY_MS } });
  const sites = await startFixtureSites();
  const bindings = {
    DOH_UPSTREAMS: doh.url,
    SCAN_ALLOWED_ORIGINS: sites.origins.join(','),
    RATE_LIMIT_PER_MINUTE: '0',
  };
  const rows: Row[] = [];
  const add = (route: string, value: number, subrequests?: string) => {
    const row =
      rows.find((r) => r.route === route) ?? rows[rows.push({ route, cpuMs: [], subrequests }) - 1]!;
    row.cpuMs.push(value);
  };
  let unique = 0;
  const card = () => ({
    path: `/og/tti.png?current=${(8 + (unique++ % 4000) / 1000).toFixed(3)}&target=3.7`,
  });
  try {
    // Cold: the first request in a freshly started workerd, once per route and start.
    for (let s = 0; s < COLD_STARTS; s++) {
      add(
        '/api/tti cold isolate (first request)',
        await firstRequest(bindings, '/api/tti?current=8.3&target=5.7'),
      );
      add(
        '/og/tti.png cold isolate (first render)',
        await firstRequest(bindings, '/og/tti.png?current=8.3&target=5.7'),
      );
    }
    const env = await start(bindings);
    try {
      for (let r = 0; r < ROUNDS; r++) {
        add(
          '/api/tti',
          await perRequest(env, (i) => ({ path: `/api/tti?current=${8 + i / 100}&target=5.7` })),
        );
        add(
          '/tti/?… shared link',
          await perRequest(env, (i) => ({ path: `/tti/?current=${8 + i / 100}&target=5.7&utm_source=x` })),
        );
        add('/og/tti.png warm (cache miss)', await perRequest(env, card));
        add(
          '/og/tti.png cached (Cache API hit)',
          await perRequest(env, () => ({ path: '/og/tti.png?current=8.3&target=5.7' })),
        );
      }
      // Resolve: cold = names this isolate never looked up (each call 9 hosts, ~4 DoH queries each);
      // warm = the same calls again, answered from the isolate's DNS cache.
      const hosts = benchHosts(RESOLVE_BATCH * N);
      const batches = Array.from({ length: Math.ceil(hosts.length / RESOLVE_BATCH) }, (_, i) =>
        hosts.slice(i * RESOLVE_BATCH, (i + 1) * RESOLVE_BATCH),
      );
      const resolve = (i: number) => ({ path: '/api/resolve', body: { hosts: batches[i % batches.length] } });
      add(
        '/api/resolve cold (9 new hosts)',
        await perRequest(env, resolve, batches.length),
        `≈${RESOLVE_BATCH * 4} DoH queries`,
      );
      for (let r = 0; r < ROUNDS; r++)
        add('/api/resolve warm (9 cached hosts)', await perRequest(env, resolve, batches.length), '0');
      for (let r = 0; r < ROUNDS; r++) {
        add(
          '/api/scan static, 2 MiB page',
          await perRequest(
            env,
            (i) => ({
              path: '/api/scan',
              body: { url: `${sites.origins[0]}/big?bytes=${SCAN_PAGE_BYTES}&r=${r}-${i}`, mode: 'static' },
            }),
            3,
          ),
          '1 fetch',
        );
      }
      // Rendered scans (the default when a browser is bound): our Function's CPU drives the browser and
      // its fence; the browser's own time is billed apart (Browser Rendering hours), so it is not here.
      // The first render launches the session; the rounds reuse it, as production mostly does.
      await send(env.dev, {
        path: '/api/scan',
        body: { url: `${sites.origins[0]}/render/shop.html?warm`, mode: 'rendered' },
      });
      for (let r = 0; r < ROUNDS; r++) {
        add(
          '/api/scan rendered, demo shop (reused browser)',
          await perRequest(
            env,
            (i) => ({
              path: '/api/scan',
              body: { url: `${sites.origins[0]}/render/shop.html?r=${r}-${i}`, mode: 'rendered' },
            }),
            5,
          ),
          'DoH per new host, fetches',
        );
      }
      // The worst case: the 2 MiB page's 2,000 references, each refused by the fence, until the time cap.
      add(
        '/api/scan rendered, 2 MiB page (10,000 refused)',
        await perRequest(
          env,
          (i) => ({
            path: '/api/scan',
            body: { url: `${sites.origins[0]}/big?bytes=${SCAN_PAGE_BYTES}&rendered=${i}`, mode: 'rendered' },
          }),
          2,
        ),
        '≤ 400 DoH, fetches',
      );
      // A saved map and its card: the first render (miss), then repeats (hit).
      const saved = await fetch(`${env.dev.baseUrl}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(shopReport()),
      });
      const { id } = (await saved.json()) as { id: string };
      add(
        '/og/deps/{id}.png first render',
        await perRequest(env, () => ({ path: `/og/deps/${id}.png` }), 1),
        '1 KV read',
      );
      for (let r = 0; r < ROUNDS; r++)
        add('/og/deps/{id}.png cached', await perRequest(env, () => ({ path: `/og/deps/${id}.png` })));
    } finally {
      await env.stop();
    }
  } finally {
    await sites.stop();
    await doh.stop();
  }
  print(rows);
}

/** CPU of the first request in a fresh workerd (ours is the workerd that request keeps busy). */
async function firstRequest(bindings: Record<string, string>, path: string): Promise<number> {
  const state = mkdtempSync(join(tmpdir(), 'bench-cpu-'));
  const before = new Set(workerdPids());
  const dev = await startPagesDev(bindings, state);
  try {
    const fresh = workerdPids().filter((p) => !before.has(p));
    const at = fresh.map((pid) => cpuNs(pid));
    await send(dev, { path });
    const used = fresh.map((pid, i) => (cpuNs(pid) - at[i]!) / 1e6);
    const ours = Math.max(...used);
    const pid = fresh[used.indexOf(ours)]!;
    const baseStart = cpuNs(pid);
    for (let i = 0; i < N; i++) await send(dev, { path: '/api/tti', method: 'OPTIONS' });
    return Math.max(0, ours - (cpuNs(pid) - baseStart) / N / 1e6);
  } finally {
    await dev.stop();
    rmSync(state, { recursive: true, force: true });
  }
}

function print(rows: Row[]): void {
  console.log(
    `\nCPU per request of our Functions (workerd, wrangler pages dev, loopback; median of ${ROUNDS} rounds of ${N}; baseline: OPTIONS preflight)\n`,
  );
  console.table(
    rows.map((r) => {
      const ms = median(r.cpuMs);
      return {
        route: r.route,
        'CPU ms': Number(ms.toFixed(2)),
        spread:
          r.cpuMs.length > 1 ? `${Math.min(...r.cpuMs).toFixed(1)}–${Math.max(...r.cpuMs).toFixed(1)}` : '',
        'Free 10 ms': ms <= FREE_CPU_MS ? 'within' : `over ×${(ms / FREE_CPU_MS).toFixed(1)}`,
        'Paid 30 s': ms <= PAID_CPU_MS ? 'within' : 'over',
        subrequests: r.subrequests ?? '0',
      };
    }),
  );
}

await main();
