/**
 * Who brought each third party in (src/core/map/chains.ts), as specifications over small hand-made maps:
 * chains of length 1 to n, the shortest chain when there are several, loops, self-loads, unknown and
 * missing initiators, hosts named in the HTML but never requested, reports saved before initiators, and
 * the MAX_CHAIN_HOSTS cap. Expected chains are written out by hand, never computed.
 */
import { describe, expect, it } from 'vitest';
import { describeChain } from '../../../src/core/map/chain-words.ts';
import { hostChains, MAX_CHAIN_HOSTS, type HostChain } from '../../../src/core/map/chains.ts';
import { unresolvedHost } from '../../../src/core/map/hosts.ts';
import type { DependencyReport, MapResource } from '../../../src/core/map/types.ts';

const SITE = 'www.shop.example';

/** A load: `host` requested by `by` (a host, "-" for an initiator without URL), or by nobody recorded. */
type Load = [host: string, by?: string, extra?: Partial<MapResource>];

let serial = 0;
function resource([host, by, extra]: Load): MapResource {
  const r: MapResource = {
    url: `https://${host}/r${serial++}`,
    host,
    type: 'script',
    renderBlocking: false,
    blockingEvidence: 'browser',
  };
  if (by === '-') r.initiator = { type: 'other' };
  else if (by !== undefined) r.initiator = { type: 'script', url: `https://${by}/s.js`, host: by };
  return { ...r, ...extra };
}

/** The page, then the loads; every host named is on the map, those on shop.example first party. */
function mapOf(loads: Load[]): DependencyReport {
  const resources = [resource([SITE]), ...loads.map(resource)];
  const names = [...new Set(resources.map((r) => r.host))];
  return {
    version: 1,
    method: 'har',
    page: `https://${SITE}/`,
    createdAt: '2026-12-01T00:00:00.000Z',
    source: {},
    resources,
    hosts: names.map((h) => unresolvedHost(h, 'timeout', 'not resolved', h.endsWith('shop.example'))),
  };
}

/** "by:start:path" per third party, e.g. "third-party:site:www.shop.example>gtm.example". */
function brief(chains: HostChain[]): Record<string, string> {
  return Object.fromEntries(
    chains.map((c) => [c.host, `${c.by}:${c.start}:${c.path.join('>')}${c.capped ? '…' : ''}`]),
  );
}

