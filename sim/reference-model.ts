/**
 * A deliberately naive reference model of the rules the ledger keeps (DESIGN §3), written from the
 * spec and not from the core. Its rules read running figures (`ReferenceFigures`), and every few
 * batches `ReferenceRescan` recomputes them by scanning the books and checks they agree. The
 * simulator runs it beside a real ledger and compares every answer; it must stay simple enough to
 * be obviously right.
 */
import type { Command, Micros, ResultCode } from "@creditpool/core";
import { type ModelGrant, type ModelHold, min, type Reservation } from "./reference-records.ts";
import { ReferenceRescan } from "./reference-rescan.ts";

export {
  type GrantView,
  type ModelFlips,
  type ModelGrant,
  type ModelHold,
  noFlips,
  periodStartNaive,
} from "./reference-records.ts";

export interface ModelOutcome {
  readonly code: ResultCode;
  /** For a refused hold: the pool where it failed. */
  readonly poolId?: string;
}

type DueEvent =
  | { at: number; order: 0; id: string; grant: ModelGrant; kind: "activate" }
  | { at: number; order: 1; id: string; hold: ModelHold; kind: "expire_hold" }
  | { at: number; order: 2; id: string; grant: ModelGrant; kind: "expire_grant" };

export class ReferenceModel extends ReferenceRescan {
  // ---- Time -----------------------------------------------------------------------------------

  /**
   * Applies what fell due up to `now` in time order; at one instant activations, then hold
   * expiries, then grant expiries, each kind by id.
   */
  advanceTo(now: number): void {
    const target = Math.max(now, this.now);
    for (let event = this.nextDue(target); event !== null; event = this.nextDue(target)) {
      this.now = Math.max(this.now, event.at);
      if (event.kind === "activate") this.activate(event.grant);
      else if (event.kind === "expire_hold") this.settle(event.hold, 0n, "expired");
      else this.close(event.grant, "expired");
    }
    this.now = target;
  }

  private nextDue(target: number): DueEvent | null {
    const due: DueEvent[] = [];
    for (const grant of this.pendingGrants) {
      if (!grant.activated && grant.effectiveAt <= target)
        due.push({ at: grant.effectiveAt, order: 0, id: grant.id, grant, kind: "activate" });
      if (grant.expiresAt !== null && grant.expiresAt <= target)
        due.push({ at: grant.expiresAt, order: 2, id: grant.id, grant, kind: "expire_grant" });
    }
    const lateness = this.flips.holdExpiresAfterTtl ? 1 : 0;
    for (const hold of this.openHoldSet) {
      const at = hold.expiresAt + lateness;
      if (at <= target) due.push({ at, order: 1, id: hold.id, hold, kind: "expire_hold" });
    }
    let first: DueEvent | null = null;
    for (const event of due) {
      if (
        first === null ||
        event.at < first.at ||
        (event.at === first.at && event.order < first.order) ||
        (event.at === first.at && event.order === first.order && event.id < first.id)
      )
        first = event;
    }
    return first;
  }

  // ---- Commands -------------------------------------------------------------------------------

