/**
 * The reference model's books: the pool tree, grants, holds and the dated logs of consumption,
 * overage and debt, and every figure a rule reads (held, consumed this period, overage used,
 * debt, the funded grants, breakage) kept as a running number, updated as each change is booked.
 * `ReferenceRescan` recomputes the same figures by scanning the books and checks the two agree;
 * `ReferenceModel` adds time and commands on top. Written from DESIGN §3, not from the core.
 */
import type { GrantStatus, HoldStatus, Micros, Period, PoolBalances } from "@creditpool/core";
import {
  add,
  addToTotals,
  type Dated,
  emptyTotals,
  type GrantView,
  type ModelFlips,
  type ModelGrant,
  type ModelHold,
  type ModelPool,
  min,
  noFlips,
  type PeriodTotals,
  periodStartNaive,
  startsOf,
} from "./reference-records.ts";

/**
 * By default the last this many grants and holds made are always kept; older ones are retired
 * once settled (a hold ended, a grant with nothing left to hold, draw or fall due), so the books
 * follow what is live. The workload names settled objects only from among these.
 */
export const recentKeptDefault = 2000;

/** Holds by id with their final status, grants by id with how they closed (or `open`). */
export interface Retired {
  readonly holds: Map<string, HoldStatus>;
  readonly grants: Map<string, "expired" | "voided" | "open">;
}

export class ReferenceFigures {
  now: number;
  protected readonly pools: ModelPool[] = [];
  /** The grants and holds kept, in creation order. */
  protected grantList: ModelGrant[] = [];
  protected holdList: ModelHold[] = [];
  /** What was retired since the simulator last asked, with how it ended, for the driver. */
  private retired: Retired = { holds: new Map(), grants: new Map() };
  /** The logs since the last rescan (and, for the periods, every entry of a current period). */
  protected consumption: Dated[] = [];
  /** Overage drawn, dated; `pathIds` holds just the carrier. */
  protected overageDrawn: Dated[] = [];
  /** Debt added (positive) and paid (negative), per carrier. */
  protected debtChanges: { carrierId: string; amount: Micros }[] = [];
  /** Credits that expired or were voided: the organization's breakage. */
  protected forfeits: Micros[] = [];

  protected readonly poolsById = new Map<string, ModelPool>();
  protected readonly grantsById = new Map<string, ModelGrant>();
  protected readonly holdsById = new Map<string, ModelHold>();
  /** Open holds, in creation order. */
  protected readonly openHoldSet = new Set<ModelHold>();
  /** Open grants with an activation or an expiry still to come, in creation order. */
  protected readonly pendingGrants = new Set<ModelGrant>();
  /** Per pool, its open grants with credits left: the only ones a draw can reach. */
  protected readonly fundedGrants = new Map<string, Set<ModelGrant>>();

  // The running figures, each changed only by the booking methods below.
  protected readonly heldByPool = new Map<string, Micros>();
  protected readonly heldByGrant = new Map<string, Micros>();
  protected readonly overageHeldByCarrier = new Map<string, Micros>();
  protected readonly debtByCarrier = new Map<string, Micros>();
  protected readonly consumedByPool = new Map<string, PeriodTotals>();
  protected readonly overageByCarrier = new Map<string, PeriodTotals>();
  protected readonly consumedEverByPool = new Map<string, Micros>();
  protected breakageTotal = 0n;
  /** Every grant's view in creation order, refreshed for the grants changed since it was read. */
  private readonly views = new Map<string, GrantView>();
  private readonly viewsStale = new Set<ModelGrant>();
  /** The first grant or debt seen below zero, for `selfCheck`. */
  protected belowZero: string | null = null;

  constructor(
    rootPoolId: string,
    now: number,
    protected readonly flips: ModelFlips = noFlips,
    /** How many of the last grants and holds made are kept, settled or not. */
    readonly recentKept = recentKeptDefault,
  ) {
    this.now = now;
    this.addPool({
      id: rootPoolId,
      parentId: null,
      drawsFromParent: false,
      limit: null,
      overageLimit: null,
    });
  }

  // ---- Booking: every change to the books goes through here, figures kept in step ------------

  protected addPool(pool: ModelPool): void {
    this.pools.push(pool);
    this.poolsById.set(pool.id, pool);
    this.fundedGrants.set(pool.id, new Set());
  }

  protected addGrant(grant: ModelGrant): void {
    this.grantList.push(grant);
    this.grantsById.set(grant.id, grant);
    this.pendingGrants.add(grant);
    this.views.set(grant.id, { remaining: grant.remaining, held: 0n, status: "scheduled" });
    this.setRemaining(grant, grant.remaining);
  }

  protected setRemaining(grant: ModelGrant, remaining: Micros): void {
    grant.remaining = remaining;
    this.viewsStale.add(grant);
    if (remaining < 0n && this.belowZero === null)
      this.belowZero = `model grant ${grant.id} went below zero`;
    const funded = this.fundedGrants.get(grant.poolId);
    if (funded === undefined) throw new Error(`model: no pool ${grant.poolId}`);
    if (grant.closure === null && remaining > 0n) funded.add(grant);
    else funded.delete(grant);
  }

