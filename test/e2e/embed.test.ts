/**
 * /embed/tti/ in Chromium against `wrangler pages dev`: inside a blog page on another HTTPS origin (both
 * origins are served through Playwright's request routing — the blog page from this test, the embed by
 * fetching the real wrangler answer — because the frame policy is about https: origins and loopback
 * is http), the resize message and the snippet's listener, the no-JS path, the column widths, and the
 * link to the full calculator.
 */
import type { Page, Route } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { EMBED_HEIGHT_RANGE, embedSnippet } from '../../src/components/tti/embed-snippet.ts';
import { computeTti } from '../../src/core/tti/compute.ts';
import { formatPct } from '../../src/core/tti/describe.ts';
import { hasChromium } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';

const TOOL = 'https://tools.example.org';
const BLOG = 'https://blog.example.net';

describe.skipIf(!hasChromium)('/embed/tti/ in Chromium', () => {
  const session = browserSession();
  const base = () => inject('baseUrl');

  /** The tool's https origin answered by wrangler pages dev, headers and all. */
  const proxyTool = async (route: Route) => {
    const url = new URL(route.request().url());
    const response = await fetch(`${base()}${url.pathname}${url.search}`, { redirect: 'manual' });
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    });
  };

  async function blogWith(html: string, width = 1000): Promise<Page> {
    const page = await session.newPage({ viewport: { width, height: 900 } });
    await page.route(`${TOOL}/**`, proxyTool);
    await page.route(`${BLOG}/**`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: `<!doctype html><body style="margin:0">${html}</body>`,
      }),
    );
    await page.goto(`${BLOG}/post`);
    return page;
  }

  it('sizes its iframe to its content through the snippet, in a 720 px and a 320 px column', async () => {
    for (const width of [720, 320]) {
      const snippet = embedSnippet(TOOL, 'current=8&target=4');
      const page = await blogWith(`<div style="width:${width}px">${snippet}</div>`);
      const frame = page.frameLocator('iframe');
      await frame.locator('#tti-result [data-figure="lift"]').waitFor();
      const content = await frame
        .locator('#tti-embed')
        .evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
      await expect
        .poll(() => page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height))
        .toBe(content);
      // The content fits the column: nothing scrolls sideways inside the frame.
      const inner = page.frames().find((f) => f.url().startsWith(`${TOOL}/embed/tti/`))!;
      expect(await inner.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
        true,
      );
      // Opening the optional fields makes it taller, and the iframe follows.
      await frame.locator('#tti-more summary').click();
      await expect
        .poll(() => page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height))
        .toBeGreaterThan(content);
    }
  });

  it('the snippet ignores messages from anyone but its own frame and clamps what it accepts', async () => {
    const page = await blogWith(embedSnippet(TOOL));
    await page.frameLocator('iframe').locator('#tti-result').waitFor();
    // Settled: the frame has posted its own height (the snippet's default height is taller).
    const content = await page
      .frameLocator('iframe')
      .locator('#tti-embed')
      .evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
    await expect
      .poll(() => page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height))
      .toBe(content);
    const settled = content;
    // The blog page itself (or any other window) posting the same shape changes nothing.
    await page.evaluate(() =>
      window.postMessage({ type: 'edge-speed-tools:embed-height', version: 1, height: 50 }, '*'),
    );
    await page.waitForTimeout(200);
    expect(await page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height)).toBe(settled);
    // From the frame itself, an absurd height is clamped.
    const inner = page.frames().find((f) => f.url().startsWith(`${TOOL}/embed/tti/`))!;
    await inner.evaluate(() =>
      parent.postMessage({ type: 'edge-speed-tools:embed-height', version: 1, height: 1e9 }, '*'),
    );
    await expect
      .poll(() => page.locator('iframe').evaluate((f) => f.getBoundingClientRect().height))
      .toBe(EMBED_HEIGHT_RANGE.max);
  });

  it('updates as the reader types and links the full calculator with the query and UTM parameters', async () => {
    const page = await blogWith(embedSnippet(TOOL));
    const frame = page.frameLocator('iframe');
    // Not the default's ratio (8 s → 4 s): the power law gives equal ratios equal lifts.
    await frame.locator('#f-current').fill('12');
    await frame.locator('#f-target').fill('5');
    const expected = formatPct(computeTti({ current: 12, target: 5 }).conversion.liftPct);
    expect(expected).not.toBe(formatPct(computeTti({ current: 8, target: 4 }).conversion.liftPct));
    await expect.poll(() => frame.locator('[data-figure="lift"] .value').innerText()).toBe(expected);
    await expect
      .poll(() => frame.locator('#tti-open-full').getAttribute('href'))
      .toBe('/tti/?current=12&target=5&utm_source=embed&utm_medium=iframe&utm_campaign=tti-calculator');
    expect(await frame.locator('#tti-open-full').getAttribute('target')).toBe('_blank');
  });

  it('a page on another origin cannot frame the mapper (frame-ancestors none)', async () => {
    const page = await blogWith(`<iframe src="${TOOL}/deps/" style="width:600px;height:400px"></iframe>`);
    await page.waitForTimeout(500);
    const deps = page.frames().find((f) => f.url() === `${TOOL}/deps/`);
    // Blocked: Chromium replaces the document with an error page, so the mapper's form never exists in it.
    const hasForm = deps
      ? await deps
          .locator('#deps-url')
          .count()
          .catch(() => 0)
      : 0;
    expect(hasForm).toBe(0);
  });

  it('works without JavaScript: the form submits to the embed, which renders the result', async () => {
    const page = await session.newPage({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
    await page.goto(`${base()}/embed/tti/`);
    // The embed has no measuring form, so the hint does not send the reader to one.
    expect(await page.locator('#f-current-hint').innerText()).toBe(
      'Time to Interactive today, e.g. 8.3 from a Lighthouse report.',
    );
    await page.fill('#f-current', '9');
    await page.fill('#f-target', '3');
    await Promise.all([page.waitForURL(/current=9&target=3/), page.click('button[type="submit"]')]);
    expect(new URL(page.url()).pathname).toBe('/embed/tti/');
    const expected = formatPct(computeTti({ current: 9, target: 3 }).conversion.liftPct);
    expect(await page.locator('[data-figure="lift"] .value').innerText()).toBe(expected);
    expect(await page.getAttribute('#tti-open-full', 'href')).toBe(
      '/tti/?current=9&target=3&utm_source=embed&utm_medium=iframe&utm_campaign=tti-calculator',
    );
    // A value in the folded section opens it.
    await page.goto(`${base()}/embed/tti/?current=9&target=3&bounceRate=0.5`);
    expect(await page.locator('#tti-more').getAttribute('open')).toBe('');
  });
});
