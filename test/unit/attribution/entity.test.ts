import thirdPartyWeb from 'third-party-web/nostats-subset.js';
import { describe, expect, it } from 'vitest';
import {
  COMPANY_SITES,
  ENTITY_OWNERS,
  entityForHost,
  entityOf,
  ownerOf,
  UNRECOGNISED_CATEGORY,
} from '../../../src/core/attribution/entity.ts';
import { isFirstParty } from '../../../src/core/attribution/first-party.ts';

describe('entityOf: big companies with many products', () => {
  it.each<[host: string, name: string, company: string, category: string]>([
    // *.apple.com is third-party-web's "Auto Link Maker" (an ad product): the company's own site is Apple.
    ['www.apple.com', 'Apple', 'Apple', UNRECOGNISED_CATEGORY],
    ['apple.com', 'Apple', 'Apple', UNRECOGNISED_CATEGORY],
    ['images.apple.com', 'Apple', 'Apple', UNRECOGNISED_CATEGORY],
    // Apple's CDN domain is its own entity in the dataset, and stays so.
    ['is1-ssl.mzstatic.com', 'iTunes', 'Apple', 'content'],
    // One company, distinct entities: not collapsed into "Google".
    ['www.google.com', 'Other Google APIs/SDKs', 'Google', 'utility'],
    ['www.googletagmanager.com', 'Google Tag Manager', 'Google', 'tag-manager'],
    ['fonts.gstatic.com', 'Google Fonts', 'Google', 'cdn'],
    ['fonts.googleapis.com', 'Google Fonts', 'Google', 'cdn'],
    ['www.gstatic.com', 'Google CDN', 'Google', 'cdn'],
    ['www.google-analytics.com', 'Google Analytics', 'Google', 'analytics'],
    // Entities without a company field get their owner.
    ['www.youtube.com', 'YouTube', 'Google', 'video'],
    ['i.ytimg.com', 'YouTube', 'Google', 'video'],
    ['firebasestorage.googleapis.com', 'Firebase', 'Google', 'utility'],
    ['static.xx.fbcdn.net', 'Facebook', 'Meta', 'social'],
    ['connect.facebook.net', 'Facebook', 'Meta', 'social'],
    ['scontent.cdninstagram.com', 'Instagram', 'Meta', 'social'],
    ['s.yimg.com', 'Yahoo!', 'Yahoo!', 'ad'],
    ['cdn.shopify.com', 'Shopify', 'Shopify', 'hosting'],
    ['www.amazon.com', 'Amazon', 'Amazon', UNRECOGNISED_CATEGORY],
    ['payments.amazon.com', 'Amazon Pay', 'Amazon', 'utility'],
    ['www.microsoft.com', 'Microsoft', 'Microsoft', UNRECOGNISED_CATEGORY],
    ['www.bing.com', 'Bing Ads', 'Microsoft', 'ad'],
    ['platform.twitter.com', 'Twitter', 'X Corp.', 'social'],
    ['cdnjs.cloudflare.com', 'Cloudflare CDN', 'Cloudflare', 'cdn'],
    ['static.cloudflareinsights.com', 'Cloudflare', 'Cloudflare', 'utility'],
    ['cdn.cookielaw.org', 'Optanon', 'OneTrust', 'consent-provider'],
  ])('%s → %s (%s, %s)', (host, name, company, category) => {
    expect(entityOf(host)).toEqual({ name, company, category, unrecognised: false });
  });

  it('names the product when a third-party-web product pattern matches the host', () => {
    expect(entityOf('beacon-v2.helpscout.net')).toMatchObject({
      name: 'Help Scout',
      product: 'Help Scout Beacon',
      unrecognised: false,
    });
  });
});

describe('entityOf: unknown and hostile hosts', () => {
  it.each([
    ['example.org'],
    ['bücher.example'],
    // A Unicode prefix must not let a look-alike domain pass as the ASCII domain it ends with.
    ['äfacebook.com'],
    ['not a host'],
    ['2001:db8::1'],
    [''],
  ])('%j → null', (host) => {
    expect(entityOf(host)).toBeNull();
  });

  it('makes up an unrecognised entity from the site', () => {
    expect(entityForHost('cdn.example-shop.de', 'example-shop.de')).toEqual({
      name: 'example-shop.de',
      company: 'example-shop.de',
      category: UNRECOGNISED_CATEGORY,
      unrecognised: true,
    });
  });
});

describe('first party by entity, with the corrected names', () => {
  it.each<[host: string, page: string, expected: boolean]>([
    ['images.apple.com', 'https://www.apple.com/', true],
    ['is1-ssl.mzstatic.com', 'https://www.apple.com/', false],
    ['i.ytimg.com', 'https://www.youtube.com/', true],
    // Same company, different entity: third party (Lighthouse's rule).
    ['www.googletagmanager.com', 'https://www.youtube.com/', false],
    ['fonts.gstatic.com', 'https://www.google.com/', false],
  ])('%s on %s → %s', (host, page, expected) => {
    expect(isFirstParty(host, page)).toBe(expected);
  });
});

describe('the correction tables against the dataset (integrity)', () => {
  const byName = new Map(thirdPartyWeb.entities.map((e) => [e.name, e]));

  it.each(Object.entries(COMPANY_SITES))('%s is still claimed by %o through a wildcard', (domain, site) => {
    expect(byName.get(site.via)?.domains).toContain(`*.${domain}`);
    expect(thirdPartyWeb.getEntity(`https://www.${domain}/`)?.name).toBe(site.via);
  });

  it.each(Object.keys(ENTITY_OWNERS))('%s still has no company of its own in the dataset', (name) => {
    // cloneEntities in third-party-web copies the name into `company` when the field is missing.
    expect(byName.get(name)?.company).toBe(name);
  });

  it('maps owner names through the provider table, so entities and providers agree', () => {
    expect(ownerOf('Facebook')).toBe('Meta');
    expect(ownerOf('Amazon Web Services')).toBe('Amazon');
    expect(ownerOf('Some Startup')).toBe('Some Startup');
  });

  it('finds every entity again from each of its own (lower-case) domains', () => {
    const misses: string[] = [];
    let swept = 0;
    for (const entity of thirdPartyWeb.entities) {
      // Three dataset entries are mixed case (e.g. *.Quinstreet.com): no normalised host can match them.
      for (const domain of entity.domains.filter((d) => d === d.toLowerCase())) {
        const host = domain.startsWith('*.') ? `sub.${domain.slice(2)}` : domain;
        const root = thirdPartyWeb.getRootDomain(`https://${host}/`);
        const site = Object.hasOwn(COMPANY_SITES, root) ? COMPANY_SITES[root] : undefined;
        const expected = site && site.via === entity.name ? site.name : entity.name;
        swept += 1;
        if (entityOf(host)?.name !== expected) misses.push(`${domain} → ${entityOf(host)?.name}`);
      }
    }
    expect(swept).toBeGreaterThan(3000);
    expect(misses).toEqual([]);
  });
});
