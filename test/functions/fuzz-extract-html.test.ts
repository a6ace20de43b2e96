/**
 * The scanner's HTML extractor (functions/lib/extract-html.ts: HTMLRewriter + the pure rules) under
 * generated hostile markup, split into random chunks, in any declared charset: it finishes, refuses only
 * with `unsupported_encoding`, and the collected resources respect every named limit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../functions/lib/extract-html.ts';
import { LINK_KINDS } from '../../src/core/scan/element-rules.ts';
import { MAX_HOSTS, MAX_RESOURCE_URL_LENGTH, MAX_RESOURCES } from '../../src/core/scan/limits.ts';
import { ScanRefusal } from '../../src/core/scan/refusals.ts';
import { ResourceCollector } from '../../src/core/scan/resource-collector.ts';
import { hostileString, hostileUrl } from '../unit/fuzz/generators.ts';

const PAGE = new URL('https://www.shop.example/products/');

const tags = [
  'script',
  'link',
  'img',
  'style',
  'base',
  'iframe',
  'meta',
  'source',
  'video',
  'audio',
  'a',
  'form',
  'object',
  'embed',
  'image',
  'input',
  'head',
  'body',
  'html',
  'noscript',
  'template',
  'svg',
  'math',
  'frame',
];
const attributes = [
  'src',
  'href',
  'srcset',
  'rel',
  'as',
  'type',
  'media',
  'style',
  'content',
  'http-equiv',
  'charset',
  'action',
  'data',
  'poster',
  'imagesrcset',
  'async',
  'defer',
  'nomodule',
  'language',
  'xlink:href',
];

const attrValue = fc.oneof(
  hostileUrl,
  hostileString,
  fc.constantFrom(
    // Every <link rel> token the scanner knows, and other attribute values it reads.
    ...LINK_KINDS.map(([rel]) => rel),
    'module',
    'text/javascript',
    'application/ld+json',
    'print',
    'all',
    'refresh',
    '0; url=https://x.example/',
  ),
  fc.constantFrom(
    'a.jpg 1x, https://img.example/b.jpg 2x',
    '&#104;ttps://enc.example/a.js',
    'https:&sol;&sol;slash.example/',
    'url(https://css.example/a.png)',
    '@import "https://imp.example/a.css"',
  ),
);

const element = fc
  .tuple(
    fc.constantFrom(...tags),
    fc.array(fc.tuple(fc.constantFrom(...attributes), attrValue), { maxLength: 4 }),
    hostileString,
    fc.boolean(),
  )
  .map(([tag, attrs, text, close]) => {
    const rendered = attrs.map(([name, value]) => `${name}="${value.replace(/"/g, '&quot;')}"`).join(' ');
    return `<${tag} ${rendered}>${text}${close ? `</${tag}>` : ''}`;
  });

const css = fc
  .array(
    fc.oneof(
      hostileUrl.map((u) => `a{background:url(${u})}`),
      hostileUrl.map((u) => `@import '${u}';`),
      hostileString,
    ),
    { maxLength: 5 },
  )
  .map((rules) => `<style>${rules.join('\n')}</style>`);

const inlineScript = fc
  .array(
    fc.oneof(
      hostileUrl.map((u) => `fetch("${u}");`),
      hostileString,
    ),
    { maxLength: 5 },
  )
  .map((lines) => `<script>${lines.join('\n')}</script>`);

const junk = fc.constantFrom(
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '</',
  '<',
  '>',
  '<!doctype html>',
  '\uFEFF',
  '&',
  '&#0;',
  '&#x110000;',
  '<meta charset="utf-16">',
  '<meta charset="shift_jis">',
  '<meta http-equiv="content-type" content="text/html; charset=windows-1252">',
);

const document = fc
  .array(fc.oneof(element, css, inlineScript, junk, hostileString), { maxLength: 30 })
  .map((parts) => parts.join(''));

const contentType = fc.constantFrom(
  null,
  'text/html',
  'text/html; charset=utf-8',
  'text/html; charset=iso-8859-1',
  'text/html; charset=utf-16',
  'text/html; charset=bogus',
  'application/xhtml+xml',
  'text/html; charset="gbk"',
);

/** Splits bytes into a stream of chunks at the given cut points, as a network would. */
function streamOf(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let last = 0;
  for (const point of [...points, bytes.length]) {
    if (point > last) chunks.push(bytes.slice(last, point));
    last = Math.max(last, point);
  }
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function extract(bytes: Uint8Array, type: string | null, cuts: number[]) {
  const collector = new ResourceCollector(PAGE);
  try {
    await extractHtml(streamOf(bytes, cuts), type, collector);
  } catch (error) {
    expect(error).toBeInstanceOf(ScanRefusal);
    expect((error as ScanRefusal).code).toBe('unsupported_encoding');
  }
  const resources = collector.resources();
  const hosts = collector.hosts();
  expect(resources.length).toBeLessThanOrEqual(MAX_RESOURCES);
  expect(hosts.length).toBeLessThanOrEqual(MAX_HOSTS);
  expect(hosts[0]).toBe(PAGE.hostname);
  for (const resource of resources) {
    expect(resource.url.length).toBeLessThanOrEqual(MAX_RESOURCE_URL_LENGTH);
    expect(['http:', 'https:']).toContain(new URL(resource.url).protocol);
    expect(hosts).toContain(resource.host);
  }
  return resources;
}

describe('extractHtml under fuzzing (workerd, HTMLRewriter)', () => {
  it('handles generated hostile markup in any charset, split anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        document,
        contentType,
        fc.array(fc.nat(), { maxLength: 6 }),
        async (html, type, cuts) => {
          await extract(new TextEncoder().encode(html), type, cuts);
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  it('handles arbitrary bytes (invalid UTF-8, NULs, BOMs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2_000 }),
        contentType,
        fc.array(fc.nat(), { maxLength: 4 }),
        async (bytes, type, cuts) => {
          await extract(bytes, type, cuts);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('finds a resource whatever chunk boundary cuts its tag (not vacuous)', async () => {
    const html = new TextEncoder().encode(
      '<html><head><script src="https://cdn.example/app.js"></script></head></html>',
    );
    for (let cut = 0; cut <= html.length; cut += 7) {
      const resources = await extract(html, 'text/html', [cut]);
      expect(resources.map((r) => r.url)).toContain('https://cdn.example/app.js');
    }
  });

  // It asserts the limits, not a speed: 20,000 elements took 1.0-2.5 s in workerd on the 2-core machine at
  // load 5 and 6.6 s at load 20, past vitest's default 5 s timeout. Scan speed is bench:map's to report.
  it(
    'keeps within MAX_RESOURCES and MAX_HOSTS on a page with 20,000 distinct hosts',
    { timeout: 30_000 },
    async () => {
      const tagsHtml = Array.from(
        { length: 20_000 },
        (_, i) => `<img src="https://h${i}.example/${i}.png">`,
      ).join('');
      const resources = await extract(new TextEncoder().encode(tagsHtml), 'text/html', []);
      expect(resources.length).toBeGreaterThan(0);
    },
  );
});
