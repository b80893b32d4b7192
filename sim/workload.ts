/**
 * A seeded random workload: a pool tree, then a stream of commands and clock jumps. The stream is
 * generated one operation at a time and may look at the reference model (which holds are open,
 * what a pool has available, what falls due next), so `--ops M` always yields a prefix of the
 * stream for a larger M: a failing run is reproduced by cutting it right after the failing op.
 */
import {
  type Command,
  type CreateGrant,
  type CreateHold,
  grantSources,
  type Micros,
  microsPerCredit,
  type OverageLimit,
  type Period,
  type PoolLimit,
  periodEnd,
  periods,
} from "@creditpool/core";
import { Prng } from "../packages/server/src/prng.ts";
import { expiryChange } from "./expiry-changes.ts";
import type { ReferenceModel } from "./reference-model.ts";

export type SimOp =
  | { readonly kind: "command"; readonly command: Command }
  | { readonly kind: "clock"; readonly to: number; readonly why: string };

export interface WorkloadOptions {
  /**
   * Also generate cases DESIGN leaves open or the edge does not reject: grants already expired
   * when created, and holds that expire at the very instant a grant does.
   */
  readonly edges: boolean;
}

const secondMs = 1000;
const hourMs = 3_600_000;
const dayMs = 86_400_000;
/** 2024-01-01 to 2027-01-01: the start of a run, so every weekday and month boundary occurs. */
const startMin = 1_704_067_200_000;
const startMax = 1_798_761_600_000;
/**
 * The clock's pace: a run may spend `paceHeadStartMs` of time freely, then about `paceMsPerOp` an
 * operation, so that ten million operations end near 2190, inside the ledger's `timeMsMax`
 * (2200-01-01). A jump of more than two minutes that would pass the pace line is cut to
 * seconds, so the clock runs just under the line; a short run never meets it. `clockCeiling`
 * (2199-01-01) is where the clock stops in a run longer still.
 */
const paceHeadStartMs = 3 * 365 * dayMs;
const paceMsPerOp = 500 * secondMs;
const clockCeiling = 7_226_582_400_000;

export const rootPoolId = "p00";

/** Where a run's clock starts, at a whole second somewhere in 2024 to 2026. */
export function startTimeFor(seed: number): number {
  return Math.floor(new Prng(seed).int(startMin, startMax) / secondMs) * secondMs;
}

export class Workload {
  private readonly rng: Prng;
  private grantCount = 0;
  private holdCount = 0;
  private opCount = 0;
  private readonly startAt: number;
  /** Commands already chosen, sent before anything new. */
  private readonly queued: Command[] = [];

  constructor(
    seed: number,
    private readonly model: ReferenceModel,
    private readonly options: WorkloadOptions,
  ) {
    this.rng = new Prng(seed);
    this.startAt = model.now;
  }

  /** The pool tree (2 to 4 levels), the root's limits and a few grants to start with. */
  setup(): Command[] {
    const rng = this.rng;
    const commands: Command[] = [];
    const depthMax = rng.int(2, 4);
    let level = [rootPoolId];
    let count = 1;
    for (let depth = 2; depth <= depthMax; depth += 1) {
      const next: string[] = [];
      for (const [index, parentId] of level.entries()) {
        const children = index === 0 ? rng.int(1, 3) : rng.int(0, 2);
        for (let child = 0; child < children && count < 14; child += 1) {
          const poolId = `p${String(count).padStart(2, "0")}`;
          count += 1;
          next.push(poolId);
          commands.push({
            type: "create_pool",
            poolId,
            parentId,
            name: poolId,
            drawsFromParent: !rng.chance(0.25),
            limit: rng.chance(0.45) ? this.limit() : null,
            overageLimit: rng.chance(0.3) ? this.overageLimit() : null,
          });
        }
      }
      level = next;
    }
    commands.push({
      type: "update_pool",
      poolId: rootPoolId,
      limit: rng.chance(0.3) ? this.limit() : null,
      overageLimit: rng.chance(0.5) ? this.overageLimit() : null,
    });
    const carriers = this.carrierIds(commands);
    for (let index = rng.int(2, 4); index > 0; index -= 1) {
      const grant = this.grant(this.model.now);
      commands.push({ ...grant, poolId: rng.pick(carriers), effectiveAt: null });
    }
    return commands;
  }

