/**
 * The reference model's books: the pool tree, grants, holds and the dated logs of consumption,
 * overage and debt, with every figure a rule reads (held, consumed this period, overage used,
 * debt, burn order, the views) recomputed by scanning them. `ReferenceModel` adds time and
 * commands on top. Written from DESIGN §3, not from the core.
 */
import type {
  GrantStatus,
  HoldStatus,
  Micros,
  OverageLimit,
  Period,
  PoolBalances,
  PoolLimit,
} from "@creditpool/core";

/**
 * Rules the model may be told to get wrong, so a test can prove the simulator notices. Every
 * flag is false in a real run.
 */
export interface ModelFlips {
  /** Burn dearer credits first instead of cheaper ones. */
  readonly costBasisDescending: boolean;
  /** Treat a hold as expired only after `expires_at` instead of at it. */
  readonly holdExpiresAfterTtl: boolean;
}

export const noFlips: ModelFlips = { costBasisDescending: false, holdExpiresAfterTtl: false };

export interface GrantView {
  readonly remaining: Micros;
  readonly held: Micros;
  readonly status: GrantStatus;
}

export interface ModelPool {
  readonly id: string;
  readonly parentId: string | null;
  readonly drawsFromParent: boolean;
  limit: PoolLimit | null;
  overageLimit: OverageLimit | null;
}

export interface ModelGrant {
  readonly id: string;
  readonly poolId: string;
  readonly amount: Micros;
  readonly priority: number;
  readonly effectiveAt: number;
  readonly expiresAt: number | null;
  readonly costBasis: Micros;
  remaining: Micros;
  activated: boolean;
  closure: "expired" | "voided" | null;
}

export interface Reservation {
  readonly grantId: string | null;
  readonly amount: Micros;
}

export interface ModelHold {
  readonly id: string;
  readonly poolId: string;
  readonly pathIds: readonly string[];
  readonly carrierId: string;
  readonly amount: Micros;
  readonly expiresAt: number;
  readonly reservations: readonly Reservation[];
  status: HoldStatus;
  /** A capture came after the expiry and reported work: a later one records nothing more. */
  lateCaptured: boolean;
}

/** Something counted in periods: a consumption at a pool, or overage drawn at a carrier. */
export interface Dated {
  readonly pathIds: readonly string[];
  readonly starts: Readonly<Record<Period, number>>;
  readonly amount: Micros;
}

const dayMs = 86_400_000;

/** UTC calendar periods, worked out with `Date` rather than the core's arithmetic. */
export function periodStartNaive(at: number, period: Period): number {
  const date = new Date(at);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  if (period === "day") return midnight;
  if (period === "month") return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const daysSinceMonday = (date.getUTCDay() + 6) % 7;
  return midnight - daysSinceMonday * dayMs;
}

export function startsOf(at: number): Record<Period, number> {
  return {
    day: periodStartNaive(at, "day"),
    week: periodStartNaive(at, "week"),
    month: periodStartNaive(at, "month"),
  };
}

export function min(a: Micros, b: Micros): Micros {
  return a < b ? a : b;
}

export class ReferenceFigures {
  now: number;
  protected readonly pools: ModelPool[] = [];
  protected readonly grantList: ModelGrant[] = [];
  protected readonly holdList: ModelHold[] = [];
  protected readonly consumption: Dated[] = [];
  /** Overage drawn, dated; `pathIds` holds just the carrier. */
  protected readonly overageDrawn: Dated[] = [];
  /** Debt added (positive) and paid (negative), per carrier. */
  protected readonly debtChanges: { carrierId: string; amount: Micros }[] = [];
  /** Credits that expired or were voided: the organization's breakage. */
  protected readonly forfeits: Micros[] = [];

  constructor(
    rootPoolId: string,
    now: number,
    protected readonly flips: ModelFlips = noFlips,
  ) {
    this.now = now;
    this.pools.push({
      id: rootPoolId,
      parentId: null,
      drawsFromParent: false,
      limit: null,
      overageLimit: null,
    });
  }

  // ---- The tree -------------------------------------------------------------------------------

  protected pool(id: string): ModelPool | undefined {
    return this.pools.find((pool) => pool.id === id);
  }

  poolIds(): string[] {
    return this.pools.map((pool) => pool.id);
  }

