/**
 * The shapes of plans, subscriptions and invoices. Money is integer minor units of the plan's
 * currency (cents for USD): an integer or a string of digits in requests, a string in answers.
 * Credits are decimal strings as everywhere else.
 */
import {
  isCurrency,
  isTimeZone,
  limits,
  type PlanTerms,
  parseRational,
  type Rational,
  rational,
  seatTierIdPattern,
  seatTiersProblem,
} from "@creditpool/core";
import { z } from "@hono/zod-openapi";
import { Credits, CreditsInput, idOf, Name, Text, TimeInput, Timestamp } from "./schemas.ts";

/** Money in a request: minor units, at most `moneyMinorMax`. */
export const MoneyInput = z
  .union([z.number().int(), z.string().regex(/^\d+$/, "must be an integer of minor units")])
  .transform((value, context): bigint => {
    const money = BigInt(value);
    if (money < 0n || money > limits.moneyMinorMax) {
      context.addIssue({
        code: "custom",
        message: `must be from 0 to ${limits.moneyMinorMax} minor units`,
      });
      return z.NEVER;
    }
    return money;
  })
  .openapi({ type: "string", example: "3000", description: "Minor units of the currency." });

export const Money = z
  .string()
  .openapi({ example: "3000", description: "Minor units of the currency (may be negative)." });

/** Minor units per credit, a decimal that may be a fraction of a minor unit ("0.4"). */
const PriceInput = z
  .string()
  .transform((value, context): Rational => {
    const price = parseRational(value);
    if (price === null) {
      context.addIssue({ code: "custom", message: 'must be a decimal such as "0.4"' });
      return z.NEVER;
    }
    return price;
  })
  .openapi({ type: "string", example: "0.4" });

const PlanId = z
  .string()
  .min(1)
  .max(limits.idLengthMax)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "must be lowercase letters, digits, _ and -")
  .openapi({ example: "team" });

const Percent = z.number().int().min(1).max(100);

/** Credits a plan includes or sells: never negative. */
const PlanCredits = CreditsInput.refine((value) => value >= 0n, "must not be negative");
const PositiveCredits = CreditsInput.refine((value) => value > 0n, "must be positive");

const RolloverInput = z.strictObject({
  cap: z
    .strictObject({ amount: PositiveCredits.optional(), percent: Percent.optional() })
    .refine((cap) => (cap.amount === undefined) !== (cap.percent === undefined), {
      message: "name an amount or a percent, not both",
      path: ["amount"],
    })
    .openapi({ description: "`{ amount }` (credits) or `{ percent }` (1 to 100)." }),
  lifetime_days: z.number().int().min(1).max(limits.rolloverLifetimeDaysMax),
});

const SeatTierId = z
  .string()
  .regex(seatTierIdPattern, "must be a lowercase letter, then letters, digits, _ or -")
  .openapi({ example: "premium" });

const SeatTierInput = z.strictObject({
  // The id's rule is `seatTiersProblem`'s, checked over the list.
  id: z.string().min(1).max(32).openapi({ example: "premium" }),
  name: Name,
  seat_price: MoneyInput,
  credits_per_seat: PlanCredits,
});

export const PublishPlan = z
  .strictObject({
    id: PlanId,
    name: Name,
    currency: z
      .string()
      .refine(isCurrency, "must be an ISO 4217 currency code such as USD")
      .openapi({ example: "USD" }),
    interval: z.enum(["month", "year"]),
    base_price: MoneyInput.default(0n),
    seat_price: MoneyInput.default(0n),
    credits_per_seat: PlanCredits.default(0n),
    seat_name: Name.nullable().default(null).openapi({
      description: "What lines call the plan's own seat; `Standard` beside tiers by default.",
    }),
    seat_tiers: z
      .array(SeatTierInput)
      .max(limits.seatTiersMax)
      .superRefine((tiers, context) => {
        const problem = seatTiersProblem(tiers);
        if (problem !== null)
          context.addIssue({
            code: "custom",
            message: problem.message,
            path: problem.index === null ? [] : [problem.index, "id"],
          });
      })
      .default([])
      .openapi({
        description:
          "Seats of other prices and credits beside the plan's own, in one subscription and one pool.",
      }),
    credits_per_organization: PlanCredits.default(0n),
    overage_price: PriceInput.optional(),
    rollover: RolloverInput.nullable().default(null),
    seat_removal: z.enum(["keep", "claw_back"]).default("keep"),
    top_ups: z
      .array(
        z.strictObject({
          id: PlanId,
          credits: PositiveCredits,
          price: MoneyInput,
        }),
      )
      .max(limits.planTopUpPacksMax)
      .refine(
        (packs) => new Set(packs.map((pack) => pack.id)).size === packs.length,
        "names each pack once",
      )
      .default([]),
    top_up_price: PriceInput.nullable().optional(),
    commitment: z
      .strictObject({ minimum: MoneyInput, discount_percent: z.number().int().min(0).max(100) })
      .nullable()
      .default(null),
  })
  .openapi("PublishPlan");