  protected markActivated(grant: ModelGrant): void {
    grant.activated = true;
    this.viewsStale.add(grant);
    if (grant.expiresAt === null) this.pendingGrants.delete(grant);
  }

  protected closeGrant(grant: ModelGrant, closure: "expired" | "voided"): void {
    if (grant.remaining > 0n) this.forfeit(grant.remaining);
    grant.closure = closure;
    this.setRemaining(grant, 0n);
    this.pendingGrants.delete(grant);
  }

  protected forfeit(amount: Micros): void {
    this.forfeits.push(amount);
    this.breakageTotal += amount;
  }

  protected addHold(hold: ModelHold): void {
    this.holdList.push(hold);
    this.holdsById.set(hold.id, hold);
    this.openHoldSet.add(hold);
    this.countHeld(hold, 1n);
  }

  protected endHold(hold: ModelHold, status: "captured" | "released" | "expired"): void {
    hold.status = status;
    this.openHoldSet.delete(hold);
    this.countHeld(hold, -1n);
  }

  private countHeld(hold: ModelHold, sign: Micros): void {
    for (const poolId of hold.pathIds) add(this.heldByPool, poolId, sign * hold.amount);
    for (const { grantId, amount } of hold.reservations) {
      if (grantId === null) add(this.overageHeldByCarrier, hold.carrierId, sign * amount);
      else {
        add(this.heldByGrant, grantId, sign * amount);
        const grant = this.grantsById.get(grantId);
        if (grant !== undefined) this.viewsStale.add(grant);
      }
    }
  }

  protected bookConsumption(pathIds: readonly string[], amount: Micros): void {
    const entry = this.dated(pathIds, amount);
    this.consumption.push(entry);
    for (const poolId of pathIds)
      addToTotals(this.totalsOf(this.consumedByPool, poolId), entry.starts, amount);
    const own = pathIds[0];
    if (own !== undefined) add(this.consumedEverByPool, own, amount);
  }

  protected bookOverage(carrierId: string, amount: Micros): void {
    const entry = this.dated([carrierId], amount);
    this.overageDrawn.push(entry);
    addToTotals(this.totalsOf(this.overageByCarrier, carrierId), entry.starts, amount);
  }

  protected bookDebt(carrierId: string, amount: Micros): void {
    this.debtChanges.push({ carrierId, amount });
    add(this.debtByCarrier, carrierId, amount);
    if (this.debtOf(carrierId) < 0n && this.belowZero === null)
      this.belowZero = `model debt of ${carrierId} went below zero`;
  }

  private dated(pathIds: readonly string[], amount: Micros): Dated {
    return { pathIds, starts: startsOf(this.now), amount };
  }

  private totalsOf(figures: Map<string, PeriodTotals>, key: string): PeriodTotals {
    let totals = figures.get(key);
    if (totals === undefined) {
      totals = emptyTotals();
      figures.set(key, totals);
    }
    return totals;
  }

  /**
   * Retires settled grants and holds older than the last `recentKept` made: nothing can change
   * them any more unless a command names them, and none will. A grant whose view changed since it
   * was last compared stays until the next time, so its last change is compared.
   */
  protected retireSettled(): void {
    // Every object kept is in creation order and the last `recentKept` made are all kept: they
    // are the last `recentKept` of each list.
    const firstRecentGrant = this.grantList.length - this.recentKept;
    this.grantList = this.grantList.filter((grant, index) => {
      if (index >= firstRecentGrant || !this.isSettled(grant)) return true;
      this.grantsById.delete(grant.id);
      this.views.delete(grant.id);
      this.heldByGrant.delete(grant.id);
      this.retired.grants.set(grant.id, grant.closure ?? "open");
      return false;
    });
    const firstRecentHold = this.holdList.length - this.recentKept;
    this.holdList = this.holdList.filter((hold, index) => {
      if (index >= firstRecentHold || hold.status === "held") return true;
      this.holdsById.delete(hold.id);
      this.retired.holds.set(hold.id, hold.status);
      return false;
    });
  }

  /** Nothing held from it, nothing due, no credits left to draw, and no view left to compare. */
  private isSettled(grant: ModelGrant): boolean {
    return (
      (this.heldByGrant.get(grant.id) ?? 0n) === 0n &&
      !this.pendingGrants.has(grant) &&
      !(grant.closure === null && grant.remaining > 0n) &&
      !this.viewsStale.has(grant)
    );
  }

  /** What was retired since the last call, with how each ended. */
  takeRetired(): Retired {
    const retired = this.retired;
    this.retired = { holds: new Map(), grants: new Map() };
    return retired;
  }

  // ---- The tree -------------------------------------------------------------------------------

