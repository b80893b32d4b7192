/**
 * Plans: the catalog an organization subscribes from. A plan is a series of immutable versions
 * under one id, like rate cards: publishing again makes the next version, and subscriptions keep
 * the version they started on until they change it. The operator's plans (scope `default`) are
 * offered to every organization; an organization may publish its own, found first.
 */
import {
  costBasis,
  limits,
  type Micros,
  type PlanTerms,
  type RolloverRule,
  rational,
} from "@creditpool/core";
import { type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { PlanRow } from "../store/billing.ts";
import { defaultScope } from "../store/pricing.ts";
import { auditEntry } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import {
  answerOf,
  idempotencyOf,
  operatorScope,
  type Render,
  replayOf,
  storedReplay,
  type Written,
} from "./idempotency.ts";

/** A version of a plan, as subscriptions use it. */
export interface Plan {
  /** The store's scope: `default` for the operator's catalog, else the organization's id. */
  readonly scope: string;
  /** Whose catalog the plan is in. */
  readonly owner: "operator" | "organization";
  readonly id: string;
  readonly version: number;
  readonly terms: PlanTerms;
  readonly createdAt: number;
}

/** Publishes of one plan id racing for its next version retry this many times. */
const publishAttemptsMax = 5;

export class PlanService {
  constructor(private readonly context: ServiceContext) {}

  /**
   * Publishes the next version of plan `id`: the operator's catalog with the operator key, else
   * the organization's own (a key with `billing.write`).
   */
  async publish(
    principal: Principal,
    id: string,
    terms: PlanTerms,
    idempotencyKey: string,
    render: Render<Plan>,
  ): Promise<Written<Plan>> {
    const { store, clock } = this.context;
    const scope =
      principal.role === "operator" ? defaultScope : requirePermission(principal, "billing.write");
    const idempotency = idempotencyOf(
      principal.organizationId ?? operatorScope,
      idempotencyKey,
      "plans.publish",
      { id, terms: encodePlan(terms) },
    );
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
    terms.seatTiers.forEach((tier, index) => {
      if (costBasis(tier.seatPrice, terms.currency, tier.creditsPerSeat) > limits.amountMicrosMax)
        throw new Refusal(
          "amount_out_of_range",
          "A credit of the tier's seat would cost more than the largest cost basis.",
          `seat_tiers.${index}.seat_price`,
        );
    });
    terms.topUps.forEach((pack, index) => {
      if (costBasis(pack.price, terms.currency, pack.credits) > limits.amountMicrosMax)
        throw new Refusal(
          "amount_out_of_range",
          "A credit of the pack would cost more than the largest cost basis.",
          `top_ups.${index}.price`,
        );
    });
    for (let attempt = 1; ; attempt += 1) {
      const versions = (await store.listPlans(scope)).filter((row) => row.id === id);
      const now = clock();
      const plan: Plan = {
        scope,
        owner: scope === defaultScope ? "operator" : "organization",
        id,
        version: versions.length + 1,
        terms,
        createdAt: now,
      };
      const view = render(plan);
      // The operator's catalog belongs to no organization, so to no organization's trail.
      const audit =
        scope === defaultScope
          ? undefined
          : auditEntry(
              this.context,
              principal,
              scope,
              {
                action: "plan.published",
                targetType: "plan",
                targetId: id,
                before: null,
                after: view,
              },
              now,
            );
      try {
        const stored = await store.insertPlan(
          { scope, id, version: plan.version, definition: encodePlan(terms), createdAt: now },
          answerOf(idempotency, view, now, audit),
        );
        return stored === null ? { made: plan } : replayOf(idempotency, stored);
      } catch (error) {
        // Another publish took this version first: the next one is ours.
        const taken = (await store.readPlan(scope, id, plan.version)) !== null;
        if (!taken || attempt >= publishAttemptsMax) throw error;
      }
    }
  }

  /** The latest version of every plan the organization may subscribe to: its own first. */
  async list(principal: Principal): Promise<Plan[]> {
    const organizationId =
      principal.role === "operator" ? null : requirePermission(principal, "billing.read");
    const own = organizationId === null ? [] : await this.context.store.listPlans(organizationId);
    const catalog = await this.context.store.listPlans(defaultScope);
    const latest = new Map<string, PlanRow>();
    for (const row of [...catalog, ...own]) latest.set(row.id, row);
    return [...latest.values()].sort((a, b) => a.id.localeCompare(b.id)).map(planOf);
  }

  /** One version of a plan (the latest when `version` is left out), as the key's scope sees it. */
  async read(principal: Principal, id: string, version?: number): Promise<Plan> {
    const organizationId =
      principal.role === "operator" ? null : requirePermission(principal, "billing.read");
    return resolvePlan(this.context, organizationId, id, version, { id: "id", version: "version" });
  }
}

/** The organization's own plan `id`, else the operator's; a version, or the latest. */
export async function resolvePlan(
  context: ServiceContext,
  organizationId: string | null,
  id: string,
  version?: number,
  params: { readonly id: string; readonly version: string } = {
    id: "plan",
    version: "plan_version",
  },
): Promise<Plan> {
  const scopes = organizationId === null ? [defaultScope] : [organizationId, defaultScope];
  for (const scope of scopes) {
    const versions = (await context.store.listPlans(scope)).filter((row) => row.id === id);
    if (versions.length === 0) continue;
    // An organization's own plan shadows the operator's of the same id, every version of it.
    const row =
      version === undefined
        ? versions[versions.length - 1]
        : versions.find((each) => each.version === version);
    if (row === undefined) break;
    return planOf(row);
  }
  throw new Refusal(
    "plan_not_found",
    undefined,
    version === undefined ? params.id : params.version,
  );
}

export function planOf(row: PlanRow): Plan {
  return {
    scope: row.scope,
    owner: row.scope === defaultScope ? "operator" : "organization",
    id: row.id,
    version: row.version,
    terms: decodePlan(row.definition),
    createdAt: row.createdAt,
  };
}

/** A plan's terms as stored: JSON with amounts as decimal integer text. */
interface StoredPlan {
  readonly name: string;
  readonly currency: string;
  readonly interval: "month" | "year";
  readonly base_price: string;
  readonly seat_price: string;
  readonly credits_per_seat: string;
  /** Absent in plans stored before seat tiers. */
  readonly seat_name?: string | null;
  readonly seat_tiers?: readonly {
    id: string;
    name: string;
    seat_price: string;
    credits_per_seat: string;
  }[];
  readonly credits_per_organization: string;
  /** Minor units per credit, "numerator/denominator". */
  readonly overage_price: string;
  readonly rollover: {
    readonly cap: { readonly amount: string } | { readonly percent: number };
    readonly lifetime_days: number;
  } | null;
  readonly seat_removal: "keep" | "claw_back";
  readonly top_ups: readonly { id: string; credits: string; price: string }[];
  /** "numerator/denominator" minor units per credit; absent in plans stored before it. */
  readonly top_up_price?: string | null;
  readonly commitment: { readonly minimum: string; readonly discount_percent: number } | null;
}

export function encodePlan(terms: PlanTerms): string {
  const stored: StoredPlan = {
    name: terms.name,
    currency: terms.currency,
    interval: terms.interval,
    base_price: terms.basePrice.toString(),
    seat_price: terms.seatPrice.toString(),
    credits_per_seat: terms.creditsPerSeat.toString(),
    // Left out when unused, so a plan without tiers is stored (and fingerprinted) as before.
    ...(terms.seatName === null ? {} : { seat_name: terms.seatName }),
    ...(terms.seatTiers.length === 0
      ? {}
      : {
          seat_tiers: terms.seatTiers.map((tier) => ({
            id: tier.id,
            name: tier.name,
            seat_price: tier.seatPrice.toString(),
            credits_per_seat: tier.creditsPerSeat.toString(),
          })),
        }),
    credits_per_organization: terms.creditsPerOrganization.toString(),
    overage_price: `${terms.overagePrice.numerator}/${terms.overagePrice.denominator}`,
    rollover:
      terms.rollover === null
        ? null
        : {
            cap:
              terms.rollover.cap.kind === "amount"
                ? { amount: terms.rollover.cap.amount.toString() }
                : { percent: terms.rollover.cap.percent },
            lifetime_days: terms.rollover.lifetimeDays,
          },
    seat_removal: terms.seatRemoval,
    top_ups: terms.topUps.map((pack) => ({
      id: pack.id,
      credits: pack.credits.toString(),
      price: pack.price.toString(),
    })),
    top_up_price:
      terms.topUpPrice === null
        ? null
        : `${terms.topUpPrice.numerator}/${terms.topUpPrice.denominator}`,
    commitment:
      terms.commitment === null
        ? null
        : {
            minimum: terms.commitment.minimum.toString(),
            discount_percent: terms.commitment.discountPercent,
          },
  };
  return JSON.stringify(stored);
}

export function decodePlan(text: string): PlanTerms {
  const stored = JSON.parse(text) as StoredPlan;
  return {
    name: stored.name,
    currency: stored.currency,
    interval: stored.interval,
    basePrice: BigInt(stored.base_price),
    seatPrice: BigInt(stored.seat_price),
    creditsPerSeat: BigInt(stored.credits_per_seat),
    seatName: stored.seat_name ?? null,
    seatTiers: (stored.seat_tiers ?? []).map((tier) => ({
      id: tier.id,
      name: tier.name,
      seatPrice: BigInt(tier.seat_price),
      creditsPerSeat: BigInt(tier.credits_per_seat),
    })),
    creditsPerOrganization: BigInt(stored.credits_per_organization),
    overagePrice: rationalOf(stored.overage_price),
    rollover: stored.rollover === null ? null : rolloverOf(stored.rollover),
    seatRemoval: stored.seat_removal,
    topUps: stored.top_ups.map((pack) => ({
      id: pack.id,
      credits: BigInt(pack.credits),
      price: BigInt(pack.price),
    })),
    topUpPrice: stored.top_up_price ? rationalOf(stored.top_up_price) : null,
    commitment:
      stored.commitment === null
        ? null
        : {
            minimum: BigInt(stored.commitment.minimum),
            discountPercent: stored.commitment.discount_percent,
          },
  };
}

function rationalOf(text: string): PlanTerms["overagePrice"] {
  const [numerator = "0", denominator = "1"] = text.split("/");
  return rational(BigInt(numerator), BigInt(denominator));
}

function rolloverOf(stored: NonNullable<StoredPlan["rollover"]>): RolloverRule {
  const cap = stored.cap;
  return {
    cap:
      "amount" in cap
        ? { kind: "amount", amount: BigInt(cap.amount) as Micros }
        : { kind: "percent", percent: cap.percent },
    lifetimeDays: stored.lifetime_days,
  };
}
