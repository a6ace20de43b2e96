import { describe, expect, it } from 'vitest';
import { factOfScanResource, withScanRisks } from '../../../src/core/risk/scan-risks.ts';
import type { Resource, ResourceKind } from '../../../src/core/scan/types.ts';

const res = (url: string, kind: ResourceKind, extra: Partial<Resource> = {}): Resource => ({
  url,
  host: new URL(url).hostname,
  kind,
  renderBlocking: false,
  ...extra,
});
const ctx = {
  pageUrl: 'https://www.example.com/',
  isFirstParty: (host: string) => host.endsWith('example.com'),
};

describe('factOfScanResource: which scanned resources carry SRI facts', () => {
  it.each<[string, Resource, string | null | undefined]>([
    ['<script src> without integrity', res('https://cdn.x.net/a.js', 'script'), null],
    [
      '<script src integrity>',
      res('https://cdn.x.net/a.js', 'script', { integrity: 'sha384-x' }),
      'sha384-x',
    ],
    ['<link rel=stylesheet>', res('https://cdn.x.net/a.css', 'stylesheet'), null],
    ['<link rel=modulepreload>', res('https://cdn.x.net/m.js', 'modulepreload'), null],
    // the element that runs a preloaded file does the check, not the preload
    [
      '<link rel=preload integrity>',
      res('https://cdn.x.net/a.js', 'preload', { integrity: 'sha384-x' }),
      undefined,
    ],
    [
      'a URL literal in an inline script',
      res('https://cdn.x.net/a.js', 'inferred', { inferred: true }),
      undefined,
    ],
    [
      'a request only the browser saw',
      res('https://cdn.x.net/a.js', 'browser', { resourceType: 'script' }),
      undefined,
    ],
    ['a CSS @import', res('https://cdn.x.net/a.css', 'css-import'), undefined],
  ])('%s', (_label, resource, integrity) => {
    expect(factOfScanResource(resource).integrity).toBe(integrity);
  });
});

describe('withScanRisks', () => {
  it('sets risks on the resources that have any, and leaves the others untouched', () => {
    const clean = res('https://static.example.com/app.js', 'script');
    const out = withScanRisks(
      [
        clean,
        res('https://cdn.polyfill.io/v3/polyfill.min.js', 'script'),
        res('https://cdn.x.net/lib-1.0.0.js', 'script', { integrity: 'sha384-abcd' }),
        res('https://cdn.x.net/lib-1.0.0.js', 'preload'),
      ],
      ctx,
    );
    expect(out[0]).toBe(clean);
    expect(out[1]?.risks?.map((r) => r.code)).toEqual(['known_compromised', 'no_sri']);
    expect(out[2]?.risks).toBeUndefined();
    expect(out[3]?.risks).toBeUndefined();
  });

  it('asks each host’s first-party and category verdict once, however many resources it serves', () => {
    const asked: string[] = [];
    const many = Array.from({ length: 300 }, (_, i) => res(`https://cdn${i % 3}.x.net/${i}.js`, 'script'));
    withScanRisks(many, {
      pageUrl: ctx.pageUrl,
      isFirstParty: (host) => (asked.push(`first ${host}`), false),
      categoryOf: (host) => (asked.push(`category ${host}`), null),
    });
    expect(asked.sort()).toEqual([
      'category cdn0.x.net',
      'category cdn1.x.net',
      'category cdn2.x.net',
      'first cdn0.x.net',
      'first cdn1.x.net',
      'first cdn2.x.net',
    ]);
  });

  it('words no_sri for a tag manager when the category says so', () => {
    const [gtm] = withScanRisks([res('https://www.googletagmanager.com/gtm.js', 'script')], {
      ...ctx,
      categoryOf: (host) => (host === 'www.googletagmanager.com' ? 'tag-manager' : null),
    });
    expect(gtm?.risks).toMatchObject([{ code: 'no_sri', severity: 'low' }]);
  });
});
