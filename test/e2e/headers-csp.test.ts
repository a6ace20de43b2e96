/**
 * The Content-Security-Policy holds in a real browser: Chromium loads each page from `wrangler pages
 * dev`, its islands run and are used, and not one CSP violation is reported (console or
 * `securitypolicyviolation` event). A self-check first proves the detector sees a violation.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/browser.ts';

/** A real chrome-har export from the HAR importer's fixtures. */
const HAR_FIXTURE = new URL('../fixtures/har/chrome-har.har.json', import.meta.url).pathname;

interface Watch {
  violations: string[];
}

/** Opens `path` with a CSP watcher installed before any page script runs. */
async function open(browser: Browser, path: string): Promise<{ page: Page; watch: Watch }> {
  const page = await browser.newPage();
  const watch: Watch = { violations: [] };
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text()))
      watch.violations.push(message.text());
  });
  page.on('pageerror', (error) => watch.violations.push(`pageerror: ${error.message}`));
  await page.exposeFunction('__reportCsp', (text: string) => watch.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp;
      report(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  const response = await page.goto(`${inject('baseUrl')}${path}`, { waitUntil: 'networkidle' });
  expect(response?.status()).toBe(200);
  return { page, watch };
}

describe.skipIf(!hasChromium)('CSP in Chromium: no violations', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('self-check: the watcher reports an injected inline script', async () => {
    const { page, watch } = await open(browser, '/');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = 1';
      document.head.append(script);
    });
    await page.waitForTimeout(100);
    expect(
      await page.evaluate(() => (window as unknown as { __injected?: number }).__injected),
    ).toBeUndefined();
    expect(watch.violations.join('\n')).toMatch(/script-src/);
    await page.close();
  });

  it.each(['/', '/privacy/'])('%s loads without violations', async (path) => {
    const { page, watch } = await open(browser, path);
    expect(watch.violations).toEqual([]);
    await page.close();
  });

  it('/tti/: the island runs (result updates as you type) without violations', async () => {
    const { page, watch } = await open(browser, '/tti/');
    const before = await page.locator('#tti-result').innerText();
    const current = page.locator('input[name="current"]');
    await current.fill('12');
    await current.dispatchEvent('input');
    await page.waitForFunction(
      (text) => document.querySelector('#tti-result')?.textContent !== text,
      before,
      {
        timeout: 5_000,
      },
    );
    await page.waitForTimeout(200);
    expect(watch.violations).toEqual([]);
    await page.close();
  });

  it('/tti/ with a query (rendered by its Function) loads without violations', async () => {
    const { page, watch } = await open(
      browser,
      '/tti/?current=9&target=3&sessions=100000&conversionRate=0.02&orderValue=50',
    );
    await page.waitForTimeout(200);
    expect(watch.violations).toEqual([]);
    await page.close();
  });

  it('/deps/: a HAR import (resolve calls, graph drawing) and a refused scan, without violations', async () => {
    const { page, watch } = await open(browser, '/deps/');
    const resolved = page.waitForResponse((r) => r.url().endsWith('/api/resolve'), { timeout: 15_000 });
    await page.setInputFiles('#deps-har', HAR_FIXTURE);
    await resolved;
    await page.waitForLoadState('networkidle');
    const scanned = page.waitForResponse((r) => r.url().endsWith('/api/scan'), { timeout: 15_000 });
    await page.fill('#deps-url', 'http://127.0.0.1/');
    await page.click('#deps-url-form button[type="submit"]');
    await scanned;
    await page.waitForTimeout(300);
    expect(watch.violations).toEqual([]);
    await page.close();
  }, 60_000);
});
