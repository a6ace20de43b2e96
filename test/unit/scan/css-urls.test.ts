import { describe, expect, it } from 'vitest';
import { extractCssUrls } from '../../../src/core/scan/css-urls.ts';

const urls = (css: string) =>
  extractCssUrls(css).map((r) => (r.kind === 'css-import' ? `@${r.url}|${r.media}` : r.url));

describe('extractCssUrls', () => {
  it.each<[string, string[]]>([
    ['a{background:url(x.png)}', ['x.png']],
    ['a{background:url( "x y.png" )}', ['x y.png']],
    ["a{background:url('x.png')}", ['x.png']],
    ['a{background:URL(x.png)}', ['x.png']],
    ['a{background:url()}', []],
    ['a{b:url(a.png),url(b.png)}', ['a.png', 'b.png']],
    ['@font-face{src:url(f.woff2) format("woff2"),url(f.woff) format("woff")}', ['f.woff2', 'f.woff']],
    ['a{b:url(x\\29 .png)}', ['x).png']],
    ['a{b:url("q\\"uote.png")}', ['q"uote.png']],
    ['a{b:url(data:image/png;base64,AAAA)}', ['data:image/png;base64,AAAA']],
    ['/* url(no.png) */a{b:url(yes.png)}', ['yes.png']],
    ['a{content:"url(no.png)"}b{c:url(yes.png)}', ['yes.png']],
    ["a{content:'it\\'s url(no.png)'}", []],
    ['a{b:myurl(no.png)}', []],
    ['a{--x:url(custom.png)}', ['custom.png']],
    ['@import "a.css";', ['@a.css|']],
    ["@import 'a.css' print;", ['@a.css|print']],
    ['@import url(a.css) screen and (min-width: 1px);', ['@a.css|screen and (min-width: 1px)']],
    ['@IMPORT url("a.css");', ['@a.css|']],
    ['@import url(a.css) layer(base) supports(display: grid) print;', ['@a.css|print']],
    ['@importx "no.css";', []],
    ['/* unterminated comment url(no.png)', []],
    ['a{b:url(unterminated.png', ['unterminated.png']],
    ['a{content:"unterminated\nb{c:url(after.png)}', ['after.png']],
  ])('%j', (css, expected) => {
    expect(urls(css)).toEqual(expected);
  });

  it('stops at the character budget', () => {
    const css = `a{b:url(first.png)}${' '.repeat(100)}c{d:url(late.png)}`;
    expect(extractCssUrls(css, 50).map((r) => r.url)).toEqual(['first.png']);
  });

  it('reads 1 MB of hostile CSS in linear time', () => {
    // CPU time of this process, not wall time, so other work on the machine does not count. A linear scan
    // takes milliseconds; a quadratic one would take minutes on 300k tokens, far beyond the bound.
    const css = 'url('.repeat(100_000) + '"'.repeat(100_000) + '/*'.repeat(100_000);
    const started = process.cpuUsage();
    extractCssUrls(css, css.length);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(2_000);
  });
});
