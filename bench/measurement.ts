/** One row of the benchmark's results, whatever system produced it. */
import type { BatchSummary } from "./engine-bench.ts";
import type { Percentiles } from "./latency.ts";

export type DatabaseName = "sqlite" | "postgres";

export type SystemName = "engine" | "naive" | "pgbench";

export interface Measurement {
  readonly database: DatabaseName;
  readonly system: SystemName;
  readonly callers: number;
  /** Hold+capture pairs per second; for pgbench, its single-row transactions per second. */
  readonly rate: number;
  /** Null for pgbench, whose transaction is a single operation. */
  readonly pair: Percentiles | null;
  readonly op: Percentiles;
  /** Bench process CPU over the window, in cores; null for pgbench (another process). */
  readonly cpuCores: number | null;
  readonly batches: BatchSummary | null;
  /** The no-overspend check and the verifier's verdict, in words. */
  readonly check: string;
  readonly ok: boolean;
}
