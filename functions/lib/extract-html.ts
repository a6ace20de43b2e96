/**
 * Streams a page through HTMLRewriter (a Workers global) and hands every start tag, `<style>` text and
 * inline `<script>` text to the pure rules in src/core/scan. Nothing is buffered beyond one inline
 * script or style (each capped), so memory stays flat however large the page is.
 */
import { chooseCharset, PRESCAN_BYTES } from '../../src/core/scan/charset.ts';
import { extractCssUrls } from '../../src/core/scan/css-urls.ts';
import { HEAD_ELEMENTS, resourcesOfElement } from '../../src/core/scan/element-rules.ts';
import { decodeAttribute } from '../../src/core/scan/html-entities.ts';
import { MAX_INLINE_SCRIPT_CHARS, MAX_INLINE_STYLE_CHARS } from '../../src/core/scan/limits.ts';
import { mediaMayMatch, scriptType } from '../../src/core/scan/render-blocking.ts';
import type { ResourceCollector } from '../../src/core/scan/resource-collector.ts';
import { ScanRefusal } from '../../src/core/scan/refusals.ts';
import { findScriptUrls } from '../../src/core/scan/script-urls.ts';

/**
 * Elements that reference URLs (element-rules.ts) or end the head. A page without `<body>` and `</head>`
 * leaves the head at the first of these that cannot be in a head; plain text or other tags before it are
 * not watched (matching them all would cost a JS call per element).
 */
const RESOURCE_SELECTORS = [
  'html',
  'base',
  'body',
  'script[src]',
  'link[href]',
  'meta[http-equiv]',
  'img',
  'picture',
  'source',
  'video',
  'audio',
  'track',
  'input',
  'button[formaction]',
  'iframe',
  'frame',
  'embed',
  'object',
  'form',
  'image',
  'feImage',
  'use',
  'table[background]',
  'td[background]',
  'th[background]',
  'header',
  'main',
  'nav',
  'h1',
];

export interface ExtractResult {
  /** Set when the parser gave up part-way (the resources found until then are kept). */
  parserError: string | null;
  encoding: string;
}

/**
 * Parses `body` (already size- and time-limited) and adds what it references to `collector`.
 * Throws ScanRefusal('unsupported_encoding') for UTF-16 pages, which HTMLRewriter cannot parse.
 */
export async function extractHtml(
  body: ReadableStream<Uint8Array>,
  contentType: string | null,
  collector: ResourceCollector,
): Promise<ExtractResult> {
  const { head, stream } = await peek(body, PRESCAN_BYTES);
  const charset = chooseCharset(contentType, head);
  if (!charset.ok) {
    await stream.cancel().catch(() => {});
    throw new ScanRefusal('unsupported_encoding', `Pages encoded as ${charset.label} cannot be scanned.`);
  }

  const state = { inHead: true };
  let style: { text: string; blocking: boolean } | null = null;
  let script: { text: string } | null = null;
  const decoded = (element: Element) => (name: string) => {
    const value = element.getAttribute(name);
    return value === null ? null : decodeAttribute(value);
  };

  const onResourceElement = (element: Element) => {
    const tag = element.tagName;
    if (state.inHead && !HEAD_ELEMENTS.has(tag)) state.inHead = false;
    const attr = decoded(element);
    if (tag === 'base') {
      const href = attr('href');
      if (href !== null) collector.setBase(href);
      return;
    }
    if (collector.full) return collector.noteLimit('maxResources');
    for (const found of resourcesOfElement(tag, attr, state)) {
      collector.add(
        found.raw,
        found.kind,
        found.renderBlocking,
        found.integrity === undefined ? {} : { integrity: found.integrity },
      );
    }
  };

  // Specific selectors, never '*': lol-html calls into JS only for matching elements, and a '*' handler
  // costs seconds on a page of 100k elements (measured: 4-12 s vs 0.1 s).
  let rewriter = new HTMLRewriter()
    .on('head', {
      element(element) {
        try {
          element.onEndTag(() => {
            state.inHead = false;
          });
        } catch {
          // `<head/>` written as self-closing: nothing to wait for
        }
      },
    })
    .on('[style]', {
      element(element) {
        if (collector.full) return;
        const inline = decoded(element)('style');
        if (inline === null || !inline.includes('(')) return;
        for (const ref of extractCssUrls(inline, MAX_INLINE_STYLE_CHARS)) {
          if (ref.kind === 'css-url') collector.add(ref.url, 'css-url', false);
        }
      },
    });
  for (const selector of RESOURCE_SELECTORS) rewriter = rewriter.on(selector, { element: onResourceElement });
  rewriter = rewriter
    .on('style', {
      element(element) {
        const attr = decoded(element);
        style = { text: '', blocking: state.inHead && mediaMayMatch(attr('media')) };
      },
      text(chunk) {
        if (!style) return;
        if (style.text.length < MAX_INLINE_STYLE_CHARS) style.text += chunk.text;
        if (!chunk.lastInTextNode) return;
        for (const ref of extractCssUrls(style.text, MAX_INLINE_STYLE_CHARS)) {
          const blocking = ref.kind === 'css-import' && style.blocking && mediaMayMatch(ref.media ?? null);
          collector.add(ref.url, ref.kind, blocking);
        }
        style = null;
      },
    })
    .on('script', {
      element(element) {
        const attr = decoded(element);
        const inlineJs = attr('src') === null && scriptType(attr('type'), attr('language')) !== 'data';
        script = inlineJs ? { text: '' } : null;
      },
      text(chunk) {
        if (!script) return;
        if (script.text.length < MAX_INLINE_SCRIPT_CHARS) script.text += chunk.text;
        if (!chunk.lastInTextNode) return;
        for (const url of findScriptUrls(script.text, MAX_INLINE_SCRIPT_CHARS)) {
          collector.add(url, 'inferred', false, { inferred: true });
        }
        script = null;
      },
    });

  const response = new Response(stream, {
    headers: { 'content-type': `text/html; charset=${charset.encoding}` },
  });
  let parserError: string | null = null;
  try {
    const output = rewriter.transform(response).body;
    if (output) await output.pipeTo(new WritableStream());
  } catch (error) {
    // lol-html stops on limits of its own (e.g. memory); keep what was found and say so.
    parserError = error instanceof Error ? error.message : String(error);
    collector.noteLimit('parser');
  }
  return { parserError, encoding: charset.encoding };
}

/** Reads up to `size` bytes from the start of a stream and returns them with a stream that replays them. */
async function peek(
  source: ReadableStream<Uint8Array>,
  size: number,
): Promise<{ head: Uint8Array; stream: ReadableStream<Uint8Array> }> {
  const reader = source.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < size) {
    const result = await reader.read();
    if (result.done) {
      done = true;
      break;
    }
    chunks.push(result.value);
    length += result.value.byteLength;
  }
  const head = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    head.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (done) controller.close();
    },
    async pull(controller) {
      const result = await reader.read();
      if (result.done) controller.close();
      else controller.enqueue(result.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { head, stream };
}
