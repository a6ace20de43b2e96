/**
 * Where the provider range index comes from: one big JSON value in KV (so the table can be refreshed
 * without a deploy), with the copy bundled at build time as the fallback. Built once per isolate.
 *
 * Refresh KV with `npm run data:ranges` then
 * `wrangler kv key put --binding KV provider-ranges:v1 --path src/data/provider-ranges.json`.
 */
import bundledTable from '../../src/data/provider-ranges.json' with { type: 'json' };
import { buildRangeIndex, type RangeIndex, type RangeTable } from '../../src/core/attribution/range-index.ts';

/** KV key of the table; bump the version when the JSON shape changes. */
export const RANGE_TABLE_KV_KEY = 'provider-ranges:v1';

export type RangeIndexOrigin = 'kv' | 'bundled';

let memo: Promise<{ index: RangeIndex; origin: RangeIndexOrigin }> | null = null;

/** The range index, memoised per isolate. A missing, unreadable or malformed KV value means "bundled". */
export async function loadRangeIndex(kv: KVNamespace | undefined): Promise<RangeIndex> {
  return (await loadRangeIndexWithOrigin(kv)).index;
}

/** As loadRangeIndex, also saying where the table came from (for tests and the bench). */
export function loadRangeIndexWithOrigin(
  kv: KVNamespace | undefined,
): Promise<{ index: RangeIndex; origin: RangeIndexOrigin }> {
  memo ??= build(kv).catch((error: unknown) => {
    // Never cache a failure: the next request tries again.
    memo = null;
    throw error;
  });
  return memo;
}

async function build(kv: KVNamespace | undefined): Promise<{ index: RangeIndex; origin: RangeIndexOrigin }> {
  if (kv) {
    try {
      const fromKv = await kv.get<RangeTable>(RANGE_TABLE_KV_KEY, 'json');
      if (isRangeTable(fromKv)) return { index: buildRangeIndex(fromKv), origin: 'kv' };
    } catch {
      // Malformed JSON or a KV outage: the bundled copy is always there.
    }
  }
  return { index: buildRangeIndex(bundledTable as RangeTable), origin: 'bundled' };
}

function isRangeTable(value: unknown): value is RangeTable {
  if (typeof value !== 'object' || value === null) return false;
  const entries = (value as { entries?: unknown }).entries;
  return (
    Array.isArray(entries) &&
    entries.length > 0 &&
    entries.every(
      (e: unknown) =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as RangeTable['entries'][number]).name === 'string' &&
        Array.isArray((e as RangeTable['entries'][number]).v4) &&
        Array.isArray((e as RangeTable['entries'][number]).v6),
    )
  );
}

/** Forgets the memoised index (tests only). */
export function resetRangeIndexMemo(): void {
  memo = null;
}
