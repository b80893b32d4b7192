/**
 * The reference model's proof of its own running figures: every few batches (and whenever asked,
 * at the end of a run) each figure is recomputed by scanning the books the naive way and compared
 * with the number kept as operations were applied. Lifetime totals (debt, consumed, breakage) are
 * proved from the last proved value plus the log written since, and the log is then cut back to
 * what a current period still needs, so a rescan costs the size of the books, not of the history.
 */
import type { Micros, Period } from "@creditpool/core";
import { formatDecimal } from "@creditpool/core";
import { ReferenceFigures } from "./reference-figures.ts";
import { type Dated, periodStartNaive } from "./reference-records.ts";

/** Rescan after batches 1, 2, 4, ... up to this, then after every this many batches. */
export const rescanEveryBatches = 256;

const periods: readonly Period[] = ["day", "week", "month"];

export class ReferenceRescan extends ReferenceFigures {
  private batchesSinceStart = 0;
  private readonly provenDebt = new Map<string, Micros>();
  private readonly provenConsumedEver = new Map<string, Micros>();
  private provenBreakage = 0n;
  /** Entries of `consumption` before this index are already in `provenConsumedEver`. */
  private consumptionProven = 0;

  /** Counts a batch, and rescans on the batches where one is due. */
  protected rescanWhenDue(): string | null {
    this.batchesSinceStart += 1;
    const count = this.batchesSinceStart;
    const due =
      count % rescanEveryBatches === 0 ||
      (count < rescanEveryBatches && (count & (count - 1)) === 0);
    return due ? this.rescan() : null;
  }

  /**
   * Recomputes every running figure from the books; names the first that disagrees (a failure
   * of the run), or proves them all and folds the logs into the proven totals.
   */
  rescan(): string | null {
    const wrong = this.scanHolds() ?? this.scanGrants() ?? this.scanLogs();
    if (wrong !== null) return `model rescan: ${wrong}`;
    this.fold();
    this.retireSettled();
    return null;
  }

  private scanHolds(): string | null {
    const byPool = new Map<string, Micros>();
    const byGrant = new Map<string, Micros>();
    const overage = new Map<string, Micros>();
    let open = 0;
    for (const hold of this.holdList) {
      if (hold.status !== "held") continue;
      open += 1;
      if (!this.openHoldSet.has(hold)) return `open hold ${hold.id} is not among the open holds`;
      for (const poolId of hold.pathIds)
        byPool.set(poolId, (byPool.get(poolId) ?? 0n) + hold.amount);
      for (const { grantId, amount } of hold.reservations) {
        const [figures, key] = grantId === null ? [overage, hold.carrierId] : [byGrant, grantId];
        figures.set(key, (figures.get(key) ?? 0n) + amount);
      }
    }
    if (open !== this.openHoldSet.size)
      return `${this.openHoldSet.size} open holds kept, ${open} by scan`;
    return (
      compare("held at pool", byPool, this.heldByPool) ??
      compare("held from grant", byGrant, this.heldByGrant) ??
      compare("overage held at carrier", overage, this.overageHeldByCarrier)
    );
  }

  private scanGrants(): string | null {
    let funded = 0;
    let pending = 0;
    for (const grant of this.grantList) {
      if (grant.remaining < 0n) return `grant ${grant.id} went below zero`;
      if (grant.closure === null && grant.remaining > 0n) {
        funded += 1;
        if (this.fundedGrants.get(grant.poolId)?.has(grant) !== true)
          return `grant ${grant.id} has credits but is not among its pool's funded grants`;
      }
      if (grant.closure === null && (!grant.activated || grant.expiresAt !== null)) {
        pending += 1;
        if (!this.pendingGrants.has(grant))
          return `grant ${grant.id} has something due but is not among the pending grants`;
      }
    }
    let fundedKept = 0;
    for (const grants of this.fundedGrants.values()) fundedKept += grants.size;
    if (funded !== fundedKept) return `${fundedKept} funded grants kept, ${funded} by scan`;
    if (pending !== this.pendingGrants.size)
      return `${this.pendingGrants.size} pending grants kept, ${pending} by scan`;
    return null;
  }

  private scanLogs(): string | null {
    const debt = new Map(this.provenDebt);
    for (const { carrierId, amount } of this.debtChanges)
      debt.set(carrierId, (debt.get(carrierId) ?? 0n) + amount);
    for (const [carrierId, amount] of debt)
      if (amount < 0n) return `debt of ${carrierId} went below zero`;
    const consumedEver = new Map(this.provenConsumedEver);
    for (const entry of this.consumption.slice(this.consumptionProven)) {
      const own = entry.pathIds[0];
      if (own !== undefined) consumedEver.set(own, (consumedEver.get(own) ?? 0n) + entry.amount);
    }
    let breakage = this.provenBreakage;
    for (const amount of this.forfeits) breakage += amount;
    const total = (amount: Micros) => new Map([["of the organization", amount]]);
    return (
      compare("breakage", total(breakage), total(this.breakageTotal)) ??
      compare("debt of", debt, this.debtByCarrier) ??
      compare("consumed ever at pool", consumedEver, this.consumedEverByPool) ??
      this.scanPeriods("consumed this", this.consumption, this.consumedByPool) ??
      this.scanPeriods("overage used this", this.overageDrawn, this.overageByCarrier)
    );
  }

  /** Each pool's figure for each current period, summed from the log's entries in that period. */
  private scanPeriods(
    what: string,
    log: readonly Dated[],
    kept: ReferenceFigures["consumedByPool"],
  ): string | null {
    for (const period of periods) {
      const start = periodStartNaive(this.now, period);
      const scanned = new Map<string, Micros>();
      for (const entry of log) {
        if (entry.starts[period] !== start) continue;
        for (const poolId of entry.pathIds)
          scanned.set(poolId, (scanned.get(poolId) ?? 0n) + entry.amount);
      }
      const running = new Map<string, Micros>();
      for (const [poolId, totals] of kept) running.set(poolId, this.inPeriod(totals, period));
      const wrong = compare(`${what} ${period} at`, scanned, running);
      if (wrong !== null) return wrong;
    }
    return null;
  }

  /** The proven figures become the base of the next rescan; what no period needs is let go. */
  private fold(): void {
    for (const [carrierId, amount] of this.debtByCarrier) this.provenDebt.set(carrierId, amount);
    for (const [poolId, amount] of this.consumedEverByPool)
      this.provenConsumedEver.set(poolId, amount);
    this.provenBreakage = this.breakageTotal;
    this.debtChanges = [];
    this.forfeits = [];
    this.consumption = this.inCurrentPeriods(this.consumption);
    this.consumptionProven = this.consumption.length;
    this.overageDrawn = this.inCurrentPeriods(this.overageDrawn);
  }

  private inCurrentPeriods(log: readonly Dated[]): Dated[] {
    const starts = periods.map((period) => periodStartNaive(this.now, period));
    const earliest = Math.min(...starts);
    return log.filter((entry) => periods.some((period) => entry.starts[period] >= earliest));
  }
}

/** Names the first key whose scanned and kept figures differ; a missing figure counts as zero. */
function compare(
  what: string,
  scanned: ReadonlyMap<string, Micros>,
  kept: ReadonlyMap<string, Micros>,
): string | null {
  for (const key of new Set([...scanned.keys(), ...kept.keys()])) {
    const byScan = scanned.get(key) ?? 0n;
    const running = kept.get(key) ?? 0n;
    if (byScan !== running)
      return `${what} ${key} is ${formatDecimal(byScan)} by scan, ${formatDecimal(running)} kept`;
  }
  return null;
}
