/**
 * `npm run bench:scan`: static vs rendered scans through `wrangler pages dev` on loopback, with the local
 * browser behind the BROWSER binding and the fixture internet of test/support/render-world.ts.
 *
 * 1. For the fixture pages (test/fixtures/render/pages: the demo shop, a page with every script route, a
 *    one-image page): hosts found by each method, and wall time p50/p95 over RUNS scans each (client clock,
 *    a fresh URL per scan so no cache answers). Rendered scans here reuse an open browser session.
 * 2. Cold sessions: COLD times, a fresh `wrangler pages dev` (no browser running) and one rendered scan of
 *    the demo shop, so the figure includes the browser launch; `browserMs` is the launch alone.
 * 3. Recall against what Chromium itself requested on real pages: each capture in ../shared/fixtures/hars
 *    with initiator data is replayed (scripts/bench/har-replay.ts: the real request graph with written
 *    bodies) and scanned both ways; recall = the capture's hosts a method found / all of them. Skipped,
 *    saying so, where ../shared is absent (a user's clone).
 * Budgets (issue 8, on a 2-core machine): rendered demo shop p50 ≤ 5 s cold and ≤ 2 s with a reused
 * session; static ≤ 1 s. Printed with each figure; the machine's load average is printed too.
 *
 *   SITE_DIST=/tmp/site npm run bench:scan     RUNS=10 COLD=3 by default
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanResponse } from '../../src/core/scan/types.ts';
import { browserProxyEnv } from '../../test/support/browser-proxy-env.ts';
import { DEFAULT_ZONES_DIR, startDohServer } from '../../test/support/doh-server.ts';
import { startFixtureSites } from '../../test/support/fixture-sites.ts';
import { startPagesDev, type PagesDev } from '../../test/support/pages-dev.ts';
import { listen } from '../../test/support/tracked-servers.ts';
import { ensureLocalChrome } from '../lib/local-chrome.ts';
import { buildReplay, type Replay } from './har-replay.ts';
import { percentiles } from './percentiles.ts';

const RUNS = Number(process.env.RUNS ?? 10);
const COLD = Number(process.env.COLD ?? 3);
const HARS = new URL('../../../shared/fixtures/hars/', import.meta.url).pathname;
/** Issue 8's budgets, in ms. */
const BUDGET = { coldP50: 5_000, reusedP50: 2_000, staticP50: 1_000 };
/** A public address for the replayed hosts' DNS answers (the fence resolves every host it lets out). */
const REPLAY_ADDRESS = '93.184.215.14';

type Answer = ScanResponse & { error?: { code: string } };

