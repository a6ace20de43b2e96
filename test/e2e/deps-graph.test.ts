/**
 * The mapper's graph at 100 hosts, in Chromium against `wrangler pages dev` with /api/resolve answering
 * from the local DoH fixture zones (the issue: "readable at 100 hosts: grouping, zoom, hover details,
 * keyboard access to the same information as a table"). One HAR of 103 hosts (test/support/
 * hundred-hosts-har.ts) is mapped at a laptop width and at a 360 px phone width; for each, the drawing
 * is checked the way a reader would: node count within the grouping caps, labels at full size, no label
 * over another label or node, nothing cut off at the edges, zoom, Tab through every node with the same
 * details as hover, and every host in the companion table. Screenshots: test-results/deps-graph-100-*.png.
 * Figures (time to a complete map, draw time, JavaScript transferred) go to
 * test-results/deps-graph-100.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_HOSTS_PER_REQUEST } from '../../src/core/dns/limits.ts';
import { parseHar } from '../../src/core/har/parse-har.ts';
import { MAX_GRAPH_COMPANIES, MAX_GRAPH_PROVIDERS } from '../../src/core/map/graph-model.ts';
import { LABEL_FONT_PX, NARROW_BELOW, layoutGraph } from '../../src/core/map/graph-layout.ts';
import type { DependencyReport } from '../../src/core/map/types.ts';
import { DRAW_MEASURE, nodeDetails } from '../../src/browser/deps/graph-view.ts';
import { hasChromium, launchChromium } from '../support/browser.ts';
import { HUNDRED_HOSTS_HAR_PATH, hundredHostsHar } from '../support/hundred-hosts-har.ts';

/** A laptop and the narrowest phone the page supports (CSS px). */
const VIEWPORTS = [
  { name: '1280', width: 1280, height: 800 },
  { name: '360', width: 360, height: 780 },
] as const;
/** Smallest label size, in CSS px as drawn at default zoom, that we call readable (WCAG has no floor; 11 px is the usual UI minimum). */
const MIN_LABEL_PX = 11;
/** Sub-pixel slack when comparing rectangles (anti-aliasing, rounding of the layout to 0.1 unit). */
const EPS = 0.5;
/** How long a 100-host map may take before the test calls it hung (2 shared cores, cold DNS caches). */
const MAP_TIMEOUT_MS = 45_000;

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
const overlaps = (a: Rect, b: Rect) =>
  a.left < b.right - EPS && b.left < a.right - EPS && a.top < b.bottom - EPS && b.top < a.bottom - EPS;
const inside = (a: Rect, box: Rect) =>
  a.left >= box.left - EPS &&
  a.right <= box.right + EPS &&
  a.top >= box.top - EPS &&
  a.bottom <= box.bottom + EPS;

/** JavaScript the page fetched so far: bytes on the wire and decoded, per file. */
async function scriptBytes(page: Page) {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname.endsWith('.js'))
      .map((e) => {
        const r = e as PerformanceResourceTiming;
        return { file: new URL(r.name).pathname, transfer: r.transferSize, decoded: r.decodedBodySize };
      }),
  );
}

const figures: Record<string, unknown> = {};

