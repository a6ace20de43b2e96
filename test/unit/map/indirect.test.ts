/**
 * What an outage takes down indirectly (src/core/map/indirect.ts): resources never requested because what
 * requests them is down, down the chain, with self-loads, hosts kept alive by another loader or by a
 * request nobody is recorded as making, loops, and reports saved before initiators. Expected losses are
 * written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { lostThroughLoaders } from '../../../src/core/map/indirect.ts';
import type { MapResource } from '../../../src/core/map/types.ts';

const SITE = 'www.shop.example';

/** "host/name <- by": a resource on `host` requested by host `by` ("" = nobody recorded). */
function res(spec: string): MapResource {
  const [where, by = ''] = spec.split(' <- ') as [string, string?];
  const host = where.split('/')[0]!;
  const r: MapResource = {
    url: `https://${where}`,
    host,
    type: 'script',
    renderBlocking: false,
    blockingEvidence: 'browser',
  };
  if (by === 'legacy:') return r;
  if (by.startsWith('legacy:')) return { ...r, initiatorHost: by.slice('legacy:'.length) };
  if (by === 'not-requested') return { ...r, requested: false };
  if (by !== '') r.initiator = { type: 'script', url: `https://${by}/s.js`, host: by };
  return r;
}

/** The page, a tag manager, its pixel with a self-loaded config, and the pixel's beacon. */
const TAGS = [
  `${SITE}/`,
  `gtm.example/gtm.js <- ${SITE}`,
  'fb.example/fbevents.js <- gtm.example',
  'fb.example/config.js <- fb.example',
  'tr.example/tr <- fb.example',
];

describe('lostThroughLoaders', () => {
  it.each<[string, string[], string[], string[], string[]]>([
    [
      'a tag manager down: its tags, their own files and what they load, down the chain',
      TAGS,
      ['gtm.example'],
      [
        'fb.example/fbevents.js <- gtm.example',
        'fb.example/config.js <- fb.example',
        'tr.example/tr <- fb.example',
      ],
      ['fb.example', 'tr.example'],
    ],
    [
      'the pixel’s host down: only what it loads (its own files are direct losses, not listed)',
      TAGS,
      ['fb.example'],
      ['tr.example/tr <- fb.example'],
      ['tr.example'],
    ],
    [
      'the page also requests the pixel itself: it stays, only the tag manager’s copy goes',
      [...TAGS, `fb.example/sdk.js <- ${SITE}`],
      ['gtm.example'],
      ['fb.example/fbevents.js <- gtm.example'],
      [],
    ],
    [
      'a request nobody is recorded as making keeps its host: we cannot say that it goes',
      [...TAGS, 'fb.example/unknown.js'],
      ['gtm.example'],
      ['fb.example/fbevents.js <- gtm.example'],
      [],
    ],
    [
      'a file named in the HTML but never requested keeps its host too (rendered scan)',
      [...TAGS, 'fb.example/lazy.png <- not-requested'],
      ['gtm.example'],
      ['fb.example/fbevents.js <- gtm.example'],
      [],
    ],
    [
      'a loop nothing else starts goes with either of its hosts',
      ['a.example/a <- b.example', 'b.example/b <- a.example'],
      ['a.example'],
      ['b.example/b <- a.example'],
      ['b.example'],
    ],
    [
      'a loop the page enters: the way in survives, the way round does not',
      [`a.example/a <- ${SITE}`, 'b.example/b <- a.example', 'a.example/again <- b.example'],
      ['b.example'],
      ['a.example/again <- b.example'],
      [],
    ],
    [
      'the site itself down: everything it requested goes, and on down',
      TAGS,
      [SITE],
      [
        `gtm.example/gtm.js <- ${SITE}`,
        'fb.example/fbevents.js <- gtm.example',
        'fb.example/config.js <- fb.example',
        'tr.example/tr <- fb.example',
      ],
      ['gtm.example', 'fb.example', 'tr.example'],
    ],
    [
      'a report saved before initiators (initiatorHost only; self-loads were not recorded)',
      [
        `gtm.example/gtm.js <- legacy:${SITE}`,
        'fb.example/fbevents.js <- legacy:gtm.example',
        'tr.example/tr <- legacy:fb.example',
      ],
      ['gtm.example'],
      ['fb.example/fbevents.js <- gtm.example', 'tr.example/tr <- fb.example'],
      ['fb.example', 'tr.example'],
    ],
    ['nothing down, nothing lost', TAGS, [], [], []],
    ['a host nobody loads from', TAGS, ['elsewhere.example'], [], []],
  ])('%s', (_name, specs, down, lost, hosts) => {
    const result = lostThroughLoaders(specs.map(res), new Set(down));
    expect(
      result.resources.map((l) => `${l.resource.url.slice('https://'.length)} <- ${l.loadedBy}`),
    ).toEqual(lost);
    expect(result.hosts).toEqual(hosts);
  });

  it('loses each resource once and ends on a 1,000-host ring', () => {
    const ring = Array.from({ length: 1000 }, (_, i) =>
      res(`h${i}.example/x <- h${(i + 999) % 1000}.example`),
    );
    const result = lostThroughLoaders(ring, new Set(['h0.example']));
    expect(result.resources).toHaveLength(999);
    expect(new Set(result.resources.map((l) => l.resource)).size).toBe(999);
    expect(result.hosts).toHaveLength(999);
  });
});
