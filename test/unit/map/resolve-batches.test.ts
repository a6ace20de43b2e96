import { describe, expect, it } from 'vitest';
import { chunk, resolveInBatches, type BatchOutcome } from '../../../src/core/map/resolve-batches.ts';
import type { ResolvedHost } from '../../../src/core/resolve/types.ts';
import { shopHosts } from './fixture-report.ts';

const fake = (host: string): ResolvedHost => ({ ...shopHosts[2]!, host });
const hosts = Array.from({ length: 20 }, (_, i) => `h${i}.example`);

describe('chunk', () => {
  it.each([
    [[1, 2, 3, 4, 5], 2, [[1, 2], [3, 4], [5]]],
    [[1, 2], 9, [[1, 2]]],
    [[], 3, []],
  ])('%j by %i', (items, size, expected) => expect(chunk(items, size)).toEqual(expected));
  it('refuses a size below 1', () => expect(() => chunk([1], 0)).toThrow(RangeError));
});

describe('resolveInBatches', () => {
  it('sends batches of at most batchSize with at most `concurrency` in flight, and reports each', async () => {
    let inFlight = 0;
    let peak = 0;
    const sizes: number[] = [];
    const outcomes: BatchOutcome[] = [];
    const result = await resolveInBatches({
      hosts,
      batchSize: 9,
      concurrency: 2,
      resolve: async (batch) => {
        sizes.push(batch.length);
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return batch.map(fake);
      },
      onBatch: (o) => outcomes.push(o),
    });
    expect(sizes).toEqual([9, 9, 2]);
    expect(peak).toBe(2);
    expect(outcomes.map((o) => `${o.done}/${o.total}`)).toEqual(['1/3', '2/3', '3/3']);
    expect(result.map((h) => h.host)).toEqual(hosts);
  });

  it('turns a failed batch into unresolved hosts with the API error and keeps the others', async () => {
    const result = await resolveInBatches({
      hosts,
      batchSize: 9,
      resolve: async (batch) => {
        if (batch[0] === 'h9.example') throw { code: 'rate_limited', message: 'Slow down' };
        return batch.map(fake);
      },
      isFirstParty: (h) => h === 'h10.example',
    });
    const failed = result.filter((h) => h.errors.length > 0);
    expect(failed.map((h) => h.host)).toEqual(hosts.slice(9, 18));
    expect(failed[0]!.errors).toEqual([{ code: 'rate_limited', message: 'Slow down' }]);
    expect(failed[1]!.firstParty).toBe(true);
    expect(result).toHaveLength(20);
  });

  it('marks hosts the answer left out as not_answered', async () => {
    const result = await resolveInBatches({
      hosts: ['a.example', 'b.example'],
      batchSize: 9,
      resolve: async () => [fake('a.example')],
    });
    expect(result.map((h) => `${h.host} ${h.errors[0]?.code ?? 'ok'}`)).toEqual([
      'a.example ok',
      'b.example not_answered',
    ]);
  });

  it('stops sending after an abort, marking the rest aborted', async () => {
    const controller = new AbortController();
    const result = await resolveInBatches({
      hosts,
      batchSize: 5,
      concurrency: 1,
      signal: controller.signal,
      resolve: async (batch) => {
        controller.abort();
        return batch.map(fake);
      },
    });
    expect(result.filter((h) => h.errors[0]?.code === 'aborted')).toHaveLength(15);
  });

  it('network errors carry the thrown message', async () => {
    const [h] = await resolveInBatches({
      hosts: ['a.example'],
      batchSize: 9,
      resolve: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(h!.errors[0]).toEqual({ code: 'network_error', message: 'Failed to fetch' });
  });
});
