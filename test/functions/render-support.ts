/**
 * Helpers of the rendered-scan suites (workerd + the local browser + the fixture internet of
 * test/support/render-world.ts).
 */
import { env } from 'cloudflare:workers';
import { scan, site, type ScanResult } from './scan-support.ts';

/**
 * Whether a browser can be launched here ("yes", or "no: <why>", from the test setup). The rendered-scan
 * suites skip without one and print why, so a skip is never silent.
 */
const renderAvailable =
  (env as unknown as { TEST_RENDER_AVAILABLE?: string }).TEST_RENDER_AVAILABLE ?? 'no: not set up';
export const noBrowser = renderAvailable !== 'yes';
if (noBrowser) console.log(`rendered-scan suite skipped: ${renderAvailable.slice(4)}`);

let counter = 0;

/**
 * A fixture page of test/fixtures/render/pages/ with a fresh `run` id: no cache entry answers for it, and
 * its {{CANARY}} is a canary of its own.
 */
export const renderPage = (name: string, query = ''): string =>
  `${site()}/render/${name}?run=${Date.now()}-${counter++}${query ? `&${query}` : ''}`;

export type RenderedScan = ScanResult & { error?: { code: string; message: string } };

/** A scan in mode "rendered" (or another mode when told). */
export async function renderScan(
  url: string,
  mode: 'auto' | 'rendered' | 'static' = 'rendered',
): Promise<{ status: number; body: RenderedScan }> {
  return scan(url, mode);
}

export interface CanaryState {
  port: number;
  events: Array<{ kind: 'http' | 'upgrade' | 'connection' | 'udp' | 'proxy-leak'; detail: string }>;
}

/** What the canary of a page's run saw (test/support/render-canary.ts). */
export async function canaryOf(pageUrl: string): Promise<CanaryState> {
  const run = new URL(pageUrl).searchParams.get('run') ?? '';
  const response = await fetch(`${site()}/render/__canary?run=${encodeURIComponent(run)}`);
  return (await response.json()) as CanaryState;
}

/** A resource of a scan by URL suffix. */
export const resourceEndingWith = (body: RenderedScan, suffix: string) =>
  body.resources.find((r) => r.url.endsWith(suffix));

/** The blocked entry of a URL that contains `part`. */
export const blockedWith = (body: RenderedScan, part: string) =>
  body.blocked?.find((b) => b.url.includes(part));
