/**
 * Operator names without the heavy tables: the provider-name table (providers.ts), the DNS-provider
 * name-server table and the operators' own domains, matched by walking a name's labels. No tldts, no CDN
 * suffix list, no third-party-web, so the mapper page can import it (its JS budget) while the resolver
 * states `operator` on every attribution with the full rules (operator.ts).
 */
import type { ProviderAttribution } from '../resolve/types.ts';
import { matchDnsProvider } from './dns-provider.ts';
import { normaliseHost } from './host-name.ts';
import { companyOf, isKnownProvider } from './providers.ts';

/**
 * Registrable domains an operator runs for itself (status pages, beacons, challenges, telemetry) that
 * the CDN name table does not list because nothing is delivered for customers under them. Checked
 * against each company's published domain lists (2026): Cloudflare's Web Analytics beacon and
 * Turnstile, Azure Monitor, Amazon's own sites, Google's and Meta's static domains.
 */
export const OPERATOR_DOMAINS: Readonly<Record<string, string>> = {
  'cloudflareinsights.com': 'Cloudflare',
  'cloudflarestatus.com': 'Cloudflare',
  'azure.com': 'Microsoft',
  'azure.net': 'Microsoft',
  'microsoft.com': 'Microsoft',
  'msecnd.net': 'Microsoft',
  'windows.net': 'Microsoft',
  'msft.net': 'Microsoft',
  'azure-dns.com': 'Microsoft',
  'azure-dns.net': 'Microsoft',
  'azure-dns.org': 'Microsoft',
  'azure-dns.info': 'Microsoft',
  'amazon.com': 'Amazon',
  'media-amazon.com': 'Amazon',
  'ssl-images-amazon.com': 'Amazon',
  'awsstatic.com': 'Amazon',
  'gstatic.com': 'Google',
  'googleusercontent.com': 'Google',
  'googledomains.com': 'Google',
  'facebook.com': 'Meta',
  'facebook.net': 'Meta',
  'fbcdn.net': 'Meta',
  'akamai.com': 'Akamai',
  'akam.net': 'Akamai',
  'fastly.com': 'Fastly',
  'apple.com': 'Apple',
};

/**
 * Delivery suffixes of the big CDNs, a subset of the CDN name table (cdn.ts) repeated here so the page's
 * light rules give the same operator as the resolver without loading that table. Some are public suffixes
 * (cloudfront.net), so they are matched as suffixes, never as registrable domains.
 */
export const DELIVERY_SUFFIXES: Readonly<Record<string, string>> = {
  'cloudflare.com': 'Cloudflare',
  'cloudflare.net': 'Cloudflare',
  'cloudfront.net': 'Amazon',
  'amazonaws.com': 'Amazon',
  'akamaized.net': 'Akamai',
  'akamaihd.net': 'Akamai',
  'akamaiedge.net': 'Akamai',
  'edgekey.net': 'Akamai',
  'edgesuite.net': 'Akamai',
  'azureedge.net': 'Microsoft',
  'azurefd.net': 'Microsoft',
  'fastly.net': 'Fastly',
  'fastlylb.net': 'Fastly',
};

/** The operator whose own or delivery domain `name` is on (a label walk over both tables), or null. */
export function operatorOfOwnDomain(name: string): string | null {
  const host = normaliseHost(name);
  if (host === null) return null;
  const labels = host.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const suffix = labels.slice(i).join('.');
    if (Object.hasOwn(OPERATOR_DOMAINS, suffix)) return OPERATOR_DOMAINS[suffix] as string;
    if (Object.hasOwn(DELIVERY_SUFFIXES, suffix)) return DELIVERY_SUFFIXES[suffix] as string;
  }
  return null;
}

/**
 * The operator of a provider or service name, given how to look up a bare domain: the company table for
 * known provider names, `forDomain` for a domain-shaped name, else the name itself (an ASN label such as
 * "AS64500 EXAMPLE-NET" or an unknown provider is its own operator).
 */
export function operatorOfNameWith(name: string, forDomain: (domain: string) => string | null): string {
  if (isKnownProvider(name)) return companyOf(name);
  if (/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(name)) return forDomain(name) ?? name;
  return name;
}

/** The light operatorOf: own domains only for bare domains. */
export function operatorOfName(name: string): string {
  return operatorOfNameWith(name, operatorOfOwnDomain);
}

/** The operator of a name server: the DNS provider table, then the operators' own domains. */
export function operatorOfNameServer(ns: string): string | null {
  const dns = matchDnsProvider(ns);
  return dns ? companyOf(dns.provider) : operatorOfOwnDomain(ns);
}

/** An attribution's operator: as the resolver stated it, else derived from its name. */
export function operatorOfAttributionName(p: Pick<ProviderAttribution, 'name' | 'operator'>): string {
  return typeof p.operator === 'string' && p.operator.length > 0 ? p.operator : operatorOfName(p.name);
}
