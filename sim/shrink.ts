/**
 * Shrinks a failing run to a short sequence that still fails: drops chunks of commands (halving
 * the chunk size down to one command), then batches left empty, replaying after each try. The
 * result is printed as batches with their times, so a bug report can quote it whole.
 */
import type { Command } from "@creditpool/core";
import { describeCommand, describeTime } from "./describe.ts";
import {
  type Mismatch,
  type RecordedBatch,
  replayBatches,
  type SimulationOptions,
} from "./simulator.ts";

interface Item {
  readonly batch: number;
  readonly command: Command;
}

export interface ShrinkResult {
  readonly batches: readonly RecordedBatch[];
  readonly mismatch: Mismatch;
  readonly replays: number;
}

export interface ShrinkBudget {
  /** Stop trying after this many replays and keep the shortest failing sequence so far. */
  readonly replaysMax: number;
}

export async function shrinkFailure(
  batches: readonly RecordedBatch[],
  options: SimulationOptions,
  budget: ShrinkBudget = { replaysMax: 4000 },
): Promise<ShrinkResult | null> {
  const times = batches.map((batch) => batch.now);
  let kept = new Set(times.keys());
  let items: Item[] = batches.flatMap((batch, index) =>
    batch.commands.map((command) => ({ batch: index, command })),
  );
  let replays = 0;
  const attempt = async (candidate: Item[], batchesKept: Set<number>) => {
    replays += 1;
    const grouped = [...batchesKept].map((index) => ({
      now: times[index] ?? 0,
      commands: candidate.filter((item) => item.batch === index).map((item) => item.command),
    }));
    return replayBatches(grouped, options);
  };
  let mismatch = await attempt(items, kept);
  if (mismatch === null) return null;

  for (let chunk = Math.max(1, items.length >> 1); chunk >= 1; chunk >>= 1) {
    for (let start = 0; start < items.length && replays < budget.replaysMax; ) {
      const candidate = [...items.slice(0, start), ...items.slice(start + chunk)];
      const found = await attempt(candidate, kept);
      if (found === null) start += chunk;
      else [items, mismatch] = [candidate, found];
    }
  }
  for (const index of [...kept]) {
    if (replays >= budget.replaysMax) break;
    if (items.some((item) => item.batch === index)) continue;
    const fewer = new Set([...kept].filter((other) => other !== index));
    const found = await attempt(items, fewer);
    if (found !== null) [kept, mismatch] = [fewer, found];
  }
  const shrunk = [...kept].map((index) => ({
    now: times[index] ?? 0,
    commands: items.filter((item) => item.batch === index).map((item) => item.command),
  }));
  return { batches: shrunk, mismatch, replays };
}

export function formatBatches(batches: readonly RecordedBatch[]): string {
  const lines: string[] = [];
  for (const batch of batches) {
    lines.push(`batch at ${describeTime(batch.now)}`);
    for (const command of batch.commands) lines.push(`  ${describeCommand(command)}`);
  }
  return lines.join("\n");
}
