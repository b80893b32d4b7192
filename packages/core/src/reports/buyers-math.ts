/**
 * The buyer's math: what one span's consumption would cost under three ways of buying it, exact.
 * Credits are micro-credits; prices per credit are micro-units of currency per credit; a seat's
 * price is in 10^-12 currency units ("picos"), as every cost here:
 *
 *   per-seat      N × seat_price + Σᵢ max(0, uᵢ − seat_credits) × overage_price
 *   credit-based  Σᵢ uᵢ × credit_price
 *   hybrid        N × hybrid_seat_price + max(0, Σᵢ uᵢ − N × hybrid_seat_credits) × credit_price
 *
 * uᵢ is each user's consumption (each seat's credits are its own member's; a hybrid's are
 * pooled). N is the number of seats, at least the number of users.
 */
import type { Micros } from "../amount.ts";

export const pricings = ["per_seat", "credit_based", "hybrid"] as const;
export type Pricing = (typeof pricings)[number];

export interface BuyersPrices {
  /** Picos per seat per span. */
  readonly seatPrice: bigint;
  readonly seatCredits: Micros;
  /** Micro-units of currency per credit. */
  readonly overagePrice: bigint;
  readonly creditPrice: bigint;
  readonly hybridSeatPrice: bigint;
  readonly hybridSeatCredits: Micros;
  readonly seats: number;
}

export type Costs = Record<Pricing, bigint>;

const zero = 0n;
const positive = (value: bigint) => (value > zero ? value : zero);

export function costsOf(usages: readonly Micros[], prices: BuyersPrices): Costs {
  const seats = BigInt(prices.seats);
  const total = usages.reduce((sum, usage) => sum + usage, zero);
  const overage = usages.reduce((sum, usage) => sum + positive(usage - prices.seatCredits), zero);
  return {
    per_seat: seats * prices.seatPrice + overage * prices.overagePrice,
    credit_based: total * prices.creditPrice,
    hybrid:
      seats * prices.hybridSeatPrice +
      positive(total - seats * prices.hybridSeatCredits) * prices.creditPrice,
  };
}

/** The cheapest pricing; ties go to the first in `pricings`. */
export function cheapestOf(costs: Costs): Pricing {
  let best: Pricing = "per_seat";
  for (const pricing of pricings) if (costs[pricing] < costs[best]) best = pricing;
  return best;
}

/** A usage scaled by tenths (`tenths` / 10), rounded half up to a micro-credit. */
export function scaled(usage: Micros, tenths: number): Micros {
  return (usage * BigInt(tenths) * 2n + 10n) / 20n;
}

export interface CurvePoint {
  readonly tenths: number;
  readonly creditsPerMember: Micros;
  readonly costs: Costs;
}

/** Usage scaled from 0 to 2× in steps of a tenth: 21 points. */
export function curveOf(usages: readonly Micros[], prices: BuyersPrices): CurvePoint[] {
  const points: CurvePoint[] = [];
  for (let tenths = 0; tenths <= 20; tenths += 1) {
    const each = usages.map((usage) => scaled(usage, tenths));
    const total = each.reduce((sum, usage) => sum + usage, zero);
    points.push({
      tenths,
      creditsPerMember: prices.seats === 0 ? zero : total / BigInt(prices.seats),
      costs: costsOf(each, prices),
    });
  }
  return points;
}

/** One seat's cost of each pricing when every seat consumes `credits`, in picos. */
export function costPerSeat(pricing: Pricing, credits: Micros, prices: BuyersPrices): bigint {
  if (pricing === "per_seat")
    return prices.seatPrice + positive(credits - prices.seatCredits) * prices.overagePrice;
  if (pricing === "credit_based") return credits * prices.creditPrice;
  return prices.hybridSeatPrice + positive(credits - prices.hybridSeatCredits) * prices.creditPrice;
}

export const pricingPairs: readonly [Pricing, Pricing][] = [
  ["per_seat", "credit_based"],
  ["per_seat", "hybrid"],
  ["credit_based", "hybrid"],
];

/**
 * The least consumption per seat (micro-credits, rounded up) at which `a` stops being the
 * cheaper of the two, or `b` stops being, when every seat consumes alike: the first point from 0
 * where the costs' order flips or they meet. Null when their order never changes. Each cost is
 * linear between the seat allowances, so each piece is solved exactly.
 */
export function breakEven(a: Pricing, b: Pricing, prices: BuyersPrices): Micros | null {
  const difference = (credits: Micros) =>
    costPerSeat(a, credits, prices) - costPerSeat(b, credits, prices);
  const knots = [
    ...new Set([zero, positive(prices.seatCredits), positive(prices.hybridSeatCredits)]),
  ].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const atZero = difference(zero);
  if (atZero === zero) return zero;
  const sign = atZero > zero ? 1n : -1n;
  for (let index = 0; index < knots.length; index += 1) {
    const from = knots[index] ?? zero;
    const next = knots[index + 1];
    // On [from, next] the difference is d(from) + slope × (c − from); past the last knot, slope is
    // measured over one credit.
    const probe = next ?? from + 1_000_000n;
    const slope = difference(probe) - difference(from);
    const start = difference(from);
    if (start * sign <= zero) return from;
    if (slope * sign >= zero) continue;
    // d(from) + slope × (c − from) / (probe − from) = 0, solved for c and rounded up.
    const width = probe - from;
    const magnitude = start * sign;
    const fall = -slope * sign;
    const credits = from + (magnitude * width + fall - 1n) / fall;
    if (next === undefined || credits <= next) return credits;
  }
  return null;
}
