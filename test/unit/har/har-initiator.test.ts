/**
 * Who made each request of a HAR (src/core/har/har-initiator.ts), per exporter, as the map stores it:
 * Chrome DevTools' initiator object with stacks, chrome-har's string and JSON forms, WebPageTest's URL,
 * redirect hops, and junk. Every case runs through parseHar, the way the page reads a file.
 */
import { describe, expect, it } from 'vitest';
import { redirectSources, stackUrl } from '../../../src/core/har/har-initiator.ts';
import {
  HAR_MAX_INITIATOR_CHARS,
  HAR_MAX_STACK_DEPTH,
  HAR_MAX_STACK_FRAMES,
} from '../../../src/core/har/limits.ts';
import { parseHar, type HarImport } from '../../../src/core/har/parse-har.ts';
import type { MapInitiator } from '../../../src/core/map/types.ts';

const entry = (url: string, mimeType: string, extra: Record<string, unknown> = {}) => ({
  request: { method: 'GET', url },
  response: { status: 200, content: { mimeType } },
  ...extra,
});

/** The page, a tag manager script and a stylesheet (so an old exporter's bare URLs can be typed), then `probe`. */
function parseWith(probe: Record<string, unknown>): HarImport {
  const result = parseHar(
    JSON.stringify({
      log: {
        entries: [
          entry('https://www.shop.example/', 'text/html'),
          entry('https://tags.example/t.js?id=1', 'text/javascript'),
          entry('https://cdn.example/site.css', 'text/css'),
          entry('https://probe.example/x', 'image/gif', probe),
        ],
      },
    }),
  );
  if (!result.ok) throw new Error(result.message);
  return result;
}
const initiatorOf = (probe: Record<string, unknown>) =>
  parseWith(probe).resources.find((r) => r.host === 'probe.example')?.initiator;

const tags: MapInitiator = { type: 'script', url: 'https://tags.example/t.js', host: 'tags.example' };
const page: MapInitiator = { type: 'parser', url: 'https://www.shop.example/', host: 'www.shop.example' };
const frames = (...urls: string[]) => urls.map((url) => ({ functionName: 'f', url, lineNumber: 1 }));

describe('initiators by exporter', () => {
  it.each<[string, Record<string, unknown>, MapInitiator | undefined]>([
    // Chrome DevTools: Network.Initiator objects.
    [
      'DevTools parser: the document',
      { _initiator: { type: 'parser', url: 'https://www.shop.example/', lineNumber: 3 } },
      page,
    ],
    [
      'DevTools script: the top frame with a URL',
      { _initiator: { type: 'script', stack: { callFrames: frames('', 'https://tags.example/t.js?id=1') } } },
      tags,
    ],
    [
      'DevTools script: found in a parent (async) stack',
      {
        _initiator: {
          type: 'script',
          stack: { callFrames: [], parent: { callFrames: frames('https://tags.example/t.js') } },
        },
      },
      tags,
    ],
    [
      "DevTools script with its own url (a module's import): the url wins over the stack",
      {
        _initiator: {
          type: 'script',
          url: 'https://tags.example/t.js',
          stack: { callFrames: frames('https://cdn.example/other.js') },
        },
      },
      tags,
    ],
    [
      'DevTools script without any URL in its stack (eval)',
      { _initiator: { type: 'script', stack: { callFrames: frames('') } } },
      { type: 'script' },
    ],
    [
      'DevTools preload',
      { _initiator: { type: 'preload', url: 'https://www.shop.example/' } },
      { ...page, type: 'preload' },
    ],
    ['DevTools other (a navigation)', { _initiator: { type: 'other' } }, { type: 'other' }],
    [
      'DevTools preflight says nothing about a loader',
      { _initiator: { type: 'preflight', url: 'https://probe.example/x' } },
      { type: 'other', url: 'https://probe.example/x', host: 'probe.example' },
    ],
    ['DevTools SignedExchange', { _initiator: { type: 'SignedExchange' } }, { type: 'other' }],
    // sitespeed.io chrome-har.
    ['chrome-har string form', { _initiator: 'https://tags.example/t.js', _initiator_type: 'script' }, tags],
    [
      'chrome-har: eval top frame ("") but the detail names the script further up',
      {
        _initiator: '',
        _initiator_type: 'script',
        _initiator_detail: JSON.stringify({
          type: 'script',
          stack: {
            callFrames: [{ url: '', functionName: 'eval' }],
            parent: { callFrames: frames('https://tags.example/t.js') },
          },
        }),
      },
      tags,
    ],
    ['chrome-har other with no URL', { _initiator_type: 'other' }, { type: 'other' }],
    [
      'chrome-har upper-case type',
      { _initiator: 'https://www.shop.example/', _initiator_type: 'Parser' },
      page,
    ],
    // WebPageTest.
    [
      'WebPageTest, newer agent (with a type)',
      { _initiator: 'https://tags.example/t.js', _initiator_type: 'script' },
      tags,
    ],
    [
      'WebPageTest, old agent: a script URL initiates as a script',
      { _initiator: 'https://tags.example/t.js?id=1' },
      tags,
    ],
    [
      'WebPageTest, old agent: the document initiates as the parser',
      { _initiator: 'https://www.shop.example/' },
      page,
    ],
    [
      'WebPageTest, old agent: a stylesheet initiates as the parser reading it',
      { _initiator: 'https://cdn.example/site.css' },
      { type: 'parser', url: 'https://cdn.example/site.css', host: 'cdn.example' },
    ],
    [
      'WebPageTest, old agent: a URL the HAR never fetched is "other", URL kept',
      { _initiator: 'https://elsewhere.example/a.js' },
      { type: 'other', url: 'https://elsewhere.example/a.js', host: 'elsewhere.example' },
    ],
    ['WebPageTest: empty initiator, no type', { _initiator: '' }, undefined],
    // Nothing at all (Firefox).
    ['no initiator fields', {}, undefined],
  ])('%s', (_name, probe, expected) => {
    expect(initiatorOf(probe)).toEqual(expected);
  });
});

