/**
 * Exact proration. A share is never rounded on its own: it is the difference of two rounded
 * cumulative amounts, so the shares of any split of a period telescope back to the whole amount,
 * however many times a plan changes in the period. Time is elapsed milliseconds, not calendar
 * days: a period shortened by a daylight saving change charges its actual length.
 *
 * Amounts are non-negative; a credit line is a positive share that the caller negates.
 */
import { roundHalfUp } from "../amount.ts";
import type { BillingPeriod } from "./calendar.ts";

/**
 * amount × (to − from) / (end − start), as the difference of two cumulative roundings, so any
 * split of a period into spans gives shares summing exactly to amount. Each share is within 1 of
 * the exact rational, and the whole period gives the whole amount.
 */
export function prorateSpan(
  amount: bigint,
  period: BillingPeriod,
  from: number,
  to: number,
): bigint {
  if (amount < 0n) throw new RangeError(`a prorated amount must not be negative, got ${amount}`);
  const { start, end } = period;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start >= end) {
    throw new RangeError(`a billing period is a non-empty [start, end), got [${start}, ${end})`);
  }
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) {
    throw new RangeError(`a span's bounds are integer instants, got [${from}, ${to})`);
  }
  if (!(start <= from && from <= to && to <= end)) {
    throw new RangeError(`the span [${from}, ${to}) does not lie within [${start}, ${end})`);
  }
  return amountThrough(amount, period, to) - amountThrough(amount, period, from);
}

/** The amount due for [start, at), rounded once, half up: the one rounding rule of creditpool. */
function amountThrough(amount: bigint, period: BillingPeriod, at: number): bigint {
  return roundHalfUp({
    numerator: amount * BigInt(at - period.start),
    denominator: BigInt(period.end - period.start),
  });
}

/**
 * Shares of `total` proportional to `weights` (non-negative, at least one positive), summing
 * exactly to total. Each share is the floor of its exact proportion, and what the floors leave
 * (fewer units than there are weights) goes one unit each to the largest remainders, ties to the
 * earlier index: the largest remainder method, which keeps every share within 1 of its exact
 * proportion and never gives anything to a zero weight.
 */
export function apportion(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) throw new RangeError(`an apportioned total must not be negative, got ${total}`);
  let weightSum = 0n;
  for (const weight of weights) {
    if (weight < 0n) throw new RangeError(`apportion weights must not be negative, got ${weight}`);
    weightSum += weight;
  }
  if (weightSum === 0n) throw new RangeError("apportion needs at least one positive weight");
  const entries = weights.map((weight, index) => ({
    index,
    share: (total * weight) / weightSum,
    remainder: (total * weight) % weightSum,
  }));
  const leftover = total - entries.reduce((sum, entry) => sum + entry.share, 0n);
  const byRemainder = [...entries].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const entry of byRemainder.slice(0, Number(leftover))) entry.share += 1n;
  return entries.map((entry) => entry.share);
}
