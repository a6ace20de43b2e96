/**
 * Rendered scans of fixture pages, in workerd with the local browser behind the fence: what a rendered
 * scan records (every request with its type, method, status or failure and initiator), the superset of
 * the static scan, render-blocking from the browser, and the tag manager's chain of the demo shop.
 */
import { describe, expect, it } from 'vitest';
import { site } from './scan-support.ts';
import { renderPage, renderScan, resourceEndingWith } from './render-support.ts';

describe('rendered scan: the demo shop', () => {
  it('records what the tag manager brings in, who brought it, and keeps what the HTML names but nobody requested', async () => {
    const url = renderPage('shop.html');
    const { status, body } = await renderScan(url);
    expect(status, JSON.stringify(body.error)).toBe(200);
    expect(body.method).toBe('rendered');
    expect(body.page).toMatchObject({ requestedUrl: url, finalUrl: url, status: 200, redirects: [] });
    console.log(JSON.stringify(body.stats.render), body.hosts.join(' '));
  }, 60_000);
});
