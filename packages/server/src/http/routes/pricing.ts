/** Rate cards (immutable versions) and quotes (a price pinned to a version for 15 minutes). */

import {
  formatDecimal,
  limits,
  type MeterPrice,
  parseRational,
  type RateCard,
  type Rational,
  rateCardAt,
  rational,
} from "@creditpool/core";
import { createRoute } from "@hono/zod-openapi";
import { iso } from "../../engine/answers.ts";
import { defaultScope } from "../../store/pricing.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { requirePermission } from "../auth.ts";
import { ApiError } from "../problem.ts";
import { CreateQuote, CreateRateCard, listOf, Quote, RateCardView } from "../schemas.ts";
import {
  answerOf,
  answers,
  IdempotencyHeader,
  idempotentRequest,
  jsonBody,
  operatorScope,
  page,
  replayOf,
} from "./common.ts";
import { usageOf } from "./holds.ts";

const publish = createRoute({
  method: "post",
  path: "/v1/rate-cards",
  operationId: "publishRateCard",
  tags: ["Pricing"],
  summary: "Publish a rate-card version",
  description:
    "A new version supersedes the previous one from its `effective_at`; versions are never edited. With the operator key it is a default version, for organizations without their own.",
  security: bearerAuth,
  request: { headers: IdempotencyHeader, ...jsonBody(CreateRateCard) },
  responses: answers(RateCardView, 201, "The rate-card version"),
});

const list = createRoute({
  method: "get",
  path: "/v1/rate-cards",
  operationId: "listRateCards",
  tags: ["Pricing"],
  summary: "The rate-card versions that apply to the organization",
  security: bearerAuth,
  responses: answers(listOf(RateCardView), 200, "Every version, oldest effective first"),
});

const quote = createRoute({
  method: "post",
  path: "/v1/quotes",
  operationId: "createQuote",
  tags: ["Pricing"],
  summary: "Price an action before it runs",
  description:
    "Answers the credits, the rate-card version and an expiry; a hold may name the quote.",
  security: bearerAuth,
  request: { headers: IdempotencyHeader, ...jsonBody(CreateQuote) },
  responses: answers(Quote, 201, "The quote"),
});

const million = 1_000_000n;

/**
 * Credits per unit as a decimal, from micro-credits per unit. Prices come in as decimals, so the
 * denominator has only the factors 2 and 5 and some power of ten is a multiple of it.
 */
function creditsPerUnit(price: Rational): string {
  const denominator = price.denominator * million;
  for (let digits = 0; digits <= 60; digits += 1) {
    const scale = 10n ** BigInt(digits);
    if (scale % denominator !== 0n) continue;
    const text = (price.numerator * (scale / denominator)).toString().padStart(digits + 1, "0");
    const whole = text.slice(0, text.length - digits);
    const fraction = text.slice(text.length - digits).replace(/0+$/, "");
    return fraction === "" ? whole : `${whole}.${fraction}`;
  }
  return `${price.numerator}/${denominator}`;
}

function microsPerUnit(credits: string): Rational {
  const parsed = parseRational(credits);
  if (parsed === null)
    throw new ApiError("invalid_request", "credits_per_unit must be a decimal", "prices");
  return rational(parsed.numerator * million, parsed.denominator);
}

export function rateCardView(card: RateCard, inForce: boolean) {
  return {
    id: card.id,
    object: "rate_card" as const,
    effective_at: iso(card.effectiveAt) ?? "",
    minimum_charge: formatDecimal(card.minimumCharge),
    in_force: inForce,
    prices: card.prices.map((price) => ({
      meter: price.meter,
      dimensions: { ...price.dimensions },
      tiers: price.tiers.map((tier) => ({
        up_to: tier.upTo === null ? null : Number(tier.upTo),
        credits_per_unit: creditsPerUnit(tier.price),
      })),
    })),
  };
}

