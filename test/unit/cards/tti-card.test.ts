/**
 * The /tti/ image card: its figures against the model's closed form (CR ∝ t^-β, logit bounce shifted by
 * γ·ln t; parameters read from src/data/tti-params.json here) written by an independent formatter, the
 * SVG text, and the rendered PNG decoded (test/support/png.ts): size, ink where text is, nothing past
 * the margins whatever the input.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ttiCardSvg, ttiCardText } from '../../../src/components/cards/tti-card.ts';
import { CARD_HEIGHT, CARD_MARGIN, CARD_WIDTH } from '../../../src/core/cards/card-style.ts';
import { computeTti } from '../../../src/core/tti/compute.ts';
import type { TtiInput } from '../../../src/core/tti/types.ts';
import { CARD_FONTS, renderInNode } from '../../../scripts/lib/card-renderer.ts';
import { decodePng, hasPngSignature, inkIn } from '../../support/png.ts';
import { RIGHT_GUTTER } from './gutters.ts';

const params = JSON.parse(
  readFileSync(new URL('../../../src/data/tti-params.json', import.meta.url), 'utf8'),
) as {
  model: {
    conversion: { betaCentral: number; betaLow: number; betaHigh: number };
    bounce: { gamma: number };
  };
};
const { betaCentral, betaLow, betaHigh } = params.model.conversion;

/** "+7.1%", "−12%": one decimal under 10, none above, U+2212 for minus (as the page prints). */
const pct = (value: number) => {
  const m = Math.abs(value);
  const text = m < 10 ? m.toFixed(1).replace(/\.0$/, '') : m.toFixed(0);
  return text === '0' ? '0%' : `${value > 0 ? '+' : '−'}${text}%`;
};
const lift = (current: number, target: number, beta: number) => ((current / target) ** beta - 1) * 100;

describe('ttiCardText: the figures of the closed-form model', () => {
  it.each<[TtiInput]>([
    [{ current: 8.3, target: 5.7 }],
    [{ current: 12, target: 4, bounceRate: 0.5 }],
    [{ current: 3, target: 9 }],
  ])('%j', (input) => {
    const text = ttiCardText(computeTti(input));
    expect(text.headline).toMatch(
      new RegExp(`^(Cutting|Letting) TTI (from|grow from) ${input.current} s to ${input.target} s$`),
    );
    expect(text.lift).toBe(pct(lift(input.current, input.target, betaCentral)));
    const ends = [lift(input.current, input.target, betaLow), lift(input.current, input.target, betaHigh)];
    expect(text.range).toBe(`conversion rate · range ${pct(Math.min(...ends))} to ${pct(Math.max(...ends))}`);
    const b0 = input.bounceRate ?? 0.43;
    const logit =
      Math.log(b0 / (1 - b0)) + params.model.bounce.gamma * Math.log(input.target / input.current);
    const b1 = 1 / (1 + Math.exp(-logit));
    expect(text.bounce).toContain(`→ ${Number((b1 * 100).toFixed(1))}%`);
    expect(text.revenue).toBeNull();
  });

  it('prints the yearly revenue and its range when the query has traffic', () => {
    const input = {
      current: 8,
      target: 4,
      sessions: 100_000,
      conversionRate: 0.02,
      orderValue: 50,
      currency: 'EUR',
    };
    const text = ttiCardText(computeTti(input));
    const yearly = 100_000 * 0.02 * 50 * 12 * (lift(8, 4, betaCentral) / 100);
    expect(text.revenue).toBe(`Revenue +€${Number(yearly.toPrecision(2)).toLocaleString('en')} a year`);
    expect(text.revenueRange).toMatch(/^range \+€[\d,]+ to \+€[\d,]+$/);
  });

  it('says "No change" below the floor, naming the typed values', () => {
    const text = ttiCardText(computeTti({ current: 0.9, target: 0.5 }));
    expect(text.headline).toBe('Cutting TTI from 0.9 s to 0.5 s');
    expect(text.lift).toBe('No change');
    expect(text.range).toContain('no change below 1 s');
  });
});

describe('ttiCardSvg', () => {
  it('puts every printed line into the SVG, escaped, with a title for the alt text', () => {
    const result = computeTti({
      current: 7.5,
      target: 2.5,
      sessions: 120000,
      conversionRate: 0.021,
      orderValue: 80,
      currency: 'GBP',
    });
    const { svg, alt, text } = ttiCardSvg(result, CARD_FONTS);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"')).toBe(true);
    for (const line of [
      text.headline,
      text.lift,
      text.range,
      text.bounce,
      text.revenue!,
      text.revenueRange!,
    ]) {
      expect(svg).toContain(`>${line}</text>`);
    }
    expect(alt).toContain(text.lift);
    expect(svg).toContain(`<title>${alt}</title>`);
  });

  it('renders a 1200 × 630 PNG with ink where the headline and the lift are, and white around', async () => {
    const png = await renderInNode(ttiCardSvg(computeTti({ current: 8.3, target: 5.7 }), CARD_FONTS).svg);
    expect(hasPngSignature(png)).toBe(true);
    const image = await decodePng(png);
    expect([image.width, image.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
    // Headline row (baseline 112, 52 px type) and the big lift (baseline 300, up to 150 px type).
    expect(inkIn(image, { x: CARD_MARGIN, y: 70, width: 600, height: 50 })).toBeGreaterThan(3000);
    expect(inkIn(image, { x: CARD_MARGIN, y: 200, width: 400, height: 100 })).toBeGreaterThan(8000);
    // The margin left of the text is blank.
    expect(inkIn(image, { x: 0, y: 20, width: CARD_MARGIN - 10, height: CARD_HEIGHT - 20 })).toBe(0);
  });

  it('keeps extreme inputs inside the card: nothing drawn in the right margin', async () => {
    const input = {
      current: 59.99,
      target: 0.01,
      sessions: 1e11,
      conversionRate: 1,
      orderValue: 1e9,
      currency: 'JPY',
    };
    const image = await decodePng(await renderInNode(ttiCardSvg(computeTti(input), CARD_FONTS).svg));
    expect(inkIn(image, RIGHT_GUTTER)).toBe(0);
  });
});
