/**
 * Chains on /deps/ in Chromium against `wrangler pages dev` of the built site, hosts resolved through the
 * local DoH fixture zones:
 * - a HAR (test/fixtures/har/chains.har.json, hand-written in Chrome DevTools' form) whose initiators go
 *   three vendors deep (OneTrust -> Google Tag Manager -> Meta), with a redirect hop, a self-load, an async
 *   stack and an unrecorded initiator: the chain of each third party, the indirect counts in the provider
 *   table and in "what breaks", the graph's arrows, the exports and a permalink;
 * - a rendered scan's answer: this branch has no rendered scan engine (it is built beside it), so
 *   `/api/scan` is answered in the browser with a ScanResponse written by hand to the contract
 *   (src/core/scan/types.ts); /api/resolve and the saved-report API stay real. The lead replaces this with
 *   a real rendered scan once both branches are merged: the page reads only the response;
 * - a static scan of a fixture site through the real /api/scan.
 * Chains of the fixture are written out by hand; counts are computed with the core over what the page
 * exported, since they depend on what /api/resolve answered.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { parseHar } from '../../src/core/har/parse-har.ts';
import { CSV_COLUMNS } from '../../src/core/map/export.ts';
import { layoutGraph } from '../../src/core/map/graph-layout.ts';
import { buildLoaderLinks } from '../../src/core/map/graph-loaders.ts';
import { whatBreaks } from '../../src/core/map/impact.ts';
import { providerTable } from '../../src/core/map/provider-table.ts';
import { summarise } from '../../src/core/map/summary.ts';
import type { DependencyReport } from '../../src/core/map/types.ts';
import type { ScanResponse } from '../../src/core/scan/types.ts';
import { axeViolations } from '../support/axe.ts';
import { hasChromium } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';
import { browserRequest } from '../support/rendered-scan.ts';

const harPath = new URL('../fixtures/har/chains.har.json', import.meta.url).pathname;
const PAGE = 'https://site.fixture.test/';

/** The chain sentences of the fixture, by host, as the page must write them. */
const CHAINS: Record<string, string> = {
  'www.facebook.com':
    'Your page (site.fixture.test) loaded cdn.cookielaw.org, which loaded www.googletagmanager.com, which loaded connect.facebook.net, which loaded www.facebook.com.',
  'stats.g.doubleclick.net':
    'Your page (site.fixture.test) loaded cdn.cookielaw.org, which loaded www.googletagmanager.com, which loaded www.google-analytics.com, which redirected to stats.g.doubleclick.net.',
  'fonts.gstatic.com':
    'Your page (site.fixture.test) loaded assets.fixture-shop.com, which loaded fonts.gstatic.com.',
};

/** A rendered scan's answer for the fixture site, written to the contract (see the file's comment). */
const renderedScan: ScanResponse = {
  method: 'rendered',
  page: { requestedUrl: PAGE, finalUrl: PAGE, status: 200, redirects: [], bytes: 4_000, truncated: false },
  resources: [
    browserRequest(
      'https://cdn.cookielaw.org/scripttemplates/otSDKStub.js',
      'script',
      { type: 'parser', url: PAGE },
      { kind: 'script', renderBlocking: true },
    ),
    browserRequest('https://www.googletagmanager.com/gtm.js?id=GTM-CHAIN', 'script', {
      type: 'script',
      url: 'https://cdn.cookielaw.org/scripttemplates/otSDKStub.js',
    }),
    browserRequest('https://connect.facebook.net/en_US/fbevents.js', 'script', {
      type: 'script',
      url: 'https://www.googletagmanager.com/gtm.js?id=GTM-CHAIN',
    }),
    browserRequest(
      'https://www.facebook.com/tr?id=1',
      'ping',
      { type: 'script', url: 'https://connect.facebook.net/en_US/fbevents.js' },
      { status: undefined, failure: 'net::ERR_CONNECTION_RESET' },
    ),
    {
      url: 'https://media.giphy.com/media/lazy.gif',
      host: 'media.giphy.com',
      kind: 'image',
      renderBlocking: false,
      renderBlockingSource: 'markup',
      requested: false,
    },
  ],
  hosts: ['site.fixture.test', 'cdn.cookielaw.org', 'media.giphy.com'],
  limits: {},
  blocked: [
    { url: 'http://127.0.0.1:9/canary?token=x', reason: 'private_address' },
    { url: 'http://169.254.169.254/latest/meta-data/', reason: 'private_address' },
  ],
};

