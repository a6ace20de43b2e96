/**
 * Who made each request of a HAR, from what its exporter recorded (docs/mapper.md "Chains: what the
 * initiator means per source"). Pure and total: junk of any shape gives `null` (unknown), never a throw.
 *
 * - Chrome DevTools: `_initiator` is Chrome's Network.Initiator object: `type`, `url` (parser: the
 *   document or stylesheet being parsed), `stack` (script: call frames, and `parent` stacks for async
 *   work). The script is the first frame with a URL, walking into parents, as DevTools' own Initiator
 *   column shows it.
 * - sitespeed.io chrome-har: `_initiator_detail` holds that same object as JSON text (0.11+),
 *   `_initiator_type` its type, `_initiator` the URL (the top frame's script: "" for eval'd code).
 * - WebPageTest: `_initiator` is the URL, `_initiator_type` the type in newer agents only.
 * - Redirects: no exporter marks them (Chrome repeats the first hop's initiator on every hop), so a request
 *   whose URL is the Location of an earlier 3xx entry came from that hop.
 */
import { initiatorTypeOf } from '../map/initiator.ts';
import type { ResourceType } from '../map/types.ts';
import { tryUrl } from '../map/url.ts';
import type { InitiatorType } from '../scan/types.ts';
import {
  HAR_MAX_INITIATOR_CHARS,
  HAR_MAX_STACK_DEPTH,
  HAR_MAX_STACK_FRAMES,
  HAR_MAX_URL_CHARS,
} from './limits.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmpty = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value.slice(0, HAR_MAX_URL_CHARS) : null;

/** An initiator as the HAR states it: the type, and the URL exactly as written (stored form comes later). */
export interface HarInitiator {
  type: InitiatorType;
  url?: string;
}

/** What the HAR's entry for a URL was, to type an initiator whose exporter gave only its URL. */
export type TypeOfUrl = (href: string) => ResourceType | null;

/**
 * The entry's initiator: the DevTools object, else chrome-har's JSON detail, else the URL and type
 * fields of chrome-har and WebPageTest. Null when the entry says nothing usable.
 */
export function harInitiator(entry: Json, typeOfUrl: TypeOfUrl): HarInitiator | null {
  if (isObject(entry._initiator)) return fromObject(entry._initiator);
  const detail = entry._initiator_detail;
  if (typeof detail === 'string' && detail.length <= HAR_MAX_INITIATOR_CHARS) {
    const parsed = parseJson(detail);
    const fromDetail = isObject(parsed) ? fromObject(parsed) : null;
    if (fromDetail) return fromDetail;
  }
  const url = nonEmpty(entry._initiator);
  const type = initiatorTypeOf(entry._initiator_type) ?? (url === null ? null : guessType(url, typeOfUrl));
  if (type === null) return null;
  return url === null ? { type } : { type, url };
}

/**
 * The type an old exporter left out, from what the HAR itself fetched at that URL: a script's URL
 * initiates as a script, a document's or a stylesheet's as the parser reading it; anything else is
 * "other" (we keep the URL, and say nothing about how).
 */
function guessType(url: string, typeOfUrl: TypeOfUrl): InitiatorType {
  const type = typeOfUrl(url);
  if (type === 'script') return 'script';
  if (type === 'document' || type === 'iframe' || type === 'stylesheet') return 'parser';
  return 'other';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Chrome's Network.Initiator object. */
function fromObject(o: Json): HarInitiator | null {
  const type = initiatorTypeOf(o.type);
  if (type === null) return null;
  const url = nonEmpty(o.url) ?? (type === 'script' ? stackUrl(o.stack) : null);
  return url === null ? { type } : { type, url };
}

/** The first call frame with a URL, walking into parent (async) stacks, within the named bounds. */
export function stackUrl(stack: unknown): string | null {
  for (let depth = 0; isObject(stack) && depth < HAR_MAX_STACK_DEPTH; depth++) {
    const frames = stack.callFrames;
    if (Array.isArray(frames)) {
      for (const frame of frames.slice(0, HAR_MAX_STACK_FRAMES)) {
        const url = isObject(frame) ? nonEmpty(frame.url) : null;
        if (url !== null) return url;
      }
    }
    stack = stack.parent;
  }
  return null;
}

/** The HAR's redirect hops: for each entry index, the URL of the earlier 3xx entry whose Location it is. */
export function redirectSources(entries: ReadonlyArray<{ entry: Json; url: URL }>): Map<number, string> {
  const waiting = new Map<string, string>();
  const sources = new Map<number, string>();
  entries.forEach(({ entry, url }, index) => {
    const href = withoutHash(url);
    const from = waiting.get(href);
    if (from !== undefined) {
      sources.set(index, from);
      waiting.delete(href);
    }
    const target = location(entry, url);
    if (target !== null && target !== href) waiting.set(target, url.href);
  });
  return sources;
}

const withoutHash = (url: URL) => url.href.split('#')[0]!;

/** Where a 3xx entry points: `response.redirectURL`, else its Location header; relative to the entry. */
function location(entry: Json, url: URL): string | null {
  const response = entry.response;
  if (!isObject(response)) return null;
  const status = response.status;
  if (typeof status !== 'number' || status < 300 || status > 399 || status === 304) return null;
  let text = nonEmpty(response.redirectURL);
  if (text === null && Array.isArray(response.headers)) {
    const header = response.headers.find((h) => isObject(h) && String(h.name).toLowerCase() === 'location');
    text = isObject(header) ? nonEmpty(header.value) : null;
  }
  const target = text === null ? null : tryUrl(text, url.href);
  return target ? withoutHash(target) : null;
}
