/**
 * Pricing: publish rate-card versions (an organization's own, or the operator's defaults), list
 * the versions that apply, and quote an action with the version in force.
 */
import {
  limits,
  type MeterPrice,
  type Micros,
  modelRefusal,
  parseRational,
  type RateCard,
  type Rational,
  rateCardAt,
  rational,
} from "@creditpool/core";
import { hasPermission, type Principal, requirePermission } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import { defaultScope, type QuoteRow } from "../store/pricing.ts";
import { auditEntry } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import { type UsageInput, usageOf } from "./holds.ts";
import {
  answerOf,
  idempotencyOf,
  operatorScope,
  type Render,
  replayOf,
  storedReplay,
  type Written,
} from "./idempotency.ts";

/** A rate card as it is published: the request's own document (prices as decimal text). */
export interface RateCardDocument {
  readonly effective_at?: number | undefined;
  readonly minimum_charge: Micros;
  readonly cost_currency?: string | undefined;
  readonly prices: readonly {
    readonly meter: string;
    readonly dimensions: Readonly<Record<string, string>>;
    readonly credits_per_unit?: string | undefined;
    readonly cost_per_unit?: string | undefined;
    readonly tiers?: readonly {
      readonly up_to: number | null;
      readonly credits_per_unit: string;
      readonly cost_per_unit?: string | undefined;
    }[];
  }[];
}

/** A published version, and whether it is the one in force now. */
export interface PublishedRateCard {
  readonly card: RateCard;
  readonly inForce: boolean;
}

export interface RateCardList {
  readonly versions: readonly RateCard[];
  readonly inForce: RateCard | null;
}

export interface QuoteMade {
  readonly quote: QuoteRow;
  readonly usage: UsageInput;
}

const million = 1_000_000n;

export class PricingService {
  constructor(private readonly context: ServiceContext) {}

  /** The operator publishes default versions; an organization's key (never bound) its own. */
  async publishRateCard(
    principal: Principal,
    document: RateCardDocument,
    idempotencyKey: string,
    render: Render<PublishedRateCard>,
  ): Promise<Written<PublishedRateCard>> {
    const { store, ids, clock, rateCards } = this.context;
    const scope =
      principal.role === "operator" ? defaultScope : requirePermission(principal, "pricing.write");
    const idempotency = idempotencyOf(
      principal.organizationId ?? operatorScope,
      idempotencyKey,
      "rate-cards.publish",
      document,
    );
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
    const now = clock();
    const prices = document.prices.map(meterPriceOf);
    const versions = await store.listRateCards(scope);
    const costCurrency = costCurrencyOf(document, prices, versions);
    const card: RateCard = {
      id: ids.next("rc"),
      effectiveAt: document.effective_at ?? now,
      minimumCharge: document.minimum_charge,
      prices,
      ...(costCurrency === null ? {} : { costCurrency }),
    };
    // In force now when it is the version the scope's list would pick now, itself included.
    const published = { card, inForce: rateCardAt([...versions, card], now) === card };
    const view = render(published);
    // The operator's default versions belong to no organization, so to no organization's trail.
    const audit =
      scope === defaultScope
        ? undefined
        : auditEntry(this.context, principal, scope, {
            action: "rate_card.published",
            targetType: "rate_card",
            targetId: card.id,
            before: null,
            after: view,
          });
    const answer = answerOf(idempotency, view, now, audit);
    const stored = await store.insertRateCard(scope, card, now, answer);
    if (stored !== null) return replayOf(idempotency, stored);
    rateCards.forget(scope);
    return { made: published };
  }

  /**
   * The versions, with what the work costs the vendor only for keys that read the margin: a
   * member's or an agent's key reads the prices it pays, not the provider's.
   */
  async listRateCards(principal: Principal): Promise<RateCardList> {
    const organizationId = requirePermission(principal, "pricing.read");
    const stored = await this.context.rateCards.versionsFor(organizationId);
    const versions = hasPermission(principal, "margin.read") ? stored : stored.map(withoutCosts);
    return { versions, inForce: rateCardAt(versions, this.context.clock()) };
  }

  /**
   * The models a key may call through the gateway: those the rate card in force prices (by its
   * `model` dimension), less those an allow-list on the key's pool or above it leaves out. A
   * key of the whole organization reads them at the root.
   */
  async callableModels(principal: Principal): Promise<string[]> {
    const organizationId = requirePermission(principal, "pricing.read");
    const versions = await this.context.rateCards.versionsFor(organizationId);
    const card = rateCardAt(versions, this.context.clock());
    const priced = new Set<string>();
    for (const price of card?.prices ?? []) {
      const model = price.dimensions.model;
      if (model !== undefined) priced.add(model);
    }
    const state = await this.context.engine.readView(organizationId);
    const organization = await this.context.store.readOrganization(organizationId);
    const poolId = principal.poolId ?? organization?.rootPoolId ?? "";
    return [...priced]
      .filter((model) => state === null || modelRefusal(state, poolId, model) === null)
      .sort();
  }

