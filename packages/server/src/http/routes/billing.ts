/** Plans (immutable versions), subscriptions (seats that fill a pool) and top-ups. */
import { exactDecimal, formatDecimal, seatNameOf } from "@creditpool/core";
import { createRoute, type z } from "@hono/zod-openapi";
import { autoTopUpOf } from "../../services/auto-top-ups.ts";
import type { Plan } from "../../services/plans.ts";
import { decodeTierSeats } from "../../services/subscription-records.ts";
import type { Subscription, SubscriptionRow } from "../../services/subscriptions.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import {
  BuyTopUp,
  ChangePlan,
  ChangeSeats,
  NoBody,
  PlanParams,
  PlanVersionQuery,
  PlanView,
  PublishPlan,
  planTermsOf,
  SetAutoTopUp,
  StartSubscription,
  SubscriptionView,
  TopUpView,
} from "../billing-schemas.ts";
import { IdParam, listOf, PageQuery } from "../schemas.ts";
import { iso } from "../views.ts";
import {
  answers,
  IdempotencyHeader,
  idempotencyKey,
  jsonBody,
  page,
  replayResponse,
} from "./common.ts";

const publishPlan = createRoute({
  method: "post",
  path: "/v1/plans",
  operationId: "publishPlan",
  tags: ["Billing"],
  summary: "Publish a plan version",
  description:
    "Publishing a plan id again makes its next version; versions are never edited, and subscriptions keep theirs. With the operator key the plan is in the catalog every organization sees; with an organization's key it is the organization's own and is found first.",
  security: bearerAuth,
  request: { headers: IdempotencyHeader, ...jsonBody(PublishPlan) },
  responses: answers(PlanView, 201, "The plan version"),
});

const listPlans = createRoute({
  method: "get",
  path: "/v1/plans",
  operationId: "listPlans",
  tags: ["Billing"],
  summary: "The latest version of every plan the organization may subscribe to",
  security: bearerAuth,
  responses: answers(listOf(PlanView), 200, "Plans by id"),
});

const readPlan = createRoute({
  method: "get",
  path: "/v1/plans/{id}",
  operationId: "getPlan",
  tags: ["Billing"],
  summary: "A plan: its latest version, or the one named by `version`",
  security: bearerAuth,
  request: { params: PlanParams, query: PlanVersionQuery },
  responses: answers(PlanView, 200, "The plan version"),
});

const startSubscription = createRoute({
  method: "post",
  path: "/v1/subscriptions",
  operationId: "startSubscription",
  tags: ["Billing"],
  summary: "Put a pool on a plan",
  description:
    "The current period's included credits (prorated when `anchor_at` is earlier than now) are granted to the pool at once, and the period's invoice is drafted.",
  security: bearerAuth,
  request: { headers: IdempotencyHeader, ...jsonBody(StartSubscription) },
  responses: answers(SubscriptionView, 201, "The subscription"),
});

const listSubscriptions = createRoute({
  method: "get",
  path: "/v1/subscriptions",
  operationId: "listSubscriptions",
  tags: ["Billing"],
  summary: "The organization's subscriptions",
  security: bearerAuth,
  request: { query: PageQuery },
  responses: answers(listOf(SubscriptionView), 200, "A page of subscriptions, by id"),
});

const readSubscription = createRoute({
  method: "get",
  path: "/v1/subscriptions/{id}",
  operationId: "getSubscription",
  tags: ["Billing"],
  summary: "A subscription and its current period",
  security: bearerAuth,
  request: { params: IdParam("sub") },
  responses: answers(SubscriptionView, 200, "The subscription"),
});

const changeSeats = createRoute({
  method: "post",
  path: "/v1/subscriptions/{id}/seats",
  operationId: "changeSubscriptionSeats",
  tags: ["Billing"],
  summary: "Set the seat count from now",
  description:
    "Seats added bring their credits for the rest of the period and a prorated line. Seats removed under the plan's `claw_back` give back the unused share of their credits (never more than is left) with a prorated credit line; under `keep` their credits and price stay to the period's end. The next period counts the new seats.",
  security: bearerAuth,
  request: { params: IdParam("sub"), headers: IdempotencyHeader, ...jsonBody(ChangeSeats) },
  responses: answers(SubscriptionView, 200, "The subscription"),
});

