/**
 * A plan's terms and what follows from them for one period: the credits it includes, its price,
 * the cost basis of its credits, and what of them rolls over. Money is integers of the
 * currency's minor units (cents for USD, yen for JPY), never floats.
 */
import { type Micros, microsPerCredit, type Rational, roundHalfUp } from "../amount.ts";
import { limits } from "../limits.ts";
import type { BillingInterval } from "./calendar.ts";

/** On removing seats mid-period: the credits stay to the period's end, or the unused share goes. */
export type SeatRemoval = "keep" | "claw_back";

export type RolloverCap =
  | { readonly kind: "amount"; readonly amount: Micros }
  | { readonly kind: "percent"; readonly percent: number };

/** What is left of a period's included credits at its end moves on, up to the cap, for a time. */
export interface RolloverRule {
  readonly cap: RolloverCap;
  readonly lifetimeDays: number;
}

export interface TopUpPack {
  readonly id: string;
  readonly credits: Micros;
  /** Minor units. */
  readonly price: bigint;
}

/** A minimum spend a period (minor units), at a discount on what is consumed. */
export interface Commitment {
  readonly minimum: bigint;
  readonly discountPercent: number;
}

/**
 * A kind of seat beside the plan's own: a premium seat that costs more and brings more credits.
 * Every tier's credits go to the subscription's one pool; the tier changes the price and the
 * amount, never where the credits go.
 */
export interface SeatTier {
  /** Lowercase, unique in the plan, never `standard` (the plan's own seat). */
  readonly id: string;
  readonly name: string;
  /** A seat's price for a period, in minor units. */
  readonly seatPrice: bigint;
  readonly creditsPerSeat: Micros;
}

/** Seats of a subscription's tiers, by tier id; a tier left out has none. */
export type TierSeats = Readonly<Record<string, number>>;

export const noTierSeats: TierSeats = Object.freeze({});

export interface PlanTerms {
  readonly name: string;
  /** ISO 4217, such as "USD". */
  readonly currency: string;
  readonly interval: BillingInterval;
  /** A period's price whatever the seats, in minor units. */
  readonly basePrice: bigint;
  /** A seat's price for a period, in minor units. */
  readonly seatPrice: bigint;
  readonly creditsPerSeat: Micros;
  /** What lines call the plan's own seat ("Standard"); null: just "seats". */
  readonly seatName: string | null;
  /** Seats of other prices and credits in the same subscription, at most `seatTiersMax`. */
  readonly seatTiers: readonly SeatTier[];
  readonly creditsPerOrganization: Micros;
  /** Minor units per credit of overage. */
  readonly overagePrice: Rational;
  readonly rollover: RolloverRule | null;
  readonly seatRemoval: SeatRemoval;
  readonly topUps: readonly TopUpPack[];
  /** Minor units per credit of a top-up of any amount; null: only the packs are sold. */
  readonly topUpPrice: Rational | null;
  readonly commitment: Commitment | null;
}

/** A tier id: a lowercase letter, then up to 31 lowercase letters, digits, `_` or `-`. */
export const seatTierIdPattern = /^[a-z][a-z0-9_-]{0,31}$/;

/** The id no tier takes: lines and views call the plan's own seat so. */
export const standardSeat = "standard";

/**
 * Why a plan's tiers are not a valid list, or null: at most `seatTiersMax`, each id matching
 * `seatTierIdPattern`, once, and never `standard`. Answers the index and field at fault.
 */
export function seatTiersProblem(
  tiers: readonly Pick<SeatTier, "id">[],
): { readonly index: number | null; readonly message: string } | null {
  if (tiers.length > limits.seatTiersMax)
    return { index: null, message: `must list at most ${limits.seatTiersMax} tiers` };
  const seen = new Set<string>();
  for (const [index, tier] of tiers.entries()) {
    if (!seatTierIdPattern.test(tier.id))
      return { index, message: "must be a lowercase letter, then letters, digits, _ or -" };
    if (tier.id === standardSeat)
      return { index, message: `must not be ${standardSeat}: the plan's own seat is so called` };
    if (seen.has(tier.id)) return { index, message: "names each tier once" };
    seen.add(tier.id);
  }
  return null;
}

/** The name of the plan's own seat in lines and views; null when it needs none. */
export function seatNameOf(terms: PlanTerms): string | null {
  return terms.seatName ?? (terms.seatTiers.length > 0 ? "Standard" : null);
}

/** The tier of the plan named `id`; throws when the plan has none (callers check first). */
export function seatTierOf(terms: PlanTerms, id: string): SeatTier {
  const tier = terms.seatTiers.find((each) => each.id === id);
  if (tier === undefined) throw new RangeError(`plan ${terms.name} has no seat tier ${id}`);
  return tier;
}

/**
 * The first tier named in `tierSeats` (with seats or not) that the plan lacks, or null when it
 * has them all: what the other functions here may then be given.
 */
export function missingTier(terms: PlanTerms, tierSeats: TierSeats): string | null {
  for (const id of Object.keys(tierSeats)) {
    if (!terms.seatTiers.some((tier) => tier.id === id)) return id;
  }
  return null;
}

