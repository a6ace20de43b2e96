/**
 * Who runs a host: company, product and category from third-party-web
 * (https://github.com/patrickhulce/third-party-web, MIT), the dataset Lighthouse uses.
 *
 * The "nostats" subset carries every entity and domain without the HTTP Archive statistics, which this
 * project does not use. Unknown hosts get a made-up entity named after their registrable domain and
 * flagged `unrecognised`, as Lighthouse's entity classification does (`isUnrecognized`): unknown is data.
 *
 * third-party-web describes third parties as HTTP Archive sees them, so two of its habits need care here,
 * where a host may also be a big company's own site:
 * - an entity named after one product may claim the company's whole domain with a wildcard, and
 *   `getEntity` falls back to that wildcard for every host of the domain (COMPANY_SITES);
 * - an entity without a `company` field is its own company, so one owner splits into several
 *   (ENTITY_OWNERS).
 */
import thirdPartyWeb from 'third-party-web/nostats-subset.js';
import type { ResolvedHost } from '../resolve/types.ts';
import { companyOf } from './providers.ts';
import { operatorForHost } from './operator.ts';

export type HostEntity = ResolvedHost['entity'];

/** Category given to made-up entities; third-party-web's own catch-all category. */
export const UNRECOGNISED_CATEGORY = 'other';

/**
 * Registrable domains that are a company's own web site but which third-party-web files, through a
 * `*.<domain>` wildcard, under one product seen as a third party elsewhere (third-party-web 0.30.0,
 * data/entities.js). Without this, www.apple.com was "Auto Link Maker" (Apple's affiliate-link tool,
 * category ad) and www.microsoft.com was "Bing Ads". Applies only while the dataset still answers with
 * the product named in `via`, so it lapses by itself when the dataset is corrected; hosts the dataset
 * lists precisely under another entity (payments.amazon.com is Amazon Pay) keep that entity.
 */
export const COMPANY_SITES: Readonly<Record<string, { via: string; name: string; company: string }>> = {
  'apple.com': { via: 'Auto Link Maker', name: 'Apple', company: 'Apple' },
  'amazon.com': { via: 'Amazon Web Services', name: 'Amazon', company: 'Amazon' },
  'microsoft.com': { via: 'Bing Ads', name: 'Microsoft', company: 'Microsoft' },
  'msn.com': { via: 'Bing Ads', name: 'Microsoft', company: 'Microsoft' },
};

/**
 * Owners of third-party-web entities that lack a `company` field (the dataset then uses the entity's own
 * name), as of 2026. Other owner names go through companyOf (providers.ts: Facebook → Meta, Twitter →
 * X Corp., Amazon Web Services → Amazon), so an entity and the CDN or DNS provider behind it name the
 * same company on the map.
 */
export const ENTITY_OWNERS: Readonly<Record<string, string>> = {
  YouTube: 'Google',
  Blogger: 'Google',
  Firebase: 'Google',
  'Google FundingChoices': 'Google',
  Instagram: 'Meta',
  'Amazon Ads': 'Amazon',
  'Amazon Pay': 'Amazon',
  'Bing Ads': 'Microsoft',
  LinkedIn: 'Microsoft',
  'LinkedIn Ads': 'Microsoft',
  // cdnjs.cloudflare.com: the dataset's own "Cloudflare" entity is a separate company otherwise.
  'Cloudflare CDN': 'Cloudflare',
  // cdn.cookielaw.org: Optanon is OneTrust's cookie-consent product (OneTrust bought it in 2016).
  Optanon: 'OneTrust',
};

/** The company that owns a third-party-web company (or companyless entity) name. */
export function ownerOf(company: string): string {
  return Object.hasOwn(ENTITY_OWNERS, company) ? (ENTITY_OWNERS[company] as string) : companyOf(company);
}

/** The known third-party-web entity of a (normalised) host, or null. */
export function entityOf(host: string): HostEntity | null {
  // Through the URL parser: third-party-web finds the host with an ASCII-only pattern, so a Unicode
  // label would be cut to its ASCII tail (`bücher.example` → `cher.example`); punycode keeps it whole.
  let url: string;
  try {
    url = new URL(`https://${host}/`).href;
  } catch {
    return null;
  }
  const entity = thirdPartyWeb.getEntity(url);
  if (!entity) return null;
  const root = thirdPartyWeb.getRootDomain(url);
  const site = Object.hasOwn(COMPANY_SITES, root) ? COMPANY_SITES[root] : undefined;
  if (site && entity.name === site.via) {
    // The product's category (Auto Link Maker: ad) says nothing about the company's own site.
    return { name: site.name, company: site.company, category: UNRECOGNISED_CATEGORY, unrecognised: false };
  }
  const product = thirdPartyWeb.getProduct(url);
  return {
    name: entity.name,
    company: ownerOf(entity.company),
    category: product?.category ?? entity.category,
    unrecognised: false,
    ...(product ? { product: product.name } : {}),
  };
}

/**
 * The known entity, or one made up from the registrable domain (or the host itself, e.g. an IP literal).
 * A made-up entity on an operator's own domain (challenges.cloudflare.com, js.monitor.azure.com,
 * *.akamaized.net) stays `unrecognised` (no product is known) but names the operator as its company, so
 * it joins that company on the map instead of becoming a company of its own.
 */
export function entityForHost(host: string, site: string): HostEntity {
  return (
    entityOf(host) ?? {
      name: site,
      company: operatorForHost(host) ?? site,
      category: UNRECOGNISED_CATEGORY,
      unrecognised: true,
    }
  );
}
