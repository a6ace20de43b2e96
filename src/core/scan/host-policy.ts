import { classifyAddress, parseIPv4, type AddressClass } from './classify-address.ts';

/**
 * Names that never lead to a public site, refused before any DNS lookup: special-use names (RFC 6761,
 * RFC 6762 `.local`, RFC 8375 `.home.arpa`), the ICANN-reserved private TLD `.internal` (2024) and cloud
 * metadata names. DNS answers are checked too, but a name we refuse outright costs no lookup and cannot be
 * rebound.
 */
const BLOCKED_SUFFIXES = [
  'localhost',
  'local',
  'internal',
  'home.arpa',
  'localdomain',
  'lan',
  'intranet',
  'corp',
];

/** Exact names of metadata services that are not covered by a suffix above. */
const BLOCKED_NAMES = new Set([
  'metadata',
  'instance-data',
  'metadata.google.internal',
  'metadata.azure.com',
]);

export type HostVerdict =
  | { kind: 'address'; address: string; class: AddressClass }
  | { kind: 'name'; name: string }
  | { kind: 'blocked-name'; name: string; reason: string };

/**
 * Looks at a WHATWG-normalised hostname (`url.hostname`): an IP literal is classified right away (the URL
 * parser already turned `2130706433`, `0x7f.1`, `0177.0.0.1` and `127.1` into `127.0.0.1`), a name is
 * checked against the blocked names.
 */
export function judgeHostname(hostname: string): HostVerdict {
  const bare = hostname.replace(/\.$/, '').toLowerCase();
  if (bare.startsWith('[') || parseIPv4(bare) !== null) {
    return { kind: 'address', address: bare.replace(/^\[|\]$/g, ''), class: classifyAddress(bare) };
  }
  if (!bare.includes('.'))
    return { kind: 'blocked-name', name: bare, reason: 'single-label names are intranet names' };
  if (BLOCKED_NAMES.has(bare)) return { kind: 'blocked-name', name: bare, reason: 'a cloud metadata name' };
  for (const suffix of BLOCKED_SUFFIXES) {
    if (bare === suffix || bare.endsWith(`.${suffix}`)) {
      return { kind: 'blocked-name', name: bare, reason: `names under .${suffix} are private` };
    }
  }
  return { kind: 'name', name: bare };
}
