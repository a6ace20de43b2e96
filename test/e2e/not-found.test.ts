/**
 * Honest status codes for pages (dist/404.html): a mistyped link answers 404 with a page that links both
 * tools, never the home page with a 200; the calculator's Functions do not swallow paths below them; the
 * API keeps its JSON envelope.
 */
import { describe, expect, inject, it } from 'vitest';

const base = () => inject('baseUrl');

describe('not found', () => {
  it.each(['/no-such-page', '/tti/nope', '/deps/nope/', '/embed/tti/nope', '/og/nope'])(
    '%s: 404 with links to both tools',
    async (path) => {
      const response = await fetch(`${base()}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).toContain('Page not found');
      expect(html).toContain('href="/tti/"');
      expect(html).toContain('href="/deps/"');
      expect(html).toContain('<meta name="robots" content="noindex">');
    },
  );

  it.each(['/api/nope', '/api/tti/nope'])('%s: the API envelope, not the page', async (path) => {
    const response = await fetch(`${base()}${path}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it.each(['/', '/tti/', '/deps/', '/privacy/', '/embed/tti/'])('%s still answers 200', async (path) => {
    const response = await fetch(`${base()}${path}`);
    expect(response.status).toBe(200);
    await response.text();
  });
});
