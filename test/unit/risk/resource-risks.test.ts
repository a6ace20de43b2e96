import { describe, expect, it } from 'vitest';
import type { ResourceType } from '../../../src/core/map/types.ts';
import {
  insecureTransportRisk,
  noSriRisk,
  resourceRisks,
  type ResourceContext,
  type ResourceFact,
} from '../../../src/core/risk/resource-risks.ts';

const SHA384 = 'sha384-1H217gwSVyLSIfaLxHbE7dRb3v4mYCKbpQvzx0cegeju1MVsGrX5xXxAvs/HgeFs';
const PAGE = 'https://www.example.com/';
const third: ResourceContext = { pageUrl: PAGE, thirdParty: true };

const fact = (url: string, type: ResourceType, integrity?: string | null): ResourceFact => ({
  url,
  host: new URL(url).hostname,
  type,
  ...(integrity === undefined ? {} : { integrity }),
});

describe('no_sri: third-party scripts and stylesheets an element loads without a usable integrity', () => {
  it.each<[string, ResourceFact, ResourceContext, string | null]>([
    [
      'script without integrity',
      fact('https://cdn.example.net/lib-1.2.3.js', 'script', null),
      third,
      'medium',
    ],
    [
      'stylesheet without integrity',
      fact('https://cdn.example.net/a-1.0.css', 'stylesheet', null),
      third,
      'low',
    ],
    ['integrity present but empty', fact('https://cdn.example.net/x-2.0.js', 'script', ''), third, 'medium'],
    [
      'integrity with only an unsupported hash',
      fact('https://cdn.example.net/x.js', 'script', 'sha1-abc='),
      third,
      'medium',
    ],
    ['integrity not in the grammar', fact('https://cdn.example.net/x.js', 'script', 'yes'), third, 'medium'],
    ['a usable hash', fact('https://cdn.example.net/x.js', 'script', SHA384), third, null],
    [
      'a usable hash beside junk',
      fact('https://cdn.example.net/x.js', 'script', `md5-x ${SHA384}`),
      third,
      null,
    ],
    [
      'first party, even without integrity',
      fact('https://static.example.com/app.js', 'script', null),
      { pageUrl: PAGE, thirdParty: false },
      null,
    ],
    [
      'host not resolved yet (third party unknown)',
      fact('https://cdn.example.net/x.js', 'script', null),
      { pageUrl: PAGE, thirdParty: null },
      null,
    ],
    [
      'no element in the known HTML (script-inserted)',
      fact('https://cdn.example.net/x.js', 'script'),
      third,
      null,
    ],
    ['an image (SRI does not apply)', fact('https://cdn.example.net/x.png', 'image', null), third, null],
  ])('%s', (_label, f, ctx, severity) => {
    expect(noSriRisk(f, ctx)?.severity ?? null).toBe(severity);
  });

  it('says SRI cannot pin a tag manager, at low severity', () => {
    const risk = noSriRisk(fact('https://www.googletagmanager.com/gtm.js', 'script', null), {
      ...third,
      category: 'tag-manager',
    });
    expect(risk).toMatchObject({ severity: 'low' });
    expect(risk?.message).toMatch(/cannot pin/);
  });

  it.each([
    ['https://code.jquery.com/jquery-3.7.1.min.js', 'pins a version'],
    ['https://cdn.jsdelivr.net/npm/vue@3.4.21/dist/vue.global.js', 'pins a version'],
    ['https://cdn.example.net/assets/main.3f2a9c1b.js', 'pins a version'],
    ['https://cdn.example.net/v2.1/sdk.js', 'pins a version'],
    ['https://js.example.net/widget.js', 'names no version'],
    ['https://cdn.example.net/latest/sdk.js', 'names no version'],
  ])('%s: the advice says its URL %s', (url, words) => {
    expect(noSriRisk(fact(url, 'script', null), third)?.message).toContain(words);
  });

  it('quotes the attribute as written in the evidence', () => {
    expect(noSriRisk(fact('https://cdn.example.net/x.js', 'script', 'sha1-abc='), third)?.evidence).toBe(
      'integrity="sha1-abc=" on the element loading https://cdn.example.net/x.js: no sha256, sha384 or sha512 digest the browser can use, so it checks nothing',
    );
  });
});

describe('insecure_transport: plain http on an https page', () => {
  it.each<[string, string, ResourceType, string | null]>([
    ['form target', 'http://forms.example.net/submit', 'form', 'high'],
    ['iframe', 'http://embed.example.net/player', 'iframe', 'medium'],
    ['script', 'http://cdn.example.net/a.js', 'script', 'medium'],
    ['web socket', 'ws://live.example.net/feed', 'websocket', 'medium'],
    ['image', 'http://img.example.net/a.png', 'image', 'low'],
    ['first-party image', 'http://www.example.com/a.png', 'image', 'low'],
    ['https image', 'https://img.example.net/a.png', 'image', null],
    ['wss socket', 'wss://live.example.net/feed', 'websocket', null],
    ['a preconnect hint fetches nothing', 'http://cdn.example.net/', 'hint', null],
    ['the document itself (a redirect hop)', 'http://www.example.com/', 'document', null],
  ])('%s', (_label, url, type, severity) => {
    expect(insecureTransportRisk(fact(url, type), third)?.severity ?? null).toBe(severity);
  });

  it('flags nothing on a page that is itself served over http', () => {
    const ctx = { pageUrl: 'http://www.example.com/', thirdParty: true };
    expect(insecureTransportRisk(fact('http://forms.example.net/submit', 'form'), ctx)).toBeNull();
  });

  it('names the resource and the page origin in the evidence', () => {
    expect(insecureTransportRisk(fact('http://img.example.net/a.png', 'image'), third)?.evidence).toBe(
      'http://img.example.net/a.png (image) on a page served over https (https://www.example.com)',
    );
  });
});

describe('resourceRisks', () => {
  it('adds known_compromised for a resource on a listed domain, first of all', () => {
    const risks = resourceRisks(fact('http://cdn.polyfill.io/v3/polyfill.min.js', 'script', null), third);
    expect(risks.map((r) => r.code)).toEqual(['known_compromised', 'insecure_transport', 'no_sri']);
  });

  it('returns nothing for a clean resource', () => {
    expect(resourceRisks(fact('https://cdn.example.net/a.png', 'image'), third)).toEqual([]);
  });

  it('keeps every text within the saved-report bound', () => {
    const long = `https://cdn.example.net/${'a'.repeat(600)}.js`;
    for (const risk of resourceRisks(fact(long, 'script', 'sha1-x'), third)) {
      expect(risk.message.length).toBeLessThanOrEqual(500);
      expect(risk.evidence.length).toBeLessThanOrEqual(500);
    }
  });
});
