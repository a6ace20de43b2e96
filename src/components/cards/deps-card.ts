/**
 * The image card of a saved dependency map (GET /og/deps/{id}.png): the site, the headline counts
 * (third-party hosts, companies, networks, single points of failure) and the top providers, counted by
 * the same functions the mapper page shows (summary.ts, spof.ts, provider-table.ts). Report text is
 * hostile by assumption (anyone may save a report): every string goes through fitText (bounded length,
 * bounded width, invisible characters dropped, unknown glyphs "?") and escapeXml.
 */
import { CARD_COLOURS, CARD_MARGIN, CARD_WIDTH, SITE_NAME } from '../../core/cards/card-style.ts';
import { cardFooter } from '../../core/cards/card-footer.ts';
import { fitText, type CardFonts } from '../../core/cards/card-text.ts';
import { svgDocument, svgText } from '../../core/cards/svg.ts';
import { UNATTRIBUTED } from '../../core/map/hosts.ts';
import { providerTable, ROLE_WORDS } from '../../core/map/provider-table.ts';
import type { SavedReport } from '../../core/map/report-schema.ts';
import { findSinglePointsOfFailure } from '../../core/map/spof.ts';
import { summarise } from '../../core/map/summary.ts';
import type { DependencyReport } from '../../core/map/types.ts';
import { tryUrl } from '../../core/map/url.ts';

export const DEPS_TOOL_NAME = 'Third-party dependency mapper';

/** Providers listed on the card (the page's table has them all). */
export const CARD_TOP_PROVIDERS = 4;

const FULL_WIDTH = CARD_WIDTH - 2 * CARD_MARGIN;
const FIGURE_WIDTH = FULL_WIDTH / 4;

export interface DepsCardFigure {
  label: string;
  value: number;
}

/** What the card prints (tests compare it with the page's own counts). */
export interface DepsCardText {
  headline: string;
  figures: DepsCardFigure[];
  providers: string[];
  spofs: string;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "www.shop.example" from the page URL; a HAR without a page says so. */
function siteOf(report: DependencyReport): string {
  const url = report.page ? tryUrl(report.page) : null;
  return url ? url.hostname : report.method === 'har' ? 'a HAR import' : 'a page';
}

export function depsCardText(report: DependencyReport): DepsCardText {
  const summary = summarise(report);
  const spofs = findSinglePointsOfFailure(report);
  const rows = providerTable(report).filter((row) => row.name !== UNATTRIBUTED);
  const names = [...new Set(spofs.map((s) => s.name))];
  return {
    headline: `Dependency map of ${siteOf(report)}`,
    figures: [
      { label: 'third-party hosts', value: summary.thirdPartyHosts },
      { label: 'third-party companies', value: summary.thirdPartyCompanies },
      { label: 'networks', value: summary.networks },
      // One entry per line of the page's "Single points of failure" list.
      {
        label: spofs.length === 1 ? 'single point of failure' : 'single points of failure',
        value: spofs.length,
      },
    ],
    providers: rows
      .slice(0, CARD_TOP_PROVIDERS)
      .map(
        (row) =>
          `${row.name} · ${row.roles.map((r) => ROLE_WORDS[r]).join(', ')} · ${plural(row.hosts.length, 'host')}`,
      ),
    spofs:
      names.length === 0
        ? 'No single point of failure found'
        : `If down, the page breaks: ${names.join(', ')}`,
  };
}

export function depsCardSvg(
  saved: SavedReport,
  fonts: CardFonts,
): { svg: string; alt: string; text: DepsCardText } {
  const text = depsCardText(saved.report);
  const headline = fitText(text.headline, fonts.bold, FULL_WIDTH, [52, 46, 40, 35, 30]);
  const parts = [svgText(headline.text, { x: CARD_MARGIN, y: 112, size: headline.size, weight: 'bold' })];
  text.figures.forEach((figure, i) => {
    const x = CARD_MARGIN + i * FIGURE_WIDTH;
    const danger = i === 3 && figure.value > 0;
    const value = fitText(figure.value.toLocaleString('en'), fonts.bold, FIGURE_WIDTH - 24, [96, 80, 64]);
    const label = fitText(figure.label, fonts.regular, FIGURE_WIDTH - 24, [24, 21, 18]);
    parts.push(
      svgText(value.text, {
        x,
        y: 240,
        size: value.size,
        weight: 'bold',
        fill: danger ? CARD_COLOURS.bad : CARD_COLOURS.text,
      }),
      svgText(label.text, { x, y: 278, size: label.size, fill: CARD_COLOURS.muted }),
    );
  });
  const spofs = fitText(text.spofs, fonts.bold, FULL_WIDTH, [28, 25, 22]);
  parts.push(
    svgText(spofs.text, {
      x: CARD_MARGIN,
      y: 336,
      size: spofs.size,
      weight: 'bold',
      fill: text.figures[3]!.value > 0 ? CARD_COLOURS.bad : CARD_COLOURS.good,
    }),
  );
  if (text.providers.length > 0) {
    parts.push(svgText('Top providers', { x: CARD_MARGIN, y: 388, size: 22, fill: CARD_COLOURS.muted }));
    text.providers.forEach((line, i) => {
      const fitted = fitText(line, fonts.regular, FULL_WIDTH, [26, 23, 20]);
      parts.push(svgText(fitted.text, { x: CARD_MARGIN, y: 424 + i * 34, size: fitted.size }));
    });
  }
  parts.push(cardFooter(fonts, `${SITE_NAME} · ${DEPS_TOOL_NAME}`, `Saved ${saved.savedAt.slice(0, 10)}`));
  const counts = text.figures.map((f) => `${f.value} ${f.label}`).join(', ');
  const alt = `${headline.text}: ${counts}. ${spofs.text}.`;
  return { svg: svgDocument(parts, alt), alt, text };
}
