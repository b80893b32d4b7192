/**
 * Rate cards turn usage into credits. A rate card is an immutable version with an effective time;
 * it prices meters (input tokens, images, a "document.analyzed" outcome…), optionally per
 * dimension (model, feature), in exact rational credits per unit, with graduated volume tiers by
 * the event's quantity and a minimum charge per event.
 *
 * The one rounding rule: an event's price is the exact sum over its meters, rounded half up once
 * to a micro-credit, then raised to the minimum charge. Never rounded per unit or per meter.
 * The event's split by meter (for attribution) shares that final amount out over the meters'
 * exact costs by largest remainder, so the split sums to the amount exactly.
 *
 * A card may also say what each unit costs the vendor at its provider (`cost` per tier, in
 * micro-units of the card's `costCurrency`). An event's provider cost is the exact sum of its
 * meters' costs rounded half up once to a micro-unit, never raised to a minimum, and split by
 * meter the same way; an event none of whose prices has a cost has none.
 */
import { formatDecimal, type Micros, type Rational, roundHalfUp } from "../amount.ts";
import { shareByLargestRemainder } from "../attribution.ts";
import { invariant } from "../invariant.ts";
import { limits } from "../limits.ts";
import type { ProviderCost } from "../model.ts";
import { add, times, zero } from "./rational.ts";

/** Units up to `upTo` (counted from the event's first unit) cost `price` micro-credits each. */
export interface Tier {
  readonly upTo: bigint | null;
  readonly price: Rational;
  /** Micro-units of the card's cost currency each unit costs the vendor; absent: not known. */
  readonly cost?: Rational;
}

export interface MeterPrice {
  readonly meter: string;
  /** The dimensions an event must carry for this price to apply; {} applies to every event. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** In order of `upTo`; the last has `upTo: null`. */
  readonly tiers: readonly Tier[];
}

export interface RateCard {
  readonly id: string;
  readonly effectiveAt: number;
  readonly prices: readonly MeterPrice[];
  /** The least any priced event costs. */
  readonly minimumCharge: Micros;
  /** ISO 4217 currency of the tiers' costs; present exactly when some tier has a cost. */
  readonly costCurrency?: string;
}

export interface UsageDescription {
  readonly quantities: Readonly<Record<string, bigint>>;
  readonly dimensions: Readonly<Record<string, string>>;
}

export type PriceResult =
  | {
      readonly ok: true;
      readonly amount: Micros;
      readonly exact: Rational;
      readonly rateCardId: string;
      /** `amount` split by meter in proportion to each meter's exact cost; zero shares left out. */
      readonly meters: Readonly<Record<string, Micros>>;
      /** What the event costs the vendor; null when none of its prices has a cost. */
      readonly cost: ProviderCost | null;
    }
  | {
      readonly ok: false;
      /** `meter_not_priced`, or `amount_out_of_range` for a price above the largest amount. */
      readonly code: "meter_not_priced" | "amount_out_of_range";
      readonly meter: string;
      readonly reason: string;
    };

/** The version in force at `at`: the latest whose effective time has come. */
export function rateCardAt(versions: readonly RateCard[], at: number): RateCard | null {
  let found: RateCard | null = null;
  for (const card of versions) {
    if (card.effectiveAt <= at && (found === null || card.effectiveAt >= found.effectiveAt))
      found = card;
  }
  return found;
}

/**
 * The price for a meter and the event's dimensions: among prices whose dimensions the event
 * carries, the most specific one (most dimensions); null when none applies.
 */
export function priceFor(
  card: RateCard,
  meter: string,
  dimensions: Readonly<Record<string, string>>,
): MeterPrice | null {
  let best: MeterPrice | null = null;
  for (const price of pricesByMeter(card).get(meter) ?? []) {
    const keys = Object.keys(price.dimensions);
    if (!keys.every((key) => dimensions[key] === price.dimensions[key])) continue;
    if (best === null || keys.length > Object.keys(best.dimensions).length) best = price;
  }
  return best;
}

// A card's prices grouped by meter, made once per card (cards are immutable): an event's meters
// then look at their own prices only, so the prices of an event cost at most the card's size.
const byMeter = new WeakMap<RateCard, Map<string, MeterPrice[]>>();

