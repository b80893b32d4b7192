/** Latency percentiles by sorting every sample: exact, and cheap at benchmark sizes. */

export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
}

/** Nearest-rank percentiles in the samples' unit; NaN when there are none. */
export function percentiles(samples: readonly number[]): Percentiles {
  if (samples.length === 0) return { p50: Number.NaN, p99: Number.NaN };
  const sorted = Float64Array.from(samples).sort();
  return { p50: rank(sorted, 0.5), p99: rank(sorted, 0.99) };
}

function rank(sorted: Float64Array, quantile: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}
