/**
 * `npm run bench:load`: a bounded load test on loopback. FLOWS concurrent "map flows" (what the mapper
 * page does: POST /api/scan, then POST /api/resolve in batches of MAX_HOSTS_PER_REQUEST, RESOLVE_CONCURRENCY
 * at a time) against `wrangler pages dev`, over a synthetic fixture world (scripts/bench/load-world.ts)
 * with our local DoH server as the only upstream. Twice: cold caches, then warm.
 *
 * Reports errors (must be zero), p50/p95/p99 latencies, DoH queries per flow from the DoH server's own
 * counters, and whether identical concurrent questions reached the upstream once. Rate limiting is off
 * for the run (RATE_LIMIT_PER_MINUTE=0): one loopback client would otherwise be throttled by design.
 *
 * Options (env): FLOWS (200), PAGES (10 distinct pages), HOSTS_PER_PAGE (40), SHARED_HOSTS (20 hosts every
 * page references), DOH_LATENCY_MS (10, simulated upstream round trip), SITE_DIST (a built site; built
 * into a temporary folder when absent). Writes bench-results/load.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedHost, ResolveResponse } from '../../src/core/resolve/types.ts';
import type { ScanResponse } from '../../src/core/scan/types.ts';
import { MAX_HOSTS_PER_REQUEST } from '../../src/core/dns/limits.ts';
import { RESOLVE_CONCURRENCY, resolveInBatches } from '../../src/core/map/resolve-batches.ts';
import { startDohServer } from '../../test/support/doh-server.ts';
import { quietEnv } from '../lib/quiet-env.ts';
import {
  startWorldOrigin,
  startWorldPagesDev,
  uncaughtErrors,
  worldHosts,
  writeWorldZones,
} from './load-world.ts';
import { percentiles } from './percentiles.ts';

const FLOWS = Number(process.env.FLOWS ?? 200);
const PAGES = Number(process.env.PAGES ?? 10);
const HOSTS_PER_PAGE = Number(process.env.HOSTS_PER_PAGE ?? 40);
const SHARED_HOSTS = Number(process.env.SHARED_HOSTS ?? 20);
const DOH_LATENCY_MS = Number(process.env.DOH_LATENCY_MS ?? 10);
/** A flow that takes longer than this counts as an error (scan deadline 11 s + resolve deadline 10 s). */
const FLOW_TIMEOUT_MS = 60_000;

interface FlowResult {
  ok: boolean;
  error?: string;
  ms: number;
  scanMs: number;
  resolveMs: number;
  hosts: number;
  hostErrors: number;
  /** Per-host error codes seen in this flow ("timeout:A" = code:stage). */
  errorCodes: string[];
  /** DoH queries our API reported (stats.queries of the resolve answers). */
  reportedQueries: number;
}

async function postJson<T>(url: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(FLOW_TIMEOUT_MS),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as T };
  } catch {
    throw new Error(`${response.status} non-JSON answer: ${text.slice(0, 120)}`);
  }
}

