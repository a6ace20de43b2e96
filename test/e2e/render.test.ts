/**
 * Rendered scans end to end: `wrangler pages dev` with the project's wrangler.jsonc (the BROWSER binding),
 * the local browser set up by scripts/lib/local-chrome.ts, and the fixture internet of
 * test/support/render-world.ts. The same code paths as production: the bundled Function, the binding's
 * WebSocket, Browser Rendering's session API. Then the mapper page in Chromium maps the demo shop from it.
 */
import { describe, expect, inject, it } from 'vitest';
import type { ScanResponse } from '../../src/core/scan/types.ts';
import { hasChromium } from '../support/browser.ts';
import { browserSession } from '../support/browser-session.ts';

type Answer = ScanResponse & { error?: { code: string } };

/** "yes", or "no: <why>" (the test setup could launch no browser): then these suites skip, saying why. */
const renderAvailable = inject('renderAvailable');
if (renderAvailable !== 'yes') console.log(`rendered-scan e2e suite skipped: ${renderAvailable.slice(4)}`);
const noBrowser = renderAvailable !== 'yes';

const site = () => inject('scanAllowedOrigins').split(',')[0] as string;
let counter = 0;
const page = (name: string) => `${site()}/render/${name}?run=e2e-${Date.now()}-${counter++}`;

async function scan(url: string, mode?: string): Promise<{ status: number; body: Answer }> {
  const response = await fetch(`${inject('baseUrl')}/api/scan`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(mode ? { url, mode } : { url }),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

describe.skipIf(noBrowser)('rendered scans through wrangler pages dev', () => {
  it('renders the demo shop by default and records the chain its tag manager starts', async () => {
    const url = page('shop.html');
    const { status, body } = await scan(url);
    expect(status, JSON.stringify(body.error)).toBe(200);
    expect(body.method).toBe('rendered');
    const segment = body.resources.find((r) => r.url.endsWith('/v1/fx1234/analytics.min.js'));
    expect(segment?.initiator).toEqual({
      type: 'script',
      url: 'http://www.googletagmanager.com/gtm.js?id=GTM-FX12AB',
    });
    const klaviyo = body.resources.find((r) => r.host === 'static.klaviyo.com');
    expect(klaviyo?.initiator).toEqual({ type: 'script', url: segment?.url });
    expect(body.hosts).toEqual(
      expect.arrayContaining([
        'snap.licdn.com',
        'analytics.tiktok.com',
        'cdn.heapanalytics.com',
        'static.criteo.net',
      ]),
    );
    // A second scan of another URL reuses the browser session (no launch).
    const again = await scan(page('tiny.html'));
    expect(again.body.stats?.render?.reusedSession).toBe(true);
  }, 90_000);

  it('lets nothing of the hostile page reach its canary', async () => {
    const url = page('hostile.html');
    const { status, body } = await scan(url, 'rendered');
    expect(status, JSON.stringify(body.error)).toBe(200);
    expect(body.blocked?.length).toBeGreaterThan(50);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const run = new URL(url).searchParams.get('run') ?? '';
    const canary = (await (await fetch(`${site()}/render/__canary?run=${run}`)).json()) as {
      events: unknown[];
    };
    expect(canary.events).toEqual([]);
  }, 90_000);
});

describe.skipIf(!hasChromium || noBrowser)('the mapper page maps the demo shop from a rendered scan', () => {
  const session = browserSession();

  it('lists the third parties only scripts bring in', async () => {
    const { page: tab, errors } = await session.open('/deps/');
    await tab.fill('#deps-url', page('shop.html'));
    await tab.click('#deps-url-form button[type=submit]');
    await tab.waitForFunction(
      () => document.getElementById('deps-status')?.textContent?.startsWith('Done'),
      null,
      {
        timeout: 60_000,
      },
    );
    expect(errors).toEqual([]);
    expect(await tab.locator('#deps-method').getAttribute('data-method')).toBe('rendered');
    // Who brought whom: the tag manager loaded Segment, which loaded Klaviyo.
    await tab.waitForSelector('li.deps-chain[data-host="static.klaviyo.com"]');
    const klaviyo = await tab
      .locator('li.deps-chain[data-host="static.klaviyo.com"] .deps-chain-sentence')
      .innerText();
    expect(klaviyo).toContain('www.googletagmanager.com');
    expect(klaviyo).toContain('cdn.segment.com');
    expect(klaviyo.indexOf('www.googletagmanager.com')).toBeLessThan(klaviyo.indexOf('cdn.segment.com'));
    // The graph offers the loader arrows: a rendered scan knows its loaders.
    await tab.waitForSelector('#deps-graph svg');
    expect(await tab.locator('#deps-loaders-toggle').isVisible()).toBe(true);
    const text = await tab.locator('body').innerText();
    for (const host of [
      'snap.licdn.com',
      'analytics.tiktok.com',
      'static.klaviyo.com',
      'static.criteo.net',
    ]) {
      expect(text).toContain(host);
    }
  }, 90_000);
});
