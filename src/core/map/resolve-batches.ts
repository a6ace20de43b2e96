/**
 * Resolves a host list through /api/resolve in batches, a few at a time, reporting each batch as it lands
 * so the page can draw partial results. Pure: the call itself is passed in. One failed batch becomes
 * unresolved hosts carrying the API's error; it never fails the map.
 */
import type { ResolvedHost } from '../resolve/types.ts';
import { unresolvedHost } from './hosts.ts';

/**
 * Batches in flight at once. Each /api/resolve call itself runs up to 6 DoH queries in parallel; 2 calls
 * keep the browser's 6-connections-per-origin limit free for the page, and stay polite to the API.
 */
export const RESOLVE_CONCURRENCY = 2;

export interface BatchError {
  code: string;
  message: string;
}

export interface BatchOutcome {
  hosts: string[];
  resolved: ResolvedHost[];
  error: BatchError | null;
  /** Batches finished so far (this one included) and in total. */
  done: number;
  total: number;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 1)) throw new RangeError('batch size must be at least 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function resolveInBatches(options: {
  hosts: readonly string[];
  batchSize: number;
  concurrency?: number;
  /** First-party test for hosts whose batch failed (the API normally decides). */
  isFirstParty?: (host: string) => boolean;
  resolve: (hosts: string[]) => Promise<ResolvedHost[]>;
  onBatch?: (outcome: BatchOutcome) => void;
  signal?: AbortSignal;
}): Promise<ResolvedHost[]> {
  const batches = chunk(options.hosts, options.batchSize);
  const concurrency = Math.max(1, options.concurrency ?? RESOLVE_CONCURRENCY);
  const results: ResolvedHost[][] = new Array(batches.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < batches.length) {
      const i = next++;
      const hosts = batches[i]!;
      let resolved: ResolvedHost[];
      let error: BatchError | null = null;
      if (options.signal?.aborted) {
        error = { code: 'aborted', message: 'Stopped before this batch was sent.' };
        resolved = [];
      } else {
        try {
          resolved = await options.resolve(hosts);
        } catch (thrown) {
          error = toBatchError(thrown);
          resolved = [];
        }
      }
      // Hosts the answer left out are unknown, not missing: keep them visible with the reason.
      const answered = new Set(resolved.map((h) => h.host));
      for (const host of hosts) {
        if (answered.has(host)) continue;
        const reason = error ?? { code: 'not_answered', message: 'The resolver did not return this host.' };
        resolved.push(
          unresolvedHost(host, reason.code, reason.message, options.isFirstParty?.(host) ?? false),
        );
      }
      results[i] = resolved;
      done++;
      options.onBatch?.({ hosts, resolved, error, done, total: batches.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  return results.flat();
}

function toBatchError(thrown: unknown): BatchError {
  if (typeof thrown === 'object' && thrown !== null && 'code' in thrown && 'message' in thrown) {
    return { code: String(thrown.code), message: String(thrown.message) };
  }
  return { code: 'network_error', message: thrown instanceof Error ? thrown.message : String(thrown) };
}