describe.skipIf(!hasChromium)('/deps/ graph at 100 hosts', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const parsed = parseHar(readFileSync(HUNDRED_HOSTS_HAR_PATH, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/deps-graph-100.json', `${JSON.stringify(figures, null, 2)}\n`);
  });

  it('uses the committed HAR the generator makes: 103 hosts, 100 of them third-party', () => {
    expect(readFileSync(HUNDRED_HOSTS_HAR_PATH, 'utf8')).toBe(hundredHostsHar());
    expect(parsed.hosts).toHaveLength(103);
    expect(parsed.hosts.filter((h) => !h.endsWith('fixture-magazine.com'))).toHaveLength(100);
  });

  for (const viewport of VIEWPORTS) {
    it(`is readable at ${viewport.name} px: caps, labels, zoom, keyboard, table`, async () => {
      const context = await browser.newContext({
        acceptDownloads: true,
        viewport: { width: viewport.width, height: viewport.height },
      });
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const batches: number[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/api/resolve'))
          batches.push((JSON.parse(request.postData() ?? '{}') as { hosts: string[] }).hosts.length);
      });
      await page.goto(`${inject('baseUrl')}/deps/`, { waitUntil: 'load' });
      const jsBefore = await scriptBytes(page);
      expect(jsBefore.some((s) => s.file.includes('graph-view'))).toBe(false);

      // Time from the file landing in the page to a complete map, then to the drawn graph.
      const started = Date.now();
      await page.setInputFiles('#deps-har', HUNDRED_HOSTS_HAR_PATH);
      await page.waitForFunction(
        () => document.getElementById('deps-status')?.textContent?.startsWith('Done'),
        null,
        { timeout: MAP_TIMEOUT_MS },
      );
      const mappedMs = Date.now() - started;
      await page.waitForSelector('#deps-graph svg .deps-node');
      const graphMs = Date.now() - started;
      expect(errors).toEqual([]);
      expect(Math.max(...batches)).toBeLessThanOrEqual(MAX_HOSTS_PER_REQUEST);
      expect(batches.reduce((a, b) => a + b, 0)).toBe(parsed.hosts.length);

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#deps-export-json')]);
      const report = JSON.parse(readFileSync(await download.path(), 'utf8')) as DependencyReport;
      expect(report.hosts).toHaveLength(103);
      // Unresolvable hosts stay on the map, as data.
      expect(
        report.hosts.filter((h) => h.errors.some((e) => e.code === 'nxdomain')).map((h) => h.host),
      ).toEqual(expect.arrayContaining(['cdn.polyfill.io', 's7.addthis.com']));

      // Grouping: within the caps, every long tail merged, the same nodes the core lays out.
      const graph = page.locator('#deps-graph');
      const width = await graph.evaluate((el) => el.clientWidth);
      const layout = layoutGraph(report, { width });
      expect(layout.narrow).toBe(width < NARROW_BELOW);
      const companies = layout.nodes.filter((n) => n.kind === 'company');
      const providers = layout.nodes.filter((n) => n.kind === 'provider');
      expect(companies).toHaveLength(MAX_GRAPH_COMPANIES);
      expect(providers).toHaveLength(MAX_GRAPH_PROVIDERS);
      expect(companies.filter((n) => n.group).map((n) => n.label)).toEqual([
        expect.stringMatching(/^\d+ other companies$/),
      ]);
      expect(providers.filter((n) => n.group).map((n) => n.label)).toEqual([
        expect.stringMatching(/^\d+ other networks$/),
      ]);
      const nodeCount = await graph.locator('.deps-node').count();
      expect(nodeCount).toBe(1 + MAX_GRAPH_COMPANIES + MAX_GRAPH_PROVIDERS);
      expect(
        await graph.locator('.deps-node').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
      ).toEqual(layout.nodes.map((n) => expect.stringContaining(n.label)));

      // Labels: full size at default zoom, never over another label or node, never past the drawing's edges.
      const geometry = await graph.evaluate((holder) => {
        const svg = holder.querySelector('svg')!;
        const box = svg.getBoundingClientRect();
        const scale = svg.getScreenCTM()!.a;
        const nodes = [...holder.querySelectorAll<SVGGElement>('.deps-node')].map((g) => {
          const text = g.querySelector('text')!;
          const r = (e: Element) => {
            const { left, top, right, bottom } = e.getBoundingClientRect();
            return { left, top, right, bottom };
          };
          return {
            label: text.textContent ?? '',
            full: g.getAttribute('aria-label') ?? '',
            text: r(text),
            circle: r(g.querySelector('circle')!),
            fontPx: parseFloat(getComputedStyle(text).fontSize) * scale,
          };
        });
        const { left, top, right, bottom } = box;
        const zoom = holder.querySelector('.deps-zoom')!.getBoundingClientRect();
        return {
          svg: { left, top, right, bottom },
          controls: { left: zoom.left, top: zoom.top, right: zoom.right, bottom: zoom.bottom },
          scale,
          nodes,
          pageWidth: document.documentElement.scrollWidth,
        };
      });
      expect(geometry.pageWidth).toBeLessThanOrEqual(viewport.width);
      const problems: string[] = [];
      geometry.nodes.forEach((a, i) => {
        if (a.fontPx < MIN_LABEL_PX) problems.push(`${a.label}: ${a.fontPx.toFixed(1)} px`);
        if (!inside(a.text, geometry.svg)) problems.push(`${a.label}: clipped`);
        if (!inside(a.circle, geometry.svg)) problems.push(`${a.label}: node clipped`);
        if (overlaps(a.text, geometry.controls) || overlaps(a.circle, geometry.controls))
          problems.push(`${a.label}: under the zoom buttons`);
        // A shortened label ends in an ellipsis and keeps its full name for assistive technology.
        if (a.label.endsWith('…')) expect(a.full).toContain(a.label.slice(0, -1));
        geometry.nodes.forEach((b, j) => {
          if (j > i && overlaps(a.text, b.text)) problems.push(`${a.label} over ${b.label}`);
          if (j !== i && overlaps(a.text, b.circle)) problems.push(`${a.label} over node ${b.label}`);
        });
      });
      expect(problems).toEqual([]);
      // One SVG unit per CSS pixel: labels are drawn at the page's font size, not scaled to fit.
      expect(geometry.scale).toBeCloseTo(1, 2);
      expect(geometry.nodes[0]!.fontPx).toBeGreaterThanOrEqual(LABEL_FONT_PX);
      const truncated = geometry.nodes.filter((n) => n.label.endsWith('…')).length;
      // A laptop has room for every name; a phone shortens some, never most.
      if (!layout.narrow) expect(truncated).toBe(0);
      else expect(truncated).toBeLessThan(nodeCount / 2);

      // Zoom buttons change the transform and come back.
      const transform = () => graph.locator('svg > g').getAttribute('transform');
      await page.click('button[aria-label="Zoom in"]');
      expect(await transform()).toMatch(/scale\(1\.5\)/);
      await page.click('button[aria-label="Zoom out"]');
      await page.click('button[aria-label="Zoom out"]');
      expect(await transform()).toMatch(/scale\(0\.66/);
      await page.click('button[aria-label="Reset zoom"]');
      expect(await transform()).toMatch(/scale\(1\)/);
      // A plain wheel scrolls the page past a graph taller than the screen; Ctrl + wheel (a trackpad
      // pinch sends the same) zooms it.
      const reset = await transform();
      const svgBox = (await graph.locator('svg').boundingBox())!;
      await page.mouse.move(
        svgBox.x + svgBox.width / 2,
        svgBox.y + Math.min(svgBox.height, viewport.height) / 2,
      );
      const scrolled = await page.evaluate(() => window.scrollY);
      await page.mouse.wheel(0, 200);
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled);
      expect(await transform()).toBe(reset);
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, -100);
      await page.keyboard.up('Control');
      await expect.poll(transform).not.toBe(reset);
      await page.mouse.move(0, 0);
      await page.click('button[aria-label="Reset zoom"]');
      expect(await transform()).toMatch(/scale\(1\)/);

      // Keyboard: Tab from the last zoom button walks through every node, in the layout's order, and
      // focus shows what hover shows.
      const details = page.locator('#deps-graph-details');
      const visited: string[] = [];
      for (let i = 0; i < nodeCount; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement;
          return el?.classList.contains('deps-node') ? el.getAttribute('aria-label') : null;
        });
        visited.push(focused ?? '(not a node)');
        expect(await details.innerText()).toBe(nodeDetails(layout.nodes[i]!));
      }
      expect(visited).toEqual(layout.nodes.map((n) => expect.stringContaining(n.label)));
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('deps-node'))).toBe(false);
      for (const index of [0, companies.findIndex((n) => n.group) + 1, nodeCount - 1]) {
        const node = graph.locator('.deps-node').nth(index);
        await node.locator('circle').hover();
        const hovered = await details.innerText();
        await page.mouse.move(0, 0);
        await node.focus();
        expect(await details.innerText()).toBe(hovered);
        expect(hovered).toBe(nodeDetails(layout.nodes[index]!));
      }

      // The table beside the graph names every host, and every company with its hosts.
      const listed = await page
        .locator('#deps-graph-table tbody tr')
        .evaluateAll((rows) => rows.flatMap((row) => (row.lastElementChild?.textContent ?? '').split(', ')));
      expect(listed.sort()).toEqual([...parsed.hosts].sort());

      mkdirSync('test-results', { recursive: true });
      await page.mouse.move(0, 0);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await graph.screenshot({ path: `test-results/deps-graph-100-${viewport.name}.png` });

      const draws = await page.evaluate(
        (name) => performance.getEntriesByName(name).map((e) => Math.round(e.duration * 10) / 10),
        DRAW_MEASURE,
      );
      const jsAfter = await scriptBytes(page);
      const sum = (list: typeof jsAfter, key: 'transfer' | 'decoded') => list.reduce((s, e) => s + e[key], 0);
      figures[viewport.name] = {
        hosts: report.hosts.length,
        resolveRequests: batches.length,
        uploadToCompleteMapMs: mappedMs,
        uploadToGraphMs: graphMs,
        graphDrawMs: draws,
        jsBeforeResults: { transfer: sum(jsBefore, 'transfer'), decoded: sum(jsBefore, 'decoded') },
        jsAfterResults: { transfer: sum(jsAfter, 'transfer'), decoded: sum(jsAfter, 'decoded') },
        jsFiles: jsAfter,
        svg: {
          width: Math.round(geometry.svg.right - geometry.svg.left),
          height: Math.round(geometry.svg.bottom - geometry.svg.top),
        },
        truncatedLabels: truncated,
      };
      expect(draws.length).toBeGreaterThan(0);
      expect(jsAfter.some((s) => s.file.includes('graph-view'))).toBe(true);
    });
  }
});
