/**
 * "Measure my site" on /tti/ in Chromium, against `wrangler pages dev` whose /api/measure talks to the
 * fixture PageSpeed Insights server (real Lighthouse reports of the fixture sites; test/support/psi-server.ts).
 * Expected figures come from the recorded report itself (read here following Lighthouse's format) and
 * from the model (computeTti), never from the page's own code.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { computeTti } from '../../src/core/tti/compute.ts';
import { axeViolations } from '../support/axe.ts';
import { hasChromium } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';
import { answerFor } from '../support/psi/answers.ts';

/** expect.poll waits 1 s by default; a page load or an API call on a busy 2-core machine can take longer. */
const WAIT = { timeout: 20_000 };

/** The first fixture origin, which /api/measure may send on (SCAN_ALLOWED_ORIGINS). */
const fixtureSite = () => inject('scanAllowedOrigins').split(',')[0]!;

let counter = 0;
/** A page URL no other test measured (its own cache entry). */
const fresh = (path: string) =>
  `${fixtureSite()}${path}${path.includes('?') ? '&' : '?'}e2e=${Date.now()}-${counter++}`;

interface Lhr {
  audits: Record<string, { numericValue?: number; details?: { items: Array<Record<string, unknown>> } }>;
  configSettings: { throttling: { cpuSlowdownMultiplier: number } };
}

/** What the recorded report says, in the calculator's seconds (one decimal, as Lighthouse shows TTI). */
function expectedFromReport(page: string) {
  const lhr = (answerFor(page, 'mobile', Date.now()).body as { lighthouseResult: Lhr }).lighthouseResult;
  const ms = (id: string) => Math.round(lhr.audits[id]!.numericValue!);
  const slowdown = lhr.configSettings.throttling.cpuSlowdownMultiplier;
  const items = lhr.audits['third-parties-insight']!.details!.items;
  const thirdPartyMs = items.reduce(
    (sum, item) => sum + Math.round((item['mainThreadTime'] as number) * slowdown),
    0,
  );
  const tti = ms('interactive');
  const scenario = Math.max(ms('first-contentful-paint'), tti - thirdPartyMs);
  const seconds = (value: number) => Math.round(value / 100) / 10;
  return { current: seconds(tti), target: seconds(scenario), heaviest: items, ttiMs: tti };
}

