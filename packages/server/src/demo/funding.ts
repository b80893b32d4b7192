/**
 * What fills Acme's wallet over the simulated weeks: a subscription to the organization's own
 * plan, billed on the 1st (each month the organization's credits and a seat's credits per person,
 * the first month and a new hire's seat prorated, what is left rolling over up to a quarter), the
 * opening top-up pack bought through it, an auto top-up rule that buys the pack when the pool
 * runs low, a promotion that expires part way, Research's yearly commitment, a duplicate purchase
 * voided by billing, and Research's own purchases when it runs low. Every month's invoice follows
 * from the plan.
 */
import { type Micros, type PlanTerms, periodStart, rational } from "@creditpool/core";
import type { AcmeSpec, ActorSpec } from "./acme.ts";
import type { DemoOrganization } from "./demo-organization.ts";

const dayMs = 86_400_000;
/** Cents per credit from a cost basis in micro-dollars: 0.008 dollars a credit is 0.8 cents. */
const microsPerCent = 10n ** 10n;
export const demoPlanId = "acme-business";
const packId = "pack";

/** The plan the spec's prices make: a base price, seats, a pack, a quarter rolling over. */
export function demoPlan(spec: AcmeSpec): PlanTerms {
  const cents = (amount: Micros, basis: Micros) => (amount * basis) / microsPerCent;
  return {
    name: "Acme Business",
    currency: "USD",
    interval: "month",
    basePrice: cents(spec.planMonthly, spec.costBasis.plan),
    seatPrice: cents(spec.seatMonthly, spec.costBasis.seat),
    creditsPerSeat: spec.seatMonthly,
    seatName: null,
    seatTiers: [],
    creditsPerOrganization: spec.planMonthly,
    overagePrice: rational(1n),
    rollover: { cap: { kind: "percent", percent: 25 }, lifetimeDays: 30 },
    seatRemoval: "keep",
    topUps: [
      { id: packId, credits: spec.purchase, price: cents(spec.purchase, spec.costBasis.purchase) },
    ],
    topUpPrice: rational(1n),
    commitment: null,
  };
}

export class Funding {
  /** Grants made outside the subscription, by source, and the subscription's changes. */
  readonly grants = new Map<string, number>();
  topUps = 0;
  renewals = 0;
  private subscriptionId = "";
  /** The people in the organization now: everyone but new hires not yet joined. */
  private seats: number;

  constructor(
    private readonly organization: DemoOrganization,
    private readonly spec: AcmeSpec,
  ) {
    this.seats = spec.actors.filter(
      (actor) => actor.joinsAt === undefined && actor.kind === "person",
    ).length;
  }

  /** The subscription and the grants in place when the simulated weeks begin at `start`. */
  async open(start: number, end: number): Promise<void> {
    const { spec, organization } = this;
    // Billed on the 1st, as most organizations are: the first month prorated from the start.
    const anchorAt = periodStart(start, "month");
    this.subscriptionId = await organization.subscribe(
      demoPlanId,
      demoPlan(spec),
      this.seats,
      anchorAt,
    );
    this.count("plan");
    await organization.buyPack(this.subscriptionId, packId);
    this.count("purchase");
    // Below half a month of the plan's credits, the pack, at most three times a month.
    await organization.autoTopUp(this.subscriptionId, {
      threshold: spec.planMonthly / 2n,
      pack: packId,
      credits: null,
      maxPerPeriod: 3,
    });
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

  /** Once a day: a subscription whose month ended renews, its invoice finalized. */
  async renewDue(): Promise<void> {
    const renewed = await this.organization.renewDue();
    this.renewals += renewed;
    for (let each = 0; each < renewed; each += 1) this.count("plan");
  }

  /** A new person's seat: the plan prorates its credits and price to what is left of the month. */
  async joined(actor: ActorSpec): Promise<void> {
    if (actor.kind !== "person") return;
    this.seats += 1;
    await this.organization.setSeats(this.subscriptionId, this.seats);
    this.count("seat");
  }

  /** Billing bought a pack twice by mistake and voids the second one. */
  async duplicatePurchase(): Promise<void> {
    const { spec } = this;
    const grantId = await this.grant(spec.name, "purchase", spec.purchase, {
      costBasis: spec.costBasis.purchase,
    });
    await this.organization.voidGrant(grantId);
  }

  /**
   * A purchase when a funded pool runs low: the subscription's auto top-up rule, checked as the
   * server's job checks it, buys the plan's pack; Research, funded on its own, buys credits
   * outright.
   */
  async topUpIfLow(): Promise<void> {
    const { spec } = this;
    if (await this.organization.checkAutoTopUp(this.subscriptionId)) {
      this.count("purchase");
      this.topUps += 1;
    }
    const research = await this.organization.read("Research");
    if (research.granted - research.debt < spec.commitment / 10n) {
      await this.grant("Research", "purchase", spec.commitment / 4n, {
        costBasis: spec.costBasis.purchase,
      });
      this.topUps += 1;
    }
  }

  private count(source: string): void {
    this.grants.set(source, (this.grants.get(source) ?? 0) + 1);
  }

  private async grant(
    pool: string,
    source: "purchase" | "promotion" | "commitment",
    amount: Micros,
    terms: { costBasis?: Micros; priority?: number; expiresAt?: number | null },
  ): Promise<string> {
    this.count(source);
    return this.organization.grant(pool, { source, amount, ...terms });
  }
}