describe('junk initiators never throw and never invent a loader', () => {
  it.each<[string, Record<string, unknown>, MapInitiator | undefined]>([
    ['a number', { _initiator: 42 }, undefined],
    ['an array', { _initiator: ['https://tags.example/t.js'] }, undefined],
    ['an object without a type', { _initiator: { url: 'https://tags.example/t.js' } }, undefined],
    ['an unknown type', { _initiator: { type: 'quantum', url: 'https://tags.example/t.js' } }, undefined],
    ['a javascript: URL', { _initiator: { type: 'parser', url: 'javascript:alert(1)' } }, { type: 'parser' }],
    ['a data: URL', { _initiator: 'data:text/html,<script>', _initiator_type: 'script' }, { type: 'script' }],
    [
      'a host no DNS name has',
      { _initiator: 'https://a!b.example/x', _initiator_type: 'script' },
      { type: 'script' },
    ],
    ['a non-string url', { _initiator: { type: 'script', url: { toString: 1 } } }, { type: 'script' }],
    [
      'stack frames of the wrong shape',
      { _initiator: { type: 'script', stack: { callFrames: [null, 7, 'x', { url: 3 }] } } },
      { type: 'script' },
    ],
    [
      'a detail that is not JSON',
      { _initiator_detail: '{"type":', _initiator_type: 'script' },
      { type: 'script' },
    ],
    ['a detail that is JSON but no object', { _initiator_detail: '[1,2]' }, undefined],
    [
      `a detail longer than HAR_MAX_INITIATOR_CHARS (${HAR_MAX_INITIATOR_CHARS}): the plain fields are used`,
      {
        _initiator: 'https://tags.example/t.js',
        _initiator_type: 'script',
        _initiator_detail: JSON.stringify({
          type: 'parser',
          url: 'https://www.shop.example/',
          pad: 'x'.repeat(HAR_MAX_INITIATOR_CHARS),
        }),
      },
      tags,
    ],
    [
      'a query string with a token in the initiator URL is dropped',
      { _initiator: { type: 'parser', url: 'https://www.shop.example/?session=SECRET#x' } },
      page,
    ],
  ])('%s', (_name, probe, expected) => {
    expect(initiatorOf(probe)).toEqual(expected);
  });
});

describe('stackUrl: bounded walks', () => {
  const nested = (depth: number, url: string): unknown => {
    let stack: unknown = { callFrames: frames(url) };
    for (let i = 0; i < depth; i++) stack = { callFrames: [], parent: stack };
    return stack;
  };
  it(`follows at most HAR_MAX_STACK_DEPTH (${HAR_MAX_STACK_DEPTH}) stacks`, () => {
    expect(stackUrl(nested(HAR_MAX_STACK_DEPTH - 1, 'https://a.example/'))).toBe('https://a.example/');
    expect(stackUrl(nested(HAR_MAX_STACK_DEPTH, 'https://a.example/'))).toBeNull();
  });
  it(`looks at most HAR_MAX_STACK_FRAMES (${HAR_MAX_STACK_FRAMES}) frames per stack`, () => {
    const blanks = frames(...Array<string>(HAR_MAX_STACK_FRAMES - 1).fill(''));
    expect(stackUrl({ callFrames: [...blanks, ...frames('https://a.example/')] })).toBe('https://a.example/');
    expect(stackUrl({ callFrames: [...blanks, ...frames('', 'https://a.example/')] })).toBeNull();
  });
  it('ends on a stack that is its own parent (a cycle JSON cannot make, an object can)', () => {
    const loop: Record<string, unknown> = { callFrames: [] };
    loop.parent = loop;
    expect(stackUrl(loop)).toBeNull();
  });
});

