/**
 * Link previews of shared results: the /tti/ Function's meta tags (og:image as an absolute URL of the
 * result's card, its size, type and alt text, twitter:card summary_large_image), and the card printing
 * the same figures as the page for the same query.
 */
import { describe, expect, it } from 'vitest';
import { ttiCardSvg } from '../../src/components/cards/tti-card.ts';
import { ttiCardUrl } from '../../src/core/cards/card-urls.ts';
import { computeTti } from '../../src/core/tti/compute.ts';
import { onRequestGet as ttiPage } from '../../functions/tti/index.ts';
import { onRequestGet as embedPage } from '../../functions/embed/tti/index.ts';
import { cardFonts } from '../../functions/lib/og/renderer.ts';
import { callFunction } from './call.ts';

const ORIGIN = 'https://tools.example.com';
const page = async (handler: PagesFunction<Env>, path: string) =>
  (await callFunction(handler, new Request(`${ORIGIN}${path}`))).text();

/** Every <meta> as name-or-property → content (entities as workerd writes them, decoded). */
function metas(html: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [, attrs = ''] of html.matchAll(/<meta\s([^>]*)>/g)) {
    const key = /(?:property|name)="([^"]+)"/.exec(attrs)?.[1];
    const content = /content="([^"]*)"/.exec(attrs)?.[1];
    if (!key || content === undefined) continue;
    const decoded = content
      .replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)))
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"');
    out.set(key, [...(out.get(key) ?? []), decoded]);
  }
  return out;
}

/** The text of the page's figures, by data-figure. */
function figures(html: string): Map<string, string> {
  return new Map(
    [...html.matchAll(/data-figure="(\w+)"[^]*?<span class="value"[^>]*>([^<]*)<\/span>/g)].map(
      ([, id = '', value = '']) => [
        id,
        value.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n))),
      ],
    ),
  );
}

describe('meta tags of a shared /tti/ result', () => {
  const query = 'current=7.5&target=2.5&sessions=120000&conversionRate=0.021&orderValue=80&currency=EUR';

  it('name the result card absolutely, once, with its size, type and alt text', async () => {
    const m = metas(await page(ttiPage, `/tti/?${query}&utm_source=li`));
    const input = {
      current: 7.5,
      target: 2.5,
      sessions: 120000,
      conversionRate: 0.021,
      orderValue: 80,
      currency: 'EUR',
    };
    expect(m.get('og:image')).toEqual([ttiCardUrl(ORIGIN, input)]);
    expect(m.get('og:image')![0]).toMatch(
      /^https:\/\/tools\.example\.com\/og\/tti\.png\?current=7\.5&target=2\.5&.*&v=[0-9a-f]{8}$/,
    );
    expect(m.get('og:image')![0]).not.toContain('utm_source');
    expect(m.get('twitter:image')).toEqual(m.get('og:image'));
    expect(m.get('og:image:width')).toEqual(['1200']);
    expect(m.get('og:image:height')).toEqual(['630']);
    expect(m.get('og:image:type')).toEqual(['image/png']);
    expect(m.get('og:image:alt')![0]).toContain(
      m.get('og:title')![0]!.replace(/ · TTI lift calculator$/, ''),
    );
    expect(m.get('twitter:card')).toEqual(['summary_large_image']);
  });

  it('an invalid query gets no result card (the page is not a result)', async () => {
    const m = metas(await page(ttiPage, '/tti/?current=x&target=4'));
    expect(m.get('og:image')).toBeUndefined();
  });

  it('the embed gets no card and stays out of search', async () => {
    const response = await callFunction(embedPage, new Request(`${ORIGIN}/embed/tti/?${query}`));
    expect(response.headers.get('x-robots-tag')).toBe('noindex');
    expect(metas(await response.text()).get('og:image')).toBeUndefined();
  });

  it('the card prints the figures the page shows for the same query', async () => {
    const html = await page(ttiPage, `/tti/?${query}`);
    const shown = figures(html);
    const result = computeTti({
      current: 7.5,
      target: 2.5,
      sessions: 120000,
      conversionRate: 0.021,
      orderValue: 80,
      currency: 'EUR',
    });
    const { svg, text } = ttiCardSvg(result, cardFonts());
    expect(shown.get('lift')).toBe(text.lift);
    const [, low, high] = /range (\S+) to (\S+)$/.exec(text.range)!;
    expect(html).toContain(`range <span class="nb">${low}</span> to <span class="nb">${high}</span>`);
    expect(text.bounce).toContain(shown.get('bounce'));
    expect(text.revenue).toBe(`Revenue ${shown.get('yearly')} a year`);
    for (const value of [shown.get('lift'), shown.get('bounce'), shown.get('yearly')])
      expect(svg).toContain(value);
  });
});
