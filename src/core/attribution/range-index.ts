/**
 * Longest-prefix lookup of an IP address in the provider range table (src/data/provider-ranges.json).
 *
 * CIDR blocks either nest or are disjoint, so the index flattens them once into sorted, disjoint
 * intervals, each labelled with the most specific block that covers it. A lookup is then one binary
 * search: CloudFront's /24 inside a broader AWS /16 answers CloudFront, the rest of the /16 answers AWS.
 * IPv4 intervals are plain numbers (exact up to 2^53); IPv6 uses BigInt.
 */
import type { ProviderRole } from '../resolve/types.ts';
import { parseCidr, parseCidr4, parseIp, type IpFamily } from './ip.ts';

/** One provider (or one service of a provider) and its published blocks, as stored in the JSON. */
export interface RangeTableEntry {
  /** Display name shared with the CNAME, ASN and NS tables, e.g. "Amazon CloudFront". */
  name: string;
  role: ProviderRole;
  /** Service detail where the vendor publishes it, e.g. "CloudFront" or "EC2". */
  service?: string;
  v4: string[];
  v6: string[];
}

/** The shipped table: provenance header plus entries. Extra keys are ignored. */
export interface RangeTable {
  entries: RangeTableEntry[];
}

export interface RangeMatch {
  /** Display name, e.g. "Amazon CloudFront", "Amazon Web Services", "Cloudflare". */
  provider: string;
  role: ProviderRole;
  service?: string;
  /** The matched block in CIDR notation, e.g. "13.224.0.0/14". */
  prefix: string;
}

interface FamilyIndex<N> {
  starts: N[];
  ends: N[];
  /** Index into `blocks` for each interval. */
  block: Int32Array;
}

interface Block {
  entry: number;
  prefix: string;
}

export interface RangeIndex {
  readonly v4: FamilyIndex<number>;
  readonly v6: FamilyIndex<bigint>;
  readonly blocks: readonly Block[];
  readonly entries: readonly Omit<RangeTableEntry, 'v4' | 'v6'>[];
  /** Number of CIDR blocks indexed (after skipping unparsable ones). */
  readonly size: number;
}

interface Pending<N> {
  start: N;
  end: N;
  bits: number;
  block: number;
}

/**
 * Builds the index from the table. Unparsable CIDRs and blocks listed under the wrong family are skipped
 * (the integrity tests guarantee the shipped table has none); when the same block appears twice, the
 * first entry in table order wins. `prefix` in matches is the CIDR text as the table spells it (the
 * generator writes canonical text).
 */
export function buildRangeIndex(table: RangeTable): RangeIndex {
  const blocks: Block[] = [];
  const pending4: Pending<number>[] = [];
  const pending6: Pending<bigint>[] = [];
  const entries = table.entries.map((e, i) => {
    for (const cidr of e.v4) add(cidr, i, 4);
    for (const cidr of e.v6) add(cidr, i, 6);
    return e.service === undefined
      ? { name: e.name, role: e.role }
      : { name: e.name, role: e.role, service: e.service };
  });

  function add(cidr: string, entry: number, family: IpFamily): void {
    if (family === 4) {
      const v4 = parseCidr4(cidr);
      if (!v4) return;
      const block = blocks.push({ entry, prefix: cidr }) - 1;
      pending4.push({ start: v4.first, end: v4.last, bits: v4.bits, block });
      return;
    }
    const parsed = parseCidr(cidr);
    if (!parsed || parsed.family !== 6) return;
    const block = blocks.push({ entry, prefix: cidr }) - 1;
    pending6.push({ start: parsed.network, end: parsed.last, bits: parsed.bits, block });
  }

  return {
    v4: flatten(pending4, (n, by) => n + by),
    v6: flatten(pending6, (n, by) => n + BigInt(by)),
    blocks,
    entries,
    size: blocks.length,
  };
}

/**
 * Sweeps nested CIDR blocks into disjoint intervals labelled with the innermost block.
 * Blocks are sorted by start, broader first; a stack holds the blocks that enclose the cursor.
 */
function flatten<N extends number | bigint>(
  pending: Pending<N>[],
  step: (n: N, by: -1 | 1) => N,
): FamilyIndex<N> {
  pending.sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : a.bits - b.bits || a.block - b.block,
  );
  const starts: N[] = [];
  const ends: N[] = [];
  const labels: number[] = [];
  const stack: Pending<N>[] = [];
  let cursor: N | null = null;

  // Emits coverage from the cursor up to and including `limit` (null: to the end), popping finished blocks.
  const drain = (limit: N | null): void => {
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Pending<N>;
      const segEnd = limit !== null && limit < top.end ? limit : top.end;
      if (cursor !== null && cursor <= segEnd) {
        starts.push(cursor);
        ends.push(segEnd);
        labels.push(top.block);
      }
      if (limit !== null && top.end > limit) {
        cursor = step(limit, 1);
        return;
      }
      cursor = step(top.end, 1);
      stack.pop();
    }
  };

  for (const p of pending) {
    const top = stack[stack.length - 1];
    // An exact duplicate of the enclosing block: the first in table order already won.
    if (top && top.start === p.start && top.bits === p.bits) continue;
    if (stack.length > 0) drain(step(p.start, -1));
    cursor = p.start;
    stack.push(p);
  }
  drain(null);

  return { starts, ends, block: Int32Array.from(labels) };
}

/** The provider whose most specific published block contains `ip`, or null (also for junk input). */
export function lookupAddress(index: RangeIndex, ip: string): RangeMatch | null {
  const parsed = parseIp(ip);
  if (!parsed) return null;
  const blockId =
    parsed.family === 4 ? search(index.v4, Number(parsed.value)) : search(index.v6, parsed.value);
  if (blockId === -1) return null;
  const block = index.blocks[blockId] as Block;
  const entry = index.entries[block.entry] as RangeIndex['entries'][number];
  return entry.service === undefined
    ? { provider: entry.name, role: entry.role, prefix: block.prefix }
    : { provider: entry.name, role: entry.role, service: entry.service, prefix: block.prefix };
}

function search<N extends number | bigint>(family: FamilyIndex<N>, value: N): number {
  const { starts, ends, block } = family;
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((starts[mid] as N) <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found === -1 || (ends[found] as N) < value) return -1;
  return block[found] as number;
}
