/**
 * The saved map's card: the figures of the fixture shop (worked out by hand in test/unit/map/summary.test.ts
 * and spof.test.ts), and hostile report text — long names, markup, bidi — drawn safely and inside the card.
 */
import { describe, expect, it } from 'vitest';
import { depsCardSvg, depsCardText } from '../../../src/components/cards/deps-card.ts';
import { CARD_HEIGHT, CARD_WIDTH } from '../../../src/core/cards/card-style.ts';
import type { SavedReport } from '../../../src/core/map/report-schema.ts';
import { CARD_FONTS, renderInNode } from '../../../scripts/lib/card-renderer.ts';
import { decodePng, inkIn } from '../../support/png.ts';
import { shopHosts, shopReport } from '../map/fixture-report.ts';
import { LEFT_GUTTER, RIGHT_GUTTER } from './gutters.ts';

const saved = (report = shopReport()): SavedReport =>
  ({
    id: 'AAAAAAAAAAAAAAAAAAAAAA',
    savedAt: '2026-12-01T10:00:00.000Z',
    expiresAt: '2026-12-31T10:00:00.000Z',
    report,
  }) as SavedReport;

describe('depsCardText', () => {
  it('prints the fixture shop as the page counts it', () => {
    const text = depsCardText(shopReport());
    expect(text.headline).toBe('Dependency map of www.shop.example');
    expect(text.figures.map((f) => [f.label, f.value])).toEqual([
      ['third-party hosts', 7],
      ['third-party companies', 5],
      ['networks', 5],
      ['single points of failure', 5],
    ]);
    expect(text.providers[0]).toBe('Cloudflare · CDN, DNS · 3 hosts');
    expect(text.spofs).toMatch(/^If down, the page breaks: Cloudflare, /);
  });

  it('names a HAR import without a page as such', () => {
    expect(depsCardText(shopReport({ page: null, method: 'har' })).headline).toBe(
      'Dependency map of a HAR import',
    );
  });
});

describe('depsCardSvg with hostile report text', () => {
  const evil = '<script>alert(1)</script>"onload=x'.repeat(12);
  const hostile = shopReport({
    hosts: shopHosts.map((h, i) =>
      i === 2
        ? {
            ...h,
            entity: { ...h.entity, name: evil, company: evil },
            providers: h.providers.map((p) => ({ ...p, name: `${evil}\u202E` })),
          }
        : h,
    ),
  });

  it('escapes markup: the SVG has no element but its own', () => {
    const { svg } = depsCardSvg(saved(hostile), CARD_FONTS);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('\u202E');
    const elements = new Set([...svg.matchAll(/<([a-zA-Z]+)/g)].map((m) => m[1]));
    expect([...elements].sort()).toEqual(['line', 'rect', 'svg', 'text', 'title']);
  });

  it('draws nothing past the margins', async () => {
    const image = await decodePng(await renderInNode(depsCardSvg(saved(hostile), CARD_FONTS).svg));
    expect([image.width, image.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
    expect(inkIn(image, RIGHT_GUTTER)).toBe(0);
    expect(inkIn(image, LEFT_GUTTER)).toBe(0);
  });
});
