import type { ResourceKind } from '../scan/types.ts';
import { scriptIsRenderBlocking, scriptType, stylesheetIsRenderBlocking } from './render-blocking.ts';
import { parseSrcset } from './srcset.ts';

/**
 * Which URLs an HTML element references, by tag and attribute, as the HTML standard defines the fetches of
 * each element. Pure: the streaming extractor (functions/lib/extract-html.ts) feeds it every start tag with
 * an attribute getter that has already decoded character references.
 */

export type AttrGetter = (name: string) => string | null;

export interface ElementContext {
  /** True while the parser is still in the document's head (before `<body>` or any body content). */
  inHead: boolean;
}

export interface FoundUrl {
  raw: string;
  kind: ResourceKind;
  renderBlocking: boolean;
  /**
   * The element's `integrity` attribute exactly as written (character references decoded), for the
   * elements that can carry one: `<script src>` and `<link>` stylesheets, preloads and module preloads.
   * Absent when the element has none.
   */
  integrity?: string;
}

/** Elements the HTML parser keeps in the head; any other start tag there opens the body. */
export const HEAD_ELEMENTS = new Set([
  'html',
  'head',
  'base',
  'basefont',
  'bgsound',
  'link',
  'meta',
  'noscript',
  'script',
  'style',
  'template',
  'title',
]);

/** `rel` tokens of `<link>`, most specific first; the first present decides the kind. */
export const LINK_KINDS: ReadonlyArray<[rel: string, kind: ResourceKind]> = [
  ['stylesheet', 'stylesheet'],
  ['modulepreload', 'modulepreload'],
  ['preload', 'preload'],
  // prefetch and prerender fetch too, at idle priority; they are hints like preload for this map.
  ['prefetch', 'preload'],
  ['prerender', 'preload'],
  ['preconnect', 'preconnect'],
  ['dns-prefetch', 'dns-prefetch'],
  ['manifest', 'manifest'],
  ['icon', 'icon'],
  ['apple-touch-icon', 'icon'],
  ['apple-touch-icon-precomposed', 'icon'],
  ['apple-touch-startup-image', 'icon'],
  ['mask-icon', 'icon'],
  ['fluid-icon', 'icon'],
];

const found = (raw: string | null, kind: ResourceKind, renderBlocking = false): FoundUrl[] =>
  raw === null || raw.trim() === '' ? [] : [{ raw, kind, renderBlocking }];

const fromSrcset = (value: string | null, kind: ResourceKind): FoundUrl[] =>
  value === null ? [] : parseSrcset(value).map((raw) => ({ raw, kind, renderBlocking: false }));

/** The URL of `<meta http-equiv="refresh" content="5; url=...">` (HTML standard, "shared declarative refresh steps"). */
export function parseMetaRefresh(content: string): string | null {
  const match = /^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(.*)$/is.exec(content);
  let url = (match?.[1] ?? '').trim();
  if (!/^\s*[\d.]/.test(content) || url === '') return null;
  const quote = url[0];
  if (quote === '"' || quote === "'") {
    const close = url.indexOf(quote, 1);
    url = url.slice(1, close === -1 ? undefined : close);
  }
  return url.trim() === '' ? null : url.trim();
}

export function resourcesOfElement(tagName: string, attr: AttrGetter, ctx: ElementContext): FoundUrl[] {
  const tag = tagName.toLowerCase();
  switch (tag) {
    case 'script': {
      const src = attr('src');
      if (src === null || scriptType(attr('type'), attr('language')) === 'data') return [];
      const blocking = scriptIsRenderBlocking({
        inHead: ctx.inHead,
        type: attr('type'),
        language: attr('language'),
        async: attr('async') !== null,
        defer: attr('defer') !== null,
        nomodule: attr('nomodule') !== null,
        blocking: attr('blocking'),
      });
      return withIntegrity(found(src, 'script', blocking), attr);
    }
    case 'link':
      return linkResources(attr, ctx);
    case 'img':
      return [...found(attr('src'), 'image'), ...fromSrcset(attr('srcset'), 'image')];
    case 'source':
      // In <picture> a source carries srcset (images); in <video>/<audio> it carries src (media).
      return [...found(attr('src'), 'media'), ...fromSrcset(attr('srcset'), 'image')];
    case 'video':
      return [...found(attr('src'), 'media'), ...found(attr('poster'), 'image')];
    case 'audio':
    case 'track':
      return found(attr('src'), 'media');
    case 'input':
      return [
        ...((attr('type') ?? '').toLowerCase() === 'image' ? found(attr('src'), 'image') : []),
        ...found(attr('formaction'), 'form'),
      ];
    case 'button':
      return found(attr('formaction'), 'form');
    case 'iframe':
    case 'frame':
      return found(attr('src'), 'iframe');
    case 'embed':
      return found(attr('src'), 'embed');
    case 'object':
      return found(attr('data'), 'object');
    case 'form':
      return found(attr('action'), 'form');
    case 'meta': {
      if ((attr('http-equiv') ?? '').toLowerCase() !== 'refresh') return [];
      return found(parseMetaRefresh(attr('content') ?? ''), 'meta-refresh');
    }
    case 'image': // SVG <image>
    case 'feimage':
      return found(attr('href') ?? attr('xlink:href'), 'image');
    case 'use': {
      // Only an external sprite reference fetches; `#id` points into the page.
      const href = attr('href') ?? attr('xlink:href');
      return href !== null && !href.trim().startsWith('#') ? found(href, 'image') : [];
    }
    case 'body':
    case 'table':
    case 'td':
    case 'th':
      return found(attr('background'), 'image'); // legacy presentational attribute, still fetched
    case 'html':
      return found(attr('manifest'), 'manifest'); // legacy application cache manifest
    default:
      return [];
  }
}

function linkResources(attr: AttrGetter, ctx: ElementContext): FoundUrl[] {
  const rel = (attr('rel') ?? '')
    .toLowerCase()
    .split(/[ \t\n\r\f]+/)
    .filter(Boolean);
  const href = attr('href');
  const match = LINK_KINDS.find(([token]) => rel.includes(token));
  if (!match) return [];
  const [, kind] = match;
  if (kind === 'stylesheet') {
    const blocking = stylesheetIsRenderBlocking({
      inHead: ctx.inHead,
      media: attr('media'),
      disabled: attr('disabled') !== null,
      alternate: rel.includes('alternate'),
      blocking: attr('blocking'),
    });
    return withIntegrity(found(href, 'stylesheet', blocking), attr);
  }
  const out = found(href, kind);
  if (kind === 'preload' && (attr('as') ?? '').toLowerCase() === 'image') {
    out.push(...fromSrcset(attr('imagesrcset'), 'preload'));
  }
  return kind === 'preload' || kind === 'modulepreload' ? withIntegrity(out, attr) : out;
}

/**
 * Adds the element's `integrity` to what it references (HTML standard: the attribute of `<script>` and of
 * `<link>` with rel stylesheet, preload or modulepreload). A preload's image candidates (imagesrcset)
 * share the attribute but are not checked by it; they never reach the risk rules as scripts.
 */
function withIntegrity(urls: FoundUrl[], attr: AttrGetter): FoundUrl[] {
  const integrity = attr('integrity');
  return integrity === null ? urls : urls.map((u) => ({ ...u, integrity }));
}
