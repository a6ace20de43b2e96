/**
 * CDN (and cloud storage) recognition from a name (the host or any CNAME in its chain) and from
 * response headers, using src/data/cdn-cnames.json (derived from WebPageTest, Apache-2.0, and
 * cdncheck, MIT; see scripts/data/cdn-cnames.ts for the curation).
 */
import { parse } from 'tldts';
import table from '../../data/cdn-cnames.json' with { type: 'json' };
import type { ProviderRole } from '../resolve/types.ts';
import { createSuffixMatcher } from './suffix-matcher.ts';
import { normaliseHost } from './host-name.ts';

export interface NameMatch {
  provider: string;
  role: ProviderRole;
  /** The matched suffix, or "<label>.*" for a brand-label rule. */
  suffix: string;
}

type Rule = [string, string];

const matchSuffix = createSuffixMatcher<Rule>(table.suffixes as unknown as Record<string, Rule>);
const brandLabels = table.brandLabels as unknown as Record<string, Rule>;

function toRole(role: string): ProviderRole {
  return role === 'cloud' ? 'cloud' : 'cdn';
}

/** The provider a name points at, or null. Longest suffix wins; brand labels are the fallback. */
export function matchCdnName(name: string): NameMatch | null {
  const host = normaliseHost(name);
  if (host === null) return null;
  const m = matchSuffix(host);
  if (m) return { provider: m.value[0], role: toRole(m.value[1]), suffix: m.suffix };
  // google.se, google.co.uk: the ICANN registrable domain minus its suffix. ICANN-only so that a tenant
  // of a private suffix (google.blogspot.com) is not Google.
  const parsed = parse(host, { allowPrivateDomains: false });
  const label = parsed.domainWithoutSuffix;
  if (parsed.isIcann && label && Object.hasOwn(brandLabels, label)) {
    const rule = brandLabels[label] as Rule;
    return { provider: rule[0], role: toRole(rule[1]), suffix: `${label}.${parsed.publicSuffix}` };
  }
  return null;
}

export interface HeaderMatch {
  provider: string;
  /** e.g. "server: cloudflare" or "x-served-by: cache-fra-1; x-cache: HIT". */
  evidence: string;
}

interface HeaderRule {
  provider: string;
  all: Array<[string, string]>;
}

const headerRules = table.headers as HeaderRule[];

/** Header values longer than this are truncated before matching (no real CDN header is near it). */
const MAX_HEADER_VALUE_LENGTH = 1024;

/**
 * Providers whose header rule matches: every [name, value] of a rule must match; an empty value means
 * "present". `Server` is matched as a prefix (WebPageTest's substring test let "now" match any server
 * containing "now"); other headers as substrings. Case-insensitive. One match per provider.
 */
export function matchCdnHeaders(headers: Record<string, string>): HeaderMatch[] {
  const lower = new Map<string, string>();
  for (const [k, v] of Object.entries(headers)) {
    if (typeof v === 'string') lower.set(k.toLowerCase(), v.slice(0, MAX_HEADER_VALUE_LENGTH));
  }
  const out: HeaderMatch[] = [];
  const seen = new Set<string>();
  for (const rule of headerRules) {
    if (seen.has(rule.provider)) continue;
    const evidence: string[] = [];
    const ok = rule.all.every(([name, expected]) => {
      const actual = lower.get(name);
      if (actual === undefined) return false;
      const a = actual.toLowerCase();
      const e = expected.toLowerCase();
      const hit = e === '' || (name === 'server' ? a.startsWith(e) : a.includes(e));
      if (hit) evidence.push(`${name}: ${actual}`);
      return hit;
    });
    if (ok) {
      seen.add(rule.provider);
      out.push({ provider: rule.provider, evidence: evidence.join('; ') });
    }
  }
  return out;
}
