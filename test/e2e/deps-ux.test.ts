/**
 * /deps/ usability fixes from the UX review (docs/mapper.md, "Using it"), in Chromium against
 * `wrangler pages dev` of the built site: the URL box checks input itself and never doubles a scheme;
 * at 360 px the outcome of Map or a HAR upload comes into view; errors lead with words, not codes; one saved
 * link per map with a Copy button; the "What breaks" provider travels in the link and opens the same for
 * everyone; major providers the page does not use get a plain answer; tables and graph read at 360 px.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { UNATTRIBUTED } from '../../src/core/map/hosts.ts';
import { loaderHost } from '../../src/core/map/initiator.ts';
import { providerTable } from '../../src/core/map/provider-table.ts';
import type { DependencyReport } from '../../src/core/map/types.ts';
import { axeViolations } from '../support/axe.ts';
import { hasChromium, NARROW_VIEWPORT } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';

const harPath = new URL('../fixtures/har/e2e-fixture-site.har.json', import.meta.url).pathname;

describe.skipIf(!hasChromium)('/deps/ usability in Chromium', () => {
  const session = browserSession();

  async function open(path: string, options: BrowserContextOptions = {}) {
    const scans: string[] = [];
    const opened = await session.open(path, { acceptDownloads: true, ...options }, (page) =>
      page.on('request', (request) => {
        if (request.url().endsWith('/api/scan')) scans.push(request.postData() ?? '');
      }),
    );
    return { ...opened, scans };
  }

  const done = (page: Page) =>
    page.waitForFunction(
      () => document.getElementById('deps-status')?.textContent?.startsWith('Done'),
      null,
      { timeout: 45_000 },
    );

  /** True when the element's box lies within the viewport (what the reader sees without scrolling). */
  const inView = (page: Page, selector: string) =>
    page.locator(selector).evaluate((el) => {
      const r = el.getBoundingClientRect();
      // One pixel of slack: scrollIntoView aligns edges to sub-pixel positions.
      return r.height > 0 && r.top >= -1 && r.bottom <= innerHeight + 1;
    });

  it.each([
    ['ftp://x', 'unsupported_scheme', 'starts with https:// or http://'],
    ['javascript:alert(1)', 'unsupported_scheme', 'Only web pages'],
    ['exa mple.com', 'invalid_url', 'cannot contain spaces'],
    ['', 'invalid_url', 'Enter the address of a page'],
  ])('refuses %j in the browser, under the field, without a request (P1-1)', async (input, code, words) => {
    const { page, scans, errors } = await open('/deps/', { viewport: NARROW_VIEWPORT });
    await page.fill('#deps-url', input);
    await page.click('#deps-url-form button[type=submit]');
    const box = page.locator('#deps-url-error');
    await expect.poll(() => box.getAttribute('data-code')).toBe(code);
    expect(await box.locator('p').first().innerText()).toContain(words);
    // The code is a detail, not the sentence.
    expect(await box.locator('p').first().innerText()).not.toContain(code);
    expect(await page.getAttribute('#deps-url', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#deps-url', 'aria-describedby')).toContain('deps-url-error');
    await expect.poll(() => inView(page, '#deps-url-error')).toBe(true);
    expect(scans).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('sends an address that has a scheme as typed, and adds https:// only when it has none', async () => {
    const { page, scans } = await open('/deps/');
    // Abort the scans: only what the page sends matters here.
    await page.route('**/api/scan', (route) => route.abort());
    await page.fill('#deps-url', 'HTTP://Example.COM/shop');
    await page.click('#deps-url-form button[type=submit]');
    await expect.poll(() => scans.length).toBe(1);
    await page.locator('#deps-url-error:not([hidden])').waitFor();
    await page.fill('#deps-url', 'www.example.com/a');
    await page.click('#deps-url-form button[type=submit]');
    await expect.poll(() => scans.length).toBe(2);
    expect(scans.map((s) => (JSON.parse(s) as { url: string }).url)).toEqual([
      'http://example.com/shop',
      'https://www.example.com/a',
    ]);
    // A network failure reads as advice too.
    expect(await page.locator('#deps-url-error p').first().innerText()).toContain(
      'could not reach our server',
    );
  });

  it('at 360 px, a refused scan shows its reason in view, in words (P1-4)', async () => {
    const { page, scans } = await open('/deps/', { viewport: NARROW_VIEWPORT });
    await page.fill('#deps-url', 'http://10.0.0.1/');
    await page.click('#deps-url-form button[type=submit]');
    const box = page.locator('#deps-url-error');
    await expect.poll(() => box.getAttribute('data-code'), { timeout: 10_000 }).toBe('private_address');
    expect(scans).toHaveLength(1);
    expect(await box.locator('p').first().innerText()).toContain('private network');
    expect(await box.innerText()).not.toContain('(private_address)');
    await expect.poll(() => inView(page, '#deps-url-error')).toBe(true);
  });

  it('at 360 px, a finished HAR map takes focus and the view to "Your dependencies" (P1-4)', async () => {
    const { page } = await open('/deps/', { viewport: NARROW_VIEWPORT });
    await page.setInputFiles('#deps-har', harPath);
    await done(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('deps-results-title');
    await expect.poll(() => inView(page, '#deps-results-title')).toBe(true);
    // The status line says it too, for screen readers (role=status).
    expect(await page.getAttribute('#deps-status', 'role')).toBe('status');
  });

  it('an empty HAR file is called empty, next to the file field', async () => {
    const { page } = await open('/deps/', { viewport: NARROW_VIEWPORT });
    await page.setInputFiles('#deps-har', {
      name: 'x.har',
      mimeType: 'application/json',
      buffer: Buffer.alloc(0),
    });
    await expect.poll(() => page.locator('#deps-har-error').innerText()).toContain('x.har is empty');
    await expect.poll(() => inView(page, '#deps-har-error')).toBe(true);
  });

  it('saves one link per map, with Copy; a failed save never replaces a link (P2 saving)', async () => {
    const { page } = await open('/deps/', {
      bypassCSP: true,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await page.setInputFiles('#deps-har', harPath);
    await done(page);
    // First attempt rate-limited: the reason in words, the button still there.
    await page.route('**/api/reports', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '7' },
        body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many reports requests' } }),
      }),
    );
    await page.click('#deps-save');
    await expect.poll(() => page.locator('#deps-save-error').getAttribute('data-code')).toBe('rate_limited');
    expect(await page.locator('#deps-save-error p').first().innerText()).toContain('Wait 7 seconds');
    expect(await page.isEnabled('#deps-save')).toBe(true);
    await page.unroute('**/api/reports');

    await page.click('#deps-save');
    const link = page.locator('#deps-permalink-url');
    await link.waitFor();
    expect(await page.isHidden('#deps-save-error')).toBe(true);
    // One report per map: saving again is not offered until the map changes.
    expect(await page.isDisabled('#deps-save')).toBe(true);
    await page.click('#deps-permalink-copy');
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(await link.inputValue());

    expect(await axeViolations(page)).toEqual([]);

    // A new map offers a new save and drops the old link.
    await page.evaluate(() => (document.getElementById('deps-status')!.textContent = ''));
    await page.setInputFiles('#deps-har', harPath);
    await done(page);
    expect(await page.isEnabled('#deps-save')).toBe(true);
    expect(await page.locator('#deps-permalink-url').count()).toBe(0);
  });

  it('the live map and its permalink open "What breaks" on the same provider; &provider= is kept', async () => {
    const { page } = await open('/deps/');
    await page.setInputFiles('#deps-har', harPath);
    await done(page);
    const liveDefault = await page.inputValue('#deps-breaks-provider');
    expect(liveDefault).not.toBe('');
    await page.click('#deps-save');
    const link = await page.locator('#deps-permalink-url').inputValue({ timeout: 10_000 });
    expect(new URL(link).searchParams.get('provider')).toBe(liveDefault);

    const reopened = await open(`/deps/?report=${new URL(link).searchParams.get('report')}`);
    await reopened.page.waitForSelector('#deps-breaks-provider option', { state: 'attached' });
    expect(await reopened.page.inputValue('#deps-breaks-provider')).toBe(liveDefault);
    // Already saved: its link is offered, not a second save.
    expect(await reopened.page.isDisabled('#deps-save')).toBe(true);

    // Another provider: the link follows, and opens on it.
    const options = await page.locator('#deps-breaks-provider optgroup:first-child option').allTextContents();
    const other = options.find((o) => o !== liveDefault)!;
    await page.selectOption('#deps-breaks-provider', other);
    const withOther = await page.locator('#deps-permalink-url').inputValue();
    expect(new URL(withOther).searchParams.get('provider')).toBe(other);
    const shared = await open(new URL(withOther).pathname + new URL(withOther).search);
    await expect.poll(() => shared.page.inputValue('#deps-breaks-provider')).toBe(other);
    // Changing it on the permalink page updates the address bar.
    await shared.page.selectOption('#deps-breaks-provider', liveDefault);
    expect(new URL(shared.page.url()).searchParams.get('provider')).toBe(liveDefault);
  });

  it('answers plainly for a major provider the page does not use (P2-7)', async () => {
    const { page } = await open('/deps/');
    await page.setInputFiles('#deps-har', harPath);
    await done(page);
    const absent = await page
      .locator('#deps-breaks-provider optgroup[label="Not found on your page"] option')
      .allTextContents();
    expect(absent).toContain('Akamai');
    await page.selectOption('#deps-breaks-provider', 'Akamai');
    const hosts = await page.locator('#deps-hosts tbody tr').count();
    expect(await page.locator('#deps-breaks-result').innerText()).toContain(
      `Your page does not depend on Akamai (none of the ${hosts} hosts we mapped resolve to it).`,
    );
  });

  it('"What breaks" says which host loaded an injected resource (HAR initiator)', async () => {
    const { page } = await open('/deps/');
    await page.setInputFiles('#deps-har', harPath);
    await done(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#deps-export-json')]);
    const report = JSON.parse(readFileSync((await download.path())!, 'utf8')) as DependencyReport;
    const injected = report.resources.find((r) => loaderHost(r) !== undefined);
    expect(injected).toBeDefined();
    const provider = providerTable(report).find(
      (p) => p.name !== UNATTRIBUTED && p.hosts.includes(injected!.host),
    )!.name;
    await page.selectOption('#deps-breaks-provider', provider);
    await expect
      .poll(() => page.locator('#deps-breaks-result li', { hasText: injected!.url }).first().innerText())
      .toContain(`loaded by ${loaderHost(injected!)}`);
  });

  it('at 360 px, host names wrap only after a dot, wide tables say they scroll, the graph has headings', async () => {
    const { page } = await open('/deps/', { viewport: NARROW_VIEWPORT });
    await page.setInputFiles('#deps-har', harPath);
    await done(page);
    await page.waitForSelector('#deps-graph svg');
    const squeezed = await page.evaluate(() => {
      const out: string[] = [];
      for (const span of document.querySelectorAll<HTMLElement>('#deps-hosts tbody th .deps-host')) {
        // Each dot-separated piece must fit the cell on one line.
        const probe = document.createElement('span');
        probe.style.whiteSpace = 'nowrap';
        span.append(probe);
        for (const piece of (span.textContent ?? '').split(/(?=\.)/)) {
          probe.textContent = piece;
          if (probe.getBoundingClientRect().width > span.parentElement!.clientWidth) out.push(piece);
        }
        probe.remove();
      }
      return out;
    });
    expect(squeezed).toEqual([]);
    const tables = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('#deps-results .deps-table')].map((t) => {
        const s = t.querySelector<HTMLElement>('.deps-scroll')!;
        return {
          overflows: s.scrollWidth > s.clientWidth + 1,
          hint: !t.querySelector<HTMLElement>('.deps-scroll-hint')!.hidden,
        };
      }),
    );
    expect(tables.some((t) => t.overflows)).toBe(true);
    for (const t of tables) expect(t.hint).toBe(t.overflows);
    // The column that matters after an outage is next to the name, so it is in view.
    expect(await page.locator('#deps-providers thead th').nth(1).innerText()).toBe('Render-blocking');

    const heads = await page.locator('#deps-graph .deps-graph-heads span').allTextContents();
    expect(heads).toEqual(['Companies', 'Networks & DNS']);
    expect(await page.locator('.deps-legend li').count()).toBeGreaterThanOrEqual(4);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      NARROW_VIEWPORT.width,
    );
  });
});
