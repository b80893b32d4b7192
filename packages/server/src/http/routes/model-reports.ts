/**
 * The reports that model a span's consumption rather than sum it: the buyer's math (what it would
 * cost per seat, by the credit, or both) and the pooling replay (one shared pool versus a quota
 * per member). Money is exact: prices in, costs out, no float on either.
 */
import { formatDecimal, limits, moneyText6, parseDecimal } from "@creditpool/core";
import { createRoute, z } from "@hono/zod-openapi";
import type { BuyersMath, PoolingReport } from "../../services/report-models.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { Credits, idOf, Timestamp } from "../schemas.ts";
import { iso } from "../views.ts";
import { answers } from "./common.ts";
import { PoolParam, Span } from "./usage-reports.ts";

/** A non-negative decimal of at most 6 decimals, as micro-units (of credits or currency). */
function decimalInput(description: string) {
  return z
    .string()
    .transform((value, context): bigint => {
      const parsed = parseDecimal(value);
      if (parsed.ok && parsed.value >= 0n) return parsed.value;
      context.addIssue({
        code: "custom",
        message: parsed.ok ? "must not be negative" : parsed.reason,
      });
      return z.NEVER;
    })
    .optional()
    .openapi({ type: "string", example: "20", description });
}

const Members = z.coerce.number().int().min(1).max(limits.reportSeatsMax).optional().openapi({
  description:
    "Seats: default the members who consumed in the span (consumption with no member counts as one); fewer is refused.",
});

const BuyersQuery = z.strictObject({
  ...Span,
  pool: PoolParam,
  seat_price: decimalInput("Money per seat for the span. Default: seat_credits at credit_price."),
  seat_credits: decimalInput(
    "Credits a seat includes, its own member's. Default: the average member's consumption, rounded up.",
  ),
  overage_price: decimalInput("Money per credit past a seat's credits. Default: credit_price."),
  credit_price: decimalInput(
    "Money per credit. Default: the average cost basis of the consumed credits grants covered.",
  ),
  hybrid_seat_price: decimalInput(
    "Money per hybrid seat for the span. Default: hybrid_seat_credits at credit_price.",
  ),
  hybrid_seat_credits: decimalInput(
    "Credits a hybrid seat adds to a shared allowance. Default: half of seat_credits.",
  ),
  members: Members,
});

const Money = z.string().openapi({
  example: "12.5",
  description: "Currency units, exact to 10^-12, shown with at most 6 decimals (half up).",
});
const Pricing = z.enum(["per_seat", "credit_based", "hybrid"]);
const CostsView = z.object({ per_seat: Money, credit_based: Money, hybrid: Money });

const BuyersView = z
  .object({
    object: z.literal("buyers_math"),
    from: Timestamp,
    to: Timestamp,
    pool: idOf("pool"),
    currency: z.string().nullable(),
    summed_to_sequence: z.number().int(),
    complete: z.boolean(),
    inputs: z.object({
      seat_price: Money,
      seat_credits: Credits,
      overage_price: Money,
      credit_price: Money,
      hybrid_seat_price: Money,
      hybrid_seat_credits: Credits,
      members: z.number().int(),
    }),
    members: z.number().int(),
    usage: z.object({ total: Credits, per_member_average: Credits, per_member_max: Credits }),
    costs: CostsView,
    cheapest: Pricing,
    curve: z.array(
      CostsView.extend({
        scale: z.number().openapi({ description: "Usage scaled: 0 to 2 in steps of 0.1." }),
        credits_per_member: Credits,
      }),
    ),
    break_even: z.array(
      z.object({
        between: z.tuple([Pricing, Pricing]),
        credits_per_member: Credits.nullable().openapi({
          description:
            "The least consumption per seat where the cheaper of the two changes; null if never.",
        }),
      }),
    ),
  })
  .openapi("BuyersMath");

const PoolingQuery = z.strictObject({
  ...Span,
  pool: PoolParam,
  capacity: decimalInput(
    "Credits shared or split. Default: the subtree's consumption in the span.",
  ),
  members: Members,
});

const Served = z.object({ served: Credits, blocked: Credits, stranded: Credits });
const PoolingView = z
  .object({
    object: z.literal("pooling"),
    from: Timestamp,
    to: Timestamp,
    pool: idOf("pool"),
    summed_to_sequence: z.number().int(),
    complete: z.boolean(),
    capacity: Credits,
    members: z.number().int(),
    quota_per_member: Credits,
    remainder: Credits.openapi({ description: "capacity − members × quota: in no silo." }),
    pooled: Served,
    siloed: Served.extend({ members_blocked: z.number().int() }),
    per_member: z.array(
      Served.extend({
        member: z.string(),
        name: z.string().nullable(),
        usage: Credits,
        quota: Credits,
        blocked_at: Timestamp.nullable(),
      }),
    ),
    series: z.array(z.object({ date: z.string(), pooled_served: Credits, siloed_served: Credits })),
  })
  .openapi("Pooling");

