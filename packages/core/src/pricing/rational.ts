/**
 * Exact non-negative rationals for prices: credits per unit as numerator / denominator in
 * micro-credits. Sums stay exact; only the final amount of a priced event is rounded.
 */
import type { Rational } from "../amount.ts";
import { limits } from "../limits.ts";

export const zero: Rational = { numerator: 0n, denominator: 1n };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

export function rational(numerator: bigint, denominator = 1n): Rational {
  if (denominator <= 0n) throw new RangeError("a rational's denominator is positive");
  if (numerator < 0n) throw new RangeError("prices are never negative");
  const divisor = gcd(numerator, denominator);
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

export function add(a: Rational, b: Rational): Rational {
  return rational(
    a.numerator * b.denominator + b.numerator * a.denominator,
    a.denominator * b.denominator,
  );
}

export function times(a: Rational, quantity: bigint): Rational {
  return rational(a.numerator * quantity, a.denominator);
}

export function compare(a: Rational, b: Rational): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Parses a decimal price such as "0.0025" (micro-credits per unit may have any number of
 * fractional digits: a price per token is often a tiny fraction of a micro-credit).
 */
export function parseRational(text: string): Rational | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) return null;
  const [, whole = "0", fraction = ""] = match;
  if (fraction.length > limits.perUnitFractionDigitsMax) return null;
  return rational(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
}

/**
 * `numerator / denominator` as an exact decimal ("0.0003", "2", "12.5"), or null when it has none
 * (a denominator with a factor other than 2 and 5). With 2^a 5^b, max(a, b) fractional digits
 * are exact; trailing zeros are dropped. Prices come in as decimals, so they always have one.
 */
export function exactDecimal(numerator: bigint, denominator: bigint): string | null {
  if (numerator < 0n || denominator <= 0n) return null;
  let rest = denominator;
  let twos = 0;
  let fives = 0;
  while (rest % 2n === 0n) [rest, twos] = [rest / 2n, twos + 1];
  while (rest % 5n === 0n) [rest, fives] = [rest / 5n, fives + 1];
  if (rest !== 1n) return null;
  const digits = Math.max(twos, fives);
  const scaled = (numerator * 10n ** BigInt(digits)) / denominator;
  const text = scaled.toString().padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits).replace(/0+$/, "");
  return fraction === "" ? whole : `${whole}.${fraction}`;
}
