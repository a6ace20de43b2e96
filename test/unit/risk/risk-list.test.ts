import { describe, expect, it } from 'vitest';
import type { DependencyReport, MapResource } from '../../../src/core/map/types.ts';
import type { ResolvedHost, Risk } from '../../../src/core/resolve/types.ts';
import { resolvedHost } from '../ownership/fixture-host.ts';
import { resourcesWithRisks } from '../../../src/core/risk/map-risks.ts';
import { missingSri, riskList, worstRiskByHost } from '../../../src/core/risk/risk-list.ts';

const host = (name: string, extra: Partial<ResolvedHost> = {}) => resolvedHost(name, name, extra);
const resource = (url: string, type: MapResource['type'], integrity?: string | null): MapResource => ({
  url,
  host: new URL(url).hostname,
  type,
  renderBlocking: false,
  blockingEvidence: 'scan',
  ...(integrity === undefined ? {} : { integrity }),
});
const dangling: Risk = {
  code: 'dangling_cname',
  severity: 'high',
  message: 'takeover',
  evidence: 'assets.news.example → gone.azurewebsites.net: NXDOMAIN (A, AAAA)',
};

function report(): DependencyReport {
  return {
    version: 1,
    method: 'har',
    page: 'https://www.news.example/',
    createdAt: '2026-12-03T00:00:00.000Z',
    source: { html: true },
    hosts: [
      host('www.news.example', { firstParty: true }),
      host('assets.news.example', { firstParty: true, risks: [dangling] }),
      host('cdn.polyfill.io'),
      host('cdn.example.net'),
      host('www.googletagmanager.com', {
        entity: { name: 'GTM', company: 'Google', category: 'tag-manager', unrecognised: false },
      }),
    ],
    resources: [
      resource('https://www.news.example/', 'document'),
      resource('https://www.news.example/app.js', 'script', null),
      resource('https://cdn.polyfill.io/v3/polyfill.min.js', 'script', null),
      resource('https://cdn.example.net/a-1.0.js', 'script', null),
      resource('https://cdn.example.net/b-1.0.js', 'script', ''),
      resource('https://cdn.example.net/c.css', 'stylesheet', null),
      resource('https://cdn.example.net/pinned-1.0.js', 'script', 'sha384-abcd'),
      resource('http://img.news.example/a.png', 'image'),
      resource('https://www.googletagmanager.com/gtm.js', 'script', null),
    ],
  };
}

describe('resourcesWithRisks: the map’s resources judged with their hosts’ verdicts', () => {
  it('flags third parties only, and leaves unresolved hosts for later', () => {
    const r = report();
    r.hosts = r.hosts.filter((h) => h.host !== 'cdn.example.net');
    const codes = Object.fromEntries(
      resourcesWithRisks(r).map((x) => [x.url, (x.risks ?? []).map((k) => k.code)]),
    );
    expect(codes).toEqual({
      'https://www.news.example/': [],
      'https://www.news.example/app.js': [],
      'https://cdn.polyfill.io/v3/polyfill.min.js': ['known_compromised', 'no_sri'],
      // cdn.example.net not resolved yet: third party or not is unknown
      'https://cdn.example.net/a-1.0.js': [],
      'https://cdn.example.net/b-1.0.js': [],
      'https://cdn.example.net/c.css': [],
      'https://cdn.example.net/pinned-1.0.js': [],
      'http://img.news.example/a.png': ['insecure_transport'],
      'https://www.googletagmanager.com/gtm.js': ['no_sri'],
    });
  });

  it('replaces risks a saved report carried with the ones the rules give now', () => {
    const r = report();
    r.resources[1]!.risks = [{ code: 'no_sri', severity: 'high', message: 'made up', evidence: 'x' }];
    expect(resourcesWithRisks(r)[1]!.risks).toBeUndefined();
  });
});

describe('riskList: one line per code and host, most severe first', () => {
  const r = report();
  r.resources = resourcesWithRisks(r);
  const list = riskList(r);

  it('orders by severity, then code, then host', () => {
    expect(list.map((i) => `${i.severity} ${i.code} ${i.host}`)).toEqual([
      'high known_compromised cdn.polyfill.io',
      'high dangling_cname assets.news.example',
      'medium no_sri cdn.example.net',
      'low no_sri www.googletagmanager.com',
      'low insecure_transport img.news.example',
    ]);
  });

  it('groups a host’s resources under one line with every URL and the most severe wording', () => {
    const cdn = list.find((i) => i.code === 'no_sri' && i.host === 'cdn.example.net')!;
    expect(cdn.urls).toEqual([
      'https://cdn.example.net/a-1.0.js',
      'https://cdn.example.net/b-1.0.js',
      'https://cdn.example.net/c.css',
    ]);
    expect(cdn.severity).toBe('medium');
    expect(cdn.evidence).toHaveLength(3);
  });

  it('leaves out no_sri of a host on the compromised list (remove it, do not pin it), but still counts it', () => {
    expect(list.some((i) => i.code === 'no_sri' && i.host === 'cdn.polyfill.io')).toBe(false);
    expect(r.resources.find((x) => x.host === 'cdn.polyfill.io')?.risks?.map((x) => x.code)).toEqual([
      'known_compromised',
      'no_sri',
    ]);
  });

  it('keeps the source and marks first-party hosts', () => {
    expect(list[0]?.source).toBe('https://sansec.io/research/polyfill-supply-chain-attack');
    expect(list.find((i) => i.code === 'dangling_cname')?.firstParty).toBe(true);
  });

  it('gives each host its worst severity, and counts scripts and stylesheets without SRI', () => {
    expect(Object.fromEntries(worstRiskByHost(r))).toEqual({
      'cdn.polyfill.io': 'high',
      'assets.news.example': 'high',
      'cdn.example.net': 'medium',
      'www.googletagmanager.com': 'low',
      'img.news.example': 'low',
    });
    expect(missingSri(r)).toEqual({ scripts: 4, stylesheets: 1 });
  });
});
