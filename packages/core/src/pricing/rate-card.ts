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
 */
import { formatDecimal, type Micros, type Rational, roundHalfUp } from "../amount.ts";
import { shareByLargestRemainder } from "../attribution.ts";
import { limits } from "../limits.ts";
import { add, times, zero } from "./rational.ts";

/** Units up to `upTo` (counted from the event's first unit) cost `price` micro-credits each. */
export interface Tier {
  readonly upTo: bigint | null;
  readonly price: Rational;
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

/** Exact cost of `quantity` units through graduated tiers. */
export function tieredCost(tiers: readonly Tier[], quantity: bigint): Rational {
  let cost = zero;
  let counted = 0n;
  for (const tier of tiers) {
    if (counted >= quantity) break;
    const ceiling = tier.upTo === null || tier.upTo > quantity ? quantity : tier.upTo;
    if (ceiling > counted) cost = add(cost, times(tier.price, ceiling - counted));
    counted = ceiling > counted ? ceiling : counted;
  }
  return cost;
}

/** Prices one event; a meter the card does not price refuses the event, never prices it at 0. */
export function priceUsage(card: RateCard, usage: UsageDescription): PriceResult {
  let exact = zero;
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
    const cost = tieredCost(price.tiers, quantity);
    costs[meter] = cost;
    exact = add(exact, cost);
    // Checked per meter, so a huge event stops at the first meter that passes the bound.
    if (roundHalfUp(exact) > limits.amountMicrosMax) {
      const reason = `the price passes the largest amount, ${formatDecimal(limits.amountMicrosMax)} credits`;
      return { ok: false, code: "amount_out_of_range", meter, reason };
    }
  }
  const rounded = roundHalfUp(exact);
  const amount = rounded < card.minimumCharge ? card.minimumCharge : rounded;
  const shares = Object.entries(shareByLargestRemainder(amount, costs));
  const meters = Object.fromEntries(shares.filter(([, share]) => share > 0n));
  return { ok: true, amount, exact, rateCardId: card.id, meters };
}
