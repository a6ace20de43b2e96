/**
 * /deps/ in Chromium against `wrangler pages dev` of the built site, with /api/resolve answering from the
 * local DoH fixture zones: HAR upload -> batched resolution -> summary, providers, what breaks, graph,
 * exports, permalink; the URL scan path against the scan fixture sites; errors; axe-core; 360 px.
 * Expected figures are computed from the same core modules over what /api/resolve answered, never typed in.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { MAX_HOSTS_PER_REQUEST } from '../../src/core/dns/limits.ts';
import { parseHar } from '../../src/core/har/parse-har.ts';
import { layoutGraph } from '../../src/core/map/graph-layout.ts';
import { providerTable } from '../../src/core/map/provider-table.ts';
import { summarise } from '../../src/core/map/summary.ts';
import type { DependencyReport } from '../../src/core/map/types.ts';
import { axeViolations } from '../support/axe.ts';
import { hasChromium, NARROW_VIEWPORT } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';

const harPath = new URL('../fixtures/har/e2e-fixture-site.har.json', import.meta.url).pathname;

describe.skipIf(!hasChromium)('/deps/ in Chromium', () => {
  const session = browserSession();

  /** /deps/ or a permalink, counting the hosts of each /api/resolve batch the page sends. */
  async function open(path: string, options: BrowserContextOptions = {}) {
    const resolveCalls: number[] = [];
    const opened = await session.open(path, { acceptDownloads: true, ...options }, (page) =>
      page.on('request', (request) => {
        if (request.url().endsWith('/api/resolve'))
          resolveCalls.push((JSON.parse(request.postData() ?? '{}') as { hosts: string[] }).hosts.length);
      }),
    );
    return { ...opened, resolveCalls };
  }

  const done = (page: Page) =>
    page.waitForFunction(
      () => document.getElementById('deps-status')?.textContent?.startsWith('Done'),
      null,
      { timeout: 45_000 },
    );
  const figure = async (page: Page, label: string) =>
    Number(await page.locator('#deps-summary div', { hasText: label }).first().locator('dd').innerText());

  /** What the page built, read back through its own JSON export. */
  async function exported(page: Page): Promise<DependencyReport> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#deps-export-json')]);
    const path = await download.path();
    return JSON.parse(readFileSync(path, 'utf8')) as DependencyReport;
  }

  it('maps an uploaded HAR: batches, summary, providers, what breaks, graph, exports, axe, screenshot', async () => {
    // axe is injected as an inline script, which the page's CSP rightly forbids: bypass it for the audit.
    const { page, errors, resolveCalls } = await open('/deps/', { bypassCSP: true });
    // No d3 before there is a graph to draw.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(scripts.some((s) => s.includes('graph-view'))).toBe(false);

    await page.setInputFiles('#deps-har', harPath);
    await done(page);
    expect(errors).toEqual([]);

    const parsed = parseHar(readFileSync(harPath, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    // Batches of at most MAX_HOSTS_PER_REQUEST, covering every host once.
    expect(Math.max(...resolveCalls)).toBeLessThanOrEqual(MAX_HOSTS_PER_REQUEST);
    expect(resolveCalls.reduce((a, b) => a + b, 0)).toBe(parsed.hosts.length);
    expect(resolveCalls.length).toBe(Math.ceil(parsed.hosts.length / MAX_HOSTS_PER_REQUEST));

    await expect
      .poll(() => page.locator('#deps-method').innerText())
      .toContain('HAR import (chrome-har 0.13.2)');
    const report = await exported(page);
    expect(report.method).toBe('har');
    expect(report.hosts.map((h) => h.host).sort()).toEqual([...parsed.hosts].sort());
    expect(report.resources).toEqual(parsed.resources);

    const summary = summarise(report);
    expect(await figure(page, 'Third-party hosts')).toBe(summary.thirdPartyHosts);
    expect(await figure(page, 'Networks')).toBe(summary.networks);
    expect(await figure(page, 'Render-blocking resources')).toBe(summary.renderBlocking);
    expect(summary.renderBlocking).toBe(3);
    // The fault-zone host does not resolve: shown as data, not as a failure of the map.
    expect(
      await page.locator('#deps-hosts tbody tr', { hasText: 'dangling.fault.test' }).innerText(),
    ).not.toContain('ok');

    const providers = providerTable(report).filter((p) => p.name !== 'Unattributed');
    expect(await page.locator('#deps-providers tbody tr').count()).toBe(providerTable(report).length);
    // The page's own providers first; then major providers it does not use (deps-ux.test.ts).
    expect(await page.locator('#deps-breaks-provider optgroup:first-child option').count()).toBe(
      providers.length,
    );

    // Pick the provider under the page's stylesheet: its render-blocking list names it.
    const cssProvider = providerTable(report).find(
      (p) => p.name !== 'Unattributed' && p.hosts.includes('assets.fixture-shop.com'),
    )?.name;
    expect(cssProvider).toBeDefined();
    await page.selectOption('#deps-breaks-provider', cssProvider!);
    const blocking = page.locator('.deps-impact-render-blocking');
    await expect.poll(() => blocking.innerText()).toContain('https://assets.fixture-shop.com/css/site.css');

    // Graph: lazily loaded, one SVG node per layout node, details on keyboard focus.
    await page.waitForSelector('#deps-graph svg .deps-node');
    const layout = layoutGraph(report);
    expect(await page.locator('#deps-graph .deps-node').count()).toBe(layout.nodes.length);
    await page.locator('#deps-graph .deps-node').nth(1).focus();
    expect(await page.locator('#deps-graph-details').innerText()).toContain(layout.nodes[1]!.label);
    await page.click('button[aria-label="Zoom in"]');
    expect(await page.locator('#deps-graph svg > g').getAttribute('transform')).toMatch(/scale\(1\.5\)/);
    await page.click('button[aria-label="Reset zoom"]');
    expect(await page.locator('#deps-graph svg > g').getAttribute('transform')).toMatch(/scale\(1\)/);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#deps-export-csv')]);
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csvText.split('\r\n')[0]).toMatch(/^url,host,type,impact,/);
    expect(csvText.split('\r\n')).toHaveLength(report.resources.length + 2);

    const violations = await axeViolations(page);
    expect(violations).toEqual([]);

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/deps.png', fullPage: true });
    await page.locator('#deps-graph').screenshot({ path: 'test-results/deps-graph.png' });
  });

  it('saves a permalink and /deps/?report=ID opens the same view', async () => {
    const { page } = await open('/deps/');
    await page.setInputFiles('#deps-har', harPath);
    await done(page);
    await page.click('#deps-save');
    const link = await page.locator('#deps-permalink-url').inputValue({ timeout: 10_000 });
    expect(link).toMatch(/\/deps\/\?report=[A-Za-z0-9_-]{22}&provider=[^&]+$/);
    const original = await page.locator('#deps-summary').innerText();

    const reopened = await open(new URL(link).pathname + new URL(link).search);
    await reopened.page.waitForSelector('#deps-graph svg');
    expect(await reopened.page.locator('#deps-summary').innerText()).toBe(original);
    expect(await reopened.page.locator('#deps-status').innerText()).toContain('Saved report');
    expect(reopened.resolveCalls).toEqual([]);
  });

  it('explains unknown and malformed report ids in words, keeping the API code as a detail', async () => {
    const { page } = await open('/deps/?report=AAAAAAAAAAAAAAAAAAAAAA');
    await expect.poll(() => page.locator('#deps-error').getAttribute('data-code')).toBe('report_not_found');
    expect(await page.locator('#deps-error > p').innerText()).toContain('does not exist or has expired');
    expect(await page.locator('#deps-error details').textContent()).toContain('report_not_found');
    const bad = await open('/deps/?report=nope');
    await expect
      .poll(() => bad.page.locator('#deps-error').getAttribute('data-code'))
      .toBe('invalid_report_id');
    expect(await bad.page.locator('#deps-error > p').innerText()).toContain('incomplete or mistyped');
  });

  it.each([
    ['not JSON', 'hello', 'not JSON'],
    ['not a HAR', '{"a":1}', 'not a HAR'],
    ['empty HAR', '{"log":{"entries":[]}}', 'no requests'],
  ])('explains a bad file: %s', async (_name, content, message) => {
    const { page, resolveCalls } = await open('/deps/');
    await page.setInputFiles('#deps-har', {
      name: 'bad.har',
      mimeType: 'application/json',
      buffer: Buffer.from(content),
    });
    // Next to the file field, where the reader just acted.
    await expect.poll(() => page.locator('#deps-har-error').innerText()).toContain(message);
    expect(resolveCalls).toEqual([]);
  });

  it('fits a 360 px screen without horizontal scrolling, results included', async () => {
    const { page } = await open('/deps/', { viewport: NARROW_VIEWPORT });
    await page.setInputFiles('#deps-har', harPath);
    await done(page);
    await page.waitForSelector('#deps-graph svg');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(NARROW_VIEWPORT.width);
  });

  const scanOrigins = () => inject('scanAllowedOrigins').split(',').filter(Boolean);
  it.skipIf(scanOrigins().length === 0)('maps a URL through /api/scan (scan fixture site)', async () => {
    const { page, errors } = await open('/deps/');
    await page.fill('#deps-url', `${scanOrigins()[0]}/`);
    await page.click('#deps-url-form button[type=submit]');
    await done(page);
    expect(errors).toEqual([]);
    // The page asks for the default mode: rendered where the server has a browser (as here, unless the
    // test setup could launch none), the static scan with its reason otherwise.
    const method = inject('renderAvailable') === 'yes' ? 'rendered' : 'static';
    expect(await page.locator('#deps-method').getAttribute('data-method')).toBe(method);
    const report = await exported(page);
    expect(report.method).toBe('scan');
    expect(report.resources[0]?.type).toBe('document');
    expect(await figure(page, 'Third-party hosts')).toBe(summarise(report).thirdPartyHosts);
  });
});
