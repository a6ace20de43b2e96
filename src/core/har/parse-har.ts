/**
 * HAR 1.2 import (http://www.softwareishard.com/blog/har-12-spec/): the hosts a real browser contacted,
 * with what each request was for. Pure: text in, result out; it never throws on any input.
 *
 * Accepts the exports of Chrome DevTools (`_resourceType`, `_initiator` object), sitespeed.io's
 * chrome-har (`_renderBlocking`, `_initiator` string, `_initiator_type`, `_initiator_detail`), WebPageTest
 * (`_initiator`, `_priority`) and Firefox (MIME types only). Initiators: har-initiator.ts.
 */
import { HAR_MAX_ENTRIES, HAR_MAX_TEXT_CHARS, HAR_MAX_URL_CHARS, MAX_MAP_HOSTS } from './limits.ts';
import { checkHarSize } from './check-size.ts';
import { documentHtml } from './document-html.ts';
import { harInitiator, redirectSources, type TypeOfUrl } from './har-initiator.ts';
import { integrityFacts } from './html-integrity.ts';
import { storedInitiator } from '../map/initiator.ts';
import { cleanText, FAILURE_PATTERN, isHttpStatus, MIME_TYPE_PATTERN } from '../map/report-fields.ts';
import { reportIntegrity } from '../risk/sri.ts';
import { typeFromChrome, typeFromMime, typeFromPath } from '../map/resource-type.ts';
import { networkHost, storedUrl, tryUrl } from '../map/url.ts';
import type { BlockingEvidence, MapResource, ResourceType } from '../map/types.ts';

export type HarErrorCode =
  'har_too_large' | 'har_not_json' | 'har_invalid' | 'har_no_entries' | 'har_no_hosts';

export interface HarError {
  ok: false;
  code: HarErrorCode;
  message: string;
}

export interface HarImport {
  ok: true;
  /** The page's document URL (origin + path), or null when no entry looks like one. */
  page: string | null;
  /** "chrome-har 0.12.0", "WebPagetest 17.12", "Firefox 120.0"... */
  tool: string | null;
  /** Pages (runs) in the file; only the first is mapped. */
  pages: number;
  /** Entries of the mapped page. */
  entries: number;
  /** Entries left out: non-network URLs (data:, blob:...), malformed entries. */
  skipped: { nonNetwork: number; invalid: number };
  /** Whether the browser itself said which requests were render-blocking (Chrome's `_renderBlocking`). */
  browserBlocking: boolean;
  /** More entries or hosts than the limits allow: the map covers the first ones. */
  truncated: boolean;
  /** Whether the file held the page's HTML (exported with content), so SRI facts could be read from it. */
  html: boolean;
  /** Distinct hosts, the page's own first. */
  hosts: string[];
  /** One per distinct URL (origin + path) and type. */
  resources: MapResource[];
}

/**
 * Chrome's RenderBlockingBehavior values that can hold up first render. `potentially_blocking` (a
 * stylesheet whose media query may match later) counts: after an outage we would rather over-warn.
 * https://chromedevtools.github.io/devtools-protocol/tot/Network/#type-RenderBlockingBehavior
 */
const BLOCKING_VALUES = new Set(['blocking', 'in_body_parser_blocking', 'potentially_blocking']);

/**
 * Chrome priorities given to render-blocking CSS and parser-blocking head scripts, in DevTools' names
 * (VeryHigh, High) and in the net stack's names WebPageTest exports (HIGHEST, MEDIUM: the same two levels;
 * net's MEDIUM is DevTools' High), per Chrome's published table "Chrome Resource Priorities and Scheduling".
 */
const HIGH_PRIORITIES = new Set(['VeryHigh', 'High', 'HIGHEST', 'MEDIUM']);

const fail = (code: HarErrorCode, message: string): HarError => ({ ok: false, code, message });

export { checkHarSize };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** Free text of the file (creator name and version), without control, bidi or zero-width characters. */
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? cleanText(value, HAR_MAX_TEXT_CHARS) : undefined;

