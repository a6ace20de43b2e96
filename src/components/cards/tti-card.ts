/**
 * The image card of a /tti/ result (GET /og/tti.png): the headline, the central lift in large type, its
 * range, the bounce change, the revenue line when the query has traffic, a small curve and the site's
 * name. Every figure is written by the functions that write the page's figures (describe.ts, format.ts:
 * formatPct, formatRate, signedMoney), from the same computeTti result, so the card and the page cannot
 * disagree; test/unit/cards/tti-card.test.ts checks both against the closed-form model.
 */
import type { ChartFrame } from '../../core/chart/tti-chart-layout.ts';
import { CARD_COLOURS, CARD_MARGIN, CARD_WIDTH, SITE_NAME } from '../../core/cards/card-style.ts';
import { cardFooter } from '../../core/cards/card-footer.ts';
import { fitText, textWidth, type CardFonts } from '../../core/cards/card-text.ts';
import { svgDocument, svgText } from '../../core/cards/svg.ts';
import { describeResult, formatPct, formatRate, signedMoney } from '../../core/tti/describe.ts';
import type { TtiResult } from '../../core/tti/types.ts';
import { chartLayoutFor } from '../tti/render-chart.ts';

/** The tool's name in the card's footer. */
export const TTI_TOOL_NAME = 'TTI lift calculator';

/** Where the small curve sits: the right of the card, below the headline. */
const CURVE_BOX = { x: 712, y: 168, width: 424, height: 330 };
const CURVE_FRAME: ChartFrame = {
  width: CURVE_BOX.width,
  height: CURVE_BOX.height,
  margin: { top: 16, right: 8, bottom: 40, left: 8 },
};
/** The text column beside the curve. */
const COLUMN_WIDTH = CURVE_BOX.x - CARD_MARGIN - 32;
const FULL_WIDTH = CARD_WIDTH - 2 * CARD_MARGIN;

/** Font sizes tried per line, largest first (card-text.ts fitText). */
const SIZES = {
  headline: [52, 46, 40, 35, 30],
  lift: [150, 128, 108, 90, 72],
  detail: [30, 27, 24, 21],
  small: [24, 21, 19],
} as const;

/** Seconds-axis labels: size and the least space between two. */
const TICK_SIZE = 20;
const TICK_GAP = 12;

/** What the card prints, line by line (tests compare these with the page's figures). */
export interface TtiCardText {
  headline: string;
  lift: string;
  range: string;
  bounce: string;
  /** The yearly revenue change and its range, when the query has traffic figures. */
  revenue: string | null;
  revenueRange: string | null;
}

/** The lines of a result's card, before fitting. */
export function ttiCardText(result: TtiResult): TtiCardText {
  const { conversion, bounce, revenue, effective } = result;
  const text = describeResult(result);
  const unchanged = effective.current === effective.target;
  // describeResult's title is "<the move>: <the change>"; the card prints the move and the change apart.
  const colon = text.title.indexOf(': ');
  const headline = colon > 0 ? text.title.slice(0, colon) : text.title;
  const change = colon > 0 ? text.title.slice(colon + 2) : '';
  const yearly = revenue?.yearlyDelta;
  const money = (value: number) => signedMoney(value, revenue?.currency ?? '');
  return {
    headline,
    lift: unchanged ? 'No change' : formatPct(conversion.liftPct),
    range: unchanged
      ? `conversion rate: ${change}`
      : `conversion rate · range ${formatPct(conversion.lowPct)} to ${formatPct(conversion.highPct)}`,
    bounce: `Bounce rate ${formatRate(bounce.currentRate)} → ${formatRate(bounce.targetRate)} (${formatPct(bounce.changePct)} relative)`,
    revenue: yearly && !unchanged ? `Revenue ${money(yearly.central)} a year` : null,
    revenueRange: yearly && !unchanged ? `range ${money(yearly.low)} to ${money(yearly.high)}` : null,
  };
}

const toneOf = (value: number): string =>
  Math.abs(value) < 0.05 ? CARD_COLOURS.text : value > 0 ? CARD_COLOURS.good : CARD_COLOURS.bad;

