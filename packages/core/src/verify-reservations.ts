/**
 * The replay of what reservations count: for each pool, what its subtree drew from its parent's
 * own grants this period (`parentDrawn`) and holds on them now (`parentHeld`). A transfer out of
 * a grant at pool G for a consumer under G's child C counts for C: a hold while held, a capture
 * or usage once drawn. `verify` compares the pools' stored counters with this replay.
 */
import type { Micros } from "./amount.ts";
import { formatDecimal } from "./amount.ts";
import type { PeriodCounter, Pool, Transfer } from "./model.ts";
import { type Period, periods } from "./period.ts";
import { addToCounter } from "./state.ts";

type Flag = (rule: string, subject: string, detail: string) => void;

export class ReservationReplay {
  private readonly held = new Map<string, Micros>();
  private readonly drawn = new Map<string, Record<Period, PeriodCounter>>();

  /** `path` is the consumer's (the transfer's pool, nearest first); `grantPoolId` the grant's. */
  apply(t: Transfer, path: readonly Pool[], grantPoolId: string | undefined): void {
    if (t.grantId === null || grantPoolId === undefined || t.poolId === grantPoolId) return;
    const child = path.find((pool) => pool.parentId === grantPoolId);
    if (child === undefined) return;
    const toHold = t.creditAccount.startsWith("hold:");
    const fromHold = t.debitAccount.startsWith("hold:");
    const fromGrant = t.debitAccount.startsWith("grant:");
    const consumed = t.creditAccount.startsWith("consumed:");
    if (toHold && fromGrant) this.addHeld(child.id, t.amount);
    if (fromHold) this.addHeld(child.id, -t.amount);
    if (consumed && (fromHold || fromGrant)) {
      const counters = this.countersOf(child.id);
      for (const period of periods) addToCounter(counters[period], t.at, period, t.amount);
    }
  }

  compare(pools: readonly Pool[], flag: Flag): void {
    for (const pool of pools) {
      const subject = `pool ${pool.id}`;
      const held = this.held.get(pool.id) ?? 0n;
      if (held !== pool.parentHeld)
        flag(
          "projection",
          subject,
          `held on the parent's grants ${formatDecimal(pool.parentHeld)}, journal says ${formatDecimal(held)}`,
        );
      const replayed = this.countersOf(pool.id);
      for (const period of periods) {
        const a = pool.parentDrawn[period];
        const b = replayed[period];
        if (a.amount === b.amount && (a.start === b.start || a.amount === 0n)) continue;
        flag(
          "projection",
          subject,
          `drawn from the parent's grants this ${period} ${formatDecimal(a.amount)} from ${a.start}, journal says ${formatDecimal(b.amount)} from ${b.start}`,
        );
      }
    }
  }

  private addHeld(poolId: string, delta: Micros): void {
    this.held.set(poolId, (this.held.get(poolId) ?? 0n) + delta);
  }

  private countersOf(poolId: string): Record<Period, PeriodCounter> {
    let counters = this.drawn.get(poolId);
    if (counters === undefined) {
      counters = {
        day: { start: 0, amount: 0n },
        week: { start: 0, amount: 0n },
        month: { start: 0, amount: 0n },
      };
      this.drawn.set(poolId, counters);
    }
    return counters;
  }
}