describe.skipIf(!hasChromium)('/deps/ chains in Chromium', () => {
  const session = browserSession();

  /** /deps/ (or a permalink), with `/api/scan` answered by `scan` when given. */
  async function open(path: string, options: BrowserContextOptions = {}, scan?: ScanResponse) {
    const scans: string[] = [];
    return session.open(path, { acceptDownloads: true, ...options }, (page) => {
      page.on('request', (r) => r.url().endsWith('/api/scan') && scans.push(r.url()));
      if (scan) void page.route('**/api/scan', (route) => route.fulfill({ json: scan }));
    });
  }
  const done = (page: Page) =>
    page.waitForFunction(
      () => document.getElementById('deps-status')?.textContent?.startsWith('Done'),
      null,
      { timeout: 45_000 },
    );
  async function exported(page: Page): Promise<DependencyReport> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#deps-export-json')]);
    return JSON.parse(readFileSync(await download.path(), 'utf8')) as DependencyReport;
  }
  const chainText = (page: Page, host: string) =>
    page.locator(`#deps-chains li.deps-chain[data-host="${host}"] .deps-chain-sentence`).innerText();
  const figure = async (page: Page, label: string) =>
    Number(await page.locator('#deps-summary div', { hasText: label }).first().locator('dd').innerText());
  /** The provider table's cells of one column, by provider name. */
  async function column(page: Page, heading: string): Promise<Record<string, string>> {
    const headings = await page.locator('#deps-providers thead th').allInnerTexts();
    const at = headings.indexOf(heading);
    const rows = await page.locator('#deps-providers tbody tr').all();
    const out: Record<string, string> = {};
    for (const row of rows) {
      const cells = await row.locator('th, td').allInnerTexts();
      out[cells[0]!] = cells[at]!;
    }
    return out;
  }

  it('a HAR three vendors deep: each chain, indirect counts, the arrows, exports, axe', async () => {
    const { page, errors } = await open('/deps/', { bypassCSP: true });
    await page.setInputFiles('#deps-har', harPath);
    await done(page);
    expect(errors).toEqual([]);
    expect(await page.locator('#deps-method').getAttribute('data-method')).toBe('har');

    for (const [host, sentence] of Object.entries(CHAINS)) expect(await chainText(page, host)).toBe(sentence);
    expect(await page.locator('#deps-unknown').innerText()).toContain('widget.intercom.io');
    const direct = await page.locator('#deps-direct').innerText();
    for (const host of ['cdn.cookielaw.org', 'assets.fixture-shop.com']) expect(direct).toContain(host);
    // Longest chains first.
    expect(await page.locator('#deps-chains li.deps-chain').first().getAttribute('data-length')).toBe('4');

    const report = await exported(page);
    const parsed = parseHar(readFileSync(harPath, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(report.resources).toEqual(parsed.resources);
    // gtm, connect.facebook.net, www.facebook.com, hotjar, analytics, doubleclick, gstatic.
    expect(await figure(page, 'Brought in by other third parties')).toBe(7);
    expect(summarise(report).broughtByThirdParty).toBe(7);

    // Indirect counts: the provider table's column is what each operator takes down through its scripts.
    const rows = providerTable(report);
    const cells = await column(page, 'Loaded through it');
    for (const row of rows) expect(Number(cells[row.name]), row.name).toBe(row.indirect);
    // Cloudflare runs the consent script that starts the chain: everything after it goes. (Hotjar's DNS
    // is Cloudflare's too, in the fixture zones: a direct loss, so not in this list.)
    const cloudflare = rows.find((r) => r.hosts.includes('cdn.cookielaw.org'))!;
    const breaks = whatBreaks(report, cloudflare.name);
    expect(breaks.loadedBy.map((i) => i.resource.url)).toEqual([
      'https://www.googletagmanager.com/gtm.js',
      'https://connect.facebook.net/en_US/fbevents.js',
      'https://connect.facebook.net/signals/config/123',
      'https://www.facebook.com/tr',
      'https://www.google-analytics.com/g/collect',
      'https://stats.g.doubleclick.net/g/collect',
    ]);
    expect(cloudflare.indirect).toBe(6);
    await page.selectOption('#deps-breaks-provider', cloudflare.name);
    const also = page.locator('#deps-breaks-result section[aria-label="Also not loaded"]');
    await expect.poll(() => also.locator('h4').innerText()).toBe('Also not loaded (6)');
    expect(await also.locator('li').count()).toBe(breaks.loadedBy.length);
    expect(await also.innerText()).toContain('nothing at all is requested from www.googletagmanager.com');

    // The graph's arrows: hidden until asked for, one per pair of companies.
    await page.waitForSelector('#deps-graph svg .deps-node');
    const links = buildLoaderLinks(report, layoutGraph(report));
    expect(links.length).toBeGreaterThanOrEqual(3);
    expect(await page.locator('#deps-graph .deps-loaders path').count()).toBe(links.length);
    expect(await page.locator('#deps-graph .deps-loaders').isVisible()).toBe(false);
    await page.check('#deps-graph-loaders');
    expect(await page.locator('#deps-graph .deps-loaders').isVisible()).toBe(true);
    // The table under the graph says the same in words.
    const loadedBy = await page.locator('#deps-graph-table tbody tr').allInnerTexts();
    expect(loadedBy.some((row) => /Meta|Facebook/.test(row) && row.includes('Google'))).toBe(true);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#deps-export-csv')]);
    const lines = readFileSync(await csv.path(), 'utf8').split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    const tr = lines.find((l) => l.startsWith('https://www.facebook.com/tr,'))!.split(',');
    expect(tr[CSV_COLUMNS.indexOf('host_chain')]).toBe(
      'site.fixture.test > cdn.cookielaw.org > www.googletagmanager.com > connect.facebook.net',
    );
    expect(tr[CSV_COLUMNS.indexOf('initiator_url')]).toBe('https://connect.facebook.net/en_US/fbevents.js');

    expect(await page.locator('#deps-tti-link').getAttribute('href')).toBe(
      `/tti/?url=${encodeURIComponent(PAGE)}`,
    );
    expect(await axeViolations(page)).toEqual([]);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/deps-chains.png', fullPage: true });
    await page.locator('#deps-chains').screenshot({ path: 'test-results/deps-chains-list.png' });
    await page.locator('#deps-graph').screenshot({ path: 'test-results/deps-chains-graph.png' });
  });

  it('a saved map opens with the same chains and counts', async () => {
    const { page } = await open('/deps/');
    await page.setInputFiles('#deps-har', harPath);
    await done(page);
    const chains = await page.locator('#deps-chains').innerText();
    const providers = await page.locator('#deps-providers').innerText();
    await page.click('#deps-save');
    const link = await page.locator('#deps-permalink-url').inputValue({ timeout: 10_000 });
    const reopened = await open(new URL(link).pathname + new URL(link).search);
    await reopened.page.waitForSelector('#deps-graph svg');
    expect(await reopened.page.locator('#deps-chains').innerText()).toBe(chains);
    expect(await reopened.page.locator('#deps-providers').innerText()).toBe(providers);
    expect(await reopened.page.locator('#deps-loaders-toggle').isVisible()).toBe(true);
  });

  it('a rendered scan’s answer: how it was made, refused requests, hosts named but not requested, chains', async () => {
    const { page, errors } = await open('/deps/', {}, renderedScan);
    await page.fill('#deps-url', PAGE);
    await page.click('#deps-url-form button[type=submit]');
    await done(page);
    expect(errors).toEqual([]);
    const method = page.locator('#deps-method');
    expect(await method.getAttribute('data-method')).toBe('rendered');
    expect(await method.innerText()).toContain('Rendered scan: we loaded the page in a real browser');
    expect(await page.locator('#deps-fallback').count()).toBe(0);

    const blocked = page.locator('#deps-blocked');
    expect(await blocked.isVisible()).toBe(true);
    expect(
      await blocked.locator('li').evaluateAll((li) => li.map((x) => x.getAttribute('data-url'))),
    ).toEqual(['http://127.0.0.1:9/canary', 'http://169.254.169.254/latest/meta-data/']);
    expect(await blocked.innerText()).toContain('our safety policy does not allow');
    expect(await blocked.innerText()).toContain('a private, local or reserved network address');

    expect(await page.locator('#deps-not-requested').innerText()).toContain('media.giphy.com');
    expect(await chainText(page, 'www.facebook.com')).toBe(CHAINS['www.facebook.com']);
    mkdirSync('test-results', { recursive: true });
    await page.locator('#deps-results').screenshot({ path: 'test-results/deps-rendered.png' });

    // Saved and reopened, the rendered map keeps all of it.
    await page.click('#deps-save');
    const link = await page.locator('#deps-permalink-url').inputValue({ timeout: 10_000 });
    const reopened = await open(new URL(link).pathname + new URL(link).search);
    await reopened.page.waitForSelector('#deps-graph svg');
    expect(await reopened.page.locator('#deps-method').getAttribute('data-method')).toBe('rendered');
    expect(await reopened.page.locator('#deps-blocked li').count()).toBe(2);
    expect(await reopened.page.locator('#deps-not-requested').innerText()).toContain('media.giphy.com');
  });

  it('a static answer after a fallback says why in plain words', async () => {
    const staticAnswer: ScanResponse = {
      method: 'static',
      fallback: { code: 'browser_unavailable', message: 'No browser binding in this deployment.' },
      page: renderedScan.page,
      resources: [
        {
          url: 'https://cdn.cookielaw.org/scripttemplates/otSDKStub.js',
          host: 'cdn.cookielaw.org',
          kind: 'script',
          renderBlocking: true,
        },
      ],
      hosts: ['site.fixture.test', 'cdn.cookielaw.org'],
      limits: {},
    };
    const { page } = await open('/deps/', {}, staticAnswer);
    await page.fill('#deps-url', PAGE);
    await page.click('#deps-url-form button[type=submit]');
    await done(page);
    expect(await page.locator('#deps-method').getAttribute('data-method')).toBe('static');
    const why = await page.locator('#deps-fallback').innerText();
    expect(why).toContain('This site has no browser to load pages in right now');
    expect(why).toContain('No browser binding in this deployment.');
    expect(await page.locator('#deps-chains').innerText()).toContain('A static scan finds only');
    expect(await page.locator('#deps-blocked').isVisible()).toBe(false);
  });

  const scanOrigins = () => inject('scanAllowedOrigins').split(',').filter(Boolean);
  it.skipIf(scanOrigins().length === 0)(
    'a real static scan of a fixture site: no chains claimed, no arrows',
    async () => {
      const { page, errors } = await open('/deps/');
      // The page asks for the default (rendered) scan; this server has a browser, so the request is
      // rewritten to `mode: "static"` on its way: the static answer of the real API, shown by the page.
      await page.route('**/api/scan', (route) =>
        route.continue({
          postData: JSON.stringify({ ...(route.request().postDataJSON() as object), mode: 'static' }),
        }),
      );
      await page.fill('#deps-url', `${scanOrigins()[0]}/`);
      await page.click('#deps-url-form button[type=submit]');
      await done(page);
      expect(errors).toEqual([]);
      expect(await page.locator('#deps-method').getAttribute('data-method')).toBe('static');
      expect(await page.locator('#deps-chains').innerText()).toContain('A static scan finds only');
      await page.waitForSelector('#deps-graph svg');
      expect(await page.locator('#deps-loaders-toggle').isVisible()).toBe(false);
      expect(await page.locator('#deps-tti-link').getAttribute('href')).toMatch(/^\/tti\/\?url=http/);
    },
  );
});