describe('redirect hops: who the next hop came from', () => {
  type Hop = { entry: Record<string, unknown>; url: URL };
  const hop = (url: string, status: number, response: Record<string, unknown> = {}): Hop => ({
    entry: { request: { url }, response: { status, ...response } },
    url: new URL(url),
  });

  it.each<[string, Hop[], Array<[number, string]>]>([
    [
      'redirectURL, absolute',
      [
        hop('https://ads.example/r?id=1', 302, { redirectURL: 'https://cdn.adnet.example/c.js' }),
        hop('https://cdn.adnet.example/c.js', 200),
      ],
      [[1, 'https://ads.example/r?id=1']],
    ],
    [
      'redirectURL relative to the hop (assa.se: "/sv/site/assa/")',
      [
        hop('https://www.assa.se/', 301, { redirectURL: '/sv/site/assa/' }),
        hop('https://www.assa.se/sv/site/assa/', 200),
      ],
      [[1, 'https://www.assa.se/']],
    ],
    [
      'no redirectURL: the Location header (Browsertime)',
      [
        hop('http://b.example/b?c=1', 302, {
          redirectURL: '',
          headers: [{ name: 'Location', value: 'https://sb.example/b2' }],
        }),
        hop('https://sb.example/b2', 200),
      ],
      [[1, 'http://b.example/b?c=1']],
    ],
    [
      'a chain of hops across three hosts',
      [
        hop('https://a.example/1', 302, { redirectURL: 'https://b.example/2' }),
        hop('https://b.example/2', 302, { redirectURL: 'https://c.example/3' }),
        hop('https://c.example/3', 200),
      ],
      [
        [1, 'https://a.example/1'],
        [2, 'https://b.example/2'],
      ],
    ],
    [
      'a redirect loop back to an earlier URL (mytoys.de): only later requests are hops',
      [
        hop('https://shop.example/reg', 302, { redirectURL: 'https://sso.example/s' }),
        hop('https://sso.example/s', 302, { redirectURL: 'https://shop.example/reg' }),
        hop('https://shop.example/reg', 200),
      ],
      [
        [1, 'https://shop.example/reg'],
        [2, 'https://sso.example/s'],
      ],
    ],
    [
      '304 is no redirect, nor a 200 with a redirectURL, nor a hop to itself',
      [
        hop('https://a.example/x', 304, { redirectURL: 'https://b.example/' }),
        hop('https://a.example/y', 200, { redirectURL: 'https://b.example/' }),
        hop('https://a.example/z', 302, { redirectURL: 'https://a.example/z#frag' }),
        hop('https://b.example/', 200),
      ],
      [],
    ],
    [
      'a Location that is no URL, and a response of the wrong shape',
      [
        hop('https://a.example/x', 302, { redirectURL: 'http://[' }),
        { entry: { response: 'nope' }, url: new URL('https://c.example/') },
      ],
      [],
    ],
  ])('%s', (_name, entries, expected) => {
    expect([...redirectSources(entries)]).toEqual(expected);
  });

  it('a hop wins over the initiator Chrome repeats from the first request', () => {
    const result = parseHar(
      JSON.stringify({
        log: {
          entries: [
            entry('https://www.shop.example/', 'text/html'),
            {
              ...entry('https://ads.example/r?id=1', 'text/html', {
                _initiator: { type: 'parser', url: 'https://www.shop.example/' },
              }),
              response: { status: 302, redirectURL: 'https://cdn.adnet.example/c.js', content: {} },
            },
            entry('https://cdn.adnet.example/c.js', 'text/javascript', {
              _initiator: { type: 'parser', url: 'https://www.shop.example/' },
            }),
          ],
        },
      }),
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.resources.map((r) => `${r.host} <- ${r.initiator?.type} ${r.initiator?.host}`)).toEqual([
      'www.shop.example <- undefined undefined',
      'ads.example <- parser www.shop.example',
      'cdn.adnet.example <- redirect ads.example',
    ]);
  });
});

describe('status and failure', () => {
  it.each<[string, Record<string, unknown>, { status?: number; failure?: string }]>([
    ['a 200', { status: 200 }, { status: 200 }],
    ['a 404', { status: 404 }, { status: 404 }],
    [
      "Chrome's net error on a failed request",
      { status: 0, _error: 'net::ERR_NAME_NOT_RESOLVED' },
      { failure: 'net::ERR_NAME_NOT_RESOLVED' },
    ],
    ['WebPageTest error codes are no HTTP status', { status: 12029 }, {}],
    ['-1', { status: -1 }, {}],
    ['a fraction', { status: 200.5 }, {}],
    ['an error with markup', { status: 0, _error: '<img src=x onerror=alert(1)>' }, {}],
  ])('%s', (_name, response, expected) => {
    const probe = { response: { content: { mimeType: 'image/gif' }, ...response } };
    const r = parseWith(probe).resources.find((x) => x.host === 'probe.example')!;
    expect({ status: r.status, failure: r.failure }).toEqual({
      status: undefined,
      failure: undefined,
      ...expected,
    });
  });
});