/** The small curve: range band, headline curve, today's level, the two marks and the seconds axis. */
function curve(result: TtiResult, fonts: CardFonts): string {
  const l = chartLayoutFor(result, CURVE_FRAME);
  const { plot } = l;
  const bottom = plot.y + plot.height;
  const parts = [
    `<g transform="translate(${CURVE_BOX.x} ${CURVE_BOX.y})">`,
    `<rect x="0" y="0" width="${CURVE_BOX.width}" height="${CURVE_BOX.height}" rx="12" fill="${CARD_COLOURS.panel}"/>`,
    `<clipPath id="plot"><rect x="${plot.x}" y="${plot.y}" width="${plot.width}" height="${plot.height}"/></clipPath>`,
    `<g clip-path="url(#plot)">`,
    `<path d="${l.band}" fill="${CARD_COLOURS.band}" fill-opacity="0.15"/>`,
    `<path d="${l.conversionLine}" fill="none" stroke="${CARD_COLOURS.accent}" stroke-width="5"/>`,
    '</g>',
    `<line x1="${plot.x}" x2="${plot.x + plot.width}" y1="${bottom}" y2="${bottom}" stroke="${CARD_COLOURS.muted}" stroke-width="2"/>`,
  ];
  if (l.baselineY !== null) {
    parts.push(
      `<line x1="${plot.x}" x2="${plot.x + plot.width}" y1="${l.baselineY}" y2="${l.baselineY}" stroke="${CARD_COLOURS.muted}" stroke-width="2" stroke-dasharray="4 6"/>`,
    );
  }
  // Labels left to right, each only where it clears the previous one (d3's ticks may give 0.2 s steps).
  let clear = -Infinity;
  for (const t of l.xTicks) {
    const label = fitText(`${t.label} s`, fonts.regular, CURVE_BOX.width, [TICK_SIZE]);
    const half = textWidth(label.text, fonts.regular, TICK_SIZE) / 2;
    if (t.at - half < clear || t.at + half > CURVE_BOX.width) continue;
    clear = t.at + half + TICK_GAP;
    parts.push(
      svgText(label.text, {
        x: t.at,
        y: bottom + 28,
        size: TICK_SIZE,
        fill: CARD_COLOURS.muted,
        anchor: 'middle',
      }),
    );
  }
  for (const m of l.marks) {
    const colour = m.id === 'target' ? CARD_COLOURS.good : CARD_COLOURS.text;
    parts.push(
      `<line x1="${m.x}" x2="${m.x}" y1="${plot.y}" y2="${bottom}" stroke="${colour}" stroke-width="3"${m.id === 'target' ? ' stroke-dasharray="8 6"' : ''}/>`,
      `<circle cx="${m.x}" cy="${m.conversionY}" r="9" fill="${CARD_COLOURS.accent}" stroke="#ffffff" stroke-width="3"/>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

/** The card as SVG, and its alt text (og:image:alt). */
export function ttiCardSvg(
  result: TtiResult,
  fonts: CardFonts,
): { svg: string; alt: string; text: TtiCardText } {
  const text = ttiCardText(result);
  const headline = fitText(text.headline, fonts.bold, FULL_WIDTH, SIZES.headline);
  const lift = fitText(text.lift, fonts.bold, COLUMN_WIDTH, SIZES.lift);
  const fit = (line: string | null) =>
    line === null ? null : fitText(line, fonts.regular, COLUMN_WIDTH, SIZES.detail);
  const range = fit(text.range)!;
  const bounce = fit(text.bounce)!;
  const revenue = fit(text.revenue);
  const revenueRange =
    text.revenueRange === null ? null : fitText(text.revenueRange, fonts.regular, COLUMN_WIDTH, SIZES.small);
  const unchanged = result.effective.current === result.effective.target;
  const parts = [
    svgText(headline.text, { x: CARD_MARGIN, y: 112, size: headline.size, weight: 'bold' }),
    svgText(lift.text, {
      x: CARD_MARGIN - 6,
      y: 300,
      size: lift.size,
      weight: 'bold',
      fill: unchanged ? CARD_COLOURS.text : toneOf(result.conversion.liftPct),
    }),
    svgText(range.text, { x: CARD_MARGIN, y: 352, size: range.size, fill: CARD_COLOURS.muted }),
    svgText(bounce.text, { x: CARD_MARGIN, y: 420, size: bounce.size }),
    ...(revenue ? [svgText(revenue.text, { x: CARD_MARGIN, y: 468, size: revenue.size })] : []),
    ...(revenueRange
      ? [
          svgText(revenueRange.text, {
            x: CARD_MARGIN,
            y: 504,
            size: revenueRange.size,
            fill: CARD_COLOURS.muted,
          }),
        ]
      : []),
    curve(result, fonts),
    cardFooter(fonts, `${SITE_NAME} · ${TTI_TOOL_NAME}`, 'Estimate from published studies, with its range'),
  ];
  const described = describeResult(result);
  const alt = `${described.title}. ${described.description}`;
  return { svg: svgDocument(parts, alt), alt, text };
}