  /** How many commands the next batch holds. */
  batchSize(): number {
    const rng = this.rng;
    return rng.weighted([
      [1, 30],
      [rng.int(2, 4), 35],
      [rng.int(5, 10), 25],
      [rng.int(11, 40), 10],
    ]);
  }

  next(): SimOp {
    const rng = this.rng;
    this.opCount += 1;
    const queued = this.queued.shift();
    if (queued !== undefined) return { kind: "command", command: queued };
    if (rng.chance(0.02)) this.queueActivationRace();
    if (this.options.edges && rng.chance(0.03)) this.queueExpiryRace();
    if (rng.chance(0.1)) return this.clockJump();
    const now = this.model.now;
    const make = rng.weighted<() => Command>([
      [() => this.grant(now), 13],
      [() => this.voidGrant(), 3],
      [() => expiryChange(rng, this.model, this.recent(this.model.grants())?.id), 2],
      [() => this.hold(), 24],
      [() => this.capture(), 14],
      [() => this.release(), 6],
      [() => this.usage(), 10],
      [() => this.updatePool(), 4],
      [() => this.createPool(), 1],
      [() => this.unknownTarget(), 1],
      [() => this.reusedId(now), 1],
    ]);
    return { kind: "command", command: make() };
  }

  // ---- Amounts and terms ----------------------------------------------------------------------

  private credits(low: number, high: number): Micros {
    const rng = this.rng;
    const whole = BigInt(rng.int(low, high)) * microsPerCredit;
    return rng.weighted([
      [whole, 55],
      [whole + microsPerCredit / 2n, 20],
      [whole + rng.bigint(1n, microsPerCredit - 1n), 25],
    ]);
  }

  private limit(): PoolLimit {
    const rng = this.rng;
    return {
      kind: rng.chance(0.7) ? "hard" : "soft",
      amount: rng.chance(0.05) ? 0n : this.credits(20, 400),
      period: rng.pick(periods),
    };
  }

  private overageLimit(): OverageLimit {
    return { amount: this.credits(0, 60), period: this.rng.pick(periods) };
  }

  private carrierIds(setup: readonly Command[]): string[] {
    const carriers = [rootPoolId];
    for (const command of setup)
      if (command.type === "create_pool" && !command.drawsFromParent) carriers.push(command.poolId);
    return carriers;
  }

  private nextBoundary(after: number): number {
    const period: Period | "hour" = this.rng.pick(["hour", ...periods]);
    if (period === "hour") return (Math.floor(after / hourMs) + 1) * hourMs;
    return periodEnd(after, period);
  }

  // ---- Commands -------------------------------------------------------------------------------