async function mapFlow(baseUrl: string, pageUrl: string): Promise<FlowResult> {
  const started = performance.now();
  let reportedQueries = 0;
  try {
    const scan = await postJson<ScanResponse>(`${baseUrl}/api/scan`, { url: pageUrl });
    if (scan.status !== 200)
      throw new Error(`scan ${scan.status} ${JSON.stringify(scan.body).slice(0, 200)}`);
    const scanMs = performance.now() - started;
    // The page's own host is an IP literal here (the origin is 127.0.0.1); the page resolves the rest.
    const hosts = scan.body.hosts.filter((h) => h !== '127.0.0.1');
    const failures: string[] = [];
    const resolved: ResolvedHost[] = await resolveInBatches({
      hosts,
      batchSize: MAX_HOSTS_PER_REQUEST,
      concurrency: RESOLVE_CONCURRENCY,
      resolve: async (batch) => {
        const answer = await postJson<ResolveResponse>(`${baseUrl}/api/resolve`, {
          hosts: batch,
          page: pageUrl,
        });
        if (answer.status !== 200) {
          failures.push(`resolve ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
          return [];
        }
        reportedQueries += answer.body.stats?.queries ?? 0;
        return answer.body.hosts;
      },
    });
    if (failures.length > 0) throw new Error(failures[0]);
    const ms = performance.now() - started;
    return {
      ok: true,
      ms,
      scanMs,
      resolveMs: ms - scanMs,
      hosts: resolved.length,
      hostErrors: resolved.filter((h) => h.errors.length > 0).length,
      errorCodes: resolved.flatMap((h) => h.errors.map((e) => `${e.code}:${e.stage ?? '-'}`)),
      reportedQueries,
    };
  } catch (error) {
    const ms = performance.now() - started;
    return {
      ok: false,
      error: String(error),
      ms,
      scanMs: 0,
      resolveMs: 0,
      hosts: 0,
      hostErrors: 0,
      errorCodes: [],
      reportedQueries,
    };
  }
}

function summarise(
  label: string,
  results: FlowResult[],
  wallMs: number,
  doh: { total: number; counts: Record<string, number> },
) {
  const ok = results.filter((r) => r.ok);
  const repeats = Object.entries(doh.counts).filter(([, n]) => n > 1);
  const times = (key: 'ms' | 'scanMs' | 'resolveMs') => ok.map((r) => r[key]);
  return {
    label,
    flows: results.length,
    errors: results.length - ok.length,
    firstErrors: [...new Set(results.filter((r) => !r.ok).map((r) => r.error))].slice(0, 5),
    wallMs: Math.round(wallMs),
    flowsPerSecond: Number(((results.length / wallMs) * 1000).toFixed(1)),
    flowMs: percentiles(times('ms'), [50, 95, 99]),
    scanMs: percentiles(times('scanMs'), [50, 99]),
    resolveMs: percentiles(times('resolveMs'), [50, 99]),
    hostsPerFlow: ok[0]?.hosts ?? 0,
    hostsWithErrors: ok.reduce((n, r) => n + r.hostErrors, 0),
    hostErrorCodes: ok
      .flatMap((r) => r.errorCodes)
      .reduce<Record<string, number>>((counts, code) => ({ ...counts, [code]: (counts[code] ?? 0) + 1 }), {}),
    doh: {
      upstreamQueries: doh.total,
      perFlow: Number((doh.total / results.length).toFixed(2)),
      apiReportedQueries: ok.reduce((n, r) => n + r.reportedQueries, 0),
      distinctQuestions: Object.keys(doh.counts).length,
      questionsAskedMoreThanOnce: repeats.length,
      worstRepeat: repeats.sort((a, b) => b[1] - a[1])[0] ?? null,
    },
  };
}

async function main(): Promise<void> {
  let builtDist: string | null = null;
  if (!process.env.SITE_DIST) {
    builtDist = mkdtempSync(join(tmpdir(), 'bench-load-dist-'));
    const build = spawnSync('npx', ['astro', 'build', '--outDir', builtDist], {
      env: quietEnv,
      stdio: 'ignore',
    });
    if (build.status !== 0) throw new Error('astro build failed');
    process.env.SITE_DIST = builtDist;
  }
  // Every page references the shared hosts (questions many flows ask at the same moment) and its own.
  const groups: Record<string, number> = { shared: SHARED_HOSTS };
  for (let p = 0; p < PAGES; p++) groups[`page${p}`] = HOSTS_PER_PAGE - SHARED_HOSTS;
  const zones = writeWorldZones(groups);
  const doh = await startDohServer({ zonesDir: zones.dir, faults: { latencyMs: DOH_LATENCY_MS } });
  const origin = await startWorldOrigin(
    Object.fromEntries(Array.from({ length: PAGES }, (_, p) => [`page${p}`, HOSTS_PER_PAGE - SHARED_HOSTS])),
    { extraHosts: worldHosts('shared', SHARED_HOSTS) },
  );
  const server = await startWorldPagesDev({
    DOH_UPSTREAMS: doh.url,
    SCAN_ALLOWED_ORIGINS: origin.origin,
    RATE_LIMIT_PER_MINUTE: '0',
    ASN_SOURCE: 'cymru',
  });
  const counters = async (reset: boolean) => {
    const response = await fetch(
      doh.controlUrl,
      reset ? { method: 'POST', body: JSON.stringify({ resetCounts: true }) } : {},
    );
    return (await response.json()) as { total: number; counts: Record<string, number> };
  };
  const run = async (label: string) => {
    await counters(true);
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: FLOWS }, (_, i) =>
        mapFlow(server.baseUrl, `${origin.origin}/page/page${i % PAGES}`),
      ),
    );
    return summarise(label, results, performance.now() - started, await counters(false));
  };
  try {
    console.log(
      `bench:load: ${FLOWS} concurrent map flows over ${PAGES} pages x ${HOSTS_PER_PAGE} hosts (${SHARED_HOSTS} shared), DoH latency ${DOH_LATENCY_MS} ms`,
    );
    const cold = await run('cold caches');
    const warm = await run('warm caches');
    const uncaught = uncaughtErrors(server.output());
    const report = {
      date: new Date().toISOString(),
      config: {
        FLOWS,
        PAGES,
        HOSTS_PER_PAGE,
        SHARED_HOSTS,
        DOH_LATENCY_MS,
        batchSize: MAX_HOSTS_PER_REQUEST,
        resolveConcurrency: RESOLVE_CONCURRENCY,
      },
      cold,
      warm,
      uncaught,
    };
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/load.json', `${JSON.stringify(report, null, 2)}\n`);
    for (const phase of [cold, warm]) {
      console.log(
        `\n${phase.label}: ${phase.flows} flows in ${phase.wallMs} ms (${phase.flowsPerSecond}/s), errors ${phase.errors}`,
      );
      console.log(
        `  flow ms p50 ${phase.flowMs.p50}  p95 ${phase.flowMs.p95}  p99 ${phase.flowMs.p99}   (scan p50 ${phase.scanMs.p50} p99 ${phase.scanMs.p99}; resolve p50 ${phase.resolveMs.p50} p99 ${phase.resolveMs.p99})`,
      );
      console.log(
        `  DoH upstream queries ${phase.doh.upstreamQueries} (${phase.doh.perFlow} per flow; API-reported ${phase.doh.apiReportedQueries}); ${phase.doh.distinctQuestions} distinct questions, ${phase.doh.questionsAskedMoreThanOnce} asked more than once${phase.doh.worstRepeat ? ` (worst: ${phase.doh.worstRepeat[0]} x${phase.doh.worstRepeat[1]})` : ''}`,
      );
      console.log(
        `  hosts with per-host errors: ${phase.hostsWithErrors} of ${phase.flows * phase.hostsPerFlow} ${JSON.stringify(phase.hostErrorCodes)}`,
      );
      for (const error of phase.firstErrors) console.log(`  error: ${error}`);
    }
    console.log(`\nuncaught errors in workerd output: ${uncaught.length}`);
    console.log('written: bench-results/load.json');
    // The world has no faults: a per-host error here is an error caused by load.
    if (cold.errors + warm.errors + cold.hostsWithErrors + warm.hostsWithErrors + uncaught.length > 0)
      process.exitCode = 1;
  } finally {
    await server.stop();
    await origin.stop();
    await doh.stop();
    zones.cleanup();
    if (builtDist) rmSync(builtDist, { recursive: true, force: true });
  }
}

await main();
