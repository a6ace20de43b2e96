import { describe, expect, it } from 'vitest';
import { integrityFacts } from '../../../src/core/har/html-integrity.ts';

const SRI = 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC';
const facts = (html: string, page = 'https://www.example.com/news/') =>
  Object.fromEntries(integrityFacts(html, page));

describe('integrityFacts: SRI as the page’s HTML states it', () => {
  it('records the attribute as written, or null for an element without one, keyed like MapResource.url', () => {
    expect(
      facts(`
        <script src="https://cdn.example.net/a-1.0.js?v=3" integrity="${SRI}" crossorigin></script>
        <script src="/app.js"></script>
        <link rel="stylesheet" href="https://cdn.example.net/s.css" integrity="">
        <link rel="modulepreload" href="m.js" integrity="md5-x">
        <img src="https://cdn.example.net/i.png" integrity="${SRI}">
      `),
    ).toEqual({
      'https://cdn.example.net/a-1.0.js': SRI,
      'https://www.example.com/app.js': null,
      'https://cdn.example.net/s.css': '',
      'https://www.example.com/news/m.js': 'md5-x',
    });
  });

  it('a preload’s integrity does not cover the script that runs the file', () => {
    expect(
      facts(`<link rel=preload as=script href="https://cdn.example.net/p.js" integrity="${SRI}">
             <script src="https://cdn.example.net/p.js"></script>`),
    ).toEqual({ 'https://cdn.example.net/p.js': null });
  });

  it('a file loaded twice is as protected as its weaker element', () => {
    expect(
      facts(`<script src="https://cdn.example.net/x.js" integrity="${SRI}"></script>
             <script src="https://cdn.example.net/x.js"></script>`),
    ).toEqual({ 'https://cdn.example.net/x.js': null });
  });

  it('resolves against the first <base href>, decodes character references', () => {
    expect(
      facts(`<base href="https://static.example.org/v2/"><base href="https://ignored.example/">
             <script src="lib.js?a=1&amp;b=2" integrity="sha384&#45;abc"></script>`),
    ).toEqual({ 'https://static.example.org/v2/lib.js': 'sha384-abc' });
  });

  it('ignores what no network request comes from', () => {
    expect(
      facts(`<script src="data:text/javascript,1"></script><script>var s="<script src=x.js>"</script>
             <script type="application/json" src="d.json"></script><link rel=stylesheet href="javascript:x">`),
    ).toEqual({});
  });
});