const changePlan = createRoute({
  method: "post",
  path: "/v1/subscriptions/{id}/plan",
  operationId: "changeSubscriptionPlan",
  tags: ["Billing"],
  summary: "Move the subscription to another plan",
  description:
    "A plan whose period costs as much or more at the current seats is an upgrade, now: the unused time of the old plan is credited, the rest of the period on the new one charged, and its extra included credits granted. One that costs less is a downgrade at the period's end (`pending_plan`). The new plan bills in the same currency and interval; changing back to the current plan cancels a waiting downgrade.",
  security: bearerAuth,
  request: { params: IdParam("sub"), headers: IdempotencyHeader, ...jsonBody(ChangePlan) },
  responses: answers(SubscriptionView, 200, "The subscription"),
});

const cancelSubscription = createRoute({
  method: "post",
  path: "/v1/subscriptions/{id}/cancel",
  operationId: "cancelSubscription",
  tags: ["Billing"],
  summary: "End the subscription at its period's end",
  security: bearerAuth,
  request: { params: IdParam("sub"), headers: IdempotencyHeader, ...jsonBody(NoBody, false) },
  responses: answers(SubscriptionView, 200, "The subscription"),
});

const resumeSubscription = createRoute({
  method: "post",
  path: "/v1/subscriptions/{id}/resume",
  operationId: "resumeSubscription",
  tags: ["Billing"],
  summary: "Undo a cancellation while the period runs",
  security: bearerAuth,
  request: { params: IdParam("sub"), headers: IdempotencyHeader, ...jsonBody(NoBody, false) },
  responses: answers(SubscriptionView, 200, "The subscription"),
});

const setAutoTopUp = createRoute({
  method: "post",
  path: "/v1/subscriptions/{id}/auto-top-up",
  operationId: "setAutoTopUp",
  tags: ["Billing"],
  summary: "Set or remove the subscription's auto top-up rule",
  description:
    "When the subscription's pool's `available` falls below `threshold`, a top-up is bought (a pack, or an amount at `top_up_price`), at most `max_per_period` times a period and once per crossing: the rule buys again only after it has seen the pool at or above the threshold. Checked every second; under any concurrency a crossing buys once.",
  security: bearerAuth,
  request: { params: IdParam("sub"), headers: IdempotencyHeader, ...jsonBody(SetAutoTopUp) },
  responses: answers(SubscriptionView, 200, "The subscription"),
});

const buyTopUp = createRoute({
  method: "post",
  path: "/v1/top-ups",
  operationId: "buyTopUp",
  tags: ["Billing"],
  summary: "Buy credits now, through a subscription",
  description:
    "A pack of the subscription's plan, or an amount at its `top_up_price`: granted to the subscription's pool at once (source `purchase`, never expiring), and a line of the period's invoice.",
  security: bearerAuth,
  request: { headers: IdempotencyHeader, ...jsonBody(BuyTopUp) },
  responses: answers(TopUpView, 201, "The top-up"),
});

export function planView(plan: Plan): z.infer<typeof PlanView> {
  const terms = plan.terms;
  const rollover = terms.rollover;
  return {
    id: plan.id,
    object: "plan",
    version: plan.version,
    scope: plan.owner,
    name: terms.name,
    currency: terms.currency,
    interval: terms.interval,
    base_price: terms.basePrice.toString(),
    seat_price: terms.seatPrice.toString(),
    credits_per_seat: formatDecimal(terms.creditsPerSeat),
    seat_name: seatNameOf(terms),
    seat_tiers: terms.seatTiers.map((tier) => ({
      id: tier.id,
      name: tier.name,
      seat_price: tier.seatPrice.toString(),
      credits_per_seat: formatDecimal(tier.creditsPerSeat),
    })),
    credits_per_organization: formatDecimal(terms.creditsPerOrganization),
    overage_price: rationalText(terms.overagePrice.numerator, terms.overagePrice.denominator),
    rollover:
      rollover === null
        ? null
        : {
            cap:
              rollover.cap.kind === "amount"
                ? { amount: formatDecimal(rollover.cap.amount) }
                : { percent: rollover.cap.percent },
            lifetime_days: rollover.lifetimeDays,
          },
    seat_removal: terms.seatRemoval,
    top_ups: terms.topUps.map((pack) => ({
      id: pack.id,
      credits: formatDecimal(pack.credits),
      price: pack.price.toString(),
    })),
    top_up_price:
      terms.topUpPrice === null
        ? null
        : rationalText(terms.topUpPrice.numerator, terms.topUpPrice.denominator),
    commitment:
      terms.commitment === null
        ? null
        : {
            minimum: terms.commitment.minimum.toString(),
            discount_percent: terms.commitment.discountPercent,
          },
    created_at: iso(plan.createdAt) ?? "",
  };
}

