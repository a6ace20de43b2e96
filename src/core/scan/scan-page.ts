import type { ResourceKind, ScanResponse, ScanStats } from '../scan/types.ts';
import { extractCssUrls } from './css-urls.ts';
import {
  MAX_PAGE_BYTES,
  MAX_STYLESHEET_BYTES,
  MAX_STYLESHEET_TOTAL_BYTES,
  MAX_STYLESHEETS,
  PAGE_TIME_LIMIT_MS,
  SCAN_LIMITS,
  STYLESHEET_TIME_LIMIT_MS,
} from './limits.ts';
import { mediaMayMatch } from './render-blocking.ts';
import { ScanRefusal } from './refusals.ts';
import { ResourceCollector } from './resource-collector.ts';
import { withScanRisks } from '../risk/scan-risks.ts';

/**
 * One scan, start to end: fetch the page, check what came back, extract its resources while streaming,
 * then read the first-party stylesheets one level deep for `@import` and `url()` within their own budget.
 * Pure orchestration: fetching (with the SSRF rules) and HTML parsing are passed in, so the rules here run
 * the same under test doubles as in the Function.
 */

export interface FetchedBody {
  stream: ReadableStream<Uint8Array>;
  bytes(): number;
  truncated(): 'bytes' | 'time' | 'error' | null;
}

export interface FetchedDocument {
  finalUrl: URL;
  status: number;
  redirects: string[];
  headers: Headers;
  body: FetchedBody;
}

export interface ScanDeps {
  /** A safe fetch: every hop checked, redirects followed by hand; throws ScanRefusal. */
  fetch(
    url: string,
    options: { deadline: number; maxBytes: number; accept: string },
  ): Promise<FetchedDocument>;
  /** Streams HTML into the collector. */
  extract(
    body: ReadableStream<Uint8Array>,
    contentType: string | null,
    collector: ResourceCollector,
  ): Promise<{ parserError: string | null; encoding: string }>;
  /** Whether a host belongs to the page's site (stylesheets of the site are followed, others are not). */
  isFirstParty(host: string, pageUrl: string): boolean;
  /** third-party-web category of a host ("tag-manager"…), for the wording of no_sri (docs/risks.md). */
  categoryOf?(host: string): string | null;
  now(): number;
}

/** The Accept header of the page request, and the content types we parse. */
const HTML_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1';
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const CSS_ACCEPT = 'text/css,*/*;q=0.1';
/** Stylesheets fetched at once (Workers allow 6 open connections per request; leave room for DNS). */
const STYLESHEET_CONCURRENCY = 3;

const essence = (contentType: string | null) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

export async function scanPage(url: URL, deps: ScanDeps): Promise<ScanResponse & { stats: ScanStats }> {
  const started = deps.now();
  const doc = await deps.fetch(url.href, {
    deadline: started + PAGE_TIME_LIMIT_MS,
    maxBytes: MAX_PAGE_BYTES,
    accept: HTML_ACCEPT,
  });
  if (doc.status < 200 || doc.status > 299) {
    await doc.body.stream.cancel().catch(() => {});
    throw new ScanRefusal('origin_error', `The site answered ${doc.status} instead of a page.`);
  }
  const contentType = doc.headers.get('content-type');
  if (!HTML_TYPES.has(essence(contentType))) {
    await doc.body.stream.cancel().catch(() => {});
    const shown = essence(contentType) || 'no content type';
    throw new ScanRefusal('not_html', `The address serves ${shown}, not an HTML page.`);
  }

  const collector = new ResourceCollector(doc.finalUrl);
  const parsed = await deps.extract(doc.body.stream, contentType, collector);
  const truncated = doc.body.truncated();
  if (truncated === 'bytes') collector.noteLimit('maxPageBytes');
  if (truncated === 'time') collector.noteLimit('pageTimeLimitMs');

  const sheets = await readStylesheets(collector, doc.finalUrl, deps);
  const { skipped, limitsHit } = collector.stats();
  return {
    method: 'static',
    page: {
      requestedUrl: url.href,
      finalUrl: doc.finalUrl.href,
      status: doc.status,
      redirects: doc.redirects,
      bytes: doc.body.bytes(),
      truncated: truncated !== null,
    },
    resources: withScanRisks(collector.resources(), {
      pageUrl: doc.finalUrl.href,
      isFirstParty: deps.isFirstParty,
      categoryOf: deps.categoryOf,
    }),
    hosts: collector.hosts(),
    limits: { ...SCAN_LIMITS },
    stats: {
      ms: deps.now() - started,
      encoding: parsed.encoding,
      skipped,
      limitsHit,
      stylesheetsRead: sheets.read,
      stylesheetsFailed: sheets.failed,
      ...(parsed.parserError ? { parserError: parsed.parserError } : {}),
    },
  };
}

const FOLLOWED_KINDS: ReadonlySet<ResourceKind> = new Set(['stylesheet', 'css-import']);

/** One level deep: the page's first-party stylesheets are read, the sheets they import are only listed. */
async function readStylesheets(
  collector: ResourceCollector,
  pageUrl: URL,
  deps: ScanDeps,
): Promise<{ read: number; failed: number }> {
  const candidates = collector
    .resources()
    .filter((r) => FOLLOWED_KINDS.has(r.kind) && deps.isFirstParty(r.host, pageUrl.href));
  if (candidates.length > MAX_STYLESHEETS) collector.noteLimit('maxStylesheets');
  const queue = candidates.slice(0, MAX_STYLESHEETS);
  const deadline = deps.now() + STYLESHEET_TIME_LIMIT_MS;
  let budget = MAX_STYLESHEET_TOTAL_BYTES;
  let read = 0;
  let failed = 0;

  const worker = async () => {
    for (let sheet = queue.shift(); sheet; sheet = queue.shift()) {
      const reserve = Math.min(MAX_STYLESHEET_BYTES, budget);
      if (reserve <= 0 || deps.now() >= deadline) {
        collector.noteLimit(reserve <= 0 ? 'maxStylesheetTotalBytes' : 'stylesheetTimeLimitMs');
        failed += 1;
        continue;
      }
      budget -= reserve;
      let used = 0;
      try {
        const doc = await deps.fetch(sheet.url, { deadline, maxBytes: reserve, accept: CSS_ACCEPT });
        const type = essence(doc.headers.get('content-type'));
        if (doc.status < 200 || doc.status > 299 || HTML_TYPES.has(type)) {
          await doc.body.stream.cancel().catch(() => {});
          failed += 1;
          continue;
        }
        const text = await new Response(doc.body.stream).text();
        used = doc.body.bytes();
        const cut = doc.body.truncated();
        if (cut === 'bytes')
          collector.noteLimit(
            reserve < MAX_STYLESHEET_BYTES ? 'maxStylesheetTotalBytes' : 'maxStylesheetBytes',
          );
        if (cut === 'time') collector.noteLimit('stylesheetTimeLimitMs');
        for (const ref of extractCssUrls(text, reserve)) {
          const blocking =
            ref.kind === 'css-import' && sheet.renderBlocking && mediaMayMatch(ref.media ?? null);
          collector.add(ref.url, ref.kind, blocking, { against: doc.finalUrl });
        }
        read += 1;
      } catch (error) {
        // Unknown is data: a stylesheet we could not read only means fewer resources listed.
        if (error instanceof ScanRefusal && error.code === 'timeout')
          collector.noteLimit('stylesheetTimeLimitMs');
        failed += 1;
      } finally {
        budget += reserve - used;
      }
    }
  };
  await Promise.all(Array.from({ length: STYLESHEET_CONCURRENCY }, worker));
  return { read, failed };
}