if (!existsSync(process.env.SITE_DIST ?? 'dist')) {
  console.error('Build the site first (npx astro build, or SITE_DIST=<folder>).');
  process.exit(1);
}
console.log(
  `local browser: ${(await ensureLocalChrome()).state}; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

// Replays of real captures, and a DNS zone answering for their renamed hosts.
const replayServer = createServer((request, response) => {
  // The bench adds `run=` to each page URL so that no cache answers; the replay does not know it.
  const url = new URL(request.url ?? '/', replayOrigin);
  url.searchParams.delete('run');
  const file = replayFiles.get(url.href);
  const status = file ? (file.location ? 302 : 200) : 404;
  response.writeHead(status, {
    'content-type': file?.type ?? 'text/plain',
    ...(file?.location ? { location: file.location } : {}),
  });
  response.end(file?.body ?? 'not found');
});
const replayOrigin = `http://127.0.0.1:${await listen(replayServer, 0, '127.0.0.1')}`;
const replays: Replay[] = [];
if (existsSync(HARS)) {
  for (const file of readdirSync(HARS)
    .filter((f) => f.endsWith('.har'))
    .sort()) {
    // Each capture under a path of its own: their first-party paths would collide on one origin.
    const base = `${replayOrigin}/${file.replace(/\.har$/, '').replace(/[^a-z0-9-]/gi, '-')}`;
    const replay = buildReplay(file, readFileSync(join(HARS, file), 'utf8'), base);
    if (replay) replays.push(replay);
    else console.log(`${file}: no initiator data, not replayed`);
  }
} else {
  console.log('recall: skipped, no ../shared/fixtures/hars here (captures are not part of the project)');
}
const replayFiles = new Map(replays.flatMap((r) => [...r.files]));
const zones = mkdtempSync(join(tmpdir(), 'bench-scan-zones-'));
cpSync(DEFAULT_ZONES_DIR, zones, { recursive: true });
const replayHosts = new Set(
  replays.flatMap((r) => [...r.truthHosts]).filter((h) => h.endsWith('.replay.test')),
);
writeFileSync(
  join(zones, 'replay.zone'),
  [...replayHosts].map((h) => `${h} A ${REPLAY_ADDRESS}`).join('\n') + '\n',
);

const doh = await startDohServer({ zonesDir: zones });
const sites = await startFixtureSites();
sites.render.addFiles(new Map([...replayFiles].filter(([url]) => !url.startsWith(replayOrigin))));
const state = mkdtempSync(join(tmpdir(), 'bench-scan-state-'));
const bindings = {
  DOH_UPSTREAMS: doh.url,
  SCAN_ALLOWED_ORIGINS: [...sites.origins, replayOrigin].join(','),
  RATE_LIMIT_PER_MINUTE: '0',
};
const startServer = () => startPagesDev(bindings, state, { env: browserProxyEnv(sites.render.proxyUrl) });
let server: PagesDev = await startServer();

let counter = 0;
const fresh = (url: string) => `${url}${url.includes('?') ? '&' : '?'}run=bench-${Date.now()}-${counter++}`;

async function scan(url: string, mode: 'static' | 'rendered'): Promise<{ ms: number; body: Answer }> {
  const started = performance.now();
  const response = await fetch(`${server.baseUrl}/api/scan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url, mode }),
  });
  const body = (await response.json()) as Answer;
  if (response.status !== 200)
    throw new Error(`${mode} scan of ${url}: ${response.status} ${JSON.stringify(body.error)}`);
  return { ms: performance.now() - started, body };
}

const verdict = (value: number, budget: number) =>
  value <= budget ? `within the ${budget} ms budget` : `OVER the ${budget} ms budget`;

try {
  console.log(`\n1. Fixture pages, ${RUNS} scans each (rendered: reused browser session)`);
  console.log('page          method    hosts  p50 ms  p95 ms  server p50  browser p50  render p50  reused');
  const figures: Record<string, number> = {};
  for (const name of ['shop.html', 'inject.html', 'tiny.html']) {
    const url = `${sites.origins[0]}/render/${name}`;
    await scan(fresh(url), 'rendered'); // warm: the session and the isolate exist before timing
    for (const mode of ['static', 'rendered'] as const) {
      const runs = [];
      for (let i = 0; i < RUNS; i += 1) runs.push(await scan(fresh(url), mode));
      const wall = percentiles(
        runs.map((r) => r.ms),
        [50, 95],
      );
      const server50 = percentiles(
        runs.map((r) => r.body.stats?.ms ?? 0),
        [50],
      ).p50;
      const render = runs.map((r) => r.body.stats?.render);
      const browser50 =
        mode === 'rendered'
          ? percentiles(
              render.map((r) => r?.browserMs ?? 0),
              [50],
            ).p50
          : NaN;
      const render50 =
        mode === 'rendered'
          ? percentiles(
              render.map((r) => r?.renderMs ?? 0),
              [50],
            ).p50
          : NaN;
      const reused = render.filter((r) => r?.reusedSession).length;
      figures[`${name} ${mode}`] = wall.p50;
      console.log(
        `${name.padEnd(13)} ${mode.padEnd(9)} ${String(runs[0]?.body.hosts.length).padStart(5)}  ${String(wall.p50).padStart(6)}  ${String(wall.p95).padStart(6)}  ${String(server50).padStart(10)}  ${mode === 'rendered' ? String(browser50).padStart(11) : '          -'}  ${mode === 'rendered' ? String(render50).padStart(10) : '         -'}  ${mode === 'rendered' ? `${reused}/${RUNS}` : '-'}`,
      );
    }
  }

  console.log(`\n2. Cold sessions: ${COLD} × (fresh wrangler pages dev, one rendered scan of the demo shop)`);
  const cold = [];
  for (let i = 0; i < COLD; i += 1) {
    await server.stop();
    server = await startServer();
    const run = await scan(fresh(`${sites.origins[0]}/render/shop.html`), 'rendered');
    cold.push(run);
    console.log(
      `  run ${i + 1}: ${Math.round(run.ms)} ms wall, browser launch ${run.body.stats?.render?.browserMs} ms, render ${run.body.stats?.render?.renderMs} ms, reused ${run.body.stats?.render?.reusedSession}`,
    );
  }
  const coldWall = percentiles(
    cold.map((r) => r.ms),
    [50, 95],
  );

  console.log('\nBudgets (demo shop):');
  console.log(
    `  rendered, cold session: p50 ${coldWall.p50} ms, p95 ${coldWall.p95} ms — ${verdict(coldWall.p50, BUDGET.coldP50)}`,
  );
  console.log(
    `  rendered, reused session: p50 ${figures['shop.html rendered']} ms — ${verdict(figures['shop.html rendered'] ?? NaN, BUDGET.reusedP50)}`,
  );
  console.log(
    `  static: p50 ${figures['shop.html static']} ms — ${verdict(figures['shop.html static'] ?? NaN, BUDGET.staticP50)}`,
  );

  if (replays.length > 0) {
    console.log('\n3. Recall against what Chromium requested on real pages (replayed request graphs)');
    console.log(
      'capture                                  requests (parser/css/script/frame/unknown)  hosts  static  rendered',
    );
    const totals = { truth: 0, static: 0, rendered: 0 };
    for (const replay of replays) {
      const found = async (mode: 'static' | 'rendered') => {
        const { body } = await scan(fresh(replay.pageUrl), mode);
        const hit = [...replay.truthHosts].filter((h) => body.hosts.includes(h));
        if (process.env.VERBOSE && mode === 'rendered') {
          const missed = [...replay.truthHosts].filter((h) => !hit.includes(h));
          console.log(
            `  ${replay.name} rendered missed: ${missed.join(' ') || 'none'}; stop ${body.stats?.render?.stopReason}`,
          );
        }
        return hit.length;
      };
      const [staticFound, renderedFound] = [await found('static'), await found('rendered')];
      const c = replay.counts;
      const n = replay.truthHosts.size;
      totals.truth += n;
      totals.static += staticFound;
      totals.rendered += renderedFound;
      const pct = (k: number) => `${k}/${n} (${Math.round((100 * k) / n)}%)`.padStart(13);
      console.log(
        `${replay.name.padEnd(40)} ${`${c.parser}/${c.stylesheet}/${c.script}/${c.document}/${c.unknown}`.padEnd(43)} ${String(n).padStart(5)} ${pct(staticFound)} ${pct(renderedFound)}`,
      );
    }
    const pct = (k: number) => `${Math.round((100 * k) / totals.truth)}%`;
    console.log(
      `all captures: ${totals.truth} hosts; static found ${totals.static} (${pct(totals.static)}), rendered ${totals.rendered} (${pct(totals.rendered)})`,
    );
  }
} finally {
  await server.stop();
  await sites.stop();
  await doh.stop();
  replayServer.close();
  rmSync(state, { recursive: true, force: true });
  rmSync(zones, { recursive: true, force: true });
}