/** A price per credit as a decimal; prices come in as decimals, so one always exists. */
function rationalText(numerator: bigint, denominator: bigint): string {
  return exactDecimal(numerator, denominator) ?? `${numerator}/${denominator}`;
}

function autoTopUpView(row: SubscriptionRow) {
  const rule = autoTopUpOf(row);
  if (rule === null) return null;
  return {
    threshold: formatDecimal(rule.threshold),
    pack: rule.pack,
    credits: rule.credits === null ? null : formatDecimal(rule.credits),
    max_per_period: rule.maxPerPeriod,
    purchases_this_period: rule.purchases,
    armed: rule.armed,
  };
}

function pendingPlanView(pending: string | null) {
  if (pending === null) return null;
  const parsed = JSON.parse(pending) as { planId: string; planVersion: number };
  return { plan: parsed.planId, plan_version: parsed.planVersion };
}

/** Every tier of the plan with the subscription's seats of it, none included. */
function tierSeatsView(plan: Plan, row: SubscriptionRow): Record<string, number> {
  const held = decodeTierSeats(row.tierSeats);
  return Object.fromEntries(plan.terms.seatTiers.map((tier) => [tier.id, held[tier.id] ?? 0]));
}

export function subscriptionView({ row, plan, period }: Subscription) {
  const grants = period.effects.flatMap((effect) =>
    effect.kind === "grant" ? [effect.grantId] : [],
  );
  return {
    id: row.id,
    object: "subscription" as const,
    plan: plan.id,
    plan_version: plan.version,
    pool: row.poolId,
    seats: row.seats,
    tier_seats: tierSeatsView(plan, row),
    seat_access: row.seatAccess,
    seats_assigned: row.seatsAssigned,
    status: row.status,
    cancel_at_period_end: row.cancelAtPeriodEnd,
    pending_plan: pendingPlanView(row.pending),
    anchor_at: iso(row.anchorAt) ?? "",
    time_zone: row.timeZone,
    interval: row.interval,
    auto_top_up: autoTopUpView(row),
    current_period: {
      index: row.periodIndex,
      start: iso(row.periodStart) ?? "",
      end: iso(row.periodEnd) ?? "",
      included_credits: formatDecimal(period.included),
      grants,
      invoice: period.invoiceId,
    },
    created_at: iso(row.createdAt) ?? "",
  };
}

/** The top-up a subscription's last decision bought: its last line and its last grant. */
export function topUpView({ row, plan, period }: Subscription) {
  const line = period.lines[period.lines.length - 1];
  const effect = period.effects[period.effects.length - 1];
  if (line === undefined || effect === undefined || effect.kind !== "grant")
    throw new Error(`subscription ${row.id}: no top-up to show`);
  return {
    object: "top_up" as const,
    subscription: row.id,
    grant: effect.grantId,
    credits: formatDecimal(effect.amount),
    price: line.amount.toString(),
    currency: plan.terms.currency,
    invoice: period.invoiceId,
    created_at: iso(line.from) ?? "",
  };
}

