/**
 * The card routes inside workerd (functions/og/*), with the real resvg-wasm, the bundled fonts, local KV,
 * the Cache API and the built site as ASSETS (its generic cards come from the build). PNGs are decoded
 * (test/support/png.ts), not just sniffed.
 */
import fc from 'fast-check';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { onRequestGet as depsCard, onRequestHead as depsCardHead } from '../../functions/og/deps/[id].ts';
import { onRequestGet as ttiCard, onRequestHead as ttiCardHead } from '../../functions/og/tti.png.ts';
import {
  CARD_CACHE_CONTROL,
  CARD_CACHE_CONTROL_IMMUTABLE,
  GENERIC_CACHE_CONTROL,
} from '../../functions/lib/og/card-response.ts';
import { TTI_CARD_VERSION } from '../../src/core/cards/card-urls.ts';
import { reportKey } from '../../src/core/map/report-id.ts';
import { shopReport } from '../unit/map/fixture-report.ts';
import { decodePng, hasPngSignature } from '../support/png.ts';
import { callFunction } from './call.ts';

const ORIGIN = 'https://tools.example.com';
const tti = (search: string, method = 'GET') =>
  callFunction(
    method === 'HEAD' ? ttiCardHead : ttiCard,
    new Request(`${ORIGIN}/og/tti.png${search}`, { method }),
  );
const deps = (file: string, method = 'GET') =>
  callFunction(
    (method === 'HEAD' ? depsCardHead : depsCard) as PagesFunction<Env>,
    new Request(`${ORIGIN}/og/deps/${file}`, { method }),
    { params: { id: file } },
  );

async function expectCard(response: Response): Promise<{ ink: number }> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(hasPngSignature(bytes)).toBe(true);
  const png = await decodePng(bytes);
  expect([png.width, png.height]).toEqual([1200, 630]);
  let ink = 0;
  for (let i = 0; i < png.rgba.length; i += 4) if (png.rgba[i]! < 128) ink++;
  // A card, not a blank: thousands of dark pixels of text.
  expect(ink).toBeGreaterThan(5000);
  return { ink };
}

describe('GET /og/tti.png', () => {
  it('renders once, then answers every query that prints the same card from the Cache API', async () => {
    // A query no other test uses, so the first request is a miss in this run's cache.
    const first = await tti('?current=9.7&target=3.1&bounceRate=0.41');
    expect(first.headers.get('x-card-cache')).toBe('miss');
    expect(first.headers.get('cache-control')).toBe(CARD_CACHE_CONTROL);
    const drawn = new Uint8Array(await first.clone().arrayBuffer());
    await expectCard(first);
    for (const same of [
      '?current=9.7&target=3.1&bounceRate=0.41',
      '?current=9.70&target=3.10&bounceRate=.41&utm_source=linkedin',
      '?target=3.1&bounceRatePct=41&current=9.7',
    ]) {
      const again = await tti(same);
      expect(again.headers.get('x-card-cache'), same).toBe('hit');
      expect(new Uint8Array(await again.arrayBuffer())).toEqual(drawn);
    }
  });

  it('a different result is a different card', async () => {
    const a = new Uint8Array(await (await tti('?current=9.7&target=3.2')).arrayBuffer());
    const b = new Uint8Array(await (await tti('?current=9.7&target=3.3')).arrayBuffer());
    expect(a).not.toEqual(b);
  });

  it('is immutable for a year when the URL carries the current version, a day otherwise', async () => {
    const current = await tti(`?current=6&target=3&v=${TTI_CARD_VERSION}`);
    expect(current.headers.get('cache-control')).toBe(CARD_CACHE_CONTROL_IMMUTABLE);
    const old = await tti('?current=6&target=3&v=00000000');
    expect(old.headers.get('cache-control')).toBe(CARD_CACHE_CONTROL);
    await Promise.all([current.arrayBuffer(), old.arrayBuffer()]);
  });

  it.each([
    ['no query', ''],
    ['missing target', '?current=8'],
    ['not a number', '?current=abc&target=4'],
    ['out of range', '?current=61&target=4'],
    ['twice', '?current=8&current=9&target=4'],
    ['over the length limit', `?current=8&target=4&x=${'a'.repeat(3000)}`],
    ['markup', '?current=<script>&target=4'],
  ])('%s: the generic calculator card, briefly cached, never an error', async (_name, search) => {
    const response = await tti(search);
    expect(response.headers.get('x-card')).toBe('generic');
    expect(response.headers.get('cache-control')).toBe(GENERIC_CACHE_CONTROL);
    const generic = new Uint8Array(await response.clone().arrayBuffer());
    const asset = new Uint8Array(await (await env.ASSETS.fetch(`${ORIGIN}/og/static/tti.png`)).arrayBuffer());
    expect(generic).toEqual(asset);
    await expectCard(response);
  });

  it('never answers 5xx and always a PNG, for arbitrary query strings (property, 40 runs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(
            'current',
            'target',
            'bounceRate',
            'sessions',
            'conversionRate',
            'orderValue',
            'currency',
            'v',
            'x',
          ),
          fc.oneof(fc.string({ maxLength: 20 }), fc.double({ noNaN: false }).map(String)),
        ),
        async (fields) => {
          const response = await tti(`?${new URLSearchParams(fields).toString()}`);
          expect(response.status).toBe(200);
          expect(response.headers.get('content-type')).toBe('image/png');
          expect(hasPngSignature(new Uint8Array(await response.arrayBuffer()))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('HEAD answers the headers of GET without a body', async () => {
    const head = await tti('?current=8&target=4', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('image/png');
    expect(await head.text()).toBe('');
  });
});

describe('GET /og/deps/{id}.png', () => {
  const id = 'CardTestShopReport0001';

  it('draws a saved map once, then answers from the cache by id', async () => {
    const now = Date.now();
    await env.KV.put(
      reportKey(id),
      JSON.stringify({
        savedAt: new Date(now).toISOString(),
        expiresAt: new Date(now + 86_400_000).toISOString(),
        report: shopReport(),
      }),
    );
    const first = await deps(`${id}.png`);
    expect(first.headers.get('x-card-cache')).toBe('miss');
    expect(first.headers.get('x-robots-tag')).toBe('noindex');
    await expectCard(first);
    // Gone from KV: the cached drawing still answers (a saved map never changes).
    await env.KV.delete(reportKey(id));
    const again = await deps(`${id}.png`);
    expect(again.headers.get('x-card-cache')).toBe('hit');
    await again.arrayBuffer();
  });

  it.each([
    ['an unknown id', 'NoSuchReportHere00000A.png'],
    ['an id that is not one', 'not-an-id.png'],
    ['no .png', 'CardTestShopReport0001'],
    ['markup', '%3Cscript%3E.png'],
  ])('%s: the generic mapper card, not cached', async (_name, file) => {
    const response = await deps(file);
    expect(response.headers.get('x-card')).toBe('generic');
    expect(response.headers.get('x-card-cache')).toBeNull();
    await expectCard(response);
  });

  it('a stored report that no longer passes the schema gets the generic card', async () => {
    const bad = 'CardTestBadReport00001';
    await env.KV.put(
      reportKey(bad),
      JSON.stringify({
        savedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 1e6).toISOString(),
        report: { version: 99 },
      }),
    );
    const response = await deps(`${bad}.png`, 'HEAD');
    expect(response.headers.get('x-card')).toBe('generic');
  });
});