describe('hostChains', () => {
  it.each<[string, Load[], Record<string, string>]>([
    ['length 1: the page names it', [['gtm.example', SITE]], { 'gtm.example': `site:site:${SITE}` }],
    [
      'length 2: a tag manager loads a pixel',
      [
        ['gtm.example', SITE],
        ['fb.example', 'gtm.example'],
      ],
      { 'gtm.example': `site:site:${SITE}`, 'fb.example': `third-party:site:${SITE}>gtm.example` },
    ],
    [
      'length 4: three vendors deep',
      [
        ['gtm.example', SITE],
        ['fb.example', 'gtm.example'],
        ['tr.example', 'fb.example'],
        ['sync.example', 'tr.example'],
      ],
      {
        'gtm.example': `site:site:${SITE}`,
        'fb.example': `third-party:site:${SITE}>gtm.example`,
        'tr.example': `third-party:site:${SITE}>gtm.example>fb.example`,
        'sync.example': `third-party:site:${SITE}>gtm.example>fb.example>tr.example`,
      },
    ],
    [
      'the shortest chain wins: the page also names the pixel itself',
      [
        ['gtm.example', SITE],
        ['fb.example', 'gtm.example'],
        ['fb.example', SITE],
      ],
      { 'gtm.example': `site:site:${SITE}`, 'fb.example': `site:site:${SITE}` },
    ],
    [
      'another first-party host is a root too',
      [
        ['static.shop.example', SITE],
        ['cdn.example', 'static.shop.example'],
      ],
      { 'cdn.example': 'site:site:static.shop.example' },
    ],
    [
      'a loop nothing starts',
      [
        ['a.example', 'b.example'],
        ['b.example', 'a.example'],
      ],
      { 'a.example': 'third-party:loop:b.example', 'b.example': 'third-party:loop:a.example' },
    ],
    [
      'a loop the page enters: each host gets its way in',
      [
        ['a.example', SITE],
        ['b.example', 'a.example'],
        ['a.example', 'b.example'],
      ],
      { 'a.example': `site:site:${SITE}`, 'b.example': `third-party:site:${SITE}>a.example` },
    ],
    [
      'self-loads are no chain: who brought the host in is what counts',
      [
        ['gtm.example', SITE],
        ['fb.example', 'gtm.example'],
        ['fb.example', 'fb.example'],
        ['only-self.example', 'only-self.example'],
      ],
      {
        'gtm.example': `site:site:${SITE}`,
        'fb.example': `third-party:site:${SITE}>gtm.example`,
        'only-self.example': 'unknown:unknown:',
      },
    ],
    [
      'no initiator, or one without a URL: unknown; what it loads starts at it',
      [['a.example'], ['b.example', '-'], ['c.example', 'a.example']],
      {
        'a.example': 'unknown:unknown:',
        'b.example': 'unknown:unknown:',
        'c.example': 'third-party:unknown:a.example',
      },
    ],
    [
      'a loader that is not on the map itself (its request was not recorded)',
      [['a.example', 'ghost.example']],
      { 'a.example': 'third-party:unknown:ghost.example' },
    ],
    [
      'walking back prefers a loader not yet on the chain over a loop',
      [['a.example', 'b.example'], ['a.example', 'c.example'], ['b.example', 'a.example'], ['c.example']],
      {
        'a.example': 'third-party:unknown:c.example',
        'b.example': 'third-party:unknown:c.example>a.example',
        'c.example': 'unknown:unknown:',
      },
    ],
    [
      'named in the HTML but never requested (rendered scan)',
      [
        ['lazy.example', undefined, { requested: false }],
        ['half.example', undefined, { requested: false }],
        ['half.example', undefined, { requested: true }],
      ],
      { 'lazy.example': 'not-requested:unknown:', 'half.example': 'unknown:unknown:' },
    ],
    [
      'a report saved before initiators (initiatorHost only)',
      [
        ['gtm.example', undefined, { initiatorHost: SITE }],
        ['fb.example', undefined, { initiatorHost: 'gtm.example' }],
      ],
      { 'gtm.example': `site:site:${SITE}`, 'fb.example': `third-party:site:${SITE}>gtm.example` },
    ],
  ])('%s', (_name, loads, expected) => {
    expect(brief(hostChains(mapOf(loads)))).toEqual(expected);
  });

  it('says how each step was made: the initiator type of the first request along it', () => {
    const report = mapOf([
      ['gtm.example', SITE],
      ['ga.example', 'gtm.example'],
      [
        'dc.example',
        'ga.example',
        { initiator: { type: 'redirect', url: 'https://ga.example/c', host: 'ga.example' } },
      ],
      ['old.example', undefined, { initiatorHost: 'dc.example' }],
    ]);
    expect(Object.fromEntries(hostChains(report).map((c) => [c.host, c.steps.join(' ')]))).toEqual({
      'gtm.example': 'script',
      'ga.example': 'script script',
      'dc.example': 'script script redirect',
      // A report saved before initiators says who, not how.
      'old.example': 'script script redirect other',
    });
  });

  it('lists every loader of a host in the order first recorded, the site included', () => {
    const chains = hostChains(
      mapOf([
        ['gtm.example', SITE],
        ['fb.example', 'gtm.example'],
        ['fb.example', SITE],
        ['fb.example', 'gtm.example'],
        ['fb.example', 'adobe.example'],
      ]),
    );
    expect(chains.find((c) => c.host === 'fb.example')?.loadedBy).toEqual([
      'gtm.example',
      SITE,
      'adobe.example',
    ]);
  });

  it('gives one chain per third-party host, in report order, none for the site’s own hosts', () => {
    const chains = hostChains(
      mapOf([
        ['z.example', SITE],
        ['static.shop.example', SITE],
        ['a.example', 'z.example'],
      ]),
    );
    expect(chains.map((c) => c.host)).toEqual(['z.example', 'a.example']);
  });

  it('counts the page’s host as the site even before the resolver has said it is first party', () => {
    const report = mapOf([['gtm.example', SITE]]);
    report.hosts = report.hosts.filter((h) => h.host !== SITE);
    expect(brief(hostChains(report))).toEqual({ 'gtm.example': `site:site:${SITE}` });
  });

  describe(`caps chains at MAX_CHAIN_HOSTS (${MAX_CHAIN_HOSTS}) hosts`, () => {
    /** v0 <- v1 <- ... <- v(n-1), v0 loaded by `first`. */
    const line = (n: number, first?: string): Load[] =>
      Array.from({ length: n }, (_, i) => [`v${i}.example`, i === 0 ? first : `v${i - 1}.example`]);

    it.each([
      ['from the site', SITE, 'site'],
      ['from an unknown start', undefined, 'unknown'],
    ] as const)(
      '%s: exactly the cap is whole, one more keeps the hosts nearest the end',
      (_n, first, start) => {
        // From the site, the site itself is the chain's first host: the cap counts it.
        const whole = start === 'site' ? MAX_CHAIN_HOSTS - 1 : MAX_CHAIN_HOSTS;
        const atCap = hostChains(mapOf(line(whole + 1, first))).at(-1)!;
        expect(atCap.path).toHaveLength(MAX_CHAIN_HOSTS);
        expect(atCap.capped).toBe(false);
        expect(atCap.start).toBe(start);

        const over = hostChains(mapOf(line(whole + 4, first))).at(-1)!;
        expect(over.capped).toBe(true);
        expect(over.path).toHaveLength(MAX_CHAIN_HOSTS);
        expect(over.path.at(-1)).toBe(`v${whole + 2}.example`);
        expect(over.path[0]).toBe(`v${whole + 3 - MAX_CHAIN_HOSTS}.example`);
        expect(over.by).toBe('third-party');
      },
    );

    it('a 300-host line with a loop at its head ends, capped', () => {
      const loads = line(300);
      loads[0] = ['v0.example', 'v299.example'];
      const chains = hostChains(mapOf(loads));
      expect(chains).toHaveLength(300);
      expect(chains.every((c) => c.path.length <= MAX_CHAIN_HOSTS)).toBe(true);
      expect(chains.filter((c) => c.capped)).toHaveLength(300);
    });
  });
});