  /** Applies one command at `now` (after `advanceTo(now)`) and answers what the ledger should. */
  apply(command: Command): ModelOutcome {
    switch (command.type) {
      case "create_pool": {
        const parent = this.pool(command.parentId);
        if (parent === undefined) return { code: "pool_not_found" };
        if (this.pool(command.poolId) !== undefined) return { code: "id_in_use" };
        if (this.pathOf(parent.id).length + 1 > 16) return { code: "pool_depth_exceeded" };
        this.addPool({
          id: command.poolId,
          parentId: parent.id,
          drawsFromParent: command.drawsFromParent,
          limit: command.limit,
          overageLimit: command.overageLimit,
        });
        return { code: "ok" };
      }
      case "update_pool": {
        const pool = this.pool(command.poolId);
        if (pool === undefined) return { code: "pool_not_found" };
        if (command.limit !== undefined) pool.limit = command.limit;
        if (command.overageLimit !== undefined) pool.overageLimit = command.overageLimit;
        return { code: "ok" };
      }
      case "archive_pool":
        // Archiving moves no credits and is proven by the core's own tests; the workloads never
        // archive, so the model has no rule for it to compare.
        throw new Error("the simulator's workloads do not archive pools");
      case "boost_pool":
      case "reallocate":
      case "undo_reallocation":
        // Boosts and reallocations are proven by the core's example tables and properties; the
        // workloads make neither, so the model has no rule for them to compare.
        throw new Error(`the simulator's workloads do not ${command.type}`);
      case "create_grant": {
        if (this.pool(command.poolId) === undefined) return { code: "pool_not_found" };
        if (this.grantsById.has(command.grantId)) return { code: "id_in_use" };
        const effectiveAt = command.effectiveAt ?? this.now;
        const grant: ModelGrant = {
          id: command.grantId,
          poolId: command.poolId,
          amount: command.amount,
          priority: command.priority,
          effectiveAt,
          expiresAt: command.expiresAt,
          costBasis: command.costBasis,
          ...(command.rollover ? { rollover: command.rollover } : {}),
          remaining: command.amount,
          activated: false,
          closure: null,
        };
        this.issue(grant);
        return { code: "ok" };
      }
      case "void_grant": {
        const grant = this.grantsById.get(command.grantId);
        if (grant === undefined) return { code: "grant_not_found" };
        if (grant.closure !== null) return { code: "ok" };
        if (command.amount === undefined) this.close(grant, "voided");
        else {
          // Part of what is left goes, never more; the grant stays open.
          const voided = min(command.amount, grant.remaining);
          this.setRemaining(grant, grant.remaining - voided);
          if (voided > 0n) this.forfeit(voided);
        }
        return { code: "ok" };
      }
      case "change_grant_expiry": {
        const grant = this.grantsById.get(command.grantId);
        if (grant === undefined) return { code: "grant_not_found" };
        if (grant.closure !== null) return { code: "grant_closed" };
        const at = command.expiresAt;
        if (at !== null && (at < this.now || at <= grant.effectiveAt))
          return { code: "invalid_request" };
        this.setExpiry(grant, at);
        // Moved to now, it expires at once, as a grant made already past its expiry does.
        if (at !== null && at <= this.now) this.close(grant, "expired");
        return { code: "ok" };
      }
      case "create_hold":
        return this.placeHold(command.holdId, command.poolId, command.amount, command.ttlSeconds);
      case "capture_hold": {
        const hold = this.holdsById.get(command.holdId);
        if (hold === undefined) return { code: "hold_not_found" };
        if (hold.status === "expired") {
          // The work happened: usage, recorded once per hold (a first late capture of 0 counts
          // as nothing reported).
          if (!hold.lateCaptured) this.recordUsage(hold.poolId, command.amount);
          if (command.amount > 0n) hold.lateCaptured = true;
          return { code: "hold_expired" };
        }
        if (hold.status !== "held") return { code: "hold_not_held" };
        const captured = min(command.amount, hold.amount);
        this.settle(hold, captured, "captured");
        if (command.amount > captured) this.recordUsage(hold.poolId, command.amount - captured);
        return { code: "ok" };
      }
      case "release_hold": {
        const hold = this.holdsById.get(command.holdId);
        if (hold === undefined) return { code: "hold_not_found" };
        if (hold.status === "expired") return { code: "hold_expired" };
        if (hold.status !== "held") return { code: "hold_not_held" };
        this.settle(hold, 0n, "released");
        return { code: "ok" };
      }
      case "record_usage":
        if (this.pool(command.poolId) === undefined) return { code: "pool_not_found" };
        this.recordUsage(command.poolId, command.amount);
        return { code: "ok" };
      case "advance_time":
        this.advanceTo(command.to);
        return { code: "ok" };
    }
  }

  private placeHold(id: string, poolId: string, amount: Micros, ttlSeconds: number): ModelOutcome {
    if (this.pool(poolId) === undefined) return { code: "pool_not_found" };
    if (this.holdsById.has(id)) return { code: "id_in_use" };
    const carrierId = this.carrierOf(poolId);
    if (this.debtOf(carrierId) > 0n) return { code: "pool_in_debt", poolId: carrierId };
    const path = this.pathOf(poolId);
    for (const pool of path) {
      if (pool.limit?.kind !== "hard") continue;
      const wouldUse = this.consumedThisPeriod(pool.id) + this.heldAt(pool.id) + amount;
      if (wouldUse > pool.limit.amount) return { code: "pool_limit_exceeded", poolId: pool.id };
    }
    const plan = this.planDraws(poolId, amount);
    if (plan.uncovered > this.unusedOverage(carrierId))
      return { code: "insufficient_credits", poolId: carrierId };
    const reservations: Reservation[] = [];
    for (const draw of plan.draws) {
      this.setRemaining(draw.grant, draw.grant.remaining - draw.amount);
      reservations.push({ grantId: draw.grant.id, amount: draw.amount });
    }
    if (plan.uncovered > 0n) reservations.push({ grantId: null, amount: plan.uncovered });
    this.addHold({
      id,
      poolId,
      pathIds: path.map((pool) => pool.id),
      carrierId,
      amount,
      expiresAt: this.now + ttlSeconds * 1000,
      reservations,
      status: "held",
      lateCaptured: false,
    });
    return { code: "ok" };
  }

