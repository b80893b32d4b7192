/**
 * Exact non-negative rationals for prices: credits per unit as numerator / denominator in
 * micro-credits. Sums stay exact; only the final amount of a priced event is rounded.
 */
import type { Rational } from "../amount.ts";

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
  if (fraction.length > 18) return null;
  return rational(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
}
