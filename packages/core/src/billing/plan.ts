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

/** Credits a period includes at `seats` seats: the organization's plus each seat's. */
export function includedCredits(terms: PlanTerms, seats: number): Micros {
  return terms.creditsPerOrganization + BigInt(seats) * terms.creditsPerSeat;
}

/** A full period's price at `seats` seats, in minor units. */
export function periodPrice(terms: PlanTerms, seats: number): bigint {
  return terms.basePrice + BigInt(seats) * terms.seatPrice;
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
 * Why a period of the plan at `seats` seats is past a bound, or null: its included credits and
 * its cost basis are amounts (`amountMicrosMax`), its price and its seats' are money
 * (`moneyMinorMax`). Checked before a subscription decides anything, so no decision stores what
 * its grants or its invoice could not hold.
 */
export function periodProblem(terms: PlanTerms, seats: number): string | null {
  const included = includedCredits(terms, seats);
  if (included > limits.amountMicrosMax)
    return `${seats} seats would include more than the largest amount of credits`;
  const seatsPrice = BigInt(seats) * terms.seatPrice;
  if (seatsPrice > limits.moneyMinorMax || periodPrice(terms, seats) > limits.moneyMinorMax)
    return `${seats} seats would cost more than one invoice line may`;
  const basis = costBasis(periodPrice(terms, seats), terms.currency, included);
  const seatBasis = costBasis(terms.seatPrice, terms.currency, terms.creditsPerSeat);
  if (basis > limits.amountMicrosMax || seatBasis > limits.amountMicrosMax)
    return "a credit of the plan would cost more than the largest cost basis";
  return null;
}