  private issue(grant: ModelGrant): void {
    this.addGrant(grant);
    // A grant past its expiry when it is made is never active: it expires as it is made.
    if (this.isExpiredAt(grant, this.now)) this.close(grant, "expired");
    else if (grant.effectiveAt <= this.now) this.activate(grant);
  }

  /** Ends a hold: `captured` from its reservations in the order they were made, the rest back. */
  private settle(hold: ModelHold, captured: Micros, status: "captured" | "released" | "expired") {
    if (hold.status !== "held") throw new Error(`model: hold ${hold.id} settled twice`);
    this.endHold(hold, status);
    let toCapture = captured;
    for (const reservation of hold.reservations) {
      const take = min(reservation.amount, toCapture);
      const rest = reservation.amount - take;
      toCapture -= take;
      if (reservation.grantId === null) {
        if (take > 0n) this.bookOverage(hold.carrierId, take);
        continue;
      }
      const grant = this.grantsById.get(reservation.grantId);
      if (grant === undefined) throw new Error(`model: no grant ${reservation.grantId}`);
      if (rest > 0n) this.takeBack(grant, rest);
    }
    if (captured > 0n) this.bookConsumption(hold.pathIds, captured);
  }

  /** Credits a hold returns: forfeited if the grant has ended, else they pay debt first. */
  private takeBack(grant: ModelGrant, amount: Micros): void {
    if (grant.closure !== null || this.isExpiredAt(grant, this.now)) {
      this.forfeit(amount);
      return;
    }
    this.setRemaining(grant, grant.remaining + amount);
    this.payDebt(grant, amount);
  }

  /** Usage is never refused: grants in burn order, then overage allowance, then debt. */
  private recordUsage(poolId: string, amount: Micros): void {
    if (amount === 0n) return;
    const plan = this.planDraws(poolId, amount);
    for (const draw of plan.draws)
      this.setRemaining(draw.grant, draw.grant.remaining - draw.amount);
    const carrierId = this.carrierOf(poolId);
    const fromOverage = min(plan.uncovered, this.unusedOverage(carrierId));
    if (fromOverage > 0n) this.bookOverage(carrierId, fromOverage);
    const toDebt = plan.uncovered - fromOverage;
    if (toDebt > 0n) this.bookDebt(carrierId, toDebt);
    const path = this.pathOf(poolId).map((pool) => pool.id);
    this.bookConsumption(path, amount);
  }

  /** A grant becoming active on a carrier pays the carrier's debt first. */
  private activate(grant: ModelGrant): void {
    this.markActivated(grant);
    if (!this.isExpiredAt(grant, this.now)) this.payDebt(grant, grant.remaining);
  }

  private payDebt(grant: ModelGrant, upTo: Micros): void {
    if (!this.isCarrier(grant.poolId)) return;
    const payment = min(min(this.debtOf(grant.poolId), upTo), grant.remaining);
    if (payment <= 0n) return;
    this.setRemaining(grant, grant.remaining - payment);
    this.bookDebt(grant.poolId, -payment);
  }

  /** A grant's new expiry: it has something due while it is to activate or to expire. */
  private setExpiry(grant: ModelGrant, expiresAt: number | null): void {
    grant.expiresAt = expiresAt;
    this.setRemaining(grant, grant.remaining); // marks its view stale
    if (!grant.activated || expiresAt !== null) this.pendingGrants.add(grant);
    else this.pendingGrants.delete(grant);
  }

  /**
   * An expiring grant with rollover terms carries what is left, up to the cap, into its rollover
   * grant (the same pool, priority and cost basis, effective now); the rest is forfeited. Credits
   * still held do not roll over, and a voided grant never does.
   */
  private close(grant: ModelGrant, closure: "expired" | "voided"): void {
    const terms = grant.rollover;
    const carried = closure === "expired" && terms ? min(grant.remaining, terms.cap) : 0n;
    if (carried > 0n) this.setRemaining(grant, grant.remaining - carried);
    this.closeGrant(grant, closure);
    if (terms === undefined || carried === 0n) return;
    this.issue({
      id: terms.grantId,
      poolId: grant.poolId,
      amount: carried,
      priority: grant.priority,
      effectiveAt: this.now,
      expiresAt: terms.expiresAt,
      costBasis: grant.costBasis,
      remaining: carried,
      activated: false,
      closure: null,
    });
  }

  /**
   * The model's own sanity after each batch: no grant and no debt below zero, and every few
   * batches the running figures proved against a scan of the books.
   */
  selfCheck(): string | null {
    return this.belowZero ?? this.rescanWhenDue();
  }
}
