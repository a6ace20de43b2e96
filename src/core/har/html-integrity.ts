/**
 * SRI facts from the page's own HTML inside a HAR: for every script, stylesheet and module preload an
 * element of the HTML loads, its `integrity` attribute as written, or null when the element has none.
 * The same element rules as the scanner (src/core/scan/element-rules.ts) read the same attributes, so a
 * HAR and a scan of one page agree. Requests the HTML does not name were made by scripts: SRI facts of
 * those are unknown and stay absent.
 */
import { resourcesOfElement } from '../scan/element-rules.ts';
import { decodeAttribute } from '../scan/html-entities.ts';
import type { ResourceKind } from '../scan/types.ts';
import { mergeIntegrity } from '../risk/sri.ts';
import { networkHost, storedUrl, tryUrl } from '../map/url.ts';
import { startTags } from './start-tags.ts';

/** Kinds whose element's integrity governs the file that runs or applies (scan-risks.ts agrees). */
const SRI_KINDS: ReadonlySet<ResourceKind> = new Set(['script', 'stylesheet', 'modulepreload']);

/** Stored URL (origin and path, as MapResource.url) → integrity as written, or null for none. */
export function integrityFacts(html: string, pageUrl: string): Map<string, string | null> {
  const facts = new Map<string, string | null>();
  let base = tryUrl(pageUrl);
  let baseSet = false;
  for (const tag of startTags(html)) {
    const attr = (name: string) => {
      const value = tag.attrs.get(name);
      return value === undefined ? null : decodeAttribute(value);
    };
    if (tag.name === 'base') {
      // Only the first <base href> counts (HTML standard, "frozen base URL").
      const href = attr('href');
      if (href !== null && !baseSet) {
        baseSet = true;
        const url = tryUrl(href.trim(), base?.href);
        if (url && (url.protocol === 'http:' || url.protocol === 'https:')) base = url;
      }
      continue;
    }
    for (const found of resourcesOfElement(tag.name, attr, { inHead: false })) {
      if (!SRI_KINDS.has(found.kind)) continue;
      const url = tryUrl(found.raw.trim(), base?.href);
      if (!url || !networkHost(url)) continue;
      const key = storedUrl(url);
      const merged = mergeIntegrity(facts.get(key), found.integrity ?? null);
      facts.set(key, merged ?? null);
    }
  }
  return facts;
}
