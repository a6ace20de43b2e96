import type { DnsCache, DnsCacheEntry } from './types.ts';

/** Entries kept by default: a few thousand questions is a few hundred KB, well inside a Worker's 128 MB. */
export const MEMORY_CACHE_MAX_ENTRIES = 5_000;

/**
 * An in-memory DnsCache with expiry on the caller's clock and oldest-first eviction (Map keeps insertion
 * order). Used in Node, in the browser, and per isolate in front of the Cache API.
 */
export function createMemoryCache(options: { now?: () => number; maxEntries?: number } = {}): DnsCache & {
  size(): number;
} {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? MEMORY_CACHE_MAX_ENTRIES;
  const entries = new Map<string, DnsCacheEntry>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry;
    },
    async set(key, entry) {
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    size: () => entries.size,
  };
}