export type PublishPlanBody = z.infer<typeof PublishPlan>;

export function planTermsOf(body: PublishPlanBody): PlanTerms {
  const rollover = body.rollover;
  return {
    name: body.name,
    currency: body.currency,
    interval: body.interval,
    basePrice: body.base_price,
    seatPrice: body.seat_price,
    creditsPerSeat: body.credits_per_seat,
    seatName: body.seat_name,
    seatTiers: body.seat_tiers.map((tier) => ({
      id: tier.id,
      name: tier.name,
      seatPrice: tier.seat_price,
      creditsPerSeat: tier.credits_per_seat,
    })),
    creditsPerOrganization: body.credits_per_organization,
    overagePrice: body.overage_price ?? rational(0n),
    rollover:
      rollover === null
        ? null
        : {
            cap:
              rollover.cap.amount !== undefined
                ? { kind: "amount", amount: rollover.cap.amount }
                : { kind: "percent", percent: rollover.cap.percent ?? 0 },
            lifetimeDays: rollover.lifetime_days,
          },
    seatRemoval: body.seat_removal,
    topUps: body.top_ups,
    topUpPrice: body.top_up_price ?? null,
    commitment:
      body.commitment === null
        ? null
        : { minimum: body.commitment.minimum, discountPercent: body.commitment.discount_percent },
  };
}

export const PlanView = z
  .object({
    id: z.string(),
    object: z.literal("plan"),
    version: z.number().int(),
    scope: z.enum(["operator", "organization"]),
    name: z.string(),
    currency: z.string(),
    interval: z.enum(["month", "year"]),
    base_price: Money,
    seat_price: Money,
    credits_per_seat: Credits,
    seat_name: z.string().nullable(),
    seat_tiers: z.array(
      z.object({ id: z.string(), name: z.string(), seat_price: Money, credits_per_seat: Credits }),
    ),
    credits_per_organization: Credits,
    overage_price: z.string(),
    rollover: z
      .object({
        cap: z.union([z.object({ amount: Credits }), z.object({ percent: z.number() })]),
        lifetime_days: z.number().int(),
      })
      .nullable(),
    seat_removal: z.enum(["keep", "claw_back"]),
    top_ups: z.array(z.object({ id: z.string(), credits: Credits, price: Money })),
    top_up_price: z.string().nullable(),
    commitment: z.object({ minimum: Money, discount_percent: z.number() }).nullable(),
    created_at: Timestamp,
  })
  .openapi("Plan");

export const PlanParams = z.object({ id: PlanId });
export const PlanVersionQuery = z.strictObject({
  version: z.coerce.number().int().min(1).optional(),
});

const SeatAccess = z.enum(["open", "assigned"]).openapi({
  description:
    "Who may hold at the subscription's pools: anyone (`open`), or only members holding one of its seats (`assigned`). Set when the subscription starts.",
});

const SeatCount = z.number().int().min(0).max(limits.seatsMax);

const TierSeatsInput = z
  .record(SeatTierId, SeatCount)
  .refine((tiers) => Object.keys(tiers).length <= limits.seatTiersMax, {
    message: `must name at most ${limits.seatTiersMax} tiers`,
  })
  .default({})
  .openapi({
    description: "Seats of the plan's tiers, by tier id, beside `seats` of its own.",
    example: { premium: 3 },
  });

export const StartSubscription = z
  .strictObject({
    plan: PlanId,
    plan_version: z.number().int().min(1).optional(),
    seats: z.number().int().min(0).max(limits.seatsMax).default(0),
    tier_seats: TierSeatsInput,
    pool: idOf("pool").optional(),
    anchor_at: TimeInput.optional(),
    time_zone: Text(64)
      .refine(isTimeZone, "must be an IANA time zone such as Europe/Paris")
      .default("UTC"),
    seat_access: SeatAccess.default("open"),
  })
  .openapi("StartSubscription");

const AutoTopUpRuleInput = z
  .strictObject({
    threshold: CreditsInput.openapi({
      description: "Buy when the pool's `available` falls below this many credits.",
    }),
    pack: PlanId.optional().openapi({ description: "One of the plan's packs, by its id." }),
    credits: CreditsInput.optional().openapi({
      description: "Or an amount, at the plan's `top_up_price`.",
    }),
    max_per_period: z.number().int().min(1).max(limits.autoTopUpsPerPeriodMax),
  })
  .refine((rule) => (rule.pack === undefined) !== (rule.credits === undefined), {
    message: "name a pack or an amount of credits, not both",
    path: ["pack"],
  })
  .refine((rule) => rule.credits === undefined || rule.credits > 0n, {
    message: "must be positive",
    path: ["credits"],
  });

