/**
 * The closed-loop driver every benchmark shares: C async callers, each doing a hold, then a
 * capture of that hold, awaiting each, for a fixed time after a warm-up. Only the clock decides
 * when to stop: a target whose calls never yield to the event loop (better-sqlite3 is
 * synchronous) would starve a timer, so deadlines are checked in the callers themselves.
 */
import { type Percentiles, percentiles } from "./latency.ts";

/** One system under test: a hold answers a ticket to capture, or null when refused. */
export interface PairTarget<Ticket> {
  hold(): Promise<Ticket | null>;
  /** True when the capture was accepted. */
  capture(ticket: Ticket): Promise<boolean>;
}

export interface LoadOptions {
  readonly callers: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  /** Called about once a second with the time since the start and the pairs measured so far. */
  readonly onProgress?: (elapsedMs: number, pairs: number) => void;
  /** Called once when the warm-up ends, and once when the measured window ends. */
  readonly onMeasureStart?: () => void;
  readonly onMeasureEnd?: () => void;
}

export interface LoadResult {
  readonly callers: number;
  readonly measuredMs: number;
  /** Pairs completed inside the measured window. */
  readonly pairs: number;
  readonly pairsPerSecond: number;
  readonly pair: Percentiles;
  /** Holds and captures together, each from submit to answer. */
  readonly op: Percentiles;
  /** Holds refused and captures not accepted, over the whole run (warm-up included). */
  readonly refused: number;
  readonly errors: number;
  readonly firstError: string | null;
  /** Process CPU (user + system) over the measured window, as a share of one core. */
  readonly cpuCores: number;
}

export async function runClosedLoop<Ticket>(
  target: PairTarget<Ticket>,
  options: LoadOptions,
): Promise<LoadResult> {
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const measureUntil = measureFrom + options.measureMs;
  const pairLatencies: number[] = [];
  const opLatencies: number[] = [];
  let refused = 0;
  let errors = 0;
  let firstError: string | null = null;
  let nextProgress = start + 1000;
  let cpuAtStart: NodeJS.CpuUsage | null = null;
  let cpuAtEnd: NodeJS.CpuUsage | null = null;

  const observe = (now: number) => {
    if (cpuAtStart === null && now >= measureFrom) {
      cpuAtStart = process.cpuUsage();
      options.onMeasureStart?.();
    }
    if (cpuAtStart !== null && cpuAtEnd === null && now >= measureUntil) {
      cpuAtEnd = process.cpuUsage(cpuAtStart);
      options.onMeasureEnd?.();
    }
    if (now >= nextProgress) {
      nextProgress += 1000;
      options.onProgress?.(now - start, pairLatencies.length);
    }
  };

  const caller = async () => {
    for (;;) {
      const began = performance.now();
      observe(began);
      if (began >= measureUntil) return;
      try {
        const ticket = await target.hold();
        const held = performance.now();
        if (ticket === null) {
          refused += 1;
          continue;
        }
        const captured = await target.capture(ticket);
        const ended = performance.now();
        if (!captured) refused += 1;
        if (ended >= measureFrom && ended < measureUntil) {
          pairLatencies.push(ended - began);
          opLatencies.push(held - began, ended - held);
        }
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };

  await Promise.all(Array.from({ length: options.callers }, caller));
  observe(Math.max(performance.now(), measureUntil));
  const cpu = cpuAtEnd ?? { user: 0, system: 0 };
  const measuredMs = options.measureMs;
  return {
    callers: options.callers,
    measuredMs,
    pairs: pairLatencies.length,
    pairsPerSecond: (pairLatencies.length * 1000) / measuredMs,
    pair: percentiles(pairLatencies),
    op: percentiles(opLatencies),
    refused,
    errors,
    firstError,
    cpuCores: (cpu.user + cpu.system) / 1000 / measuredMs,
  };
}