export function pricingRoutes(app: Api, deps: RouteDependencies): void {
  route(app, publish, async (c) => {
    const principal = c.get("principal");
    const scope =
      principal.role === "operator" ? defaultScope : requirePermission(principal, "pricing.write");
    const body = c.req.valid("json");
    const { idempotency, replay } = await idempotentRequest(
      c,
      deps,
      principal.organizationId ?? operatorScope,
      { route: "rate-cards.publish", ...body },
    );
    if (replay !== null) return replay;
    const prices: MeterPrice[] = body.prices.map((price, index) => {
      const hasUnit = price.credits_per_unit !== undefined;
      if (hasUnit === (price.tiers !== undefined)) {
        const param = `prices[${index}].credits_per_unit`;
        throw new ApiError(
          "invalid_request",
          `${param}: give exactly one of credits_per_unit or tiers`,
          param,
        );
      }
      const tiers = price.tiers ?? [
        { up_to: null, credits_per_unit: price.credits_per_unit ?? "0" },
      ];
      tiers.forEach((tier, at) => {
        const last = at === tiers.length - 1;
        const previous = tiers[at - 1]?.up_to ?? 0;
        if (
          (tier.up_to === null) !== last ||
          (tier.up_to !== null && tier.up_to <= (previous ?? 0))
        ) {
          const param = `prices[${index}].tiers[${at}].up_to`;
          throw new ApiError(
            "invalid_request",
            `${param}: tiers rise, and only the last is unbounded`,
            param,
          );
        }
      });
      return {
        meter: price.meter,
        dimensions: price.dimensions,
        tiers: tiers.map((tier) => ({
          upTo: tier.up_to === null ? null : BigInt(tier.up_to),
          price: microsPerUnit(tier.credits_per_unit),
        })),
      };
    });
    const now = deps.clock();
    const card: RateCard = {
      id: deps.ids.next("rc"),
      effectiveAt: body.effective_at ?? now,
      minimumCharge: body.minimum_charge,
      prices,
    };
    // In force now when it is the version the scope's list would pick now, itself included.
    const versions = await deps.store.listRateCards(scope);
    const view = rateCardView(card, rateCardAt([...versions, card], now) === card);
    const stored = await deps.store.insertRateCard(
      scope,
      card,
      now,
      answerOf(idempotency, view, now),
    );
    if (stored !== null) return replayOf(c, idempotency, stored);
    deps.rateCards.forget(scope);
    return c.json(view, 201);
  });

  route(app, list, async (c) => {
    const organizationId = requirePermission(c.get("principal"), "pricing.read");
    const versions = await deps.rateCards.versionsFor(organizationId);
    const inForce = rateCardAt(versions, deps.clock());
    const views = versions.map((card) => rateCardView(card, card === inForce));
    return c.json(page(views, limits.rateCardPricesMax), 200);
  });

  route(app, quote, async (c) => {
    const organizationId = requirePermission(c.get("principal"), "holds.write");
    const { usage } = c.req.valid("json");
    const { idempotency, replay } = await idempotentRequest(c, deps, organizationId, {
      route: "quotes.create",
      usage,
    });
    if (replay !== null) return replay;
    const now = deps.clock();
    const priced = await deps.rateCards.price(organizationId, usageOf(usage), now, "usage");
    const row = {
      id: deps.ids.next("quote"),
      organizationId,
      rateCardId: priced.rateCardId,
      usage: JSON.stringify(usage),
      amount: priced.amount,
      expiresAt: now + limits.quoteValidityMs,
      createdAt: now,
    };
    const view = {
      id: row.id,
      object: "quote" as const,
      amount: formatDecimal(row.amount),
      rate_card_version: row.rateCardId,
      usage,
      expires_at: iso(row.expiresAt) ?? "",
      created_at: iso(row.createdAt) ?? "",
    };
    const stored = await deps.store.insertQuote(row, answerOf(idempotency, view, now));
    if (stored !== null) return replayOf(c, idempotency, stored);
    return c.json(view, 201);
  });
}
