/**
 * Credits are integers of micro-credits held as bigint: 1 credit = 1,000,000 micro-credits.
 * No floating point ever touches an amount. Decimal strings are the only text form.
 */
import { limits } from "./limits.ts";

export type Micros = bigint;

export const microsPerCredit = 1_000_000n;

const decimalPattern = /^(-?)(\d+)(?:\.(\d+))?$/;

export type ParseResult = { ok: true; value: Micros } | { ok: false; reason: string };

/**
 * Parses a decimal amount of credits (or money) into micro-units. Accepts a string such as "12.5"
 * or a JSON number with at most 15 significant digits; rejects exponents, more than 6 fractional
 * digits and anything beyond the storable range.
 */
export function parseDecimal(input: unknown): ParseResult {
  if (typeof input === "number") return parseNumber(input);
  if (typeof input !== "string") return { ok: false, reason: "must be a decimal string or number" };
  const match = decimalPattern.exec(input);
  if (match === null) return { ok: false, reason: 'must be a decimal such as "12.5"' };
  const [, sign = "", whole = "", fraction = ""] = match;
  if (fraction.length > limits.fractionDigitsMax) {
    return { ok: false, reason: `has more than ${limits.fractionDigitsMax} fractional digits` };
  }
  const magnitude = BigInt(whole) * microsPerCredit + BigInt(fraction.padEnd(6, "0"));
  if (magnitude > limits.amountMicrosMax) {
    return { ok: false, reason: `exceeds the maximum of ${formatDecimal(limits.amountMicrosMax)}` };
  }
  return { ok: true, value: sign === "-" ? -magnitude : magnitude };
}

function parseNumber(input: number): ParseResult {
  if (!Number.isFinite(input)) return { ok: false, reason: "must be a finite number" };
  const text = String(input);
  if (/e/i.test(text))
    return { ok: false, reason: "is too large or too small for a number: use a string" };
  const digits = text.replace(/^-/, "").replace(".", "").replace(/^0+/, "");
  if (digits.length > limits.numberSignificantDigitsMax) {
    return {
      ok: false,
      reason: `has more than ${limits.numberSignificantDigitsMax} significant digits: use a string`,
    };
  }
  return parseDecimal(text);
}

/** Canonical decimal text: no trailing fractional zeros, no trailing point ("12", "12.5"). */
export function formatDecimal(value: Micros): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const whole = magnitude / microsPerCredit;
  const fraction = (magnitude % microsPerCredit).toString().padStart(6, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}

/** Shorthand for tests and examples: credits("12.5") === 12_500_000n. */
export function credits(text: string | number): Micros {
  const parsed = parseDecimal(text);
  if (!parsed.ok) throw new RangeError(`credits(${String(text)}) ${parsed.reason}`);
  return parsed.value;
}

/** An exact non-negative rational price: numerator / denominator, denominator > 0. */
export interface Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/**
 * The one rounding rule of creditpool: round half up, applied once at the end of a priced event
 * (never per unit). Amounts are non-negative, so "up" and "away from zero" agree.
 */
export function roundHalfUp(value: Rational): Micros {
  if (value.denominator <= 0n) throw new RangeError("denominator must be positive");
  if (value.numerator < 0n) throw new RangeError("numerator must not be negative");
  return (2n * value.numerator + value.denominator) / (2n * value.denominator);
}

export function minMicros(a: Micros, b: Micros): Micros {
  return a < b ? a : b;
}

export function maxMicros(a: Micros, b: Micros): Micros {
  return a > b ? a : b;
}