const buyersMath = createRoute({
  method: "get",
  path: "/v1/reports/buyers-math",
  operationId: "buyersMath",
  tags: ["Reports"],
  summary: "What the span's consumption would cost per seat, by the credit, or both",
  description:
    "per_seat = N × seat_price + Σ max(0, uᵢ − seat_credits) × overage_price; credit_based = Σ uᵢ × credit_price; hybrid = N × hybrid_seat_price + max(0, Σ uᵢ − N × hybrid_seat_credits) × credit_price. uᵢ is each member's consumption (consumption with no member is one more user), N is `members`.",
  security: bearerAuth,
  request: { query: BuyersQuery },
  responses: answers(BuyersView, 200, "The buyer's math"),
});

const pooling = createRoute({
  method: "get",
  path: "/v1/reports/pooling",
  operationId: "poolingReport",
  tags: ["Reports"],
  summary: "The span's consumption replayed: one shared pool versus a quota per member",
  description:
    "Hour by hour in time order, one pool of `capacity` versus quotas of capacity / members each (floored to a micro-credit; the remainder is in no silo). served + blocked = usage; stranded = capacity not served.",
  security: bearerAuth,
  request: { query: PoolingQuery },
  responses: answers(PoolingView, 200, "The replay"),
});

/** Micro-units of currency as money text. */
const micros = (value: bigint) => formatDecimal(value);

export function buyersView(report: BuyersMath): z.infer<typeof BuyersView> {
  const costs = (of: BuyersMath["costs"]) => ({
    per_seat: moneyText6(of.per_seat),
    credit_based: moneyText6(of.credit_based),
    hybrid: moneyText6(of.hybrid),
  });
  const { inputs } = report;
  return {
    object: "buyers_math",
    from: iso(report.from) ?? "",
    to: iso(report.to) ?? "",
    pool: report.poolId,
    currency: report.currency,
    summed_to_sequence: report.summedTo,
    complete: report.complete,
    inputs: {
      seat_price: micros(inputs.seatPrice),
      seat_credits: formatDecimal(inputs.seatCredits),
      overage_price: micros(inputs.overagePrice),
      credit_price: micros(inputs.creditPrice),
      hybrid_seat_price: micros(inputs.hybridSeatPrice),
      hybrid_seat_credits: formatDecimal(inputs.hybridSeatCredits),
      members: inputs.members,
    },
    members: inputs.members,
    usage: {
      total: formatDecimal(report.usage.total),
      per_member_average: formatDecimal(report.usage.perMemberAverage),
      per_member_max: formatDecimal(report.usage.perMemberMax),
    },
    costs: costs(report.costs),
    cheapest: report.cheapest,
    curve: report.curve.map((point) => ({
      scale: point.tenths / 10,
      credits_per_member: formatDecimal(point.creditsPerMember),
      ...costs(point.costs),
    })),
    break_even: report.breakEven.map((pair) => ({
      between: pair.between,
      credits_per_member:
        pair.creditsPerMember === null ? null : formatDecimal(pair.creditsPerMember),
    })),
  };
}

export function poolingView(report: PoolingReport): z.infer<typeof PoolingView> {
  const served = (of: { served: bigint; blocked: bigint; stranded: bigint }) => ({
    served: formatDecimal(of.served),
    blocked: formatDecimal(of.blocked),
    stranded: formatDecimal(of.stranded),
  });
  return {
    object: "pooling",
    from: iso(report.from) ?? "",
    to: iso(report.to) ?? "",
    pool: report.poolId,
    summed_to_sequence: report.summedTo,
    complete: report.complete,
    capacity: formatDecimal(report.capacity),
    members: report.members,
    quota_per_member: formatDecimal(report.quotaPerMember),
    remainder: formatDecimal(report.remainder),
    pooled: served(report.pooled),
    siloed: { ...served(report.siloed), members_blocked: report.siloed.membersBlocked },
    per_member: report.perMember.map((silo) => ({
      member: silo.member,
      name: report.names.get(silo.member) ?? null,
      usage: formatDecimal(silo.usage),
      quota: formatDecimal(silo.quota),
      ...served(silo),
      blocked_at: silo.blockedAt === null ? null : (iso(silo.blockedAt) ?? null),
    })),
    series: report.series.map((day) => ({
      date: (iso(day.start) ?? "").slice(0, 10),
      pooled_served: formatDecimal(day.pooled),
      siloed_served: formatDecimal(day.siloed),
    })),
  };
}

export function modelReportRoutes(app: Api, deps: RouteDependencies): void {
  route(app, buyersMath, async (c) => {
    const query = c.req.valid("query");
    const report = await deps.services.reportModels.buyersMath(c.get("principal"), {
      from: query.from,
      to: query.to,
      pool: query.pool ?? null,
      seatPrice: query.seat_price,
      seatCredits: query.seat_credits,
      overagePrice: query.overage_price,
      creditPrice: query.credit_price,
      hybridSeatPrice: query.hybrid_seat_price,
      hybridSeatCredits: query.hybrid_seat_credits,
      members: query.members,
    });
    return c.json(buyersView(report), 200);
  });

  route(app, pooling, async (c) => {
    const query = c.req.valid("query");
    const report = await deps.services.reportModels.pooling(c.get("principal"), {
      from: query.from,
      to: query.to,
      pool: query.pool ?? null,
      capacity: query.capacity,
      members: query.members,
    });
    return c.json(poolingView(report), 200);
  });
}
