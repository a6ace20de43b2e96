import { describe, expect, it } from 'vitest';
import { findSinglePointsOfFailure } from '../../../src/core/map/spof.ts';
import { shopReport } from './fixture-report.ts';

const brief = (report = shopReport()) =>
  findSinglePointsOfFailure(report).map((s) => `${s.kind} ${s.name} ${s.hosts.length} ${s.renderBlocking}`);

describe('findSinglePointsOfFailure', () => {
  it('the shop: DNS on Cloudflare only; Cloudflare (CDN or DNS) under every blocking resource; CloudFront and Fastly under one each; jsDelivr the company', () => {
    expect(brief()).toEqual([
      'site-dns Cloudflare 2 0',
      // document + app.css (own DNS on Cloudflare) + lib.js (jsDelivr on Fastly and Cloudflare).
      'render-path Cloudflare 3 3',
      'blocking-network Amazon 1 1',
      'blocking-network Fastly 1 1',
      'blocking-third-party jsDelivr 1 1',
    ]);
  });

  it('labels each point as an operator (all its services) or a company', () => {
    const levels = findSinglePointsOfFailure(shopReport()).map((s) => `${s.level} ${s.name} ${s.services}`);
    expect(levels).toEqual([
      'operator Cloudflare Cloudflare',
      'operator Cloudflare Cloudflare',
      'operator Amazon Amazon CloudFront',
      'operator Fastly Fastly',
      'company jsDelivr ',
    ]);
  });

  it('a company whose blocking hosts its own network entry already covers is not listed twice', () => {
    const report = shopReport();
    // jsDelivr's host now on Fastly only, and jsDelivr run by Fastly: the Fastly entry says it all.
    report.hosts[2]!.providers = [{ name: 'Fastly', role: 'cdn', signal: 'cname' }];
    report.hosts[2]!.entity.company = 'Fastly';
    expect(brief(report).filter((s) => s.includes('Fastly'))).toEqual(['blocking-network Fastly 1 1']);
  });

  it('a second DNS provider on any own host removes the site-dns point', () => {
    const report = shopReport();
    report.hosts[0]!.providers.push({ name: 'NS1', role: 'dns', signal: 'ns' });
    expect(brief(report)).not.toContainEqual(expect.stringMatching(/^site-dns/));
  });

  it('one operator under every render-blocking resource is a render-path point', () => {
    const report = shopReport();
    report.resources = report.resources.filter((r) => r.url !== 'https://static.shop.example/app.css');
    // Left: the document (Cloudflare) and lib.js (Fastly + Cloudflare).
    expect(brief(report)).toContain('render-path Cloudflare 2 2');
  });

  it('DNS counts: an own host on CloudFront whose DNS is Cloudflare still depends on Cloudflare', () => {
    const report = shopReport();
    report.resources = report.resources.filter((r) => r.host !== 'cdn.jsdelivr.net');
    // document (Cloudflare CDN + DNS) and app.css (CloudFront, DNS Cloudflare).
    expect(brief(report)).toContain('render-path Cloudflare 2 2');
    expect(brief(report)).toContain('blocking-network Amazon 1 1');
  });

  it('says nothing about the render path when a blocking host is unresolved', () => {
    const report = shopReport();
    report.resources.push({ ...report.resources[9]!, type: 'stylesheet', renderBlocking: true });
    expect(brief(report).filter((s) => s.startsWith('render-path'))).toEqual([]);
    // ...but the unknown host still serves a blocking resource.
    expect(brief(report)).toContain('blocking-third-party broken.example 1 1');
  });

  it('finds only the render path when no host has DNS data and nothing third-party blocks', () => {
    const report = shopReport();
    for (const h of report.hosts) h.providers = h.providers.filter((p) => p.role !== 'dns');
    report.resources = report.resources.filter((r) => r.host !== 'cdn.jsdelivr.net');
    report.resources = report.resources.filter((r) => r.host !== 'static.shop.example');
    expect(brief(report)).toEqual(['render-path Cloudflare 1 1']);
  });

  it('writes sentences a person can act on, naming the kind', () => {
    const [dns, path, network, , company] = findSinglePointsOfFailure(shopReport());
    expect(dns!.message).toBe(
      "Your site's DNS is on one provider, Cloudflare: if it goes down, visitors cannot find your site at all.",
    );
    expect(path!.message).toMatch(
      /^Every render-blocking resource \(3\) depends on Cloudflare \(CDN or DNS\)/,
    );
    expect(network!.message).toMatch(/^Amazon \(CDN\) carries 1 of your 3 render-blocking resources/);
    expect(company!.message).toMatch(
      /^The company jsDelivr serves 1 render-blocking resource \(cdn\.jsdelivr\.net\)/,
    );
  });
});
