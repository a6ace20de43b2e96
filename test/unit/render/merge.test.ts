/**
 * mergeScans: the rendered answer from the static scan and the browser's record. The rules, one case
 * each: browser fields on static resources it requested, `requested: false` for those it did not,
 * kind "browser" for requests nothing in the HTML names, render-blocking from the browser where it said so,
 * the page's own document left out, refused URLs kept as hosts, and the static scan's limits on the result.
 */
import { describe, expect, it } from 'vitest';
import { RENDER_LIMITS } from '../../../src/core/render/limits.ts';
import { mergeScans, type RenderedPage } from '../../../src/core/render/merge.ts';
import type { RenderedRequest } from '../../../src/core/render/request-log.ts';
import { SCAN_LIMITS } from '../../../src/core/scan/limits.ts';
import type { ScanResponse } from '../../../src/core/scan/types.ts';

const PAGE = 'https://shop.example/';
const staticScan: ScanResponse = {
  method: 'static',
  page: { requestedUrl: PAGE, finalUrl: PAGE, status: 200, redirects: [], bytes: 3000, truncated: false },
  resources: [
    {
      url: 'https://gtm.example/gtm.js',
      host: 'gtm.example',
      kind: 'script',
      renderBlocking: true,
      integrity: 'sha384-abc',
    },
    { url: 'https://cdn.example/lazy.png', host: 'cdn.example', kind: 'image', renderBlocking: false },
    {
      url: 'https://late.example/x.js',
      host: 'late.example',
      kind: 'inferred',
      renderBlocking: false,
      inferred: true,
    },
    { url: 'https://cdn.example/a.css', host: 'cdn.example', kind: 'stylesheet', renderBlocking: true },
  ],
  hosts: ['shop.example', 'gtm.example', 'cdn.example', 'late.example'],
  limits: { ...SCAN_LIMITS },
  stats: {
    ms: 40,
    encoding: 'windows-1252',
    skipped: 2,
    limitsHit: ['maxInlineScriptChars'],
    stylesheetsRead: 1,
    stylesheetsFailed: 0,
  },
};

const request = (url: string, extra: Partial<RenderedRequest> = {}): RenderedRequest => ({
  url,
  host: new URL(url).hostname,
  method: 'GET',
  status: 200,
  resourceType: 'script',
  initiator: { type: 'parser', url: PAGE },
  ...extra,
});

const rendered = (requests: RenderedRequest[], extra: Partial<RenderedPage> = {}): RenderedPage => ({
  requestedUrl: PAGE,
  finalUrl: PAGE,
  status: 200,
  redirects: [],
  bytes: 3100,
  requests,
  blocked: [],
  limitsHit: [],
  stats: {
    requests: requests.length,
    blocked: 0,
    reusedSession: true,
    browserMs: 5,
    renderMs: 900,
    stopReason: 'quiet',
  },
  ...extra,
});

