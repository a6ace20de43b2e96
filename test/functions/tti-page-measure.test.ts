/**
 * functions/tti/index.ts and the measure form: a link from the mapper (/tti/?url=<page>) shows that page in
 * the form for visitors without JavaScript too, never measures it, and keeps the link's other meaning
 * (the default example, or the calculator's result) intact.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { onRequestGet } from '../../functions/tti/index.ts';
import { callFunction } from './call.ts';

const get = (search: string) =>
  callFunction(onRequestGet, new Request(`https://tools.test/tti/${search}`), {
    next: () => env.ASSETS.fetch('https://tools.test/tti/'),
  });

/** An attribute of the first element matching `selector`, as a browser would read it. */
async function attribute(html: string, selector: string, name: string): Promise<string | null> {
  let value: string | null = null;
  await new HTMLRewriter()
    .on(selector, { element: (el) => void (value ??= el.getAttribute(name)) })
    .transform(new Response(html))
    .text();
  return value === null
    ? null
    : (value as string).replace(/&(?:#(\d+)|amp|quot);/g, (m, code: string) =>
        code ? String.fromCharCode(Number(code)) : m === '&amp;' ? '&' : '"',
      );
}

async function count(html: string, selector: string): Promise<number> {
  let n = 0;
  await new HTMLRewriter()
    .on(selector, { element: () => void (n += 1) })
    .transform(new Response(html))
    .text();
  return n;
}

describe('GET /tti/?url=… (the measure form)', () => {
  it.each([
    [
      'alone: the default example',
      '?url=https%3A%2F%2Fshop.example%2F%3Fa%3D1%26b%3D2',
      'https://shop.example/?a=1&b=2',
      200,
    ],
    ['with a result', '?current=9&target=3&url=https%3A%2F%2Fshop.example%2F', 'https://shop.example/', 200],
    [
      'with an invalid value',
      '?current=x&target=3&url=https%3A%2F%2Fshop.example%2F',
      'https://shop.example/',
      400,
    ],
    [
      'hostile',
      `?url=${encodeURIComponent('"><script>alert(1)</script>&amp;')}`,
      '"><script>alert(1)</script>&amp;',
      200,
    ],
  ])('%s: the address is shown as given', async (_label, search, shown, status) => {
    const response = await get(search);
    expect(response.status).toBe(status);
    const html = await response.text();
    expect(await attribute(html, '#m-url', 'value')).toBe(shown);
    // Only the static page's own module scripts are elements; the hostile text stays inside the attribute.
    const page = await (await env.ASSETS.fetch('https://tools.test/tti/')).text();
    expect(await count(page, 'script')).toBeGreaterThan(0);
    expect(await count(html, 'script')).toBe(await count(page, 'script'));
    // Carried for the calculator's next submission, like any parameter it does not read.
    expect(await attribute(html, '#tti-extra input[name="url"]', 'value')).toBe(shown);
  });

  it('without url= the field stays empty', async () => {
    const html = await (await get('?current=9&target=3')).text();
    expect(await attribute(html, '#m-url', 'value')).toBe('');
  });
});
