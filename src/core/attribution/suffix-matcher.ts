/**
 * Suffix matching on label boundaries: "akamaiedge.net" matches "e123.a.akamaiedge.net" and
 * "akamaiedge.net" itself, never "notakamaiedge.net". The longest matching suffix wins, so a specific
 * rule ("cdn.digitaloceanspaces.com") beats a broader one. Replaces the loose substring rules of the
 * upstream lists (e.g. WebPageTest's ".google.") with exact suffixes.
 */
import { normaliseHost } from './host-name.ts';

export interface SuffixMatch<T> {
  suffix: string;
  value: T;
}

export type SuffixMatcher<T> = (host: string) => SuffixMatch<T> | null;

/** At most this many labels are tried per name (RFC 1035 names have at most 127 labels). */
const MAX_LABELS = 127;

export function createSuffixMatcher<T>(table: Readonly<Record<string, T>>): SuffixMatcher<T> {
  const bySuffix = new Map<string, T>(
    Object.entries(table).map(([suffix, value]) => [suffix.toLowerCase(), value]),
  );
  return (host) => {
    const name = normaliseHost(host);
    if (name === null) return null;
    let candidate = name;
    // Longest first: the full name, then drop one label at a time.
    for (let i = 0; i < MAX_LABELS; i++) {
      const value = bySuffix.get(candidate);
      if (value !== undefined) return { suffix: candidate, value };
      const dot = candidate.indexOf('.');
      if (dot === -1) return null;
      candidate = candidate.slice(dot + 1);
    }
    return null;
  };
}
