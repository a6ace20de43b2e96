/**
 * `npm run bench:measure`: what /api/measure costs us, apart from PageSpeed Insights' own 10–40 s.
 *
 * 1. CPU: parsing a PSI reply and reading it (JSON.parse + readPsiResult), per recorded report, median and
 *    95th percentile of RUNS runs in Node (V8, as workerd). Real PSI replies carry base64 screenshots that
 *    the recordings trim, so the shop report is also timed with a 1.5 MB screenshot string put back.
 *    Workers' free plan allows 10 ms of CPU per request (paid: 30 s by default): this says whether a
 *    measurement fits.
 * 2. Wall time on loopback: GET /api/measure through `wrangler pages dev` against the fixture PSI server
 *    (answering at once), for a fresh page (URL check + PSI call + read + cache write), a repeat (cache hit)
 *    and a PSI failure. Median of RUNS requests each.
 *
 * Builds the site first when the output folder (SITE_DIST, default dist/) has no /tti/ page.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readPsiResult } from '../../src/core/measure/read-psi-result.ts';
import { startDohServer } from '../../test/support/doh-server.ts';
import { startFixtureSites } from '../../test/support/fixture-sites.ts';
import { startPagesDev } from '../../test/support/pages-dev.ts';
import { answerFor } from '../../test/support/psi/answers.ts';
import { startPsiServer } from '../../test/support/psi-server.ts';
import { runOrExit } from '../lib/run.ts';

/** Timed runs per figure; BENCH_RUNS overrides. */
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
/** Requests per end-to-end figure (each a full PSI round trip on loopback). */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 9);
/** Size of the screenshot string put back into a report: a full-page JPEG as PSI sends it is about this big. */
const SCREENSHOT_BYTES = 1.5 * 1024 * 1024;
const siteDist = process.env.SITE_DIST ?? 'dist';

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (value: number) => `${value.toFixed(2)} ms`;

function cpuFigure(label: string, text: string) {
  const request = { url: 'https://shop.example/', strategy: 'mobile' as const, now: Date.now() };
  const times: number[] = [];
  for (let i = 0; i < RUNS + 20; i++) {
    const start = performance.now();
    const outcome = readPsiResult(JSON.parse(text) as unknown, request);
    const elapsed = performance.now() - start;
    if (i >= 20) times.push(elapsed); // the first runs warm the JIT up
    if (!outcome.ok && i === 0 && !label.includes('runtime')) throw new Error(`${label}: ${outcome.message}`);
  }
  return {
    reply: label,
    KB: Math.round(text.length / 1024),
    median: ms(quantile(times, 0.5)),
    p95: ms(quantile(times, 0.95)),
  };
}

const origin = 'http://127.0.0.1:1';
const replies: Array<[string, string]> = [
  ['shop, mobile (Lighthouse 13.5)', `${origin}/sites/shop.html`],
  ['shop, older report (12.3)', `${origin}/sites/shop.html?psi-case=old-lighthouse`],
  ['simple page', `${origin}/sites/simple.html`],
  ['runtime error in the report', `${origin}/?psi-case=runtime-error`],
].map(([label, page]) => [label!, JSON.stringify(answerFor(page!, 'mobile', Date.now()).body)]);
const shop = JSON.parse(replies[0]![1]) as { lighthouseResult: { fullPageScreenshot?: unknown } };
shop.lighthouseResult.fullPageScreenshot = {
  screenshot: { data: `data:image/jpeg;base64,${'A'.repeat(SCREENSHOT_BYTES)}`, width: 412, height: 5000 },
  nodes: {},
};
replies.push(['shop, with a 1.5 MB screenshot put back', JSON.stringify(shop)]);

console.log(`\nCPU per PSI reply: JSON.parse + readPsiResult, Node ${process.version}, ${RUNS} runs\n`);
console.table(replies.map(([label, text]) => cpuFigure(label, text)));

if (!existsSync(join(siteDist, 'tti', 'index.html'))) {
  runOrExit('npx', ['astro', 'build', ...(siteDist === 'dist' ? [] : ['--outDir', siteDist])]);
}
const state = mkdtempSync(join(tmpdir(), 'bench-measure-'));
const doh = await startDohServer();
const sites = await startFixtureSites();
const psi = await startPsiServer();
const pages = await startPagesDev(
  {
    DOH_UPSTREAMS: doh.url,
    SCAN_ALLOWED_ORIGINS: sites.origins.join(','),
    PSI_ENDPOINT: psi.url,
    RATE_LIMIT_PER_MINUTE: '0',
  },
  state,
);
try {
  const site = sites.origins[0]!;
  const time = async (page: string): Promise<{ ms: number; status: number }> => {
    const start = performance.now();
    const response = await fetch(`${pages.baseUrl}/api/measure?url=${encodeURIComponent(page)}`);
    await response.arrayBuffer();
    return { ms: performance.now() - start, status: response.status };
  };
  await time(`${site}/sites/shop.html?warm-up`);
  const figures: Record<string, number[]> = {
    'fresh page (miss)': [],
    'repeat (cache hit)': [],
    'PSI quota (424)': [],
  };
  for (let i = 0; i < REQUESTS; i++) {
    const page = `${site}/sites/shop.html?bench=${Date.now()}-${i}`;
    const miss = await time(page);
    const hit = await time(page);
    const failure = await time(`${site}/?psi-case=quota&bench=${i}`);
    if (miss.status !== 200 || hit.status !== 200 || failure.status !== 424) {
      throw new Error(`unexpected statuses ${miss.status}/${hit.status}/${failure.status}`);
    }
    figures['fresh page (miss)']!.push(miss.ms);
    figures['repeat (cache hit)']!.push(hit.ms);
    figures['PSI quota (424)']!.push(failure.ms);
  }
  console.log(
    `\nGET /api/measure through wrangler pages dev, fixture PSI answering at once, ${REQUESTS} requests each\n`,
  );
  console.table(
    Object.entries(figures).map(([label, values]) => ({
      request: label,
      median: ms(quantile(values, 0.5)),
      max: ms(Math.max(...values)),
    })),
  );
} finally {
  await pages.stop();
  await psi.stop();
  await sites.stop();
  await doh.stop();
  rmSync(state, { recursive: true, force: true });
}