  private grant(now: number): CreateGrant {
    const rng = this.rng;
    this.grantCount += 1;
    const pools = this.model.poolIds();
    const carriers = pools.filter((id) => this.model.isCarrier(id));
    const dueTimes = this.model.dueTimes();
    const effectiveAt = rng.weighted<number | null>([
      [null, 60],
      [now + rng.int(1, 3 * 86_400) * secondMs, 12],
      [this.nextBoundary(now), 10],
      [dueTimes.length > 0 ? rng.pick(dueTimes) : null, 8],
      [now - rng.int(1, 2 * 86_400) * secondMs, 10],
    ]);
    const base = Math.max(effectiveAt ?? now, now);
    const laterExpiries: number[] = [];
    for (const grant of this.model.pendingGrantsNow())
      if (grant.expiresAt !== null && grant.expiresAt > base) laterExpiries.push(grant.expiresAt);
    let expiresAt = rng.weighted<number | null>([
      [null, 40],
      [base + rng.int(60, 45 * 86_400) * secondMs, 35],
      [this.nextBoundary(base), 15],
      [laterExpiries.length > 0 ? rng.pick(laterExpiries) : null, 10],
    ]);
    let startsAt = effectiveAt;
    if (this.options.edges && rng.chance(0.05)) {
      // Already expired when created: DESIGN never calls such a grant active.
      expiresAt = now - rng.int(0, dayMs / secondMs) * secondMs;
      startsAt = rng.chance(0.5) ? null : expiresAt - rng.int(1, 86_400) * secondMs;
    }
    return {
      type: "create_grant",
      grantId: `g${String(this.grantCount).padStart(5, "0")}`,
      poolId: rng.chance(0.5) ? rng.pick(carriers) : rng.pick(pools),
      amount: this.credits(1, 150),
      source: rng.pick(grantSources),
      priority: rng.pick([0, 10, 100, 100, 100, 100, 500, 1000]),
      effectiveAt: startsAt,
      expiresAt,
      costBasis: rng.pick([0n, 0n, 250_000n, 1_000_000n, 1_000_000n, 2_500_000n]),
    };
  }

  private voidGrant(): Command {
    const live = this.model.liveGrants();
    if (live.length > 0 && this.rng.chance(0.8)) {
      return { type: "void_grant", grantId: this.rng.pick(live).id };
    }
    return { type: "void_grant", grantId: this.recent(this.model.grants())?.id ?? "g_missing" };
  }

  /**
   * One of the last objects made, settled or not: a settled hold or grant is named again (twice,
   * reused ids) only from among those the model keeps whatever happens to them.
   */
  private recent<T>(made: readonly T[]): T | undefined {
    if (made.length === 0) return undefined;
    const window = this.model.recentKept;
    return made[this.rng.int(Math.max(0, made.length - window), made.length - 1)];
  }

  private hold(): CreateHold {
    const rng = this.rng;
    this.holdCount += 1;
    const poolId = rng.pick(this.model.poolIds());
    const available = this.model.availableAt(poolId);
    const amount = rng.weighted<Micros>([
      [this.credits(1, 40), 60],
      [available > 0n ? available : 1n, 15],
      [available + 1n, 7],
      [rng.bigint(1n, 1000n), 8],
      [this.credits(50, 300), 10],
    ]);
    return {
      type: "create_hold",
      holdId: `h${String(this.holdCount).padStart(5, "0")}`,
      poolId,
      amount,
      ttlSeconds: this.ttlSeconds(),
    };
  }

  private ttlSeconds(): number {
    const rng = this.rng;
    const now = this.model.now;
    // Holds that expire at the very instant a grant activates or another hold expires; with
    // `edges`, also when a grant expires, which DESIGN leaves open.
    const instants: number[] = [];
    for (const grant of this.model.pendingGrantsNow()) {
      if (!grant.activated) instants.push(grant.effectiveAt);
      if (this.options.edges && grant.expiresAt !== null) instants.push(grant.expiresAt);
    }
    for (const hold of this.model.openHoldsNow()) instants.push(hold.expiresAt);
    const landing = instants
      .filter((at) => at > now && (at - now) % secondMs === 0 && at - now <= dayMs)
      .map((at) => (at - now) / secondMs);
    return rng.weighted([
      [rng.int(1, 120), 40],
      [rng.int(121, 3600), 30],
      [rng.int(3601, 86_400), 15],
      [86_400, 5],
      [landing.length > 0 ? rng.pick(landing) : rng.int(1, 60), 20],
    ]);
  }

  private pickHoldId(): string {
    const rng = this.rng;
    const open = this.model.openHoldsNow();
    if (open.size > 0 && rng.chance(0.88)) return rng.pick([...open]).id;
    const holds = this.model.holds();
    if (holds.length > 0 && rng.chance(0.9)) return this.recent(holds)?.id ?? "h_missing";
    return "h_missing";
  }

