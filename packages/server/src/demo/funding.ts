/**
 * What fills Acme's wallet over the simulated weeks: the plan's monthly credits (next month's
 * always scheduled ahead), a seat's credits per person each month (prorated for a new hire), the
 * opening top-up pack, a promotion that expires part way, Research's yearly commitment, a
 * duplicate purchase voided by billing, and automatic top-ups when a carrier runs low.
 */
import { credits, type Micros, periodEnd, periodStart } from "@creditpool/core";
import type { AcmeSpec, ActorSpec } from "./acme.ts";
import type { DemoOrganization } from "./demo-organization.ts";

const dayMs = 86_400_000;

export class Funding {
  /** Grants made, by source. */
  readonly grants = new Map<string, number>();
  topUps = 0;
  /** The people and agents in the organization now: everyone but new hires not yet joined. */
  private readonly present: Set<ActorSpec>;

  constructor(
    private readonly organization: DemoOrganization,
    private readonly spec: AcmeSpec,
  ) {
    this.present = new Set(spec.actors.filter((actor) => actor.joinsAt === undefined));
  }

  /** The grants in place when the simulated weeks begin at `start` and end at `end`. */
  async open(start: number, end: number): Promise<void> {
    const { spec } = this;
    await this.planFor(start, true);
    await this.planFor(periodEnd(start, "month"), false);
    for (const actor of this.present) await this.seatFor(actor, start, false);
    await this.grant(spec.name, "purchase", spec.purchase, { costBasis: spec.costBasis.purchase });
    const promotionDays = Math.max(1, Math.min(14, Math.floor(((end - start) / dayMs) * 0.6)));
    await this.grant(spec.name, "promotion", spec.promotion, {
      expiresAt: start + promotionDays * dayMs,
      priority: 50,
    });
    await this.grant("Research", "commitment", spec.commitment, {
      costBasis: spec.costBasis.commitment,
      expiresAt: start + 365 * dayMs,
    });
  }

  /** At the start of a month: its seats, and the plan's credits for the month after it. */
  async monthStarts(at: number): Promise<void> {
    await this.planFor(periodEnd(at, "month"), false);
    for (const actor of this.present) await this.seatFor(actor, at, false);
  }

  /** A new person's seat, prorated to what is left of the month. */
  async joined(actor: ActorSpec, at: number): Promise<void> {
    this.present.add(actor);
    await this.seatFor(actor, at, true);
  }

  /** Billing bought a pack twice by mistake and voids the second one. */
  async duplicatePurchase(): Promise<void> {
    const { spec } = this;
    const grantId = await this.grant(spec.name, "purchase", spec.purchase, {
      costBasis: spec.costBasis.purchase,
    });
    await this.organization.voidGrant(grantId);
  }

  /** Buys a pack for each carrier whose own credits fell below a tenth of what it burns a month. */
  /** A purchase when a funded pool's own credits, less its debt, run low. */
  async topUpIfLow(): Promise<void> {
    const { spec } = this;
    const checks: [string, Micros, Micros][] = [
      [spec.name, spec.planMonthly / 4n, spec.purchase],
      ["Research", spec.commitment / 10n, spec.commitment / 4n],
    ];
    for (const [name, threshold, pack] of checks) {
      const pool = await this.organization.read(name);
      if (pool.granted - pool.debt >= threshold) continue;
      await this.grant(name, "purchase", pack, { costBasis: spec.costBasis.purchase });
      this.topUps += 1;
    }
  }

  private async planFor(monthAt: number, now: boolean): Promise<void> {
    const start = periodStart(monthAt, "month");
    await this.grant(this.spec.name, "plan", this.spec.planMonthly, {
      costBasis: this.spec.costBasis.plan,
      effectiveAt: now ? null : start,
      expiresAt: periodEnd(start, "month"),
    });
  }

  private async seatFor(actor: ActorSpec, at: number, prorate: boolean): Promise<void> {
    if (actor.kind !== "person") return;
    const start = periodStart(at, "month");
    const end = periodEnd(at, "month");
    const full = this.spec.seatMonthly;
    const amount = prorate ? (full * BigInt(end - at)) / BigInt(end - start) : full;
    if (amount < credits("1")) return;
    const pool = actor.team === null ? this.spec.name : this.organization.carrierName(actor.team);
    await this.grant(pool, "seat", amount, {
      costBasis: this.spec.costBasis.seat,
      expiresAt: end,
    });
  }

  private async grant(
    pool: string,
    source: "plan" | "seat" | "purchase" | "promotion" | "commitment",
    amount: Micros,
    terms: {
      costBasis?: Micros;
      priority?: number;
      effectiveAt?: number | null;
      expiresAt?: number | null;
    },
  ): Promise<string> {
    this.grants.set(source, (this.grants.get(source) ?? 0) + 1);
    return this.organization.grant(pool, { source, amount, ...terms });
  }
}
