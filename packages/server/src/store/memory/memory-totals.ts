/**
 * Ledger totals in process memory, with the databases' contract (`../totals.ts`): a step adds
 * its totals and moves the checkpoint together, or does nothing when the checkpoint moved.
 */
import { type Span, type Total, totalKeyText } from "@creditpool/core";
import type { Mutex } from "../mutex.ts";
import type { Behind, TotalsStore } from "../totals.ts";
import { compare } from "./kept.ts";

/** What the totals part uses of the memory store. */
export interface TotalsHost {
  readonly lock: Mutex;
  /** Each organization's next journal sequence. */
  nextSequences(): Iterable<[organizationId: string, nextSequence: number]>;
}

export class MemoryTotals implements TotalsStore {
  private readonly checkpoints = new Map<string, number>();
  private readonly totals = new Map<string, Map<string, Total>>();

  constructor(private readonly host: TotalsHost) {}

  async totalsCheckpoint(organizationId: string): Promise<number> {
    return this.checkpoints.get(organizationId) ?? 0;
  }

  addTotals(
    organizationId: string,
    from: number,
    to: number,
    totals: readonly Total[],
  ): Promise<boolean> {
    return this.host.lock.run(async () => {
      if ((this.checkpoints.get(organizationId) ?? 0) !== from) return false;
      this.checkpoints.set(organizationId, to);
      const kept = this.totals.get(organizationId) ?? new Map<string, Total>();
      this.totals.set(organizationId, kept);
      for (const total of totals) {
        const key = totalKeyText(total);
        const before = kept.get(key);
        kept.set(
          key,
          before === undefined
            ? { ...total }
            : {
                ...before,
                credits: before.credits + total.credits,
                firstSequence: Math.min(before.firstSequence, total.firstSequence),
              },
        );
      }
      return true;
    });
  }

  async readTotals(organizationId: string, span: Span, from: number, to: number) {
    const kept = this.totals.get(organizationId)?.values() ?? [];
    return [...kept]
      .filter((total) => total.span === span && total.start >= from && total.start < to)
      .map((total) => ({ ...total }));
  }

  async organizationsBehind(limit: number, after = ""): Promise<Behind[]> {
    const behind: Behind[] = [];
    for (const [organizationId, nextSequence] of this.host.nextSequences()) {
      if (compare(organizationId, after) <= 0) continue;
      const summedTo = this.checkpoints.get(organizationId) ?? 0;
      if (nextSequence - 1 > summedTo) behind.push({ organizationId, summedTo });
    }
    return behind.sort((a, b) => compare(a.organizationId, b.organizationId)).slice(0, limit);
  }
}
