/**
 * The mapper's Risks and "Probably yours" sections in Chromium, against `wrangler pages dev` and the DoH
 * fixture zones (test/fixtures/zones/risks.zone): the demo HAR of a news page (its HTML inside, so SRI is
 * judged), the risk page of the scan fixture site, answers kept in a saved map, badges on the tables and
 * the graph, axe. Expected lists are what the rules of docs/risks.md give for these fixtures, written out.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { DependencyReport } from '../../src/core/map/types.ts';
import { axeViolations } from '../support/axe.ts';
import { hasChromium } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';

const harPath = new URL('../fixtures/har/risks-demo.har.json', import.meta.url).pathname;

describe.skipIf(!hasChromium)('/deps/ Risks and "Probably yours" in Chromium', () => {
  const session = browserSession();

  const done = (page: Page) =>
    page.waitForFunction(
      () => document.getElementById('deps-status')?.textContent?.startsWith('Done'),
      null,
      { timeout: 45_000 },
    );
  /** The Risks list as "code host", in page order. */
  const risks = (page: Page) =>
    page
      .locator('#deps-risks li.deps-risk')
      .evaluateAll((items) =>
        items.map((li) => `${li.getAttribute('data-code')} ${li.getAttribute('data-host')}`),
      );
  async function exported(page: Page): Promise<DependencyReport> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#deps-export-json')]);
    return JSON.parse(readFileSync(await download.path(), 'utf8')) as DependencyReport;
  }

  /** What the demo HAR shows with every sister domain counted as the site's own (the suggestion). */
  const SUGGESTED = [
    'known_compromised cdn.bootcdn.net',
    'known_compromised cdn.polyfill.io',
    'dangling_cname assets.fixture-risky.com',
    'no_sri widgets.fixture-widgets.com',
    'no_sri cdnjs.cloudflare.com',
    'no_sri www.googletagmanager.com',
    'insecure_transport img.fixture-newsimg.com',
  ];

  it('shows each risk of the demo HAR, most severe first, with what to do and the source', async () => {
    const { page, errors } = await session.open('/deps/', { acceptDownloads: true, bypassCSP: true });
    await page.setInputFiles('#deps-har', harPath);
    await done(page);
    expect(errors).toEqual([]);

    const section = page.locator('#deps-risks-section');
    expect(await section.isVisible()).toBe(true);
    // Above the provider table.
    const above = await page.evaluate(
      () =>
        document
          .getElementById('deps-risks-section')!
          .compareDocumentPosition(document.getElementById('deps-providers')!) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    );
    expect(above).toBeTruthy();
    expect(await risks(page)).toEqual(SUGGESTED);

    const polyfill = page.locator(
      '#deps-risks li[data-code="known_compromised"][data-host="cdn.polyfill.io"]',
    );
    expect(await polyfill.innerText()).toContain('High risk');
    expect(await polyfill.innerText()).toContain('What to do');
    expect(await polyfill.locator('a').getAttribute('href')).toBe(
      'https://sansec.io/research/polyfill-supply-chain-attack',
    );
    await page.locator('#deps-risks li[data-code="dangling_cname"] summary').click();
    expect(await page.locator('#deps-risks li[data-code="dangling_cname"]').innerText()).toContain(
      'assets.fixture-risky.com → fixture-risky-gone.azurewebsites.net: NXDOMAIN (A, AAAA)',
    );
    expect(await page.locator('#deps-risks').innerText()).toContain(
      'Without Subresource Integrity: 4 third-party scripts and 1 stylesheet.',
    );

    // Badges: the worst risk beside each host, "probably yours" beside the sister domains.
    const row = (host: string) => page.locator('#deps-hosts tbody tr', { hasText: host }).first();
    expect(await row('cdn.polyfill.io').locator('.deps-badge').innerText()).toBe('High risk');
    expect(await row('a1.fxnws.com').locator('.deps-badge').innerText()).toBe('probably yours');
    expect(await row('code.jquery.com').locator('.deps-badge').count()).toBe(0);
    // The graph marks the companies behind risky hosts.
    await page.waitForSelector('#deps-graph svg .deps-node');
    expect(await page.locator('#deps-graph .deps-node-risk-high').count()).toBeGreaterThan(0);

    // The export carries the risks the page shows.
    const report = await exported(page);
    const polyfillScript = report.resources.find((r) => r.host === 'cdn.polyfill.io');
    expect(polyfillScript?.risks?.map((r) => r.code)).toEqual(['known_compromised', 'no_sri']);
    expect(report.hosts.find((h) => h.host === 'assets.fixture-risky.com')?.risks?.[0]?.code).toBe(
      'dangling_cname',
    );

    const violations = await axeViolations(page);
    expect(violations).toEqual([]);
    await section.screenshot({ path: 'test-results/deps-risks.png' });
  });

  it('lets the reader reject and confirm a sister domain; the answer changes the risks and survives a save', async () => {
    const { page } = await session.open('/deps/');
    await page.setInputFiles('#deps-har', harPath);
    await done(page);
    const sisters = page.locator('#deps-ownership .deps-sister');
    expect(await sisters.evaluateAll((els) => els.map((e) => e.getAttribute('data-site')))).toEqual([
      'fixture-newsimg.com',
      'fixture-newsvideo.com',
      'fxnws.com',
    ]);
    expect(await page.locator('#deps-ownership').innerText()).toContain(
      'fixture-newsimg.com is served by ns1.fixture-news.com, a name server under your domain fixture-news.com',
    );
    // The stranger on the same shared name servers as fxnws.com is not among them.
    expect(await page.locator('#deps-ownership').innerText()).not.toContain('fixture-widgets.com');

    // "No, a third party": its script without SRI becomes a third party's risk.
    await page
      .locator('.deps-sister[data-site="fixture-newsimg.com"] button', { hasText: 'No, a third party' })
      .click();
    await expect.poll(() => risks(page)).toContain('no_sri static.fixture-newsimg.com');
    // Undo: back to the suggestion.
    await page.locator('.deps-sister[data-site="fixture-newsimg.com"] button', { hasText: 'Undo' }).click();
    await expect.poll(() => risks(page)).toEqual(SUGGESTED);

    // Reject one and confirm another, then save: the saved map opens with both answers.
    await page
      .locator('.deps-sister[data-site="fixture-newsimg.com"] button', { hasText: 'No, a third party' })
      .click();
    await page.locator('.deps-sister[data-site="fxnws.com"] button', { hasText: 'Yes, it is ours' }).click();
    await page.click('#deps-save');
    const link = await page.locator('#deps-permalink-url').inputValue({ timeout: 10_000 });
    const reopened = await session.open(new URL(link).pathname + new URL(link).search);
    await reopened.page.waitForSelector('#deps-graph svg');
    expect(
      await reopened.page
        .locator('#deps-ownership .deps-sister')
        .evaluateAll((els) =>
          els.map((e) => `${e.getAttribute('data-site')} ${e.getAttribute('data-state')}`),
        ),
    ).toEqual(['fixture-newsimg.com not-yours', 'fixture-newsvideo.com suggested', 'fxnws.com yours']);
    expect(await risks(reopened.page)).toContain('no_sri static.fixture-newsimg.com');
  });

  const scanOrigins = () => inject('scanAllowedOrigins').split(',').filter(Boolean);
  it.skipIf(scanOrigins().length === 0)('shows the risks of the demo risk page scanned by URL', async () => {
    const { page, errors } = await session.open('/deps/');
    await page.fill('#deps-url', `${scanOrigins()[0]}/sites/risks.html`);
    await page.click('#deps-url-form button[type=submit]');
    await done(page);
    expect(errors).toEqual([]);
    const list = await risks(page);
    expect(list.slice(0, 3)).toEqual([
      'known_compromised cdn.bootcdn.net',
      'known_compromised cdn.polyfill.io',
      'dangling_cname assets.fixture-risky.com',
    ]);
    expect(list).toContain('no_sri cdn.segment.com');
    expect(list.some((r) => r.endsWith(' code.jquery.com'))).toBe(false);
  });

  it('shows no Risks section for a map without risks', async () => {
    const { page } = await session.open('/deps/');
    await page.setInputFiles(
      '#deps-har',
      new URL('../fixtures/har/e2e-fixture-site.har.json', import.meta.url).pathname,
    );
    await done(page);
    expect(await page.locator('#deps-risks-section').isVisible()).toBe(false);
  });
});
