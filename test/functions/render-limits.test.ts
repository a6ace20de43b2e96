/**
 * Rendered scans at their limits, in workerd with the local browser: a page that never goes quiet stops
 * AFTER_LOAD_LIMIT_MS after its load event, a request loop stops at MAX_RENDER_REQUESTS exactly, a heavy
 * page is recorded whole, and a page that crashes its renderer fails cleanly (424 `render_failed`, or the
 * static answer with `fallback` in auto mode) without spoiling the browser for the next scan.
 */
import { describe, expect, it } from 'vitest';
import { MAX_FENCED_BODY_BYTES, MAX_RENDER_REQUESTS } from '../../src/core/render/limits.ts';
import { site } from './scan-support.ts';
import { renderPage, renderScan, noBrowser } from './render-support.ts';

describe.skipIf(noBrowser)('rendered scan limits', () => {
  it('stops a page that never goes quiet after the load event plus AFTER_LOAD_LIMIT_MS', async () => {
    const { status, body } = await renderScan(renderPage('poll.html'));
    expect(status, JSON.stringify(body.error)).toBe(200);
    expect(body.stats.render?.stopReason).toBe('afterLoadLimit');
    expect(body.stats.limitsHit).toContain('afterLoadLimitMs');
    // It polls every 100 ms: far more than one poll was recorded before the stop.
    const polls = body.resources.filter((r) => r.url.includes('settings.json?poll='));
    expect(polls.length).toBeGreaterThan(5);
  }, 60_000);

  it(`stops a request loop at exactly MAX_RENDER_REQUESTS (${MAX_RENDER_REQUESTS}) and refuses the rest`, async () => {
    const { status, body } = await renderScan(renderPage('loop.html'));
    expect(status, JSON.stringify(body.error)).toBe(200);
    expect(body.stats.render).toMatchObject({ stopReason: 'requestLimit', requests: MAX_RENDER_REQUESTS });
    expect(body.stats.limitsHit).toContain('maxRenderRequests');
    expect(body.stats.render?.blocked).toBeGreaterThan(0);
    expect(body.blocked?.some((b) => b.code === 'request_limit')).toBe(true);
  }, 60_000);

  it('records a heavy page whole: 200 images on 4 hosts, 40 scripts, a 1 MB inline script', async () => {
    const { status, body } = await renderScan(renderPage('heavy.html'));
    expect(status, JSON.stringify(body.error)).toBe(200);
    expect(body.page.bytes).toBeGreaterThan(1024 * 1024);
    const images = body.resources.filter((r) => r.url.includes('/img/heavy-'));
    expect(images).toHaveLength(200);
    expect(new Set(images.map((r) => r.host)).size).toBe(4);
    expect(body.resources.filter((r) => r.kind === 'browser' && r.url.includes('klaviyo.js?n=')).length).toBe(
      40,
    );
  }, 90_000);

  it(`refuses a page larger than MAX_FENCED_BODY_BYTES (${MAX_FENCED_BODY_BYTES}) in the browser; auto answers statically`, async () => {
    const url = `${site()}/big?bytes=${MAX_FENCED_BODY_BYTES + 1024 * 1024}&run=${Date.now()}`;
    const rendered = await renderScan(url);
    expect(rendered.status).toBe(424);
    expect(rendered.body.error?.code).toBe('render_failed');
    const auto = await renderScan(`${url}&auto`, 'auto');
    expect(auto.status).toBe(200);
    expect(auto.body.method).toBe('static');
    expect(auto.body.fallback?.code).toBe('render_failed');
    expect(auto.body.page.truncated).toBe(true);
  }, 90_000);

  it('fails cleanly on a page that crashes its renderer, and the browser still serves the next scan', async () => {
    const rendered = await renderScan(renderPage('crash.html'));
    expect(rendered.status).toBe(424);
    expect(rendered.body.error?.code).toBe('render_failed');
    const auto = await renderScan(renderPage('crash.html'), 'auto');
    expect(auto.status).toBe(200);
    expect(auto.body).toMatchObject({ method: 'static', fallback: { code: 'render_failed' } });
    // The static answer still names what the HTML does.
    expect(auto.body.hosts).toContain('cdn.segment.com');
    const next = await renderScan(renderPage('tiny.html'));
    expect(next.status).toBe(200);
    expect(next.body.hosts).toContain('assets.fixture-shop.com');
  }, 90_000);
});
