/**
 * "What breaks if X goes down": which provider the page shows first, and a plain answer for a major
 * provider the page does not use. The live map and a permalink use the same rule, so a shared link opens on
 * the same provider (docs/mapper.md, "What breaks").
 */
import type { ResolvedHost } from '../resolve/types.ts';
import { UNATTRIBUTED } from './hosts.ts';
import { mapSource, type MapSource } from './method-note.ts';
import type { ProviderRow } from './provider-table.ts';
import type { DependencyReport } from './types.ts';

/**
 * The provider shown first: the one carrying most render-blocking resources (the likeliest to blank the
 * page), then most resources, then most hosts, then by name, so the same report always opens on the same
 * provider whatever order the batches landed in. Null when no host is attributed yet.
 */
export function defaultBreaksProvider(rows: readonly ProviderRow[]): string | null {
  const candidates = rows.filter((r) => r.name !== UNATTRIBUTED);
  candidates.sort(
    (a, b) =>
      b.renderBlocking - a.renderBlocking ||
      b.resources - a.resources ||
      b.hosts.length - a.hosts.length ||
      a.name.localeCompare(b.name),
  );
  return candidates[0]?.name ?? null;
}

/**
 * Providers whose outages make the news, offered in the picker even when the page does not use them, so
 * "does my page depend on X?" gets an answer either way. `pattern` is matched against every trace of an
 * operator a host carries (attributions and their evidence, CNAMEs, name servers, AS name, company), so a
 * page that uses the operator under another name ("Cloudflare DNS", "AS13335 CLOUDFLARENET") is never told
 * it does not depend on it.
 */
export const MAJOR_PROVIDERS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'Cloudflare', pattern: /cloudflare/i },
  { name: 'Amazon CloudFront', pattern: /cloudfront|amazon|aws/i },
  { name: 'Amazon Web Services (AWS)', pattern: /amazon|aws/i },
  { name: 'Akamai', pattern: /akamai|edgekey|edgesuite|akadns|akam/i },
  { name: 'Fastly', pattern: /fastly/i },
  { name: 'Google Cloud', pattern: /google|gstatic|googleapis|1e100/i },
  { name: 'Microsoft Azure', pattern: /azure|microsoft|msedge|trafficmanager/i },
  { name: 'Amazon Route 53 (DNS)', pattern: /route ?53|awsdns|amazon/i },
  { name: 'NS1 (DNS)', pattern: /\bns1\b|nsone/i },
  { name: 'UltraDNS / Vercara (DNS)', pattern: /ultradns|vercara|neustar/i },
  { name: 'Oracle Dyn (DNS)', pattern: /\bdyn\b|dynect|oracle/i },
  { name: 'GoDaddy (DNS)', pattern: /godaddy|domaincontrol/i },
];

/** Every name that can tie a host to an operator. */
function traces(host: ResolvedHost): string[] {
  return [
    host.host,
    host.entity.company,
    host.entity.name,
    ...host.cnames,
    ...(host.nameServers ?? []),
    ...(host.asn ? [host.asn.name] : []),
    ...host.providers.flatMap((p) => [p.name, p.service ?? '', p.evidence ?? '']),
  ];
}

/** Major providers with no trace at all on any mapped host (and not already a row of the table). */
export function absentMajorProviders(report: DependencyReport, usedNames: readonly string[]): string[] {
  const all = report.hosts.flatMap(traces);
  return MAJOR_PROVIDERS.filter(
    (m) => !usedNames.includes(m.name) && !all.some((t) => m.pattern.test(t)),
  ).map((m) => m.name);
}

/** What each method could not see, said after "your page does not depend on X". */
const ABSENCE_CAVEATS: Record<MapSource, string> = {
  har: 'A HAR shows only what this one visit loaded: pages behind a login, other countries or later clicks may load more.',
  rendered:
    'A rendered scan shows one visit up to its time limit: pages behind a login, other countries or later clicks may load more.',
  static:
    'A static scan cannot see what scripts load at run time (tag managers, ads, chat and consent widgets): import a HAR to check those.',
};

/** The plain answer for a provider the page does not use, with what the method could not see. */
export function absenceAnswer(report: DependencyReport, provider: string): string {
  const mapped = report.hosts.length;
  const unknown = report.hosts.filter((h) => h.addresses.length === 0 && h.errors.length > 0).length;
  const hosts = `${mapped} host${mapped === 1 ? '' : 's'}`;
  const caveat = ABSENCE_CAVEATS[mapSource(report)];
  const gaps =
    unknown > 0
      ? ` ${unknown} of them could not be looked up, so for ${unknown === 1 ? 'that one' : 'those'} we cannot say.`
      : '';
  return `Your page does not depend on ${provider} (none of the ${hosts} we mapped resolve to it).${gaps} ${caveat}`;
}
