/** Rate cards (immutable versions) and quotes (a price pinned to a version for 15 minutes). */

import {
  exactDecimal,
  formatDecimal,
  limits,
  type RateCard,
  type Rational,
} from "@creditpool/core";
import { createRoute } from "@hono/zod-openapi";
import type { PublishedRateCard, QuoteMade } from "../../services/pricing.ts";
import type { Api, RouteDependencies } from "../api.ts";
import { bearerAuth, route } from "../api.ts";
import { CreateQuote, CreateRateCard, Quote, RateCardView } from "../pricing-schemas.ts";
import { listOf } from "../schemas.ts";
import { iso } from "../views.ts";
import {
  answers,
  IdempotencyHeader,
  idempotencyKey,
  jsonBody,
  page,
  replayResponse,
} from "./common.ts";

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

/**
 * Credits per unit as a decimal, from micro-credits per unit (prices come in as decimals); the
 * same for money per unit from micro-units of the currency per unit.
 */
function creditsPerUnit(price: Rational): string {
  const denominator = price.denominator * 1_000_000n;
  return exactDecimal(price.numerator, denominator) ?? `${price.numerator}/${denominator}`;
}

export function rateCardView(card: RateCard, inForce: boolean) {
  return {
    id: card.id,
    object: "rate_card" as const,
    effective_at: iso(card.effectiveAt) ?? "",
    minimum_charge: formatDecimal(card.minimumCharge),
    in_force: inForce,
    ...(card.costCurrency === undefined ? {} : { cost_currency: card.costCurrency }),
    prices: card.prices.map((price) => ({
      meter: price.meter,
      dimensions: { ...price.dimensions },
      tiers: price.tiers.map((tier) => ({
        up_to: tier.upTo === null ? null : Number(tier.upTo),
        credits_per_unit: creditsPerUnit(tier.price),
        ...(tier.cost === undefined ? {} : { cost_per_unit: creditsPerUnit(tier.cost) }),
      })),
    })),
  };
}

export function pricingRoutes(app: Api, deps: RouteDependencies): void {
  route(app, publish, async (c) => {
    const render = ({ card, inForce }: PublishedRateCard) => rateCardView(card, inForce);
    const written = await deps.services.pricing.publishRateCard(
      c.get("principal"),
      c.req.valid("json"),
      idempotencyKey(c, deps),
      render,
    );
    if ("replay" in written) return replayResponse(c, written.replay);
    return c.json(render(written.made), 201);
  });

  route(app, list, async (c) => {
    const { versions, inForce } = await deps.services.pricing.listRateCards(c.get("principal"));
    const views = versions.map((card) => rateCardView(card, card === inForce));
    return c.json(page(views, limits.rateCardPricesMax), 200);
  });

  route(app, quote, async (c) => {
    const render = ({ quote, usage }: QuoteMade) => ({
      id: quote.id,
      object: "quote" as const,
      amount: formatDecimal(quote.amount),
      rate_card_version: quote.rateCardId,
      usage,
      expires_at: iso(quote.expiresAt) ?? "",
      created_at: iso(quote.createdAt) ?? "",
    });
    const written = await deps.services.pricing.quote(
      c.get("principal"),
      c.req.valid("json").usage,
      idempotencyKey(c, deps),
      render,
    );
    if ("replay" in written) return replayResponse(c, written.replay);
    return c.json(render(written.made), 201);
  });
}
