/**
 * DNS provider from a name-server host name (src/data/dns-providers.json, curated by hand).
 * A DNS provider is a dependency of its own: the 2016 Dyn outage took down sites whose CDN was fine.
 */
import table from '../../data/dns-providers.json' with { type: 'json' };
import { createSuffixMatcher } from './suffix-matcher.ts';
import { normaliseHost } from './host-name.ts';

export interface DnsProviderMatch {
  provider: string;
  /** The matched suffix or pattern. */
  rule: string;
}

const matchSuffix = createSuffixMatcher<string>(table.suffixes as Record<string, string>);
const patterns = (table.patterns as Array<{ pattern: string; provider: string }>).map((p) => ({
  re: new RegExp(p.pattern),
  source: p.pattern,
  provider: p.provider,
}));

export function matchDnsProvider(nameServer: string): DnsProviderMatch | null {
  const ns = normaliseHost(nameServer);
  if (ns === null) return null;
  const m = matchSuffix(ns);
  if (m) return { provider: m.value, rule: m.suffix };
  for (const p of patterns) if (p.re.test(ns)) return { provider: p.provider, rule: p.source };
  return null;
}
