/**
 * A counting semaphore: at most `limit` tasks run at once, the rest wait by priority, then FIFO. Workers allow
 * 6 simultaneous outbound connections per request; more are queued by the runtime anyway, but queueing
 * here keeps each query's timeout from ticking while it waits for a connection.
 */
export interface Limiter {
  /** Runs the task when a slot is free; lower `priority` first, FIFO within a priority. */
  run<T>(task: () => Promise<T>, priority?: number): Promise<T>;
  /** Tasks running now. */
  active(): number;
  /** Most tasks that ever ran at once (tests prove the bound with it). */
  peak(): number;
}

export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  let running = 0;
  let peak = 0;
  const waiting: Array<{ priority: number; start: () => void }> = [];
  const release = () => {
    running--;
    waiting.shift()?.start();
  };
  return {
    async run(task, priority = 0) {
      if (running >= limit) {
        await new Promise<void>((start) => {
          // Insert after every waiter of the same or higher priority (stable, so FIFO within a priority).
          const index = waiting.findIndex((w) => w.priority > priority);
          waiting.splice(index === -1 ? waiting.length : index, 0, { priority, start });
        });
      }
      running++;
      peak = Math.max(peak, running);
      try {
        return await task();
      } finally {
        release();
      }
    },
    active: () => running,
    peak: () => peak,
  };
}