  private capture(): Command {
    const rng = this.rng;
    const holdId = this.pickHoldId();
    const hold = this.model.holdById(holdId);
    if (hold === undefined || hold.status !== "held") {
      return { type: "capture_hold", holdId, amount: this.credits(0, 20) };
    }
    const held = hold.amount;
    const amount = rng.weighted<Micros>([
      [held, 25],
      [rng.bigint(0n, held - 1n), 30],
      [0n, 8],
      [held + this.credits(0, 20) + 1n, 30],
      [held + this.credits(50, 300), 7],
    ]);
    return { type: "capture_hold", holdId, amount };
  }

  private release(): Command {
    return { type: "release_hold", holdId: this.pickHoldId() };
  }

  private usage(): Command {
    const rng = this.rng;
    const amount = rng.weighted<Micros>([
      [this.credits(1, 30), 80],
      [this.credits(50, 400), 6],
      [rng.bigint(1n, 1000n), 10],
    ]);
    return { type: "record_usage", poolId: rng.pick(this.model.poolIds()), amount };
  }

  private updatePool(): Command {
    const rng = this.rng;
    const poolId = rng.pick(this.model.poolIds());
    const change = rng.weighted([
      ["limit", 5],
      ["overage", 3],
      ["both", 2],
    ] as const);
    const limit = rng.weighted<PoolLimit | null>([
      [null, 20],
      [this.limit(), 50],
      [this.limitAtUse(poolId), 30],
    ]);
    const overageLimit = rng.chance(0.3) ? null : this.overageLimit();
    if (change === "limit") return { type: "update_pool", poolId, limit };
    if (change === "overage") return { type: "update_pool", poolId, overageLimit };
    return { type: "update_pool", poolId, limit, overageLimit };
  }

  /** A new pool anywhere in the tree, while there is room for it. */
  private createPool(): Command {
    const rng = this.rng;
    const pools = this.model.poolIds();
    const parents = pools.filter((id) => this.model.pathOf(id).length < 5);
    if (pools.length >= 20 || parents.length === 0) return this.usage();
    const poolId = `p${String(pools.length).padStart(2, "0")}`;
    return {
      type: "create_pool",
      poolId,
      parentId: rng.pick(parents),
      name: poolId,
      drawsFromParent: !rng.chance(0.25),
      limit: rng.chance(0.45) ? this.limit() : null,
      overageLimit: rng.chance(0.3) ? this.overageLimit() : null,
    };
  }

  /** A hard limit at (or just above) what the pool already uses, to make the next hold fail. */
  private limitAtUse(poolId: string): PoolLimit {
    const period = this.rng.pick(periods);
    const used = this.model.consumedThisPeriod(poolId) + this.model.heldAt(poolId);
    return { kind: "hard", amount: used + this.credits(0, 5), period };
  }

  private unknownTarget(): Command {
    const rng = this.rng;
    return rng.pick<Command>([
      { type: "create_hold", holdId: "h_lost", poolId: "p_missing", amount: 1n, ttlSeconds: 60 },
      { type: "capture_hold", holdId: "h_missing", amount: 1n },
      { type: "release_hold", holdId: "h_missing" },
      { type: "void_grant", grantId: "g_missing" },
      { type: "record_usage", poolId: "p_missing", amount: 1n },
      { type: "update_pool", poolId: "p_missing", limit: null },
      { ...this.grant(this.model.now), poolId: "p_missing" },
    ]);
  }

  private reusedId(now: number): Command {
    const rng = this.rng;
    const hold = this.recent(this.model.holds());
    const grant = this.recent(this.model.grants());
    if (hold !== undefined && rng.chance(0.5)) return { ...this.hold(), holdId: hold.id };
    if (grant !== undefined) return { ...this.grant(now), grantId: grant.id };
    return this.usage();
  }