describe('describeChain', () => {
  const chain = (over: Partial<HostChain>): HostChain => ({
    host: 'tr.example',
    path: [],
    start: 'site',
    capped: false,
    by: 'third-party',
    loadedBy: [],
    ...over,
    steps: over.steps ?? Array<'script'>(over.path?.length ?? 0).fill('script'),
  });

  it.each<[string, Partial<HostChain>, string]>([
    [
      'from the page, three vendors deep',
      { path: [SITE, 'www.googletagmanager.com', 'connect.facebook.net'] },
      `Your page (${SITE}) loaded www.googletagmanager.com, which loaded connect.facebook.net, which loaded tr.example.`,
    ],
    ['directly from the page', { path: [SITE], by: 'site' }, `Your page (${SITE}) loaded tr.example.`],
    [
      'through a redirect hop',
      { path: [SITE, 'www.google-analytics.com'], steps: ['script', 'redirect'] },
      `Your page (${SITE}) loaded www.google-analytics.com, which redirected to tr.example.`,
    ],
    [
      'from another of the site’s hosts',
      { path: ['static.shop.example', 'a.example'] },
      "Your site's static.shop.example loaded a.example, which loaded tr.example.",
    ],
    [
      'from a host nobody is recorded as loading',
      { path: ['a.example'], start: 'unknown' },
      'a.example (itself requested by something not recorded) loaded tr.example.',
    ],
    [
      'a loop',
      { path: ['a.example', 'b.example'], start: 'loop' },
      'a.example loaded b.example, which loaded tr.example; a.example is in turn loaded by a host of this chain (a loop), so what started it is not recorded.',
    ],
    [
      'capped',
      { path: ['a.example', 'b.example'], capped: true },
      'A chain of more than 2 hosts, of which the last ones: a.example loaded b.example, which loaded tr.example.',
    ],
    [
      'nobody recorded',
      { by: 'unknown', start: 'unknown' },
      'Nothing recorded says what requested tr.example.',
    ],
    [
      'named but not requested',
      { by: 'not-requested', start: 'unknown' },
      "Named in your page's HTML, but the browser did not request tr.example during the scan.",
    ],
  ])('%s', (_name, over, sentence) => {
    expect(describeChain(chain(over), SITE)).toBe(sentence);
  });
});