  /** The pool and its ancestors, nearest first. */
  pathOf(poolId: string): ModelPool[] {
    const path: ModelPool[] = [];
    let current = this.pool(poolId);
    while (current !== undefined) {
      path.push(current);
      current = current.parentId === null ? undefined : this.pool(current.parentId);
    }
    return path;
  }

  /** The path up to and including the first pool that does not draw from its parent. */
  drawChainOf(poolId: string): ModelPool[] {
    const chain: ModelPool[] = [];
    for (const pool of this.pathOf(poolId)) {
      chain.push(pool);
      if (!pool.drawsFromParent || pool.parentId === null) break;
    }
    return chain;
  }

  carrierOf(poolId: string): string {
    const chain = this.drawChainOf(poolId);
    const carrier = chain[chain.length - 1];
    if (carrier === undefined) throw new Error(`model: pool ${poolId} has no draw chain`);
    return carrier.id;
  }

  isCarrier(poolId: string): boolean {
    return this.carrierOf(poolId) === poolId;
  }

  // ---- Figures, recomputed by scanning ------------------------------------------------------

  protected isExpiredAt(grant: ModelGrant, at: number): boolean {
    return grant.expiresAt !== null && at >= grant.expiresAt;
  }

  protected isDrawable(grant: ModelGrant): boolean {
    return (
      grant.closure === null &&
      grant.effectiveAt <= this.now &&
      !this.isExpiredAt(grant, this.now) &&
      grant.remaining > 0n
    );
  }

  protected openHolds(): ModelHold[] {
    return this.holdList.filter((hold) => hold.status === "held");
  }

  heldAt(poolId: string): Micros {
    let held = 0n;
    for (const hold of this.openHolds()) if (hold.pathIds.includes(poolId)) held += hold.amount;
    return held;
  }

