/** Nearest-rank percentiles for the benches' figures. */

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export type Percentiles<P extends number> = Record<`p${P}`, number>;

/** Rounded percentiles of `values`, keyed `p50`, `p95`, ... */
export function percentiles<P extends number>(values: number[], ps: readonly P[]): Percentiles<P> {
  return Object.fromEntries(ps.map((p) => [`p${p}`, Math.round(percentile(values, p))])) as Percentiles<P>;
}
