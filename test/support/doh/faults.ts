/**
 * Switchable faults of the local DoH server, set through its control endpoint. Rates are probabilities
 * per query drawn from a seeded PRNG (mulberry32), so a test run is reproducible. `match` limits the
 * faults to question names ending in that suffix, so parallel tests sharing one server do not disturb
 * each other.
 */
export interface FaultConfig {
  latencyMs: number;
  servfailRate: number;
  timeoutRate: number;
  malformedRate: number;
  truncatedRate: number;
  http5xxRate: number;
  seed: number;
  /** Apply faults (and latency) only to names ending with this suffix; empty = every name. */
  match: string;
}

export const NO_FAULTS: FaultConfig = {
  latencyMs: 0,
  servfailRate: 0,
  timeoutRate: 0,
  malformedRate: 0,
  truncatedRate: 0,
  http5xxRate: 0,
  seed: 1,
  match: '',
};

const RATE_KEYS = ['servfailRate', 'timeoutRate', 'malformedRate', 'truncatedRate', 'http5xxRate'] as const;

/** Merges a control request into the current config; throws a message for anything out of range. */
export function mergeFaults(current: FaultConfig, input: unknown): FaultConfig {
  if (typeof input !== 'object' || input === null) throw new Error('expected a JSON object');
  const next = { ...current };
  for (const [key, value] of Object.entries(input)) {
    // Not faults: the server acts on these itself.
    if (key === 'reset' || key === 'resetCounts' || key === 'resetRebind') continue;
    if (key === 'match') {
      if (typeof value !== 'string') throw new Error('match must be a string');
      next.match = value.toLowerCase();
    } else if (key === 'latencyMs' || key === 'seed') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        throw new Error(`${key} must be >= 0`);
      next[key] = value;
    } else if ((RATE_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || value < 0 || value > 1) throw new Error(`${key} must be within 0..1`);
      next[key as (typeof RATE_KEYS)[number]] = value;
    } else {
      throw new Error(`unknown key ${key}`);
    }
  }
  return next;
}

/** mulberry32: a tiny seeded PRNG, good enough to draw fault decisions. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
