/**
 * The billing mode's seeded workload: a few plans published side by side (one currency and
 * interval a run), a subscription of the root pool on one of them anchored in a time zone, then a
 * stream of billing requests (seats up and down, to 0 and back; top-ups; plan changes; cancel and
 * resume; the renewal job; reads) mixed with the ledger's usage, holds, captures and releases on
 * the root pool, and clock jumps onto period ends (exactly, 1 ms before, several at once).
 */
import type { Command, Micros, PlanTerms } from "@creditpool/core";
import { Prng } from "../packages/server/src/prng.ts";
import { instantOfWallClock } from "./billing-calendar.ts";
import type { BillingStep } from "./billing-driver.ts";
import type { BillingReference, RefPlan } from "./billing-reference.ts";
import type { ReferenceModel } from "./reference-model.ts";

export type BillingOp =
  | { readonly kind: "ledger"; readonly command: Command }
  | { readonly kind: "billing"; readonly step: BillingStep }
  | { readonly kind: "clock"; readonly to: number; readonly why: string };

const secondMs = 1000;
const dayMs = 86_400_000;
const credit = 1_000_000n;

/** Zones with daylight saving, fractional offsets, and a half-hour change (Lord Howe). */
export const billingTimeZones = [
  "UTC",
  "America/New_York",
  "Europe/Paris",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "America/St_Johns",
  "Australia/Adelaide",
] as const;

export class BillingWorkload {
  private readonly rng: Prng;
  private grantCount = 0;
  private holdCount = 0;
  readonly plans: RefPlan[] = [];

  constructor(
    seed: number,
    private readonly model: ReferenceModel,
    private readonly billing: BillingReference,
    private readonly rootPoolId: string,
  ) {
    this.rng = new Prng(seed + 0xb111);
  }

  /** Three tiers of one currency and interval, each dearer and richer than the last. */
  makePlans(): RefPlan[] {
    const rng = this.rng;
    const currency = rng.pick(["USD", "EUR", "JPY", "KWD"]);
    const interval = rng.chance(0.75) ? "month" : "year";
    const perSeat = rng.pick([0n, 100n * credit, 1000n * credit, 333_333_333n]);
    const perOrganization = rng.pick([0n, 0n, 500n * credit, 10_000n * credit + credit / 2n]);
    const seatPrice = rng.pick([0n, 999n, 3000n]);
    const basePrice = rng.pick([0n, 0n, 4900n]);
    for (const [tier, name] of ["basic", "pro", "max"].entries()) {
      const factor = BigInt(tier + 1);
      const rollover = rng.weighted<PlanTerms["rollover"]>([
        [null, 2],
        [{ cap: { kind: "percent", percent: rng.pick([10, 25, 100]) }, lifetimeDays: 30 }, 4],
        [{ cap: { kind: "amount", amount: 250n * credit + credit / 2n }, lifetimeDays: 45 }, 3],
      ]);
      if (rollover !== null && rng.chance(0.3))
        (rollover as { lifetimeDays: number }).lifetimeDays = rng.pick([7, 90]);
      const terms: PlanTerms = {
        name,
        currency,
        interval,
        basePrice: basePrice * factor,
        seatPrice: seatPrice * factor + (tier === 2 ? 1n : 0n),
        creditsPerSeat: perSeat * factor,
        seatName: null,
        seatTiers: [],
        creditsPerOrganization: perOrganization * factor,
        overagePrice: { numerator: 0n, denominator: 1n },
        rollover,
        seatRemoval: rng.chance(0.6) ? "claw_back" : "keep",
        topUps: [{ id: "boost", credits: 2000n * credit, price: 1500n * factor }],
        topUpPrice: rng.chance(0.7) ? { numerator: 4n, denominator: 5n } : null,
        commitment: null,
      };
      this.plans.push({ id: `sim-${name}`, version: 1, terms });
    }
    return this.plans;
  }

  /** A subscription anchored on the 29th, 30th or 31st (or any day), some months back. */
  start(now: number): BillingStep {
    const rng = this.rng;
    const timeZone = rng.pick(billingTimeZones);
    const plan = rng.pick(this.plans);
    const day = rng.weighted([
      [29, 2],
      [30, 2],
      [31, 3],
      [rng.int(1, 28), 3],
    ]);
    let anchorAt = now;
    if (!rng.chance(0.15)) {
      const here = new Date(now);
      for (let back = rng.int(1, 14); ; back += 1) {
        const month = here.getUTCMonth() - back;
        const last = new Date(Date.UTC(here.getUTCFullYear(), month + 1, 0)).getUTCDate();
        if (last < day) continue;
        const wall =
          Date.UTC(here.getUTCFullYear(), month, day) +
          rng.int(0, 23) * 3_600_000 +
          rng.pick([0, 30, 45]) * 60_000;
        anchorAt = instantOfWallClock(timeZone, wall);
        break;
      }
    }
    return { kind: "start", plan: plan.id, seats: rng.int(0, 12), anchorAt, timeZone };
  }

