import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../functions/lib/extract-html.ts';
import type { Resource } from '../../src/core/scan/types.ts';
import { ResourceCollector } from '../../src/core/scan/resource-collector.ts';

/** Runs the real HTMLRewriter extraction over a string (or bytes) and lists `kind[!] url`. */
async function extract(
  html: string | Uint8Array,
  options: { page?: string; contentType?: string; chunk?: number } = {},
) {
  const collector = new ResourceCollector(new URL(options.page ?? 'https://site.fixture.test/dir/page.html'));
  const bytes = typeof html === 'string' ? new TextEncoder().encode(html) : html;
  const size = options.chunk ?? bytes.byteLength;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.byteLength; i += size) controller.enqueue(bytes.subarray(i, i + size));
      controller.close();
    },
  });
  const result = await extractHtml(stream, options.contentType ?? 'text/html; charset=utf-8', collector);
  return { ...result, collector, list: collector.resources().map(show) };
}

const show = (r: Resource) => `${r.kind}${r.renderBlocking ? '!' : ''}${r.inferred ? '?' : ''} ${r.url}`;

describe('extractHtml (HTMLRewriter in workerd)', () => {
  it.each<[string, string, string[]]>([
    [
      'sync script in head',
      '<head><script src="/a.js"></script></head>',
      ['script! https://site.fixture.test/a.js'],
    ],
    [
      'script before <body> without <head>',
      '<script src="/a.js"></script><p>x',
      ['script! https://site.fixture.test/a.js'],
    ],
    [
      'script in body',
      '<body><p>x</p><script src="/a.js"></script>',
      ['script https://site.fixture.test/a.js'],
    ],
    [
      'script after an image (implicit body)',
      '<img src=/i.png><script src="/a.js"></script>',
      ['image https://site.fixture.test/i.png', 'script https://site.fixture.test/a.js'],
    ],
    // Documented limit: without <body> or </head>, unwatched tags like <p> do not end the head.
    [
      'script after <p> without <body>',
      '<p>x</p><script src="/a.js"></script>',
      ['script! https://site.fixture.test/a.js'],
    ],
    [
      'script after </head>',
      '<head></head><script src="/a.js"></script>',
      ['script https://site.fixture.test/a.js'],
    ],
    [
      'async, defer and module',
      '<script async src=a.js></script><script defer src=b.js></script><script type=module src=c.js></script>',
      [
        'script https://site.fixture.test/dir/a.js',
        'script https://site.fixture.test/dir/b.js',
        'script https://site.fixture.test/dir/c.js',
      ],
    ],
    [
      'print stylesheet',
      '<link rel=stylesheet href=p.css media=print>',
      ['stylesheet https://site.fixture.test/dir/p.css'],
    ],
    [
      'stylesheet in head',
      '<link rel=stylesheet href=s.css>',
      ['stylesheet! https://site.fixture.test/dir/s.css'],
    ],
    [
      'style @import in head blocks, url() does not',
      '<style>@import "i.css"; a{b:url(x.png)}</style>',
      ['css-import! https://site.fixture.test/dir/i.css', 'css-url https://site.fixture.test/dir/x.png'],
    ],
    [
      'style @import in body does not block',
      '<body><style>@import "i.css";</style>',
      ['css-import https://site.fixture.test/dir/i.css'],
    ],
    [
      'style element with media=print',
      '<style media=print>@import "i.css";</style>',
      ['css-import https://site.fixture.test/dir/i.css'],
    ],
    [
      'style attribute',
      '<div style="background:url(&quot;/bg.png&quot;)"></div>',
      ['css-url https://site.fixture.test/bg.png'],
    ],
    [
      'entities in attributes',
      '<img src="/a.png?x=1&amp;y=2">',
      ['image https://site.fixture.test/a.png?x=1&y=2'],
    ],
    [
      'inline script literal',
      '<script>var u="https://tags.example.com/t.js"</script>',
      ['inferred? https://tags.example.com/t.js'],
    ],
    [
      'JSON-LD is not script',
      '<script type="application/ld+json">{"logo":"https://cdn.example.com/logo.png"}</script>',
      [],
    ],
    [
      'script-in-attribute is not a resource',
      '<img onerror="s.src=\'https://evil.example.com/x.js\'" src=i.png>',
      ['image https://site.fixture.test/dir/i.png'],
    ],
    // The literal is still found by the script heuristic, but as an inferred URL, not as an <img>.
    [
      'markup inside a script is text',
      '<script>document.write("<img src=\'https://dw.example.com/x.png\'>")</script>',
      ['inferred? https://dw.example.com/x.png'],
    ],
    ['markup inside textarea is text', '<textarea><img src="https://no.example.com/x.png"></textarea>', []],
    [
      'first base wins, later URLs only',
      '<script src=a.js></script><base href="https://cdn.example.com/b/"><base href="https://no.example.com/"><script src=c.js></script>',
      ['script! https://site.fixture.test/dir/a.js', 'script! https://cdn.example.com/b/c.js'],
    ],
    [
      'relative base',
      '<base href="../assets/"><img src=x.png>',
      ['image https://site.fixture.test/assets/x.png'],
    ],
    [
      'skipped schemes',
      '<img src="data:image/png,x"><img src="javascript:x"><iframe src="about:blank"></iframe><img src="blob:https://a/b">',
      [],
    ],
    ['uppercase tags and attributes', '<IMG SRC="/U.PNG">', ['image https://site.fixture.test/U.PNG']],
    [
      'unquoted and spaced attributes',
      '<img src=/u.png><img src = "  /s.png  ">',
      ['image https://site.fixture.test/u.png', 'image https://site.fixture.test/s.png'],
    ],
    ['unclosed tags', '<div><p><span><img src="/deep.png">', ['image https://site.fixture.test/deep.png']],
    [
      'truncated final tag is not emitted',
      '<img src="/a.png"><img src="/b.png"',
      ['image https://site.fixture.test/a.png'],
    ],
  ])('%s', async (_, html, expected) => {
    expect((await extract(html)).list).toEqual(expected);
  });

  it('finds every kind in the all-kinds fixture page', async () => {
    const html = await (await fetch(`${origin()}/sites/all-kinds.html`)).text();
    const { list, collector } = await extract(html, { page: `${origin()}/sites/all-kinds.html` });
    const o = origin();
    expect(list).toEqual([
      `manifest ${o}/legacy.appcache`,
      'script! https://cdn.fixture.test/sync.js',
      'script https://cdn.fixture.test/async.js',
      'script https://cdn.fixture.test/defer.js',
      'script https://cdn.fixture.test/module.js',
      'script https://cdn.fixture.test/legacy.js',
      `stylesheet! ${o}/sites/css/main.css`,
      'stylesheet! https://fonts.fixture.test/css?family=Inter',
      'stylesheet https://cdn.fixture.test/print.css',
      'stylesheet https://cdn.fixture.test/disabled.css',
      'stylesheet https://cdn.fixture.test/alt.css',
      'preload https://fonts.fixture.test/inter.woff2',
      'preload https://cdn.fixture.test/hero.jpg',
      'preload https://cdn.fixture.test/hero-1x.jpg',
      'preload https://cdn.fixture.test/hero-2x.jpg',
      'modulepreload https://cdn.fixture.test/chunk.js',
      'preconnect https://api.fixture.test/',
      'dns-prefetch http://ads.fixture.test/',
      `icon ${o}/favicon.ico`,
      `icon ${o}/apple-touch-icon.png`,
      `manifest ${o}/site.webmanifest`,
      'meta-refresh https://site.fixture.test/refreshed',
      'css-import! https://fonts.fixture.test/imported.css',
      'css-import https://cdn.fixture.test/print-import.css',
      'css-url https://static.site.fixture.test/bg.png',
      'inferred? https://tags.fixture.test/gtm.js?id=GTM-X',
      'inferred? https://escaped.fixture.test/e.js',
      `css-url ${o}/body-bg.png`,
      'image https://images.fixture.test/a.png',
      'image https://images.fixture.test/a-1x.png',
      'image https://images.fixture.test/a,2x.png',
      'image https://images.fixture.test/b.avif',
      'image https://images.fixture.test/b.jpg',
      'media https://media.fixture.test/v.mp4',
      'image https://images.fixture.test/poster.jpg',
      'media https://media.fixture.test/v.webm',
      'media https://media.fixture.test/captions.vtt',
      'media https://media.fixture.test/a.mp3',
      'iframe https://embed.fixture.test/player',
      'embed https://embed.fixture.test/flash.swf',
      'object https://embed.fixture.test/doc.pdf',
      'form https://forms.fixture.test/submit',
      'image https://images.fixture.test/go.png',
      'form https://forms.fixture.test/alt',
      'image https://images.fixture.test/svg.png',
      'image https://images.fixture.test/sprite.svg',
      'css-url https://images.fixture.test/inline-style.png',
      'script https://cdn.fixture.test/body-sync.js',
      'stylesheet https://cdn.fixture.test/body.css',
    ]);
    expect(collector.hosts()[0]).toBe('127.0.0.1');
  });

  it('reads the hostile fixture page without losing the resources around the noise', async () => {
    const html = await (await fetch(`${origin()}/sites/hostile.html`)).text();
    const { list } = await extract(html, { page: 'https://site.fixture.test/hostile.html', chunk: 7 });
    expect(list).toEqual([
      'script! https://ok.fixture.test/head.js',
      'image https://unquoted.fixture.test/u.png',
      'image https://spaced.fixture.test/s.png',
      'image https://upper.fixture.test/U.PNG',
      'image https://entity.fixture.test/a.png?x=1&y=2&z=3',
      'image https://numeric-entity.fixture.test/n.png',
      'image https://attr-script.fixture.test/i.png',
      'image https://dup.fixture.test/d.png',
      'image https://unclosed.fixture.test/deep.png',
      'image https://after-textarea.fixture.test/yes.png',
      'image http://[::1]/v6-literal.png',
      'image https://site.fixture.test/ht%20tp://broken%20url',
      'image https://xn--ncd-dma1a7bzb.fixture.test/idn.png',
    ]);
  });

  it('gives the same answer whatever the chunk boundaries', async () => {
    const html = await (await fetch(`${origin()}/sites/all-kinds.html`)).text();
    const whole = (await extract(html)).list;
    for (const chunk of [1, 3, 64]) expect((await extract(html, { chunk })).list).toEqual(whole);
  });

  it('parses declared legacy encodings and refuses UTF-16', async () => {
    const latin = await extract(
      new Uint8Array([
        ...new TextEncoder().encode('<img src="/caf'),
        0xe9,
        ...new TextEncoder().encode('.png">'),
      ]),
      {
        contentType: 'text/html; charset=windows-1252',
      },
    );
    expect(latin.list).toEqual(['image https://site.fixture.test/caf%C3%A9.png']);
    expect(latin.encoding).toBe('windows-1252');
    await expect(extract('<p>', { contentType: 'text/html; charset=utf-16le' })).rejects.toMatchObject({
      code: 'unsupported_encoding',
    });
  });

  it('keeps 100k elements and 1 MB attributes flat', async () => {
    const many = `<head><script src="/a.js"></script></head><body>${'<div><span>x</span></div>'.repeat(100_000)}<img src="/last.png">`;
    // Relative, not absolute: the same number of bytes as text costs the parser alone; 200k elements may
    // cost a few times that, while a JS call per element (a '*' handler) costs 40-120 times (4-12 s vs
    // 0.1 s, measured). Both are timed now, so a busy machine slows both alike.
    const plain = `<head><script src="/a.js"></script></head><body>${'x'.repeat(many.length - 60)}<img src="/last.png">`;
    const timed = async (html: string) => {
      const started = Date.now();
      const result = await extract(html, { chunk: 16 * 1024 });
      return { result, ms: Math.max(1, Date.now() - started) };
    };
    const baseline = await timed(plain);
    const elements = await timed(many);
    expect(elements.result.list).toEqual([
      'script! https://site.fixture.test/a.js',
      'image https://site.fixture.test/last.png',
    ]);
    expect(baseline.result.list).toEqual(elements.result.list);
    expect(elements.ms / Math.max(baseline.ms, 20)).toBeLessThan(20);
    const huge = await extract(`<img alt="${'x'.repeat(1024 * 1024)}" src="/after.png">`);
    expect(huge.list).toEqual(['image https://site.fixture.test/after.png']);
  });

  it('stops adding at the resource limit and names it', async () => {
    const html = Array.from({ length: 2_100 }, (_, i) => `<img src="/i${i}.png">`).join('');
    const { collector } = await extract(html);
    expect(collector.resources()).toHaveLength(2_000);
    expect(collector.stats().limitsHit).toContain('maxResources');
  });
});

import { env } from 'cloudflare:workers';
const origin = () => (env.SCAN_ALLOWED_ORIGINS ?? '').split(',')[0] as string;
