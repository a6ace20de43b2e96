/**
 * A chain (chains.ts) in one plain sentence, as the mapper page, its tests and the docs state it:
 * "Your page (www.shop.example) loaded www.googletagmanager.com, which loaded connect.facebook.net,
 * which loaded www.facebook.com."
 */
import type { HostChain } from './chains.ts';

/** How the page names one of the site's hosts at the start of a chain. */
function siteLabel(host: string, pageHost: string | null): string {
  return host === pageHost ? `Your page (${host})` : `Your site's ${host}`;
}

/** "A loaded B, which loaded C, which loaded D." */
function loadSentence(first: string, rest: readonly string[]): string {
  return `${first} loaded ${rest.map((h, i) => (i === 0 ? h : `which loaded ${h}`)).join(', ')}.`;
}

export function describeChain(chain: HostChain, pageHost: string | null): string {
  if (chain.by === 'not-requested') {
    return `Named in your page's HTML, but the browser did not request ${chain.host} during the scan.`;
  }
  if (chain.path.length === 0) return `Nothing recorded says what requested ${chain.host}.`;
  const [first, ...rest] = chain.path as [string, ...string[]];
  const hosts = [...rest, chain.host];
  if (chain.capped) {
    return `A chain of more than ${chain.path.length} hosts, of which the last ones: ${loadSentence(first, hosts)}`;
  }
  switch (chain.start) {
    case 'site':
      return loadSentence(siteLabel(first, pageHost), hosts);
    case 'unknown':
      return loadSentence(`${first} (itself requested by something not recorded)`, hosts);
    case 'loop':
      return `${loadSentence(first, hosts).slice(0, -1)}; ${first} is in turn loaded by a host of this chain (a loop), so what started it is not recorded.`;
  }
}