  next(): BillingOp {
    const rng = this.rng;
    if (rng.chance(0.12)) return this.clockJump();
    const subscription = this.billing.subscription;
    if (subscription?.status === "canceled" && rng.chance(0.3)) {
      return { kind: "billing", step: this.start(this.model.now) };
    }
    return rng.weighted<() => BillingOp>([
      [() => this.ledger(), 50],
      [() => this.seats(), 12],
      [() => this.topUp(), 5],
      [() => ({ kind: "billing", step: { kind: "plan", plan: rng.pick(this.plans).id } }), 6],
      [() => ({ kind: "billing", step: { kind: "cancel" } }), 2],
      [() => ({ kind: "billing", step: { kind: "resume" } }), 2],
      [() => ({ kind: "billing", step: { kind: "renew_due" } }), 8],
      [() => ({ kind: "billing", step: { kind: "read" } }), 6],
    ])();
  }

  private seats(): BillingOp {
    const rng = this.rng;
    const current = this.billing.subscription?.seats ?? 0;
    const seats = rng.weighted([
      [current + rng.int(1, 4), 4],
      [Math.max(0, current - rng.int(1, 4)), 4],
      [0, 2],
      [current, 1],
      [rng.int(0, 15), 2],
    ]);
    return { kind: "billing", step: { kind: "seats", seats } };
  }

  private topUp(): BillingOp {
    const rng = this.rng;
    if (rng.chance(0.5)) return { kind: "billing", step: { kind: "top_up", pack: "boost" } };
    const credits = rng.weighted<Micros>([
      [BigInt(rng.int(1, 5000)) * credit, 6],
      [1_234_500_000n, 2],
      [BigInt(rng.int(1, 999_999)), 2],
    ]);
    return { kind: "billing", step: { kind: "top_up", credits } };
  }

  // ---- The ledger on the root pool --------------------------------------------------------------

  private amount(): Micros {
    const rng = this.rng;
    const whole = BigInt(rng.int(1, 800)) * credit;
    return rng.chance(0.3) ? whole + rng.bigint(1n, credit - 1n) : whole;
  }

  private ledger(): BillingOp {
    const rng = this.rng;
    const poolId = this.rootPoolId;
    const open = [...this.model.openHoldsNow()];
    const make = rng.weighted<() => Command>([
      [() => ({ type: "record_usage", poolId, amount: this.amount() }), 35],
      [() => this.hold(), 25],
      [
        () =>
          open.length === 0
            ? { type: "record_usage", poolId, amount: this.amount() }
            : {
                type: "capture_hold",
                holdId: rng.pick(open).id,
                amount: rng.chance(0.5) ? this.amount() : 0n,
              },
        20,
      ],
      [() => ({ type: "release_hold", holdId: open.length > 0 ? rng.pick(open).id : "h_x" }), 8],
      [() => this.promotion(), 4],
    ]);
    return { kind: "ledger", command: make() };
  }

  /**
   * A hold of a random TTL, never expiring at the very instant a grant does (a case the ledger's
   * reference model reads as DESIGN does and the core does not; `--edges` of the ledger mode).
   */
  private hold(): Command {
    const rng = this.rng;
    this.holdCount += 1;
    const avoided = new Set<number>();
    for (const grant of this.model.pendingGrantsNow())
      if (grant.expiresAt !== null) avoided.add(grant.expiresAt);
    const end = this.billing.subscription?.period.end;
    if (end !== undefined) {
      avoided.add(end);
      for (const plan of this.plans)
        if (plan.terms.rollover !== null)
          avoided.add(end + plan.terms.rollover.lifetimeDays * dayMs);
    }
    let ttlSeconds = rng.int(1, 7200);
    while (avoided.has(this.model.now + ttlSeconds * secondMs)) ttlSeconds += 1;
    return {
      type: "create_hold",
      holdId: `h${String(this.holdCount).padStart(5, "0")}`,
      poolId: this.rootPoolId,
      amount: this.amount(),
      ttlSeconds,
    };
  }

  private promotion(): Command {
    this.grantCount += 1;
    return {
      type: "create_grant",
      grantId: `g${String(this.grantCount).padStart(5, "0")}`,
      poolId: this.rootPoolId,
      amount: this.amount(),
      source: "promotion",
      priority: this.rng.pick([10, 100, 500]),
      effectiveAt: null,
      expiresAt: this.rng.chance(0.5) ? null : this.model.now + this.rng.int(1, 60) * dayMs + 17,
      costBasis: 0n,
    };
  }

  // ---- Time -------------------------------------------------------------------------------------

  private clockJump(): BillingOp {
    const rng = this.rng;
    const now = this.model.now;
    const subscription = this.billing.subscription;
    const end = subscription?.status === "active" ? subscription.period.end : now + 31 * dayMs;
    const length = Math.max(end - (subscription?.period.start ?? now), dayMs);
    const [to, why] = rng.weighted<readonly [number, string]>([
      [[now + rng.int(1, 3600) * secondMs + rng.int(0, 999), "seconds"], 20],
      [[now + rng.int(1, 10) * dayMs + rng.int(0, 999), "days"], 20],
      [[end, "the period's end"], 20],
      [[end - 1, "1 ms before the period's end"], 12],
      [[end + rng.int(1, 5000), "just after the period's end"], 8],
      [[end + rng.int(1, 3) * length + rng.int(0, 3) * dayMs, "several periods on"], 6],
    ]);
    return { kind: "clock", to: Math.max(to, now), why };
  }
}