export function parseHar(input: string): HarImport | HarError {
  const tooBig = checkHarSize(input.length);
  if (tooBig) return tooBig;
  let root: unknown;
  try {
    root = JSON.parse(input);
  } catch {
    return fail(
      'har_not_json',
      'This file is not JSON, so it cannot be a HAR. Export it again from the browser.',
    );
  }
  const log = isObject(root) ? root.log : undefined;
  if (!isObject(log) || !Array.isArray(log.entries)) {
    return fail('har_invalid', 'This JSON is not a HAR: it has no "log.entries" list.');
  }
  if (log.entries.length === 0) {
    return fail(
      'har_no_entries',
      'This HAR has no requests. Record with the Network panel open, reload, then export.',
    );
  }

  const pages = Array.isArray(log.pages) ? log.pages.filter(isObject) : [];
  const firstPageId = typeof pages[0]?.id === 'string' ? pages[0].id : null;
  let truncated = log.entries.length > HAR_MAX_ENTRIES;
  const raw = log.entries.slice(0, HAR_MAX_ENTRIES);
  // Several runs of one page (WebPageTest, sitespeed.io) would multiply every count: map the first.
  const entries = raw.filter(
    (e): e is Json =>
      isObject(e) && (firstPageId === null || e.pageref === undefined || e.pageref === firstPageId),
  );
  const skipped = { nonNetwork: 0, invalid: raw.length - raw.filter(isObject).length };

  const parsed: Array<{ entry: Json; url: URL; host: string }> = [];
  for (const entry of entries) {
    const request = entry.request;
    const urlText = isObject(request) && typeof request.url === 'string' ? request.url : null;
    if (urlText === null) {
      skipped.invalid++;
      continue;
    }
    // data: URLs can be megabytes long: decide on the scheme before parsing anything.
    if (!/^(https?|wss?):/i.test(urlText.slice(0, 6))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(urlText.slice(0, 40))) skipped.nonNetwork++;
      else skipped.invalid++;
      continue;
    }
    const url = tryUrl(urlText.slice(0, HAR_MAX_URL_CHARS));
    const host = url ? networkHost(url) : null;
    if (!url || !host) {
      skipped.invalid++;
      continue;
    }
    parsed.push({ entry, url, host });
  }
  if (parsed.length === 0) {
    return fail('har_no_hosts', 'No request in this HAR went to a web host (http, https, ws or wss).');
  }

  const browserBlocking = parsed.some(({ entry }) => typeof entry._renderBlocking === 'string');
  const mainIndex = Math.max(
    0,
    parsed.findIndex(({ entry, url }) => isMainDocument(entry, url)),
  );
  const page = storedUrl(parsed[mainIndex]!.url);

  const hosts: string[] = [parsed[mainIndex]!.host];
  const known = new Set(hosts);
  const byKey = new Map<string, MapResource>();
  const hops = redirectSources(parsed);
  const types = new Map<string, ResourceType>();
  for (const { entry, url } of parsed) if (!types.has(url.href)) types.set(url.href, rawType(entry, url));
  const typeOfUrl: TypeOfUrl = (href) => types.get(tryUrl(href)?.href ?? '') ?? null;
  parsed.forEach(({ entry, url, host }, index) => {
    if (!known.has(host)) {
      if (known.size >= MAX_MAP_HOSTS) {
        truncated = true;
        return;
      }
      known.add(host);
      hosts.push(host);
    }
    const resource = toResource(entry, url, host, index <= mainIndex, browserBlocking);
    const hop = hops.get(index);
    const initiator =
      hop !== undefined ? { type: 'redirect' as const, url: hop } : harInitiator(entry, typeOfUrl);
    if (initiator) resource.initiator = storedInitiator(initiator.type, initiator.url);
    const key = `${resource.type} ${resource.url}`;
    const seen = byKey.get(key);
    if (seen) seen.renderBlocking ||= resource.renderBlocking;
    else byKey.set(key, resource);
  });

  // SRI facts from the page's own HTML, when the export kept response bodies (html-integrity.ts).
  const html = documentHtml(parsed[mainIndex]!.entry);
  if (html !== null) {
    const facts = integrityFacts(html, parsed[mainIndex]!.url.href);
    for (const resource of byKey.values()) {
      if (resource.type !== 'script' && resource.type !== 'stylesheet') continue;
      const fact = facts.get(resource.url);
      if (fact !== undefined) resource.integrity = reportIntegrity(fact);
    }
  }

  const creator = isObject(log.creator) ? log.creator : {};
  const tool = [text(creator.name), text(creator.version)].filter(Boolean).join(' ') || null;
  return {
    ok: true,
    page,
    tool,
    // A count, not a list we read: bounded like the entries so a report stays within its schema.
    pages: Math.min(Math.max(pages.length, 1), HAR_MAX_ENTRIES),
    entries: entries.length,
    skipped,
    browserBlocking,
    truncated,
    html: html !== null,
    hosts,
    resources: [...byKey.values()],
  };
}

