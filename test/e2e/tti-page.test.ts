/**
 * /tti/ in Chromium against `wrangler pages dev` of the built site: the island, the shared-link and no-JS
 * paths (functions/tti/index.ts), accessibility (axe-core), a 360 px viewport and layout stability.
 * Expected numbers come from the model itself (or GET /api/tti), never from constants in this file.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { computeTti } from '../../src/core/tti/compute.ts';
import { formatPct } from '../../src/core/tti/describe.ts';
import type { TtiResult } from '../../src/core/tti/types.ts';
import validation from '../../src/data/tti-validation.json';
import { axeViolations } from '../support/axe.ts';
import { hasChromium, NARROW_VIEWPORT } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';

describe.skipIf(!hasChromium)('/tti/ in Chromium', () => {
  const session = browserSession();
  const base = () => inject('baseUrl');

  /** A page of the site, loaded without a single uncaught error. */
  async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
    const { page, errors } = await session.open(path, options);
    expect(errors).toEqual([]);
    return page;
  }

  const liftValue = (page: Page) =>
    page.locator('[data-figure="lift"] .value').getAttribute('data-value').then(Number);
  const liftText = (page: Page) => page.locator('[data-figure="lift"] .value').innerText();

  it('shows the default result in the first HTML, before any script runs', async () => {
    const page = await open('/tti/', { javaScriptEnabled: false });
    const current = Number(await page.inputValue('#f-current'));
    const target = Number(await page.inputValue('#f-target'));
    const expected = computeTti({ current, target });
    expect(await liftValue(page)).toBeCloseTo(expected.conversion.liftPct, 9);
    expect(await page.locator('#tti-chart svg path.conversion-line').count()).toBe(1);
  });

  it('loads the model only on interaction: page load runs just the small entry script', async () => {
    const page = await session.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${base()}/tti/?current=6&target=3`, { waitUntil: 'networkidle' });
    expect(scripts.some((path) => path.includes('engine'))).toBe(false);
    await page.focus('#f-current');
    await expect.poll(() => scripts.some((path) => path.includes('engine'))).toBe(true);
  });

  it('counts what was typed before its script ran (a slow connection): the result follows the form', async () => {
    const page = await session.newPage();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // The page's one entry module waits until the visitor has typed.
    await page.route(/\/_astro\/index\.astro_astro_type_script.*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    // Module scripts hold DOMContentLoaded back, so the page is used as soon as its form is parsed.
    await page.goto(`${base()}/tti/`, { waitUntil: 'commit' });
    await page.fill('#f-current', '12');
    await page.fill('#f-target', '5');
    release();
    const expected = computeTti({ current: 12, target: 5 });
    await expect.poll(() => liftValue(page)).toBeCloseTo(expected.conversion.liftPct, 9);
    expect(new URL(page.url()).search).toBe('?current=12&target=5');
  });

  it('updates numbers, chart and URL as the user types, keeping utm_* parameters', async () => {
    const page = await open('/tti/?utm_source=newsletter&utm_campaign=q4');
    await page.fill('#f-current', '10');
    await page.fill('#f-target', '4');
    await page.fill('#f-bounceRatePct', '52');
    const expected = computeTti({ current: 10, target: 4, bounceRate: 0.52 });
    await expect.poll(() => liftValue(page)).toBeCloseTo(expected.conversion.liftPct, 9);
    expect(await liftText(page)).toBe(formatPct(expected.conversion.liftPct));
    expect(await page.locator('#tti-chart .mark.current text').textContent()).toBe('Now 10 s');
    expect(await page.locator('#tti-chart .mark.target text').textContent()).toBe('Target 4 s');
    const url = new URL(page.url());
    expect([...url.searchParams]).toEqual([
      ['current', '10'],
      ['target', '4'],
      ['bounceRate', '0.52'],
      ['utm_source', 'newsletter'],
      ['utm_campaign', 'q4'],
    ]);
    expect(await page.getAttribute('.share-link', 'href')).toBe(`/tti/${url.search}`);
    expect(await page.title()).toContain(formatPct(expected.conversion.liftPct));
  });

  it('reproduces a shared link: the same numbers as GET /api/tti for the same query', async () => {
    const query =
      'current=7.5&target=2.5&bounceRate=0.5&sessions=120000&conversionRate=0.021&orderValue=80&currency=EUR&utm_medium=social';
    const expected = await modelAnswer(base(), query);
    const page = await open(`/tti/?${query}`);
    expect(await liftValue(page)).toBeCloseTo(expected.conversion.liftPct, 9);
    expect(await page.locator('[data-headline]').innerText()).toBe(expected.text.title);
    const yearly = Number(await page.locator('[data-figure="yearly"] .value').getAttribute('data-value'));
    expect(yearly).toBeCloseTo(expected.revenue!.yearlyDelta.central, 6);
    expect(await page.locator('[data-figure="yearly"] .value').innerText()).toMatch(/^\+€/);
    expect(await page.inputValue('#f-bounceRatePct')).toBe('50');
    expect(await page.inputValue('#f-conversionRatePct')).toBe('2.1');
    // The island leaves a canonical link as it is.
    expect(new URL(page.url()).search).toBe(`?${query}`);
  });

  it('without JavaScript, renders the result of a query and fills the form', async () => {
    const page = await open('/tti/?current=5&target=2.5&utm_source=x', { javaScriptEnabled: false });
    const expected = computeTti({ current: 5, target: 2.5 });
    expect(await liftText(page)).toBe(formatPct(expected.conversion.liftPct));
    expect(await page.inputValue('#f-current')).toBe('5');
    expect(await page.locator('#tti-chart .mark.target text').textContent()).toBe('Target 2.5 s');
    expect(await page.getAttribute('#tti-extra input[name="utm_source"]', 'value')).toBe('x');
  });

  it('without JavaScript, a form submission in percent lands on the contract URL and keeps utm_*', async () => {
    const page = await open('/tti/?utm_source=mail', { javaScriptEnabled: false });
    await page.fill('#f-current', '9');
    await page.fill('#f-target', '3');
    await page.fill('#f-bounceRatePct', '45');
    // The calculator's own button: the measure form above it has a submit button too.
    await Promise.all([page.waitForURL(/current=9/), page.click('#tti-form button[type="submit"]')]);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/tti/');
    // The page opens at the result (on a phone it is below the whole form).
    expect(url.hash).toBe('#result-h');
    expect([...url.searchParams]).toEqual([
      ['current', '9'],
      ['target', '3'],
      ['bounceRate', '0.45'],
      ['utm_source', 'mail'],
    ]);
    const expected = computeTti({ current: 9, target: 3, bounceRate: 0.45 });
    expect(await liftValue(page)).toBeCloseTo(expected.conversion.liftPct, 9);
  });

  it('reports an invalid value on its field and in the result, and keeps it in the URL', async () => {
    const page = await open('/tti/');
    await page.fill('#f-current', '6.5.1');
    const error = page.locator('#f-current-error');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.innerText()).toBe('Must be a number such as 8.3.');
    expect(await page.getAttribute('#f-current', 'aria-invalid')).toBe('true');
    expect(await page.locator('#tti-result .issues li').count()).toBe(1);
    expect(await page.locator('#tti-result .issues li').innerText()).toBe(
      'Current TTI: Must be a number such as 8.3.',
    );
    expect(await page.locator('#tti-chart svg').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('current')).toBe('6.5.1');
    // An invalid link is not offered for copying (its space stays: no layout shift).
    expect(await page.locator('#tti-copy').isVisible()).toBe(false);
    await page.fill('#f-current', '6.5');
    await expect.poll(() => error.isVisible()).toBe(false);
    expect(await page.getAttribute('#f-current', 'aria-invalid')).toBeNull();
    expect(await page.locator('#tti-copy').isVisible()).toBe(true);
  });

  it('accepts what people paste: units, a decimal comma, thousands separators, currency signs', async () => {
    const page = await open('/tti/');
    await page.fill('#f-current', '8.3 s');
    await page.fill('#f-target', '2,5');
    await page.fill('#f-bounceRatePct', '45%');
    await page.fill('#f-sessions', '200 000');
    await page.fill('#f-conversionRatePct', '2,5');
    await page.fill('#f-orderValue', '$80');
    const expected = computeTti({
      current: 8.3,
      target: 2.5,
      bounceRate: 0.45,
      sessions: 200000,
      conversionRate: 0.025,
      orderValue: 80,
    });
    await expect
      .poll(() => page.locator('[data-figure="yearly"] .value').getAttribute('data-value').then(Number))
      .toBeCloseTo(expected.revenue!.yearlyDelta.central, 6);
    expect(await liftValue(page)).toBeCloseTo(expected.conversion.liftPct, 9);
    expect(await page.locator('.tti-form .error:visible').count()).toBe(0);
    expect(new URL(page.url()).search).toBe(
      '?current=8.3&target=2.5&bounceRate=0.45&sessions=200000&conversionRate=0.025&orderValue=80',
    );
    // The field keeps what was typed.
    expect(await page.inputValue('#f-sessions')).toBe('200 000');
  });

  it('warns about a bounce rate typed as a fraction, keeps it, and explains the result in percent', async () => {
    const page = await open('/tti/');
    await page.fill('#f-bounceRatePct', '0.45');
    const note = page.locator('#f-bounceRatePct-error');
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(await note.innerText()).toBe('0.45% — did you mean 45%?');
    expect(await page.getAttribute('#f-bounceRatePct', 'aria-invalid')).toBeNull();
    expect(await page.locator('#tti-result .explain').innerText()).toContain(
      'A bounce rate of 0.45% was evaluated as 1%',
    );
    await page.fill('#f-bounceRatePct', '45');
    await expect.poll(() => note.isVisible()).toBe(false);
  });

  it('at 360 px keeps the live headline in view while typing at the top of the form', async () => {
    const page = await open('/tti/', { viewport: NARROW_VIEWPORT });
    const summary = page.locator('#tti-summary');
    await page.fill('#f-current', '10');
    await page.fill('#f-target', '4');
    const expected = computeTti({ current: 10, target: 4 });
    await expect.poll(() => summary.innerText()).toContain(formatPct(expected.conversion.liftPct));
    const box = (await summary.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(NARROW_VIEWPORT.height + 1);
    // …and the full result is indeed out of view there.
    const result = (await page.locator('#tti-result').boundingBox())!;
    expect(result.y).toBeGreaterThan(NARROW_VIEWPORT.height);
  });

  it('hides the pinned summary on a wide screen, where the result sits beside the form', async () => {
    const page = await open('/tti/', { viewport: { width: 1280, height: 800 } });
    expect(await page.locator('#tti-summary').isVisible()).toBe(false);
  });

  it('without JavaScript, reports invalid values from a link (HTTP 400, fields marked)', async () => {
    const page = await session.newPage({ javaScriptEnabled: false });
    const response = await page.goto(`${base()}/tti/?current=0&target=3&conversionRate=2`);
    expect(response?.status()).toBe(400);
    expect(await page.locator('#f-current-error').isVisible()).toBe(true);
    expect(await page.locator('#f-conversionRatePct-error').innerText()).toMatch(/percentage/);
    expect(await page.inputValue('#f-conversionRatePct')).toBe('200');
  });

  it('copies the current link', async () => {
    const page = await open('/tti/?current=6&target=3&utm_source=x', {
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await page.click('#tti-copy');
    await expect.poll(() => page.locator('#tti-copy-status').innerText()).toBe('Link copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
  });

  it('is operable from the keyboard with a visible focus ring', async () => {
    const page = await open('/tti/');
    await page.focus('#f-current');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-target');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    // Enter keeps the page (the island handles the submission) and shows the new result.
    await expect
      .poll(() => liftValue(page))
      .toBeCloseTo(computeTti({ current: 8, target: 2 }).conversion.liftPct, 9);
  });

  it.each([
    ['the default page', '/tti/'],
    ['a result with revenue', '/tti/?current=6&target=3&sessions=50000&conversionRate=0.03&orderValue=40'],
    ['invalid input', '/tti/?current=x&target=3'],
    ['a warning and inputs below the floor', '/tti/?current=0.9&target=0.5&bounceRate=0.0045'],
  ])('has no axe-core violations: %s', async (_name, path) => {
    // axe is injected as an inline script, which the page's CSP rightly forbids: bypass it for the audit.
    const page = await open(path, { bypassCSP: true });
    const violations = await axeViolations(page);
    expect(violations).toEqual([]);
  });

  it('shows how well the model predicts as static HTML and SVG, with the shipped figures, without JavaScript', async () => {
    const page = await open('/tti/', { javaScriptEnabled: false });
    const section = page.locator('.tti-validation');
    const { conversion } = validation.summary;
    expect(await section.locator('[data-validation="prediction"]').innerText()).toContain(
      `${conversion.medianAbsErrorPp.toFixed(1)} percentage points`,
    );
    expect(await section.locator('[data-validation="coverage"]').innerText()).toMatch(
      new RegExp(`^${conversion.inShippedRange} of ${conversion.studies} studies`),
    );
    expect(await section.locator('svg.validation-chart circle.point').count()).toBe(conversion.studies);
    expect(await section.locator('svg.validation-chart circle.inside').count()).toBe(
      conversion.inShippedRange,
    );
    expect(await section.locator('script').count()).toBe(0);
    expect(await section.locator('tbody tr').count()).toBe(
      conversion.studies + validation.sensitivity.conversion.length + validation.bounce.checks.length,
    );
  });

  it('keeps the opened validation details accessible and within a 360 px screen', async () => {
    const page = await open('/tti/', { bypassCSP: true, viewport: NARROW_VIEWPORT });
    await page.locator('.tti-validation summary').click();
    expect(await page.locator('.tti-validation details').getAttribute('open')).not.toBeNull();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('fits a 360 px wide screen without horizontal scrolling', async () => {
    const page = await open('/tti/?current=6&target=3&sessions=50000&conversionRate=0.03&orderValue=40', {
      viewport: NARROW_VIEWPORT,
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/tti.png', fullPage: true });
  });

  it('does not shift layout while loading a shared link (CLS 0)', async () => {
    const page = await open('/tti/?current=12&target=5&bounceRate=0.6');
    await page.waitForTimeout(300);
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) total += (entry as unknown as { value: number }).value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(total), 100);
        }),
    );
    expect(shift).toBe(0);
  });
});

/** The model's answer for a query, from GET /api/tti (functions/api/tti.ts: a TtiResult plus its text). */
async function modelAnswer(baseUrl: string, query: string): Promise<TtiResult & { text: { title: string } }> {
  const response = await fetch(`${baseUrl}/api/tti?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as TtiResult & { text: { title: string } };
}
