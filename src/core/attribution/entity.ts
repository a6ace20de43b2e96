/**
 * Who runs a host: company, product and category from third-party-web
 * (https://github.com/patrickhulce/third-party-web, MIT), the dataset Lighthouse uses.
 *
 * The "nostats" subset carries every entity and domain without the HTTP Archive statistics, which this
 * project does not use. Unknown hosts get a made-up entity named after their registrable domain and
 * flagged `unrecognised`, as Lighthouse's entity classification does (`isUnrecognized`): unknown is data.
 */
import thirdPartyWeb from 'third-party-web/nostats-subset.js';
import type { ResolvedHost } from '../deps/types.ts';

export type HostEntity = ResolvedHost['entity'];

/** Category given to made-up entities; third-party-web's own catch-all category. */
export const UNRECOGNISED_CATEGORY = 'other';

/** The known third-party-web entity of a (normalised) host, or null. */
export function entityOf(host: string): HostEntity | null {
  const url = `https://${host}/`;
  const entity = thirdPartyWeb.getEntity(url);
  if (!entity) return null;
  const product = thirdPartyWeb.getProduct(url);
  return {
    name: entity.name,
    company: entity.company,
    category: product?.category ?? entity.category,
    unrecognised: false,
    ...(product ? { product: product.name } : {}),
  };
}

/** The known entity, or one made up from the registrable domain (or the host itself, e.g. an IP literal). */
export function entityForHost(host: string, site: string): HostEntity {
  return entityOf(host) ?? { name: site, company: site, category: UNRECOGNISED_CATEGORY, unrecognised: true };
}
