import { describe, expect, it } from 'vitest';
import type { DependencyReport } from '../../../src/core/map/types.ts';
import { resolvedHost } from './fixture-host.ts';
import { applyOwnership, withDecision } from '../../../src/core/ownership/apply-ownership.ts';

const host = resolvedHost;

const report = (ownership?: DependencyReport['ownership']): DependencyReport => ({
  version: 1,
  method: 'har',
  page: 'https://www.news.example/',
  createdAt: '2026-12-03T00:00:00.000Z',
  source: {},
  resources: [],
  hosts: [
    host('www.news.example', 'news.example', { firstParty: true, nameServers: ['ns1.news.example'] }),
    host('static.newsimg.example', 'newsimg.example', { nameServers: ['ns1.news.example'] }),
    host('img.newsimg.example', 'newsimg.example', { nameServers: ['ns1.news.example'] }),
    host('widgets.example.org', 'example.org', { nameServers: ['kate.ns.cloudflare.com'] }),
  ],
  ...(ownership ? { ownership } : {}),
});
const firstParty = (r: DependencyReport) => r.hosts.filter((h) => h.firstParty).map((h) => h.host);

describe('applyOwnership', () => {
  it('counts hosts with evidence as first party and lists their site as suggested', () => {
    const view = applyOwnership(report());
    expect(firstParty(view.report)).toEqual([
      'www.news.example',
      'static.newsimg.example',
      'img.newsimg.example',
    ]);
    expect(view.sisters).toEqual([
      {
        site: 'newsimg.example',
        hosts: ['static.newsimg.example', 'img.newsimg.example'],
        evidence: [
          {
            kind: 'name-servers',
            text: 'newsimg.example is served by ns1.news.example, a name server under your domain news.example',
          },
        ],
        state: 'suggested',
      },
    ]);
  });

  it('keeps a rejected site a third party, and remembers the answer', () => {
    const view = applyOwnership(report([{ site: 'newsimg.example', decision: 'not-yours' }]));
    expect(firstParty(view.report)).toEqual(['www.news.example']);
    expect(view.sisters[0]?.state).toBe('not-yours');
  });

  it('counts a confirmed site as first party even without evidence', () => {
    const view = applyOwnership(report([{ site: 'example.org', decision: 'yours' }]));
    expect(firstParty(view.report)).toContain('widgets.example.org');
    expect(view.sisters.find((s) => s.site === 'example.org')).toMatchObject({
      state: 'yours',
      evidence: [],
    });
  });

  it('never changes the report it reads (its hosts keep the resolver’s verdict)', () => {
    const original = report();
    applyOwnership(original);
    expect(firstParty(original)).toEqual(['www.news.example']);
  });

  it('finds nothing without the page’s own host in the report', () => {
    const r = report();
    r.hosts = r.hosts.slice(1);
    expect(applyOwnership(r).sisters).toEqual([]);
  });
});

describe('withDecision', () => {
  it('sets, replaces and removes one site’s answer', () => {
    const r = report([{ site: 'a.example', decision: 'yours' }]);
    expect(withDecision(r, 'b.example', 'not-yours')).toEqual([
      { site: 'a.example', decision: 'yours' },
      { site: 'b.example', decision: 'not-yours' },
    ]);
    expect(withDecision(r, 'a.example', 'not-yours')).toEqual([{ site: 'a.example', decision: 'not-yours' }]);
    expect(withDecision(r, 'a.example', null)).toEqual([]);
  });
});