  /** Logs are appended as time moves forward, so the scan stops at the first older period. */
  private sumInPeriod(entries: readonly Dated[], poolId: string, period: Period): Micros {
    const start = periodStartNaive(this.now, period);
    let total = 0n;
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const entry = entries[index];
      if (entry === undefined || entry.starts[period] < start) break;
      if (entry.starts[period] === start && entry.pathIds.includes(poolId)) total += entry.amount;
    }
    return total;
  }

  consumedThisPeriod(poolId: string): Micros {
    const period = this.pool(poolId)?.limit?.period ?? "month";
    return this.sumInPeriod(this.consumption, poolId, period);
  }

  overageUsedThisPeriod(poolId: string): Micros {
    const period = this.pool(poolId)?.overageLimit?.period ?? "month";
    return this.sumInPeriod(this.overageDrawn, poolId, period);
  }

  private overageHeld(carrierId: string): Micros {
    let held = 0n;
    for (const hold of this.openHolds()) {
      if (hold.carrierId !== carrierId) continue;
      for (const reservation of hold.reservations)
        if (reservation.grantId === null) held += reservation.amount;
    }
    return held;
  }

  unusedOverage(carrierId: string): Micros {
    const limit = this.pool(carrierId)?.overageLimit ?? null;
    if (limit === null) return 0n;
    const used = this.sumInPeriod(this.overageDrawn, carrierId, limit.period);
    const unused = limit.amount - used - this.overageHeld(carrierId);
    return unused > 0n ? unused : 0n;
  }

  debtOf(poolId: string): Micros {
    let debt = 0n;
    for (const change of this.debtChanges) if (change.carrierId === poolId) debt += change.amount;
    return debt;
  }

  /** Burn order, from the spec: priority, soonest expiry (none last), cost basis, effect, id. */
  private burnsBefore(a: ModelGrant, b: ModelGrant): number {
    if (a.priority !== b.priority) return a.priority - b.priority;
    const expiryA = a.expiresAt ?? Number.POSITIVE_INFINITY;
    const expiryB = b.expiresAt ?? Number.POSITIVE_INFINITY;
    if (expiryA !== expiryB) return expiryA < expiryB ? -1 : 1;
    if (a.costBasis !== b.costBasis) {
      const cheaperFirst = a.costBasis < b.costBasis ? -1 : 1;
      return this.flips.costBasisDescending ? -cheaperFirst : cheaperFirst;
    }
    if (a.effectiveAt !== b.effectiveAt) return a.effectiveAt - b.effectiveAt;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }

  /** The grants a consumption at `poolId` would draw now, in order: own pool first, then up. */
  private grantsInBurnOrder(poolId: string): ModelGrant[] {
    const ordered: ModelGrant[] = [];
    for (const pool of this.drawChainOf(poolId)) {
      const own = this.grantList.filter((g) => g.poolId === pool.id && this.isDrawable(g));
      ordered.push(...own.sort((a, b) => this.burnsBefore(a, b)));
    }
    return ordered;
  }

  protected planDraws(poolId: string, amount: Micros) {
    const draws: { grant: ModelGrant; amount: Micros }[] = [];
    let needed = amount;
    for (const grant of this.grantsInBurnOrder(poolId)) {
      if (needed === 0n) break;
      const take = min(grant.remaining, needed);
      draws.push({ grant, amount: take });
      needed -= take;
    }
    return { draws, uncovered: needed };
  }

  // ---- Views ----------------------------------------------------------------------------------

  /** The largest hold `poolId` could take now, by DESIGN's formula for `available`. */
  availableAt(poolId: string): Micros {
    const carrierId = this.carrierOf(poolId);
    if (this.debtOf(carrierId) > 0n) return 0n;
    let available = this.unusedOverage(carrierId);
    for (const grant of this.grantsInBurnOrder(poolId)) available += grant.remaining;
    for (const pool of this.pathOf(poolId)) {
      if (pool.limit?.kind !== "hard") continue;
      const room = pool.limit.amount - this.consumedThisPeriod(pool.id) - this.heldAt(pool.id);
      if (room < available) available = room;
    }
    return available > 0n ? available : 0n;
  }

  poolView(poolId: string): PoolBalances {
    let granted = 0n;
    for (const grant of this.grantList)
      if (grant.poolId === poolId && this.isDrawable(grant)) granted += grant.remaining;
    return {
      available: this.availableAt(poolId),
      held: this.heldAt(poolId),
      consumedThisPeriod: this.consumedThisPeriod(poolId),
      granted,
      debt: this.debtOf(poolId),
      overageUsedThisPeriod: this.overageUsedThisPeriod(poolId),
    };
  }

  /** Every grant's balance, in creation order, from one scan of the open holds. */
  grantViews(): Map<string, GrantView> {
    const held = new Map<string, Micros>();
    for (const hold of this.openHolds()) {
      for (const { grantId, amount } of hold.reservations) {
        if (grantId !== null) held.set(grantId, (held.get(grantId) ?? 0n) + amount);
      }
    }
    const views = new Map<string, GrantView>();
    for (const grant of this.grantList) {
      const grantHeld = held.get(grant.id) ?? 0n;
      views.set(grant.id, {
        remaining: grant.remaining,
        held: grantHeld,
        status: this.grantStatus(grant, grantHeld),
      });
    }
    return views;
  }

  private grantStatus(grant: ModelGrant, held: Micros): GrantStatus {
    if (grant.closure !== null) return grant.closure;
    if (this.isExpiredAt(grant, this.now)) return "expired";
    if (grant.effectiveAt > this.now) return "scheduled";
    return grant.remaining === 0n && held === 0n ? "depleted" : "active";
  }

  grants(): readonly Readonly<ModelGrant>[] {
    return this.grantList;
  }

  holds(): readonly Readonly<ModelHold>[] {
    return this.holdList;
  }

  /** Everything ever forfeited: what the journal's `breakage` account must hold. */
  breakage(): Micros {
    let total = 0n;
    for (const amount of this.forfeits) total += amount;
    return total;
  }

  /** Everything ever consumed at the pool itself (not its descendants), whatever funded it. */
  consumedEver(poolId: string): Micros {
    let total = 0n;
    for (const entry of this.consumption) if (entry.pathIds[0] === poolId) total += entry.amount;
    return total;
  }

  /** When something next falls due after `now`, for clock jumps that land exactly on it. */
  dueTimes(): number[] {
    const times: number[] = [];
    for (const grant of this.grantList) {
      if (grant.closure !== null) continue;
      if (!grant.activated) times.push(grant.effectiveAt);
      if (grant.expiresAt !== null) times.push(grant.expiresAt);
    }
    for (const hold of this.openHolds()) times.push(hold.expiresAt);
    return times.filter((time) => time > this.now);
  }
}