  /** Prices `usage` with the version in force; the quote pins it for `quoteValidityMs`. */
  async quote(
    principal: Principal,
    usage: UsageInput,
    idempotencyKey: string,
    render: Render<QuoteMade>,
  ): Promise<Written<QuoteMade>> {
    const { store, ids, clock, rateCards } = this.context;
    const organizationId = requirePermission(principal, "holds.write");
    const idempotency = idempotencyOf(organizationId, idempotencyKey, "quotes.create", { usage });
    const replay = await storedReplay(store, idempotency);
    if (replay !== null) return replay;
    const now = clock();
    const priced = await rateCards.price(organizationId, usageOf(usage), now, "usage");
    const quote: QuoteRow = {
      id: ids.next("quote"),
      organizationId,
      rateCardId: priced.rateCardId,
      usage: JSON.stringify(usage),
      amount: priced.amount,
      expiresAt: now + limits.quoteValidityMs,
      createdAt: now,
    };
    const made = { quote, usage };
    const stored = await store.insertQuote(quote, answerOf(idempotency, render(made), now));
    return stored === null ? { made } : replayOf(idempotency, stored);
  }
}

/** One price of a document as the core's: tiers rise, and only the last is unbounded. */
function meterPriceOf(price: RateCardDocument["prices"][number], index: number): MeterPrice {
  if ((price.credits_per_unit !== undefined) === (price.tiers !== undefined)) {
    const param = `prices[${index}].credits_per_unit`;
    throw new Refusal(
      "invalid_request",
      `${param}: give exactly one of credits_per_unit or tiers`,
      param,
    );
  }
  if (price.tiers !== undefined && price.cost_per_unit !== undefined) {
    const param = `prices[${index}].cost_per_unit`;
    throw new Refusal(
      "invalid_request",
      `${param}: a price with tiers gives its cost on each tier`,
      param,
    );
  }
  const tiers = price.tiers ?? [
    {
      up_to: null,
      credits_per_unit: price.credits_per_unit ?? "0",
      cost_per_unit: price.cost_per_unit,
    },
  ];
  const costed = tiers.filter((tier) => tier.cost_per_unit !== undefined).length;
  if (costed !== 0 && costed !== tiers.length) {
    const at = tiers.findIndex((tier) => tier.cost_per_unit === undefined);
    const param = `prices[${index}].tiers[${at}].cost_per_unit`;
    throw new Refusal(
      "invalid_request",
      `${param}: give a cost on every tier of a price or on none`,
      param,
    );
  }
  tiers.forEach((tier, at) => {
    const last = at === tiers.length - 1;
    const previous = tiers[at - 1]?.up_to ?? 0;
    if ((tier.up_to === null) !== last || (tier.up_to !== null && tier.up_to <= (previous ?? 0))) {
      const param = `prices[${index}].tiers[${at}].up_to`;
      throw new Refusal(
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
      ...(tier.cost_per_unit === undefined ? {} : { cost: microsPerUnit(tier.cost_per_unit) }),
    })),
  };
}

/**
 * The card's cost currency: given exactly when some price has a cost, and the same as every
 * earlier version's of the scope that has one, so the provider costs of one organization's
 * consumption always add up in one currency.
 */
function costCurrencyOf(
  document: RateCardDocument,
  prices: readonly MeterPrice[],
  versions: readonly RateCard[],
): string | null {
  const costed = prices.some((price) => price.tiers.some((tier) => tier.cost !== undefined));
  const given = document.cost_currency ?? null;
  if (costed && given === null)
    throw new Refusal(
      "invalid_request",
      "cost_currency: required when a price has a cost_per_unit",
      "cost_currency",
    );
  if (!costed && given !== null)
    throw new Refusal(
      "invalid_request",
      "cost_currency: only a card whose prices have a cost_per_unit has a cost currency",
      "cost_currency",
    );
  const earlier = versions.find((card) => card.costCurrency !== undefined)?.costCurrency;
  if (given !== null && earlier !== undefined && earlier !== given)
    throw new Refusal(
      "invalid_request",
      `cost_currency: must be ${earlier}, the cost currency of the earlier versions`,
      "cost_currency",
    );
  return given;
}

/** Micro-units per unit, of credits or of the cost currency, from a decimal of whole units. */
function microsPerUnit(credits: string): Rational {
  const parsed = parseRational(credits);
  if (parsed === null)
    throw new Refusal("invalid_request", "a price per unit must be a decimal", "prices");
  return rational(parsed.numerator * million, parsed.denominator);
}

/** The card as its prices alone: no provider cost on any tier, no cost currency. */
function withoutCosts(card: RateCard): RateCard {
  const { costCurrency: _currency, ...rest } = card;
  return {
    ...rest,
    prices: card.prices.map((price) => ({
      ...price,
      tiers: price.tiers.map(({ cost: _cost, ...tier }) => tier),
    })),
  };
}
