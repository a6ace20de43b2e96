import { describe, expect, it } from 'vitest';
import { startTags } from '../../../src/core/har/start-tags.ts';

const tags = (html: string) =>
  [...startTags(html)].map(
    (t) => `${t.name}${[...t.attrs].map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join('')}`,
  );

describe('startTags: the start tags an HTML parser would create elements for', () => {
  it.each<[string, string, string[]]>([
    ['plain attributes', '<script src="a.js" async></script>', ['script src="a.js" async=""']],
    [
      'single, unquoted and spaced values',
      "<link rel='stylesheet' href = b.css >",
      ['link rel="stylesheet" href="b.css"'],
    ],
    ['upper case names', '<SCRIPT SRC="A.js" Integrity="x"></SCRIPT>', ['script src="A.js" integrity="x"']],
    ['first duplicate attribute wins', '<script src="1.js" src="2.js"></script>', ['script src="1.js"']],
    ['self-closing syntax', '<link rel=icon href=/f.ico/>', ['link rel="icon" href="/f.ico/"']],
    ['a ">" inside a quoted value', '<img alt="a>b" src="c.png">', ['img alt="a>b" src="c.png"']],
    ['comments hide elements', '<!-- <script src="x.js"></script> --><p>', ['p']],
    ['doctype and end tags are not elements', '<!doctype html></div><br>', ['br']],
    [
      'script text is not markup',
      '<script>document.write("<script src=x.js></" + "script>")</script><img src=y.png>',
      ['script', 'img src="y.png"'],
    ],
    ['style text is not markup', '<style>a::after{content:"<img src=z>"}</style><i>', ['style', 'i']],
    [
      'noscript content does not load with scripting on',
      '<noscript><img src=p.gif></noscript><b>',
      ['noscript', 'b'],
    ],
    ['template content is inert', '<template><script src=t.js></script></template><u>', ['template', 'u']],
    ['raw text ends at its own end tag only', '<script>"</scripts>"</SCRIPT ><a>', ['script', 'a']],
    ['a "<" that opens no tag', '1 < 2 <3 <a href=x>', ['a href="x"']],
    ['an unterminated comment ends the document', '<p><!-- open <script src=x.js>', ['p']],
    ['an unterminated quote ends the document', '<p><img src="broken', ['p']],
  ])('%s', (_label, html, expected) => {
    expect(tags(html)).toEqual(expected);
  });

  it('is linear: a 2 MB page of 50,000 scripts is read once', () => {
    const html = '<script src="/s.js"></script>'.repeat(50_000) + '<!--' + 'x'.repeat(500_000);
    let count = 0;
    for (const _ of startTags(html)) count++;
    expect(count).toBe(50_000);
  });
});