export function billingRoutes(app: Api, deps: RouteDependencies): void {
  const { services } = deps;

  route(app, publishPlan, async (c) => {
    const body = c.req.valid("json");
    const written = await services.plans.publish(
      c.get("principal"),
      body.id,
      planTermsOf(body),
      idempotencyKey(c, deps),
      planView,
    );
    if ("replay" in written) return replayResponse(c, written.replay);
    return c.json(planView(written.made), 201);
  });

  route(app, listPlans, async (c) => {
    const plans = await services.plans.list(c.get("principal"));
    return c.json(page(plans.map(planView), plans.length), 200);
  });

  route(app, readPlan, async (c) => {
    const { id } = c.req.valid("param");
    const { version } = c.req.valid("query");
    return c.json(planView(await services.plans.read(c.get("principal"), id, version)), 200);
  });

  route(app, startSubscription, async (c) => {
    const body = c.req.valid("json");
    const written = await services.subscriptions.start(
      c.get("principal"),
      {
        plan: body.plan,
        planVersion: body.plan_version,
        seats: body.seats,
        // None named is left out, so a start without tiers is the request it was before them.
        tierSeats: Object.keys(body.tier_seats).length === 0 ? undefined : body.tier_seats,
        pool: body.pool,
        anchorAt: body.anchor_at,
        timeZone: body.time_zone,
        seatAccess: body.seat_access,
      },
      idempotencyKey(c, deps),
      subscriptionView,
    );
    if ("replay" in written) return replayResponse(c, written.replay);
    return c.json(subscriptionView(written.made), 201);
  });

  route(app, listSubscriptions, async (c) => {
    const query = c.req.valid("query");
    const rows = await services.subscriptions.list(c.get("principal"), {
      limit: query.limit,
      startingAfter: query.starting_after,
    });
    return c.json(page(rows.map(subscriptionView), query.limit), 200);
  });

  route(app, readSubscription, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(subscriptionView(await services.subscriptions.read(c.get("principal"), id)), 200);
  });

  route(app, changeSeats, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const written = await services.subscriptions.changeSeats(
      c.get("principal"),
      id,
      body.seats,
      idempotencyKey(c, deps),
      subscriptionView,
      body.tier ?? null,
    );
    if ("replay" in written) return replayResponse(c, written.replay, 200);
    return c.json(subscriptionView(written.made), 200);
  });

  route(app, changePlan, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const written = await services.subscriptions.changePlan(
      c.get("principal"),
      id,
      { plan: body.plan, planVersion: body.plan_version },
      idempotencyKey(c, deps),
      subscriptionView,
    );
    if ("replay" in written) return replayResponse(c, written.replay, 200);
    return c.json(subscriptionView(written.made), 200);
  });

  for (const [definition, act] of [
    [cancelSubscription, "cancel"],
    [resumeSubscription, "resume"],
  ] as const) {
    route(app, definition, async (c) => {
      const { id } = c.req.valid("param");
      const written = await services.subscriptions[act](
        c.get("principal"),
        id,
        idempotencyKey(c, deps),
        subscriptionView,
      );
      if ("replay" in written) return replayResponse(c, written.replay, 200);
      return c.json(subscriptionView(written.made), 200);
    });
  }

  route(app, buyTopUp, async (c) => {
    const body = c.req.valid("json");
    const written = await services.subscriptions.topUp(
      c.get("principal"),
      body.subscription,
      body.pack === undefined ? { credits: body.credits ?? 0n } : { pack: body.pack },
      idempotencyKey(c, deps),
      topUpView,
    );
    if ("replay" in written) return replayResponse(c, written.replay);
    return c.json(topUpView(written.made), 201);
  });

  route(app, setAutoTopUp, async (c) => {
    const { id } = c.req.valid("param");
    const rule = c.req.valid("json").auto_top_up;
    const written = await services.subscriptions.setAutoTopUp(
      c.get("principal"),
      id,
      rule === null
        ? null
        : {
            threshold: rule.threshold,
            pack: rule.pack ?? null,
            credits: rule.credits ?? null,
            maxPerPeriod: rule.max_per_period,
          },
      idempotencyKey(c, deps),
      subscriptionView,
    );
    if ("replay" in written) return replayResponse(c, written.replay, 200);
    return c.json(subscriptionView(written.made), 200);
  });
}
