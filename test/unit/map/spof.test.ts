import { describe, expect, it } from 'vitest';
import { findSinglePointsOfFailure } from '../../../src/core/map/spof.ts';
import { shopReport } from './fixture-report.ts';

const brief = (report = shopReport()) =>
  findSinglePointsOfFailure(report).map((s) => `${s.kind} ${s.name} ${s.hosts.length} ${s.renderBlocking}`);

describe('findSinglePointsOfFailure', () => {
  it('the shop: DNS on Cloudflare only, jsDelivr in the render path; no common network (CloudFront + Cloudflare)', () => {
    expect(brief()).toEqual(['site-dns Cloudflare 2 0', 'blocking-third-party jsDelivr 1 1']);
  });

  it('a second DNS provider on any own host removes the site-dns point', () => {
    const report = shopReport();
    report.hosts[0]!.providers.push({ name: 'NS1', role: 'dns', signal: 'ns' });
    expect(brief(report)).not.toContainEqual(expect.stringMatching(/^site-dns/));
  });

  it('one network under every render-blocking resource is a render-path point', () => {
    const report = shopReport();
    report.resources = report.resources.filter((r) => r.url !== 'https://static.shop.example/app.css');
    // Left: the document (Cloudflare) and lib.js (Fastly + Cloudflare).
    expect(brief(report)).toContain('render-path Cloudflare 2 2');
  });

  it('says nothing about the render path when a blocking host is unresolved', () => {
    const report = shopReport();
    report.resources.push({ ...report.resources[9]!, type: 'stylesheet', renderBlocking: true });
    expect(brief(report).filter((s) => s.startsWith('render-path'))).toEqual([]);
    // ...but the unknown host still serves a blocking resource.
    expect(brief(report)).toContain('blocking-third-party broken.example 1 1');
  });

  it('finds nothing when no host has DNS data and nothing third-party blocks', () => {
    const report = shopReport();
    for (const h of report.hosts) h.providers = h.providers.filter((p) => p.role !== 'dns');
    report.resources = report.resources.filter((r) => r.host !== 'cdn.jsdelivr.net');
    report.resources = report.resources.filter((r) => r.host !== 'static.shop.example');
    expect(brief(report)).toEqual(['render-path Cloudflare 1 1']);
  });

  it('writes a sentence a person can act on', () => {
    const [dns] = findSinglePointsOfFailure(shopReport());
    expect(dns!.message).toMatch(/DNS is answered by Cloudflare alone/);
  });
});
