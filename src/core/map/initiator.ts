/**
 * Initiators as the map stores them, and the one reading of "who loaded this resource" (its loader) that
 * the chains, what breaks, the provider table, the graph and the exports share, so they always agree.
 */
import { INITIATOR_TYPES, type InitiatorType } from '../scan/types.ts';
import type { MapInitiator, MapResource } from './types.ts';
import { networkHost, storedUrl, tryUrl } from './url.ts';

/**
 * Chrome's Network.Initiator types outside our five: a signed exchange's inner request and a CORS
 * preflight name the request they belong to, not who made it, so they say nothing about a loader.
 * https://chromedevtools.github.io/devtools-protocol/tot/Network/#type-Initiator
 */
const OTHER_CHROME_TYPES = new Set(['signedexchange', 'preflight']);

/** Our initiator type for a browser's or exporter's word ("parser", "Script"…); null when it is none of them. */
export function initiatorTypeOf(word: unknown): InitiatorType | null {
  if (typeof word !== 'string') return null;
  const lower = word.toLowerCase();
  if ((INITIATOR_TYPES as readonly string[]).includes(lower)) return lower as InitiatorType;
  return OTHER_CHROME_TYPES.has(lower) ? 'other' : null;
}

/**
 * The initiator in stored form: its URL cut to origin and path like every URL of a report (a query can
 * carry tokens), with its host. A URL no report may hold (not http(s)/ws(s), a host that is no DNS name)
 * is left out and the type kept: "a script we cannot name" is still more than nothing.
 */
export function storedInitiator(type: InitiatorType, urlText?: string): MapInitiator {
  const url = urlText ? tryUrl(urlText) : null;
  const host = url ? networkHost(url) : null;
  return url && host ? { type, url: storedUrl(url), host } : { type };
}

/**
 * Host of whatever requested `resource`: the initiator's host, or what a report saved before initiators
 * existed says (`initiatorHost`, which only ever named another host). Undefined when nobody says.
 */
export function initiatorHostOf(resource: MapResource): string | undefined {
  return resource.initiator ? resource.initiator.host : resource.initiatorHost;
}

/**
 * The host that loaded `resource`, when that is another host. Undefined for a host loading its own files
 * (a self-load says nothing about who brought the host in) and when nobody says.
 */
export function loaderHost(resource: MapResource): string | undefined {
  const host = initiatorHostOf(resource);
  return host !== resource.host ? host : undefined;
}