  protected pool(id: string): ModelPool | undefined {
    return this.poolsById.get(id);
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

  // ---- Figures, read from the running numbers -------------------------------------------------

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
    return [...this.openHoldSet];
  }

  heldAt(poolId: string): Micros {
    return this.heldByPool.get(poolId) ?? 0n;
  }

  protected inPeriod(totals: PeriodTotals | undefined, period: Period): Micros {
    if (totals === undefined) return 0n;
    const running = totals[period];
    return running.start === periodStartNaive(this.now, period) ? running.total : 0n;
  }

  consumedThisPeriod(poolId: string): Micros {
    const period = this.pool(poolId)?.limit?.period ?? "month";
    return this.inPeriod(this.consumedByPool.get(poolId), period);
  }

  overageUsedThisPeriod(poolId: string): Micros {
    const period = this.pool(poolId)?.overageLimit?.period ?? "month";
    return this.inPeriod(this.overageByCarrier.get(poolId), period);
  }

  unusedOverage(carrierId: string): Micros {
    const limit = this.pool(carrierId)?.overageLimit ?? null;
    if (limit === null) return 0n;
    const used = this.inPeriod(this.overageByCarrier.get(carrierId), limit.period);
    const unused = limit.amount - used - (this.overageHeldByCarrier.get(carrierId) ?? 0n);
    return unused > 0n ? unused : 0n;
  }

  debtOf(poolId: string): Micros {
    return this.debtByCarrier.get(poolId) ?? 0n;
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
      const funded = this.fundedGrants.get(pool.id) ?? [];
      const own = [...funded].filter((grant) => this.isDrawable(grant));
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
    for (const grant of this.fundedGrants.get(poolId) ?? [])
      if (this.isDrawable(grant)) granted += grant.remaining;
    return {
      available: this.availableAt(poolId),
      held: this.heldAt(poolId),
      consumedThisPeriod: this.consumedThisPeriod(poolId),
      granted,
      debt: this.debtOf(poolId),
      overageUsedThisPeriod: this.overageUsedThisPeriod(poolId),
    };
  }

  /**
   * Every grant's balance, in creation order. Only a grant something was booked against, or one
   * whose status waits on the clock, can have a new view; the map is the model's own, to read.
   */
  grantViews(): ReadonlyMap<string, GrantView> {
    this.changedGrantViews();
    return this.views;
  }

  /**
   * The views of the grants something was booked against since the last call, and of those whose
   * status waits on the clock: the only ones that can differ from what was last compared.
   */
  changedGrantViews(): Map<string, GrantView> {
    const changed = new Map<string, GrantView>();
    for (const grants of [this.viewsStale, this.pendingGrants]) {
      for (const grant of grants) {
        const held = this.heldByGrant.get(grant.id) ?? 0n;
        const view = { remaining: grant.remaining, held, status: this.grantStatus(grant, held) };
        this.views.set(grant.id, view);
        changed.set(grant.id, view);
      }
    }
    this.viewsStale.clear();
    return changed;
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

  grantById(id: string): Readonly<ModelGrant> | undefined {
    return this.grantsById.get(id);
  }

  holdById(id: string): Readonly<ModelHold> | undefined {
    return this.holdsById.get(id);
  }

  /** The open holds, in creation order. */
  openHoldsNow(): ReadonlySet<Readonly<ModelHold>> {
    return this.openHoldSet;
  }

  /** Open grants with an activation or an expiry still to come, in creation order. */
  pendingGrantsNow(): ReadonlySet<Readonly<ModelGrant>> {
    return this.pendingGrants;
  }

  /** How many grants `liveGrants` would answer, counted without building the list. */
  liveGrantCount(): number {
    let count = this.pendingGrants.size;
    for (const funded of this.fundedGrants.values())
      for (const grant of funded) if (!this.pendingGrants.has(grant)) count += 1;
    return count;
  }

  /** Open grants with credits left, or with an activation or expiry to come: worth voiding. */
  liveGrants(): Readonly<ModelGrant>[] {
    const live = new Set<Readonly<ModelGrant>>(this.pendingGrants);
    for (const funded of this.fundedGrants.values()) for (const grant of funded) live.add(grant);
    return [...live];
  }

  /** Everything ever forfeited: what the journal's `breakage` account must hold. */
  breakage(): Micros {
    return this.breakageTotal;
  }

  /** Everything ever consumed at the pool itself (not its descendants), whatever funded it. */
  consumedEver(poolId: string): Micros {
    return this.consumedEverByPool.get(poolId) ?? 0n;
  }

  /** When something next falls due after `now`, for clock jumps that land exactly on it. */
  dueTimes(): number[] {
    const times: number[] = [];
    for (const grant of this.pendingGrants) {
      if (!grant.activated) times.push(grant.effectiveAt);
      if (grant.expiresAt !== null) times.push(grant.expiresAt);
    }
    for (const hold of this.openHoldSet) times.push(hold.expiresAt);
    return times.filter((time) => time > this.now);
  }
}