function pricesByMeter(card: RateCard): Map<string, MeterPrice[]> {
  let grouped = byMeter.get(card);
  if (grouped === undefined) {
    grouped = new Map();
    for (const price of card.prices) {
      const same = grouped.get(price.meter);
      if (same === undefined) grouped.set(price.meter, [price]);
      else same.push(price);
    }
    byMeter.set(card, grouped);
  }
  return grouped;
}

/**
 * Exact cost of `quantity` units through graduated tiers, at each tier's `price` (credits), or
 * with `of` at another rate of the tier (the provider's cost; a tier without one adds nothing).
 */
export function tieredCost(
  tiers: readonly Tier[],
  quantity: bigint,
  of: (tier: Tier) => Rational | undefined = (tier) => tier.price,
): Rational {
  let cost = zero;
  let counted = 0n;
  for (const tier of tiers) {
    if (counted >= quantity) break;
    const ceiling = tier.upTo === null || tier.upTo > quantity ? quantity : tier.upTo;
    const rate = of(tier);
    if (ceiling > counted && rate !== undefined) cost = add(cost, times(rate, ceiling - counted));
    counted = ceiling > counted ? ceiling : counted;
  }
  return cost;
}

function hasCost(price: MeterPrice): boolean {
  return price.tiers.some((tier) => tier.cost !== undefined);
}

/** Prices one event; a meter the card does not price refuses the event, never prices it at 0. */
export function priceUsage(card: RateCard, usage: UsageDescription): PriceResult {
  let exact = zero;
  let exactCost = zero;
  let costed = false;
  const credits: Record<string, Rational> = {};
  const costs: Record<string, Rational> = {};
  for (const [meter, quantity] of Object.entries(usage.quantities)) {
    if (quantity < 0n)
      return { ok: false, code: "meter_not_priced", meter, reason: "a quantity is never negative" };
    const price = priceFor(card, meter, usage.dimensions);
    if (price === null) {
      const model = usage.dimensions.model;
      const scope = model === undefined ? "" : ` for model ${model}`;
      const reason = `rate card ${card.id} does not price ${meter}${scope}`;
      return { ok: false, code: "meter_not_priced", meter, reason };
    }
    credits[meter] = tieredCost(price.tiers, quantity);
    exact = add(exact, credits[meter]);
    if (hasCost(price)) {
      costed = true;
      costs[meter] = tieredCost(price.tiers, quantity, (tier) => tier.cost);
      exactCost = add(exactCost, costs[meter]);
    }
    // Checked per meter, so a huge event stops at the first meter that passes the bound.
    if (roundHalfUp(exact) > limits.amountMicrosMax) {
      const reason = `the price passes the largest amount, ${formatDecimal(limits.amountMicrosMax)} credits`;
      return { ok: false, code: "amount_out_of_range", meter, reason };
    }
    if (roundHalfUp(exactCost) > limits.amountMicrosMax) {
      const largest = formatDecimal(limits.amountMicrosMax);
      const reason = `the provider cost passes the largest amount, ${largest} units of money`;
      return { ok: false, code: "amount_out_of_range", meter, reason };
    }
  }
  const rounded = roundHalfUp(exact);
  const amount = rounded < card.minimumCharge ? card.minimumCharge : rounded;
  const cost = costed ? costOf(roundHalfUp(exactCost), card, costs) : null;
  return { ok: true, amount, exact, rateCardId: card.id, meters: splitOf(amount, credits), cost };
}

/** `total` split over the meters' exact parts by largest remainder; zero shares left out. */
function splitOf(total: Micros, parts: Readonly<Record<string, Rational>>) {
  const shares = Object.entries(shareByLargestRemainder(total, parts));
  return Object.fromEntries(shares.filter(([, share]) => share > 0n));
}

function costOf(amount: Micros, card: RateCard, costs: Record<string, Rational>): ProviderCost {
  const currency = card.costCurrency;
  invariant(currency !== undefined, `rate card ${card.id} with costs has a cost currency`);
  return { amount, currency, meters: splitOf(amount, costs) };
}
