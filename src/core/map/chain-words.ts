/**
 * A chain (chains.ts) in one plain sentence, as the mapper page, its tests and the docs state it:
 * "Your page (www.shop.example) loaded www.googletagmanager.com, which loaded connect.facebook.net,
 * which loaded www.facebook.com."
 */
import type { InitiatorType } from '../scan/types.ts';
import type { HostChain } from './chains.ts';

/** How the page names one of the site's hosts at the start of a chain. */
function siteLabel(host: string, pageHost: string | null): string {
  return host === pageHost ? `Your page (${host})` : `Your site's ${host}`;
}

/** The verb of one step: a redirect sends the browser on; everything else is a request the host made. */
const verb = (step: InitiatorType | undefined) => (step === 'redirect' ? 'redirected to' : 'loaded');

/** "A loaded B, which redirected to C, which loaded D." */
function loadSentence(first: string, rest: readonly string[], steps: readonly InitiatorType[]): string {
  const tail = rest.map((h, i) => `${i === 0 ? '' : 'which '}${verb(steps[i])} ${h}`).join(', ');
  return `${first} ${tail}.`;
}

export function describeChain(chain: HostChain, pageHost: string | null): string {
  if (chain.by === 'not-requested') {
    return `Named in your page's HTML, but the browser did not request ${chain.host} during the scan.`;
  }
  if (chain.path.length === 0) return `Nothing recorded says what requested ${chain.host}.`;
  const [first, ...rest] = chain.path as [string, ...string[]];
  const hosts = [...rest, chain.host];
  if (chain.capped) {
    return `A chain of more than ${chain.path.length} hosts, of which the last ones: ${loadSentence(first, hosts, chain.steps)}`;
  }
  switch (chain.start) {
    case 'site':
      return loadSentence(siteLabel(first, pageHost), hosts, chain.steps);
    case 'unknown':
      return loadSentence(`${first} (itself requested by something not recorded)`, hosts, chain.steps);
    case 'loop':
      return `${loadSentence(first, hosts, chain.steps).slice(0, -1)}; ${first} is in turn loaded by a host of this chain (a loop), so what started it is not recorded.`;
  }
}
