import { describe, expect, it } from 'vitest';
import { resourcesFromScan } from '../../../src/core/map/from-scan.ts';
import type { ScanResponse } from '../../../src/core/deps/types.ts';

const scan: ScanResponse = {
  page: {
    requestedUrl: 'http://shop.example',
    finalUrl: 'https://www.shop.example/?utm=x',
    status: 200,
    redirects: [],
    bytes: 1000,
    truncated: false,
  },
  resources: [
    {
      url: 'https://static.shop.example/app.css',
      host: 'static.shop.example',
      kind: 'stylesheet',
      renderBlocking: true,
    },
    {
      url: 'https://cdn.example.net/lib.js?v=1',
      host: 'cdn.example.net',
      kind: 'script',
      renderBlocking: true,
    },
    {
      url: 'https://cdn.example.net/lib.js?v=2',
      host: 'cdn.example.net',
      kind: 'script',
      renderBlocking: false,
    },
    {
      url: 'https://fonts.example.com/a.woff2',
      host: 'fonts.example.com',
      kind: 'css-url',
      renderBlocking: false,
    },
    {
      url: 'https://www.tagmanager.example/gtm.js',
      host: 'www.tagmanager.example',
      kind: 'inferred',
      renderBlocking: false,
      inferred: true,
    },
    { url: 'https://pay.example/checkout', host: 'pay.example', kind: 'form', renderBlocking: false },
    { url: 'https://x.example/', host: 'x.example', kind: 'preconnect', renderBlocking: false },
    { url: 'javascript:void(0)', host: '', kind: 'iframe', renderBlocking: false },
  ],
  hosts: ['www.shop.example', 'static.shop.example', 'cdn.example.net', 'fonts.example.com'],
  limits: {},
};

describe('resourcesFromScan', () => {
  it('adds the page document, maps kinds to types, merges duplicates, drops non-network URLs', () => {
    expect(
      resourcesFromScan(scan).map(
        (r) => `${r.type} ${r.url}${r.renderBlocking ? ' BLOCKING' : ''}${r.inferred ? ' INFERRED' : ''}`,
      ),
    ).toEqual([
      'document https://www.shop.example/ BLOCKING',
      'stylesheet https://static.shop.example/app.css BLOCKING',
      'script https://cdn.example.net/lib.js BLOCKING',
      'font https://fonts.example.com/a.woff2',
      'script https://www.tagmanager.example/gtm.js INFERRED',
      'form https://pay.example/checkout',
      'hint https://x.example/',
    ]);
    expect(resourcesFromScan(scan).every((r) => r.blockingEvidence === 'scan')).toBe(true);
  });
});