describe.skipIf(!hasChromium)('/tti/: measure my site', () => {
  const session = browserSession();

  /** Uncaught errors of every page opened through open(); checked after each test that uses it. */
  let errors: string[] = [];
  async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
    const opened = await session.open(path, options);
    errors = opened.errors;
    return opened.page;
  }
  afterEach(() => {
    expect(errors).toEqual([]);
    errors = [];
  });

  async function measureIn(page: Page, url: string, device: 'mobile' | 'desktop' = 'mobile'): Promise<void> {
    await page.fill('#m-url', url);
    await page.check(`#tti-measure input[name="strategy"][value="${device}"]`);
    await page.click('#m-submit');
  }

  const statusState = (page: Page) => page.locator('#m-status').getAttribute('data-state');

  it('measures a page: fills current and target TTI, updates the estimate, lists the third parties', async () => {
    const pageUrl = fresh('/sites/shop.html');
    const expected = expectedFromReport(pageUrl);
    // bypassCSP only for the axe audit at the end, which injects its script inline.
    const page = await open('/tti/', { bypassCSP: true });
    const formTop = await page.locator('#tti-form').boundingBox();
    await measureIn(page, pageUrl);
    await expect.poll(() => statusState(page), WAIT).toBe('done');

    expect(await page.inputValue('#f-current')).toBe(String(expected.current));
    expect(await page.inputValue('#f-target')).toBe(String(expected.target));
    const lift = computeTti({ current: expected.current, target: expected.target }).conversion.liftPct;
    await expect
      .poll(() => page.locator('[data-figure="lift"] .value').getAttribute('data-value').then(Number), WAIT)
      .toBeCloseTo(lift, 9);
    // The shared link names the measured page, after the calculator's own fields.
    const params = [...new URL(page.url()).searchParams];
    expect(params).toEqual([
      ['current', String(expected.current)],
      ['target', String(expected.target)],
      ['url', pageUrl],
    ]);

    const section = page.locator('#tti-measurement');
    expect(await section.isVisible()).toBe(true);
    expect(Number(await page.locator('[data-figure="tti"] dd').getAttribute('data-value'))).toBe(
      expected.ttiMs,
    );
    // Synthetic origin field data of the fixture shop (test/fixtures/psi/crux/shop-origin.json).
    expect(await page.locator('[data-figure="field-inp"] dd').innerText()).toBe('342 ms');
    const rows = page.locator('.m-third-parties tbody tr');
    expect(await rows.count()).toBe(20);
    expect(await rows.first().getAttribute('data-entity')).toBe('Google/Doubleclick Ads');
    const links = await page
      .locator('.m-third-parties tbody a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(new Set(links)).toEqual(new Set([`/deps/?url=${encodeURIComponent(pageUrl)}`]));
    expect(await page.locator('.m-scenario').innerText()).toMatch(/A scenario, not a measurement/);
    // Results below the calculator and a status box with reserved lines: the form did not move.
    expect(await page.locator('#tti-form').boundingBox()).toEqual(formTop);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('loads the measuring code only when the measure form is used', async () => {
    const page = await session.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${inject('baseUrl')}/tti/`, { waitUntil: 'networkidle' });
    expect(scripts.some((path) => path.includes('measure'))).toBe(false);
    await page.focus('#m-url');
    await expect.poll(() => scripts.some((path) => path.includes('measure')), WAIT).toBe(true);
  });

  it('prefills the address from ?url= (the mapper’s link) and does not measure until asked', async () => {
    const pageUrl = fresh('/sites/shop.html');
    const page = await session.newPage();
    const calls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/measure')) calls.push(request.url());
    });
    await page.goto(`${inject('baseUrl')}/tti/?url=${encodeURIComponent(pageUrl)}`, {
      waitUntil: 'networkidle',
    });
    expect(await page.inputValue('#m-url')).toBe(pageUrl);
    expect(calls).toEqual([]);
    await page.click('#m-submit');
    await expect.poll(() => statusState(page), WAIT).toBe('done');
    expect(calls).toHaveLength(1);
  });

  const failures: Array<[label: string, path: string, message: RegExp]> = [
    ['PSI’s quota is spent', '/?psi-case=quota', /quota/i],
    [
      'Lighthouse could not load the page',
      '/status/500',
      /could not load the page \(ERRORED_DOCUMENT_REQUEST\)/,
    ],
    ['a Lighthouse runtime error in the report', '/?psi-case=runtime-error', /ERRORED_DOCUMENT_REQUEST/],
    ['PSI does not answer in time', '/?psi-case=slow', /did not finish within 4 s/],
  ];

  it.each(failures)(
    '%s: says so plainly and leaves the calculator usable by hand',
    async (_label, path, message) => {
      const page = await open('/tti/');
      const before = await page.inputValue('#f-current');
      await measureIn(page, fresh(path));
      await expect.poll(() => statusState(page), WAIT).toBe('error');
      expect(await page.locator('#m-status').innerText()).toMatch(message);
      expect(await page.locator('#m-status').innerText()).toMatch(/calculator below still works/);
      expect(await page.inputValue('#f-current')).toBe(before);
      expect(await page.locator('#tti-measurement').isVisible()).toBe(false);
      await page.fill('#f-current', '9');
      await page.fill('#f-target', '3');
      const lift = computeTti({ current: 9, target: 3 }).conversion.liftPct;
      await expect
        .poll(() => page.locator('[data-figure="lift"] .value').getAttribute('data-value').then(Number), WAIT)
        .toBeCloseTo(lift, 9);
      expect(await page.isEnabled('#m-submit')).toBe(true);
    },
  );

  it('refuses a private address with the scanner’s reason, and an empty field without asking', async () => {
    const page = await open('/tti/');
    const calls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/measure')) calls.push(request.url());
    });
    await page.click('#m-submit');
    await expect
      .poll(() => page.locator('#m-status').innerText(), WAIT)
      .toMatch(/Enter the address of your page/);
    expect(await page.getAttribute('#m-url', 'aria-invalid')).toBe('true');
    expect(calls).toEqual([]);
    await measureIn(page, 'http://10.0.0.1/');
    await expect.poll(() => statusState(page), WAIT).toBe('error');
    expect(await page.locator('#m-status').innerText()).toMatch(/private address; only public addresses/);
    expect(await page.getAttribute('#tti-measure', 'data-failure')).toBe('private_address');
  });

  it('without JavaScript: the address from the link is shown, the button is off and the note says why', async () => {
    const pageUrl = fresh('/sites/shop.html');
    const { page } = await session.open(`/tti/?url=${encodeURIComponent(pageUrl)}`, {
      javaScriptEnabled: false,
    });
    expect(await page.inputValue('#m-url')).toBe(pageUrl);
    expect(await page.isDisabled('#m-submit')).toBe(true);
    expect(await page.locator('.m-noscript').innerText()).toMatch(/Measuring needs JavaScript/);
    // The calculator still works without JavaScript (its form round-trips through the Function).
    await page.fill('#f-current', '9');
    await page.fill('#f-target', '3');
    await page.click('#tti-form button[type="submit"]');
    await page.waitForURL(/current=9&target=3/);
    expect(new URL(page.url()).searchParams.get('url')).toBe(pageUrl);
    expect(await page.inputValue('#m-url')).toBe(pageUrl);
  });

  it('embedded in another page, it does not measure (it would spend this site’s quota)', async () => {
    // The landing page forbids frames (frame-src 'none'); this stands in for someone else's page.
    const page = await open('/', { bypassCSP: true });
    await page.evaluate(() => {
      const frame = document.createElement('iframe');
      frame.src = '/tti/';
      frame.width = '800';
      frame.height = '600';
      document.body.append(frame);
    });
    const frame = page.frameLocator('iframe');
    await expect
      .poll(() => frame.locator('#m-status').innerText(), WAIT)
      .toMatch(/Open the calculator in its own tab/);
    expect(await frame.locator('#m-submit').isDisabled()).toBe(true);
  });
});
