import { describe, expect, inject, it } from 'vitest';

describe('landing page (wrangler pages dev)', () => {
  it('links both microsites', async () => {
    const response = await fetch(`${inject('baseUrl')}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('href="/tti/"');
    expect(html).toContain('href="/deps/"');
  });
});
