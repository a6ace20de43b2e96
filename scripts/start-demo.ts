/**
 * `npm run start:demo`: the whole product offline, with realistic data. Builds the site, starts the
 * project's loopback DoH server (fixture zones: real CloudFront, Akamai, Fastly, Google, Azure, Cloudflare
 * and Meta hosts with their real CNAME chains and provider addresses) and the scanner's fixture sites
 * (with the fixture internet rendered scans reach through a proxy, test/support/render-world.ts), then
 * serves the site and its Functions with `wrangler pages dev` wired to both, a local browser behind the
 * BROWSER binding (scripts/lib/local-chrome.ts), and /api/measure to the fixture PageSpeed Insights server
 * (recorded Lighthouse reports of the fixture sites). Prints what to try.
 *
 *   npm run start:demo            http://127.0.0.1:8788
 *   PORT=8790 npm run start:demo  another port
 *   SITE_DIST=/tmp/x ...          build into and serve another folder than dist/
 *
 * Ctrl-C (or SIGTERM) stops wrangler and its workerd (their own process group), the fixture servers and
 * the DoH server, and removes the demo's local KV and cache state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserProxyEnv } from '../test/support/browser-proxy-env.ts';
import { startDohServer, type DohServer } from '../test/support/doh-server.ts';
import { startFixtureSites, type FixtureSites } from '../test/support/fixture-sites.ts';
import { startPagesDev, type PagesDev } from '../test/support/pages-dev.ts';
import { startPsiServer, type PsiServer } from '../test/support/psi-server.ts';
import { ensureLocalChrome } from './lib/local-chrome.ts';
import { runOrExit } from './lib/run.ts';

/** The port `npm start` uses too, so links in the README work for both. */
const DEFAULT_PORT = 8788;

/**
 * Real third-party hosts of the fixture zones (test/fixtures/zones/), one page referencing them all:
 * the fixture sites' `/third-parties` endpoint writes a page with these hosts as scripts and images.
 */
const DEMO_THIRD_PARTIES = [
  'www.googletagmanager.com',
  'www.google-analytics.com',
  'fonts.gstatic.com',
  'cdn.segment.com',
  'js.intercomcdn.com',
  'assets.adobedtm.com',
  'www.paypalobjects.com',
  'code.jquery.com',
  'cdn.jsdelivr.net',
  'cdnjs.cloudflare.com',
  'static.cloudflareinsights.com',
  'js.monitor.azure.com',
  'connect.facebook.net',
  'dangling.fault.test',
];

/** How long the fixture PageSpeed Insights server takes to answer in the demo, ms. */
const DEMO_PSI_DELAY_MS = 3_000;
/** The demo's PSI time limit (PSI_TIME_LIMIT_MS), ms: long enough for the delay, short enough to wait out. */
const DEMO_PSI_TIME_LIMIT_MS = 15_000;

/** A HAR of a shop page on the fixture site with the same kind of third parties (7 KB). */
const DEMO_HAR = fileURLToPath(new URL('../test/fixtures/har/e2e-fixture-site.har.json', import.meta.url));
/** A HAR of an https news page with its HTML inside, showing every risk and three sister domains (docs/risks.md). */
const RISKS_HAR = fileURLToPath(new URL('../test/fixtures/har/risks-demo.har.json', import.meta.url));

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    console.error(`PORT must be a number from 1 to 65535, not "${value}".`);
    process.exit(2);
  }
  return port;
}