export const SetAutoTopUp = z
  .strictObject({
    auto_top_up: AutoTopUpRuleInput.nullable().openapi({
      description: "The rule, or null to remove it.",
    }),
  })
  .openapi("SetAutoTopUp");

export const ChangeSeats = z
  .strictObject({
    seats: SeatCount,
    tier: SeatTierId.optional().openapi({
      description: "The tier whose seats `seats` sets; the plan's own seat when left out.",
    }),
  })
  .openapi("ChangeSeats");

const InvoiceLineView = z.object({
  id: z.string(),
  kind: z.enum([
    "base",
    "seats",
    "seats_added",
    "seats_removed",
    "top_up",
    "plan_credit",
    "plan_charge",
    "overage",
    "commitment_true_up",
  ]),
  description: z.string(),
  quantity: z.number().int(),
  tier: z
    .string()
    .nullable()
    .openapi({ description: "The seat tier a seats line counts; null: the plan's own seat." }),
  amount: Money,
  from: Timestamp,
  to: Timestamp,
});

export const SubscriptionView = z
  .object({
    id: idOf("sub"),
    object: z.literal("subscription"),
    plan: z.string(),
    plan_version: z.number().int(),
    pool: idOf("pool"),
    seats: z.number().int(),
    tier_seats: z.record(z.string(), z.number().int()).openapi({
      description: "Seats of each of the plan's tiers, by tier id.",
      example: { premium: 3 },
    }),
    seat_access: SeatAccess,
    seats_assigned: z.number().int().openapi({ description: "Members holding one of its seats." }),
    status: z.enum(["active", "canceled"]),
    cancel_at_period_end: z.boolean(),
    pending_plan: z
      .object({ plan: z.string(), plan_version: z.number().int() })
      .nullable()
      .openapi({ description: "A downgrade that takes over at the period's end." }),
    anchor_at: Timestamp,
    time_zone: z.string(),
    interval: z.enum(["month", "year"]),
    auto_top_up: z
      .object({
        threshold: Credits,
        pack: z.string().nullable(),
        credits: Credits.nullable(),
        max_per_period: z.number().int(),
        purchases_this_period: z.number().int(),
        armed: z.boolean().openapi({
          description: "False after a purchase until the pool is seen at or above the threshold.",
        }),
      })
      .nullable(),
    current_period: z.object({
      index: z.number().int(),
      start: Timestamp,
      end: Timestamp,
      included_credits: Credits,
      grants: z.array(idOf("grant")),
      invoice: idOf("inv"),
    }),
    created_at: Timestamp,
  })
  .openapi("Subscription");

export const InvoiceView = z
  .object({
    id: idOf("inv"),
    object: z.literal("invoice"),
    subscription: idOf("sub"),
    number: z.string().nullable(),
    status: z.enum(["draft", "finalized", "paid", "void"]),
    currency: z.string(),
    period_start: Timestamp,
    period_end: Timestamp,
    lines: z.array(InvoiceLineView),
    total: Money,
    created_at: Timestamp,
    finalized_at: Timestamp.nullable(),
  })
  .openapi("Invoice");

export const InvoiceListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  starting_after: Text(limits.idLengthMax).optional(),
  subscription: idOf("sub").optional(),
});

export const BuyTopUp = z
  .strictObject({
    subscription: idOf("sub"),
    pack: PlanId.optional().openapi({ description: "One of the plan's packs, by its id." }),
    credits: CreditsInput.optional().openapi({
      description: "Or an amount, at the plan's `top_up_price`.",
    }),
  })
  .refine((body) => (body.pack === undefined) !== (body.credits === undefined), {
    message: "name a pack or an amount of credits, not both",
    path: ["pack"],
  })
  .refine((body) => body.credits === undefined || body.credits > 0n, {
    message: "must be positive",
    path: ["credits"],
  })
  .openapi("BuyTopUp");

export const TopUpView = z
  .object({
    object: z.literal("top_up"),
    subscription: idOf("sub"),
    grant: idOf("grant"),
    credits: Credits,
    price: Money,
    currency: z.string(),
    invoice: idOf("inv"),
    created_at: Timestamp,
  })
  .openapi("TopUp");

export const ChangePlan = z
  .strictObject({ plan: PlanId, plan_version: z.number().int().min(1).optional() })
  .openapi("ChangePlan");

/** The body of an act on an object that takes no parameters: none, or `{}`. */
export const NoBody = z.strictObject({}).openapi("NoBody");