  /**
   * A grant that activates on a carrier at the instant a hold there expires, then usage that
   * leaves the carrier in debt: the activation must pay the debt before the hold's credits return.
   */
  private queueActivationRace(): void {
    const rng = this.rng;
    const now = this.model.now;
    const carrierId = rng.pick(this.model.poolIds().filter((id) => this.model.isCarrier(id)));
    const ttlSeconds = rng.int(1, 900);
    const grant = this.grant(now);
    const hold = this.hold();
    const available = this.model.availableAt(carrierId);
    this.queued.push(
      { ...grant, poolId: carrierId, effectiveAt: now + ttlSeconds * secondMs, expiresAt: null },
      { ...hold, poolId: carrierId, amount: available > 0n ? available : 1n, ttlSeconds },
      { type: "record_usage", poolId: carrierId, amount: this.credits(100, 300) },
    );
  }

  /**
   * A hold that reserves all a carrier can give and expires at the instant one of its grants
   * does, then usage that leaves the carrier in debt: what do the returned credits do?
   */
  private queueExpiryRace(): void {
    const now = this.model.now;
    const candidates = [...this.model.pendingGrantsNow()].filter(
      (grant) =>
        grant.closure === null &&
        grant.effectiveAt <= now &&
        grant.remaining > 0n &&
        grant.expiresAt !== null &&
        grant.expiresAt > now &&
        grant.expiresAt - now <= dayMs &&
        (grant.expiresAt - now) % secondMs === 0 &&
        this.model.isCarrier(grant.poolId),
    );
    if (candidates.length === 0) return;
    const grant = this.rng.pick(candidates);
    const available = this.model.availableAt(grant.poolId);
    if (grant.expiresAt === null || available === 0n) return;
    const hold = this.hold();
    this.queued.push(
      {
        ...hold,
        poolId: grant.poolId,
        amount: available,
        ttlSeconds: (grant.expiresAt - now) / secondMs,
      },
      { type: "record_usage", poolId: grant.poolId, amount: this.credits(100, 300) },
    );
  }

  // ---- Time -----------------------------------------------------------------------------------

  private clockJump(): SimOp {
    const rng = this.rng;
    const now = this.model.now;
    const jitter = () => (rng.chance(0.3) ? rng.int(1, 999) : 0);
    const dueTimes = this.model.dueTimes();
    const [to, why] = rng.weighted<readonly [number, string]>([
      [[now + rng.int(1, 120) * secondMs + jitter(), "seconds"], 30],
      [[now + rng.int(2, 360) * 60_000 + jitter(), "minutes"], 20],
      [[this.nextBoundary(now), "boundary"], 12],
      [[this.nextBoundary(now) - 1, "just before a boundary"], 6],
      [[this.nextBoundary(now) + rng.int(1, 5000), "just after a boundary"], 5],
      [[dueTimes.length > 0 ? rng.pick(dueTimes) : now + 1, "a due instant"], 12],
      [[dueTimes.length > 0 ? rng.pick(dueTimes) - 1 : now + 1, "just before a due instant"], 5],
      [[now + rng.int(1, 10) * dayMs + jitter(), "days"], 4],
    ]);
    const line = this.startAt + paceHeadStartMs + this.opCount * paceMsPerOp;
    if (to > now + 120 * secondMs && to > line) {
      // Past the pace line: seconds instead, so the clock falls back under it and a long run
      // stays inside the ledger's time range.
      return this.jumpTo(now + rng.int(1, 120) * secondMs + jitter(), "seconds (held to the pace)");
    }
    return this.jumpTo(to, why);
  }

  private jumpTo(to: number, why: string): SimOp {
    const now = this.model.now;
    return { kind: "clock", to: Math.min(Math.max(to, now), Math.max(clockCeiling, now)), why };
  }
}