/** The response's MIME type when it is printable ASCII, as every real one is. */
function mimeOf(entry: Json): string | undefined {
  const response = entry.response;
  const content = isObject(response) ? response.content : undefined;
  const mime = isObject(content) && typeof content.mimeType === 'string' ? content.mimeType : undefined;
  if (mime === undefined) return undefined;
  const cut = mime.slice(0, HAR_MAX_TEXT_CHARS);
  return MIME_TYPE_PATTERN.test(cut) ? cut : undefined;
}

function statusOf(entry: Json): number {
  const response = entry.response;
  return isObject(response) && typeof response.status === 'number' ? response.status : 0;
}

/** The page's own document: the first HTML response that is not a redirect. */
function isMainDocument(entry: Json, url: URL): boolean {
  const status = statusOf(entry);
  if (status < 200 || (status >= 300 && status !== 304)) return false;
  return rawType(entry, url) === 'document';
}

function rawType(entry: Json, url: URL): ResourceType {
  const chrome = typeof entry._resourceType === 'string' ? typeFromChrome(entry._resourceType) : null;
  return chrome ?? typeFromMime(mimeOf(entry)) ?? typeFromPath(url.pathname) ?? 'other';
}

function toResource(
  entry: Json,
  url: URL,
  host: string,
  atOrBeforeMain: boolean,
  browserBlocking: boolean,
): MapResource {
  let type = rawType(entry, url);
  if (url.protocol === 'ws:' || url.protocol === 'wss:') type = 'websocket';
  // HTML after the page's own document is a frame's; the redirects before it are the page itself.
  if (type === 'document' && !atOrBeforeMain) type = 'iframe';
  const { renderBlocking, evidence } = blocking(entry, type, browserBlocking);
  const resource: MapResource = {
    url: storedUrl(url),
    host,
    type,
    renderBlocking,
    blockingEvidence: evidence,
  };
  const mimeType = mimeOf(entry);
  if (mimeType) resource.mimeType = mimeType;
  const status = statusOf(entry);
  if (isHttpStatus(status)) resource.status = status;
  const failure = failureOf(entry);
  if (failure) resource.failure = failure;
  return resource;
}

/** Chrome's net error for a request that got no response (DevTools writes it as `response._error`). */
function failureOf(entry: Json): string | undefined {
  const response = entry.response;
  const error = isObject(response) ? response._error : undefined;
  return typeof error === 'string' && FAILURE_PATTERN.test(error) ? error : undefined;
}

function blocking(
  entry: Json,
  type: ResourceType,
  browserBlocking: boolean,
): { renderBlocking: boolean; evidence: BlockingEvidence } {
  const evidence: BlockingEvidence = browserBlocking ? 'browser' : 'heuristic';
  // Without its document there is no page, whatever the flags say.
  if (type === 'document') return { renderBlocking: true, evidence };
  if (typeof entry._renderBlocking === 'string') {
    return { renderBlocking: BLOCKING_VALUES.has(entry._renderBlocking), evidence: 'browser' };
  }
  if (browserBlocking) return { renderBlocking: false, evidence };
  // No flags (Firefox, WebPageTest, older Chrome): stylesheets block unless Chrome gave them a low
  // priority (media-mismatched or script-inserted); scripts block when parser-inserted at high priority.
  const priority = typeof entry._priority === 'string' ? entry._priority : null;
  const initiator = initiatorType(entry);
  if (type === 'stylesheet')
    return { renderBlocking: priority === null || HIGH_PRIORITIES.has(priority), evidence };
  if (type === 'script') {
    return {
      renderBlocking: priority !== null && HIGH_PRIORITIES.has(priority) && initiator !== 'script',
      evidence,
    };
  }
  return { renderBlocking: false, evidence };
}

function initiatorType(entry: Json): string | null {
  if (typeof entry._initiator_type === 'string') return entry._initiator_type;
  if (isObject(entry._initiator) && typeof entry._initiator.type === 'string') return entry._initiator.type;
  return null;
}
