/**
 * Host-name normalisation shared by every table matcher. Kept apart from registrable.ts (tldts and the
 * third-party-web dataset) so the browser can match names without loading either.
 */

/** DNS names are at most 253 characters (RFC 1035 §2.3.4); longer input is junk. */
export const MAX_HOST_LENGTH = 253;

/**
 * Normalises a host: lower case, no trailing dot, no IPv6 brackets. Returns null for empty or
 * oversize input. Unicode (IDN) labels are kept as given; tldts matches them against the PSL as is.
 */
export function normaliseHost(host: string): string | null {
  if (typeof host !== 'string') return null;
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  while (h.endsWith('.')) h = h.slice(0, -1);
  if (h.length === 0 || h.length > MAX_HOST_LENGTH) return null;
  return h;
}
