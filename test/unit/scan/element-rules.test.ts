import { describe, expect, it } from 'vitest';
import { parseMetaRefresh, resourcesOfElement } from '../../../src/core/scan/element-rules.ts';

const run = (tag: string, attrs: Record<string, string>, inHead = false) =>
  resourcesOfElement(tag, (name) => attrs[name] ?? null, { inHead }).map(
    (f) => `${f.kind}${f.renderBlocking ? '!' : ''} ${f.raw}`,
  );

describe('resourcesOfElement', () => {
  it.each<[string, Record<string, string>, boolean, string[]]>([
    ['script', { src: 'a.js' }, true, ['script! a.js']],
    ['script', { src: 'a.js', async: '' }, true, ['script a.js']],
    ['script', { src: 'a.js' }, false, ['script a.js']],
    ['script', { src: 'a.json', type: 'application/json' }, true, []],
    ['script', {}, true, []],
    ['script', { src: '   ' }, true, []],
    ['link', { rel: 'stylesheet', href: 'a.css' }, true, ['stylesheet! a.css']],
    ['link', { rel: 'StyleSheet', href: 'a.css', media: 'print' }, true, ['stylesheet a.css']],
    ['link', { rel: 'alternate stylesheet', href: 'a.css' }, true, ['stylesheet a.css']],
    ['link', { rel: 'preload', href: 'f.woff2', as: 'font' }, true, ['preload f.woff2']],
    [
      'link',
      { rel: 'preload', as: 'image', href: 'h.jpg', imagesrcset: 'h1.jpg 1x, h2.jpg 2x' },
      true,
      ['preload h.jpg', 'preload h1.jpg', 'preload h2.jpg'],
    ],
    ['link', { rel: 'modulepreload', href: 'c.js' }, true, ['modulepreload c.js']],
    ['link', { rel: 'prefetch', href: 'next.html' }, true, ['preload next.html']],
    ['link', { rel: 'preconnect', href: 'https://x' }, true, ['preconnect https://x']],
    ['link', { rel: 'dns-prefetch', href: '//x' }, true, ['dns-prefetch //x']],
    ['link', { rel: 'shortcut icon', href: '/f.ico' }, true, ['icon /f.ico']],
    ['link', { rel: 'apple-touch-icon', href: '/t.png' }, true, ['icon /t.png']],
    ['link', { rel: 'manifest', href: '/m.json' }, true, ['manifest /m.json']],
    ['link', { rel: 'canonical', href: '/c' }, true, []],
    ['link', { rel: 'alternate', href: '/feed.xml' }, true, []],
    ['link', { rel: 'stylesheet' }, true, []],
    [
      'img',
      { src: 'a.png', srcset: 'b.png 1x, c.png 2x' },
      false,
      ['image a.png', 'image b.png', 'image c.png'],
    ],
    ['source', { srcset: 'a.avif' }, false, ['image a.avif']],
    ['source', { src: 'v.webm' }, false, ['media v.webm']],
    ['video', { src: 'v.mp4', poster: 'p.jpg' }, false, ['media v.mp4', 'image p.jpg']],
    ['audio', { src: 'a.mp3' }, false, ['media a.mp3']],
    ['track', { src: 'c.vtt' }, false, ['media c.vtt']],
    ['input', { type: 'IMAGE', src: 'go.png' }, false, ['image go.png']],
    ['input', { type: 'text', src: 'no.png' }, false, []],
    ['input', { type: 'submit', formaction: '/alt' }, false, ['form /alt']],
    ['button', { formaction: '/b' }, false, ['form /b']],
    ['iframe', { src: 'https://embed' }, false, ['iframe https://embed']],
    ['frame', { src: 'f.html' }, false, ['iframe f.html']],
    ['embed', { src: 'e.swf' }, false, ['embed e.swf']],
    ['object', { data: 'o.pdf' }, false, ['object o.pdf']],
    ['form', { action: '/submit' }, false, ['form /submit']],
    ['form', { action: '' }, false, []],
    ['meta', { 'http-equiv': 'Refresh', content: '0; url=/next' }, true, ['meta-refresh /next']],
    ['meta', { name: 'refresh', content: '0; url=/next' }, true, []],
    ['image', { href: 'i.png' }, false, ['image i.png']],
    ['image', { 'xlink:href': 'x.png' }, false, ['image x.png']],
    ['use', { href: '#local' }, false, []],
    ['use', { href: 'sprite.svg#i' }, false, ['image sprite.svg#i']],
    ['body', { background: 'bg.gif' }, false, ['image bg.gif']],
    ['html', { manifest: 'app.appcache' }, true, ['manifest app.appcache']],
    ['a', { href: '/page' }, false, []],
    ['div', { src: 'no.png' }, false, []],
  ])('<%s %j> (head: %s)', (tag, attrs, inHead, expected) => {
    expect(run(tag, attrs, inHead)).toEqual(expected);
  });
});

describe('resourcesOfElement: the integrity attribute, exactly as written', () => {
  const integrityOf = (tag: string, attrs: Record<string, string>) =>
    resourcesOfElement(tag, (name) => attrs[name] ?? null, { inHead: true }).map((f) => [
      f.kind,
      f.integrity,
    ]);
  const SRI = 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC';

  it.each<[string, string, Record<string, string>, unknown[][]]>([
    ['script', 'script', { src: 'a.js', integrity: SRI }, [['script', SRI]]],
    ['script without one', 'script', { src: 'a.js' }, [['script', undefined]]],
    ['script with an empty one', 'script', { src: 'a.js', integrity: '' }, [['script', '']]],
    [
      'malformed, kept as written',
      'script',
      { src: 'a.js', integrity: ' md5-x  ' },
      [['script', ' md5-x  ']],
    ],
    ['stylesheet', 'link', { rel: 'stylesheet', href: 'a.css', integrity: SRI }, [['stylesheet', SRI]]],
    [
      'preload of a script',
      'link',
      { rel: 'preload', as: 'script', href: 'a.js', integrity: SRI },
      [['preload', SRI]],
    ],
    [
      'module preload',
      'link',
      { rel: 'modulepreload', href: 'm.js', integrity: SRI },
      [['modulepreload', SRI]],
    ],
    // elements that cannot carry integrity never report one
    ['icon', 'link', { rel: 'icon', href: 'f.ico', integrity: SRI }, [['icon', undefined]]],
    ['image', 'img', { src: 'a.png', integrity: SRI }, [['image', undefined]]],
    ['iframe', 'iframe', { src: 'f.html', integrity: SRI }, [['iframe', undefined]]],
  ])('%s', (_label, tag, attrs, expected) => {
    expect(integrityOf(tag, attrs)).toEqual(expected);
  });
});

describe('parseMetaRefresh', () => {
  it.each<[string, string | null]>([
    ['5; url=https://x/', 'https://x/'],
    ['0;URL=/next', '/next'],
    ["0; url='/quoted' trailing", '/quoted'],
    ['0, url="/comma"', '/comma'],
    ['3.5;url=/dec', '/dec'],
    ['0; /bare', '/bare'],
    ['5', null],
    ['', null],
    ['url=/no-delay', null],
  ])('%j → %j', (content, expected) => {
    expect(parseMetaRefresh(content)).toBe(expected);
  });
});