/** Whether nothing listens on 127.0.0.1:port (else the readiness check could be answered by another server). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

const port = parsePort(process.env.PORT);
if (!(await portIsFree(port))) {
  console.error(`Port ${port} on 127.0.0.1 is in use; stop what runs there or set PORT to another port.`);
  process.exit(1);
}

const dist = process.env.SITE_DIST ?? 'dist';
runOrExit('npx', ['astro', 'build', '--outDir', dist]);
// Rendered scans: wrangler's Chrome for Testing, or Debian's Chromium offline (scripts/lib/local-chrome.ts).
await ensureLocalChrome();

let doh: DohServer | undefined;
let sites: FixtureSites | undefined;
let psi: PsiServer | undefined;
let pages: PagesDev | undefined;
// A fresh local KV and Cache API folder per demo: saved reports and cached answers go with it.
const state = mkdtempSync(join(tmpdir(), 'edge-speed-tools-demo-'));
let stopping: Promise<void> | undefined;

function stopAll(): Promise<void> {
  stopping ??= (async () => {
    await pages?.stop();
    await sites?.stop();
    await psi?.stop();
    await doh?.stop();
    rmSync(state, { recursive: true, force: true });
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      // A second Ctrl-C while stopping: stop waiting (stop() has already signalled wrangler's group).
      process.exit(130);
    }
    console.log('\nStopping the demo…');
    void stopAll().then(() => process.exit(0));
  });
}
// Last resort on an unexpected exit: stop() signals wrangler's process group synchronously.
process.on('exit', () => void pages?.stop());

try {
  doh = await startDohServer();
  sites = await startFixtureSites();
  // PSI takes 10–40 s; the fixture answers after a few, so the page's progress message can be seen.
  psi = await startPsiServer({ delayMs: DEMO_PSI_DELAY_MS });
  pages = await startPagesDev(
    {
      DOH_UPSTREAMS: doh.url,
      SCAN_ALLOWED_ORIGINS: sites.origins.join(','),
      PSI_ENDPOINT: psi.url,
      // The "slow" case shows the time-limit message after 15 s instead of the production 60 s.
      PSI_TIME_LIMIT_MS: String(DEMO_PSI_TIME_LIMIT_MS),
    },
    state,
    // The browser reaches the fixture shop's third parties through the fixture internet's proxy.
    { port, env: browserProxyEnv(sites.render.proxyUrl) },
  );
} catch (error) {
  console.error('The demo could not start:', error);
  await stopAll();
  process.exit(1);
}

const base = pages.baseUrl;
const site = sites.origins[0];
/** The realistic shop home page: render-blocking third parties on several networks (test/fixtures/sites/shop.html). */
const scanUrl = `${site}/sites/shop.html`;
/**
 * The shop for rendered scans (test/fixtures/render/pages/shop.html): its tag manager brings in LinkedIn,
 * TikTok and Segment, which brings in Klaviyo and Heap; served through the fixture internet's proxy.
 */
const renderedUrl = `${site}/render/shop.html`;
const generatedUrl = `${site}/third-parties?n=${DEMO_THIRD_PARTIES.length}&hosts=${DEMO_THIRD_PARTIES.join(',')}`;

console.log(`
  Demo running offline on ${base}  (DNS answers come from test/fixtures/zones/, not the internet)

  TTI calculator       ${base}/tti/?current=8.3&target=5.7
    measure the shop   ${base}/tti/?url=${encodeURIComponent(scanUrl)}   (recorded Lighthouse 13 reports)
    or these           ${site}/sites/simple.html   (no field data)   ${site}/?psi-case=quota   (PSI's quota spent)
                       ${site}/sites/shop.html?psi-case=old-lighthouse   ${site}/?psi-case=slow   ${site}/status/500
  Dependency mapper    ${base}/deps/
    scan this URL      ${renderedUrl}   (rendered: a tag manager that brings in further vendors)
    or this one        ${scanUrl}   (a shop: render-blocking tag managers, CDN CSS, web fonts)
    or this one        ${generatedUrl}
    or this page       ${site}/sites/all-kinds.html   (every kind of reference, fixture hosts)
    or upload the HAR  ${DEMO_HAR}
  Risks (docs/risks.md)
    scan this URL      ${site}/sites/risks.html   (polyfill.io, a dangling CNAME, scripts without SRI)
    or upload the HAR  ${RISKS_HAR}   (all four risks and "probably yours" sister domains)
  API description      ${base}/api/openapi.json

  From a shell:
    curl -s ${base}/api/resolve -H 'content-type: application/json' \\
      -d '{"hosts":["assets.fixture-shop.com","www.apple.com","cdnjs.cloudflare.com"],"page":"https://www.fixture-shop.com/"}'
    curl -s ${base}/api/scan -H 'content-type: application/json' -d '{"url":"${renderedUrl}"}'
    curl -s ${base}/api/scan -H 'content-type: application/json' -d '{"url":"${site}/","mode":"static"}'
    curl -s '${base}/api/measure?url=${encodeURIComponent(scanUrl)}'

  Ctrl-C stops everything.
`);