/** Seats of every kind: the plan's own and each tier's. */
export function seatsTotal(seats: number, tierSeats: TierSeats): number {
  return Object.values(tierSeats).reduce((sum, count) => sum + count, seats);
}

/**
 * Credits a period includes at `seats` of the plan's own seats and `tierSeats` of its tiers: the
 * organization's, plus each seat's.
 */
export function includedCredits(
  terms: PlanTerms,
  seats: number,
  tierSeats: TierSeats = noTierSeats,
): Micros {
  let credits = terms.creditsPerOrganization + BigInt(seats) * terms.creditsPerSeat;
  for (const [id, count] of Object.entries(tierSeats))
    credits += BigInt(count) * seatTierOf(terms, id).creditsPerSeat;
  return credits;
}

/** A full period's price at `seats` of the plan's own seats and `tierSeats`, in minor units. */
export function periodPrice(
  terms: PlanTerms,
  seats: number,
  tierSeats: TierSeats = noTierSeats,
): bigint {
  let price = terms.basePrice + BigInt(seats) * terms.seatPrice;
  for (const [id, count] of Object.entries(tierSeats))
    price += BigInt(count) * seatTierOf(terms, id).seatPrice;
  return price;
}

/** A top-up of `credits` at the plan's price per credit, in minor units, rounded half up once. */
export function topUpPriceOf(price: Rational, credits: Micros): bigint {
  return roundHalfUp({
    numerator: price.numerator * credits,
    denominator: price.denominator * microsPerCredit,
  });
}

/** Digits after the point in a currency's minor unit (2 for USD, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits as number;
}

/** Whether `code` is an ISO 4217 currency this runtime knows. */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  return Intl.supportedValuesOf("currency").includes(code);
}

/**
 * Money paid per credit, in micro-units of the currency (a grant's cost basis): `price` minor
 * units for `credits`, rounded half up once; zero when no credits were bought.
 */
export function costBasis(price: bigint, currency: string, credits: Micros): Micros {
  if (credits === 0n || price === 0n) return 0n;
  const microsPerMinor = 10n ** BigInt(6 - currencyDigits(currency));
  return roundHalfUp({
    numerator: price * microsPerMinor * microsPerCredit,
    denominator: credits,
  });
}

/**
 * The most of a grant of `amount` credits that may roll over, when the period includes
 * `included`: a percentage applies to each grant alike; an amount cap is shared by the period's
 * grants in proportion to their amounts (rounded down), so together they never pass it.
 */
export function rolloverCapOf(rule: RolloverRule, amount: Micros, included: Micros): Micros {
  if (rule.cap.kind === "percent") return (amount * BigInt(rule.cap.percent)) / 100n;
  if (included === 0n) return 0n;
  const share = (rule.cap.amount * amount) / included;
  return share < amount ? share : amount;
}

/**
 * Why a period of the plan at `seats` seats (and `tierSeats` of its tiers, which it must have) is
 * past a bound, or null: its included credits and its cost basis are amounts
 * (`amountMicrosMax`), its price and each kind of seat's are money (`moneyMinorMax`). Checked
 * before a subscription decides anything, so no decision stores what its grants or its invoice
 * could not hold.
 */
export function periodProblem(
  terms: PlanTerms,
  seats: number,
  tierSeats: TierSeats = noTierSeats,
): string | null {
  const total = seatsTotal(seats, tierSeats);
  const included = includedCredits(terms, seats, tierSeats);
  if (included > limits.amountMicrosMax)
    return `${total} seats would include more than the largest amount of credits`;
  const kinds = [
    { count: seats, seatPrice: terms.seatPrice, creditsPerSeat: terms.creditsPerSeat },
    ...Object.entries(tierSeats).map(([id, count]) => ({ count, ...seatTierOf(terms, id) })),
  ];
  const price = periodPrice(terms, seats, tierSeats);
  if (
    price > limits.moneyMinorMax ||
    kinds.some((kind) => BigInt(kind.count) * kind.seatPrice > limits.moneyMinorMax)
  )
    return `${total} seats would cost more than one invoice line may`;
  const basis = costBasis(price, terms.currency, included);
  const seatBasis = kinds.some(
    (kind) =>
      costBasis(kind.seatPrice, terms.currency, kind.creditsPerSeat) > limits.amountMicrosMax,
  );
  if (basis > limits.amountMicrosMax || seatBasis)
    return "a credit of the plan would cost more than the largest cost basis";
  return null;
}

/**
 * What an invoice line calls `count` seats of a tier (null: the plan's own): "3 Premium seats".
 * The plan's own seat is "Standard" beside tiers unless the plan names it, and unnamed ("10
 * seats") in a plan without tiers.
 */
export function seatsDescription(terms: PlanTerms, tier: string | null, count: number): string {
  const name = tier === null ? seatNameOf(terms) : seatTierOf(terms, tier).name;
  const noun = count === 1 ? "seat" : "seats";
  return name === null ? `${count} ${noun}` : `${count} ${name} ${noun}`;
}
