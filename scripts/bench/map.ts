/**
 * `npm run bench:map`: the dependency mapper end to end against `wrangler pages dev` on loopback.
 *
 * 1. Scan a fixture page that references 50 third-party hosts (real names from the fixture zones), then
 *    resolve every host through `/api/resolve` in batches of MAX_HOSTS_PER_REQUEST (sent in parallel, as
 *    the mapper page does), with the local DoH server adding 20 ms to every query. Prints wall time and its
 *    ratio to a lower bound.
 * 2. Scan a 5 MB page and sample the resident memory (VmRSS) of the workerd processes we started, every
 *    10 ms from /proc, to report the peak above the idle baseline.
 *
 * Lower bound, stated honestly: the scan of a loopback page needs no DNS, so its bound is its own
 * measured server time; each /api/resolve call is one Worker invocation with at most 6 queries in flight, and
 * a cold host needs 3 dependent rounds (addresses → origin ASN → AS name), so a batch that sent Q questions
 * needs at least max(3, ceil(Q / 6)) × latency. Batches run in parallel, so the resolve bound is the largest
 * batch bound (see scripts/bench/resolve.ts for the same model).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_CONCURRENT_QUERIES, MAX_HOSTS_PER_REQUEST } from '../../src/core/dns/limits.ts';
import type { ResolveResponse, ScanResponse } from '../../src/core/deps/types.ts';
import { startDohServer } from '../../test/support/doh-server.ts';
import { startFixtureSites } from '../../test/support/fixture-sites.ts';
import { startPagesDev } from '../../test/support/pages-dev.ts';

/** Injected per-query latency: a typical DoH round trip to a nearby public resolver. */
const LATENCY_MS = 20;
/** Third-party hosts on the bench page. */
const HOSTS = 50;
/** Dependent DoH rounds of a cold host (addresses → origin ASN → AS name). */
const DEPENDENT_ROUNDS = 3;
/** Size of the page for the memory measurement. */
const BIG_PAGE_BYTES = 5 * 1024 * 1024;
/** RSS sampling period. */
const SAMPLE_MS = 10;

const ZONES = new URL('../../test/fixtures/zones/', import.meta.url).pathname;
const PROVIDER_ZONES = ['google', 'cloudflare', 'cloudfront', 'akamai', 'fastly', 'azure', 'meta'];

/** The real third-party names of the provider zones: each block starts with a `; host.name` comment. */
function benchHosts(): string[] {
  const hosts: string[] = [];
  for (const zone of PROVIDER_ZONES) {
    for (const line of readFileSync(join(ZONES, `${zone}.zone`), 'utf8').split('\n')) {
      const match = /^; ([a-z0-9-]+(?:\.[a-z0-9-]+)+)\s*$/i.exec(line.trim());
      if (match) hosts.push(match[1] as string);
    }
  }
  return [...new Set(hosts)].slice(0, HOSTS);
}

/** PIDs of the workerd processes descending from this process. */
function workerdPids(): number[] {
  const parent = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      names.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      parent.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // process ended while we looked
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p))
      if (p === process.pid) return true;
    return false;
  };
  return [...names].filter(([pid, name]) => name.startsWith('workerd') && descends(pid)).map(([pid]) => pid);
}