describe('mergeScans', () => {
  const merged = mergeScans(
    staticScan,
    rendered(
      [
        request(PAGE, { resourceType: 'document', initiator: { type: 'other' } }),
        request('https://gtm.example/gtm.js', { renderBlocking: true }),
        request('https://cdn.example/a.css', { resourceType: 'stylesheet' }),
        request('https://pixel.example/p.gif', {
          resourceType: 'image',
          initiator: { type: 'script', url: 'https://gtm.example/gtm.js' },
          renderBlocking: false,
        }),
        request('http://10.0.0.1/', { resourceType: undefined, status: undefined, failure: 'blocked' }),
      ],
      {
        blocked: [{ url: 'http://10.0.0.1/', code: 'private_address', reason: 'private' }],
        integrity: new Map([['https://pixel.example/p.gif', 'sha256-xyz']]),
      },
    ),
    1234,
  );
  const byUrl = (url: string) => merged.resources.find((r) => r.url === url);

  it('is a rendered answer with both sets of limits and the static scan’s parse stats', () => {
    expect(merged.method).toBe('rendered');
    expect(merged.limits).toEqual({ ...SCAN_LIMITS, ...RENDER_LIMITS });
    expect(merged.stats).toMatchObject({
      ms: 1234,
      encoding: 'windows-1252',
      skipped: 2,
      limitsHit: ['maxInlineScriptChars'],
      stylesheetsRead: 1,
    });
    expect(merged.stats?.render?.stopReason).toBe('quiet');
    expect(merged.blocked).toEqual([{ url: 'http://10.0.0.1/', code: 'private_address', reason: 'private' }]);
  });

  it('gives a requested static resource the browser’s fields and verdict, keeping its kind and integrity', () => {
    expect(byUrl('https://gtm.example/gtm.js')).toEqual({
      url: 'https://gtm.example/gtm.js',
      host: 'gtm.example',
      kind: 'script',
      renderBlocking: true,
      renderBlockingSource: 'browser',
      integrity: 'sha384-abc',
      requested: true,
      resourceType: 'script',
      initiator: { type: 'parser', url: PAGE },
      method: 'GET',
      status: 200,
    });
  });

  it('keeps the markup’s verdict where the browser gave none', () => {
    expect(byUrl('https://cdn.example/a.css')).toMatchObject({
      renderBlocking: true,
      renderBlockingSource: 'markup',
      requested: true,
    });
  });

  it('keeps what the HTML names but nobody requested, as not requested', () => {
    expect(byUrl('https://cdn.example/lazy.png')).toEqual({
      url: 'https://cdn.example/lazy.png',
      host: 'cdn.example',
      kind: 'image',
      renderBlocking: false,
      requested: false,
      renderBlockingSource: 'markup',
    });
    expect(byUrl('https://late.example/x.js')).toMatchObject({ kind: 'inferred', requested: false });
  });

  it('adds what only the browser saw as kind "browser", with the integrity read from the DOM', () => {
    expect(byUrl('https://pixel.example/p.gif')).toMatchObject({
      kind: 'browser',
      requested: true,
      resourceType: 'image',
      initiator: { type: 'script', url: 'https://gtm.example/gtm.js' },
      renderBlocking: false,
      renderBlockingSource: 'browser',
      integrity: 'sha256-xyz',
    });
  });

  it('keeps a refused URL as a resource of its host, failed "blocked", and leaves the page document out', () => {
    expect(byUrl('http://10.0.0.1/')).toMatchObject({ kind: 'browser', requested: true, failure: 'blocked' });
    expect(byUrl(PAGE)).toBeUndefined();
    expect(merged.hosts).toEqual([
      'shop.example',
      'gtm.example',
      'cdn.example',
      'late.example',
      'pixel.example',
      '10.0.0.1',
    ]);
  });

  it('is a superset of the static scan', () => {
    for (const resource of staticScan.resources) {
      expect(merged.resources.some((r) => r.kind === resource.kind && r.url === resource.url)).toBe(true);
    }
  });

  it('answers from the browser alone when the static scan failed', () => {
    const alone = mergeScans(null, rendered([request('https://gtm.example/gtm.js')]), 10);
    expect(alone.resources.map((r) => r.kind)).toEqual(['browser']);
    expect(alone.stats).toMatchObject({ encoding: 'utf-8', skipped: 0, stylesheetsRead: 0 });
  });

  it('applies the resource and host limits to the merged list and says so', () => {
    const many = rendered(Array.from({ length: 10 }, (_, i) => request(`https://h${i}.example/x.js`)));
    const capped = mergeScans(null, many, 1, { maxResources: 6, maxHosts: 4 });
    expect(capped.hosts).toEqual(['shop.example', 'h0.example', 'h1.example', 'h2.example']);
    expect(capped.resources).toHaveLength(3);
    expect(capped.stats?.limitsHit).toEqual(['maxHosts']);
    const fewer = mergeScans(null, many, 1, { maxResources: 2, maxHosts: 100 });
    expect(fewer.resources).toHaveLength(2);
    expect(fewer.stats?.limitsHit).toEqual(['maxResources']);
  });

  it('lists the redirect hops of the page as redirects, not resources', () => {
    const hops = mergeScans(
      null,
      rendered(
        [
          request('http://shop.example/', { resourceType: 'document', status: 301 }),
          request(PAGE, { resourceType: 'document' }),
        ],
        {
          requestedUrl: 'http://shop.example/',
          redirects: [PAGE],
        },
      ),
      1,
    );
    expect(hops.resources).toEqual([]);
    expect(hops.page).toMatchObject({
      requestedUrl: 'http://shop.example/',
      finalUrl: PAGE,
      redirects: [PAGE],
    });
  });
});
