import { type RateCard, rational, type UsageDescription } from "@creditpool/core";
import type { PhaseTotals } from "./timed-store.ts";

export type UsageDatabase = "sqlite" | "postgres";

export interface UsageOptions {
  readonly batchSizes: readonly number[];
  readonly warmupMs: number;
  readonly measureMs: number;
  readonly databases: readonly UsageDatabase[];
  /** The PostgreSQL server on which a throwaway database is made. */
  readonly serverUrl: string;
  /** The engine's PostgreSQL connections. */
  readonly poolSize: number;
  readonly log: (line: string) => void;
}

export interface UsageRow {
  readonly database: UsageDatabase;
  readonly system: "engine" | "raw";
  readonly batchSize: number;
  /** Batches counted in the window (started after the warm-up, ended inside the window). */
  readonly batches: number;
  readonly events: number;
  readonly eventsPerSecond: number;
  /** Milliseconds per batch of events, from its first event to its last answer. */
  readonly p50: number;
  readonly p99: number;
  readonly cpuCores: number;
  /** Engine only: where a batch of events spends its time. */
  readonly detail: EngineDetail | null;
  readonly check: string;
  readonly ok: boolean;
}

export interface EngineDetail {
  /** Pricing and fingerprints: batch start to the last event submitted, ms per event batch. */
  readonly prepareMs: number;
  /** Engine batches (commits) per batch of events. */
  readonly engineBatches: number;
  /** Milliseconds per batch of events in each phase of the engine's transactions. */
  readonly phases: PhaseTotals;
}

export const models = ["large", "medium", "small"] as const;

/**
 * The rate card of the bench: input and output tokens per model, exact rationals in
 * micro-credits per token, a graduated tier on the large model's input, a catch-all price for
 * other models and a minimum charge of one micro-credit.
 */
export function benchRateCard(id: string, effectiveAt: number): RateCard {
  const flat = (numerator: bigint, denominator = 1n) => [
    { upTo: null, price: rational(numerator, denominator) },
  ];
  return {
    id,
    effectiveAt,
    minimumCharge: 1n,
    prices: [
      {
        meter: "input_tokens",
        dimensions: { model: "large" },
        tiers: [
          { upTo: 2_000n, price: rational(3n) },
          { upTo: null, price: rational(5n, 2n) },
        ],
      },
      { meter: "output_tokens", dimensions: { model: "large" }, tiers: flat(15n) },
      { meter: "input_tokens", dimensions: { model: "medium" }, tiers: flat(3n, 5n) },
      { meter: "output_tokens", dimensions: { model: "medium" }, tiers: flat(12n, 5n) },
      { meter: "input_tokens", dimensions: {}, tiers: flat(3n, 20n) },
      { meter: "output_tokens", dimensions: {}, tiers: flat(3n, 5n) },
    ],
  };
}

export interface UsageEvent {
  readonly id: string;
  /** As the API receives them: JSON numbers. */
  readonly quantities: { readonly input_tokens: number; readonly output_tokens: number };
  readonly dimensions: { readonly model: string };
}

/** The n-th event of a run: deterministic quantities and model, its own id. */
export function eventAt(prefix: string, n: number): UsageEvent {
  return {
    id: `${prefix}-${n.toString().padStart(10, "0")}`,
    quantities: {
      input_tokens: 200 + ((n * 7_919) % 3_800),
      output_tokens: 20 + ((n * 104_729) % 900),
    },
    dimensions: { model: models[n % models.length] ?? "small" },
  };
}

export function usageOf(event: UsageEvent): UsageDescription {
  return {
    quantities: {
      input_tokens: BigInt(event.quantities.input_tokens),
      output_tokens: BigInt(event.quantities.output_tokens),
    },
    dimensions: event.dimensions,
  };
}

export interface LoopResult {
  readonly batches: number;
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly latencies: number[];
  readonly cpuCores: number;
}

export interface LoopHooks {
  /** The first batch of the measured window is about to start. */
  readonly onWindowStart?: () => void;
  /** A batch inside the window has ended (the window's figures end here so far). */
  readonly onCounted?: () => void;
}

/**
 * One caller, batch after batch, for the warm-up then the measured window. A batch counts when it
 * starts after the warm-up and ends inside the window; the rate is over the exact span from the
 * first counted batch's start to the last one's end.
 */
export async function timedLoop(
  batchSize: number,
  runBatch: (first: number) => Promise<void>,
  warmupMs: number,
  measureMs: number,
  hooks: LoopHooks = {},
): Promise<LoopResult> {
  const begin = performance.now();
  const measureStart = begin + warmupMs;
  const measureEnd = measureStart + measureMs;
  const latencies: number[] = [];
  let next = 0;
  let firstStart: number | null = null;
  let lastEnd = 0;
  let cpuStart: NodeJS.CpuUsage | null = null;
  let cpuEnd: NodeJS.CpuUsage | null = null;
  for (;;) {
    const started = performance.now();
    if (started >= measureEnd) break;
    const inWindow = started >= measureStart;
    if (inWindow && firstStart === null) {
      hooks.onWindowStart?.();
      firstStart = performance.now();
      cpuStart = process.cpuUsage();
    }
    const from = firstStart !== null && inWindow ? Math.max(started, firstStart) : started;
    await runBatch(next);
    next += batchSize;
    const ended = performance.now();
    if (inWindow && ended <= measureEnd) {
      latencies.push(ended - from);
      lastEnd = ended;
      cpuEnd = process.cpuUsage(cpuStart ?? undefined);
      hooks.onCounted?.();
    }
  }
  const spanMs = firstStart === null ? 0 : lastEnd - firstStart;
  const events = latencies.length * batchSize;
  const cpuMs = cpuEnd === null ? 0 : (cpuEnd.user + cpuEnd.system) / 1000;
  return {
    batches: latencies.length,
    events,
    eventsPerSecond: spanMs > 0 ? (events / spanMs) * 1000 : 0,
    latencies,
    cpuCores: spanMs > 0 ? cpuMs / spanMs : 0,
  };
}