function rssBytes(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += Number(match?.[1] ?? 0) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

const post = async <T>(url: string, body: unknown): Promise<{ status: number; body: T }> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
};

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const doh = await startDohServer({ faults: { latencyMs: LATENCY_MS } });
  const sites = await startFixtureSites();
  const persist = mkdtempSync(join(tmpdir(), 'bench-map-'));
  const dev = await startPagesDev(
    {
      DOH_UPSTREAMS: doh.url,
      SCAN_ALLOWED_ORIGINS: sites.origins.join(','),
      // The bench measures DNS work, not the throttle; a huge per-minute limit keeps it out of the way.
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    persist,
  );
  try {
    const hosts = benchHosts();
    const page = `${sites.origins[0]}/third-parties?n=${HOSTS}&hosts=${hosts.join(',')}`;

    const started = performance.now();
    const scan = await post<ScanResponse>(`${dev.baseUrl}/api/scan`, { url: page });
    const scanMs = performance.now() - started;
    if (scan.status !== 200) throw new Error(`scan failed: ${JSON.stringify(scan.body)}`);
    const toResolve = scan.body.hosts;
    const batches: string[][] = [];
    for (let i = 0; i < toResolve.length; i += MAX_HOSTS_PER_REQUEST) {
      batches.push(toResolve.slice(i, i + MAX_HOSTS_PER_REQUEST));
    }
    const resolveStarted = performance.now();
    const answers = await Promise.all(
      batches.map((batch) => post<ResolveResponse>(`${dev.baseUrl}/api/resolve`, { hosts: batch, page })),
    );
    const resolveMs = performance.now() - resolveStarted;
    const wallMs = performance.now() - started;
    const failed = answers.filter((a) => a.status !== 200);
    if (failed.length > 0) throw new Error(`resolve failed: ${JSON.stringify(failed[0]?.body)}`);
    const queries = answers.map((a) => a.body.stats?.queries ?? 0);
    const resolveBound =
      Math.max(...queries.map((q) => Math.max(DEPENDENT_ROUNDS, Math.ceil(q / MAX_CONCURRENT_QUERIES)))) *
      LATENCY_MS;
    const scanServerMs = scan.body.stats?.ms ?? scanMs;
    const bound = scanServerMs + resolveBound;
    const resolved = answers.flatMap((a) => a.body.hosts).filter((h) => h.addresses.length > 0).length;

    console.log(
      `map: scan of a page with ${HOSTS} third-party hosts, then /api/resolve, DoH latency ${LATENCY_MS} ms`,
    );
    console.log(
      `  hosts found by the scan     ${toResolve.length} (${scan.body.resources.length} resources)`,
    );
    console.log(`  hosts resolved with addresses ${resolved} of ${toResolve.length}`);
    console.log(`  scan                        ${scanMs.toFixed(0)} ms (server ${scanServerMs} ms)`);
    console.log(
      `  resolve (${batches.length} batches of ≤${MAX_HOSTS_PER_REQUEST}) ${resolveMs.toFixed(0)} ms, DoH queries ${queries.join('+')}`,
    );
    console.log(`  wall                        ${wallMs.toFixed(0)} ms`);
    console.log(
      `  lower bound                 ${bound.toFixed(0)} ms (scan ${scanServerMs} + resolve ${resolveBound})`,
    );
    console.log(`  ratio wall / bound          ${(wallMs / bound).toFixed(2)}`);

    // Memory: idle baseline, then the peak while scanning a 5 MB page.
    const pids = workerdPids();
    if (pids.length === 0) throw new Error('no workerd process found under this process');
    const baseline = rssBytes(pids);
    let peak = baseline;
    const timer = setInterval(() => (peak = Math.max(peak, rssBytes(pids))), SAMPLE_MS);
    const bigStarted = performance.now();
    const big = await post<ScanResponse>(`${dev.baseUrl}/api/scan`, {
      url: `${sites.origins[0]}/big?bytes=${BIG_PAGE_BYTES}`,
    });
    const bigMs = performance.now() - bigStarted;
    clearInterval(timer);
    peak = Math.max(peak, rssBytes(pids));
    console.log(`memory: scan of a ${mib(BIG_PAGE_BYTES)} page (workerd pids ${pids.join(',')})`);
    console.log(
      `  status ${big.status}, read ${mib(big.body.page?.bytes ?? 0)}, truncated ${big.body.page?.truncated}, ${big.body.resources?.length} resources, ${bigMs.toFixed(0)} ms`,
    );
    console.log(
      `  RSS baseline ${mib(baseline)}, peak ${mib(peak)}, peak − baseline ${mib(peak - baseline)}`,
    );
  } finally {
    await dev.stop();
    await sites.stop();
    await doh.stop();
    rmSync(persist, { recursive: true, force: true });
  }
}

await main();
