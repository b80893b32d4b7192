/**
 * Exact arithmetic on the API's decimal strings ("12.5", "-0.000001"): a value is a bigint and a
 * count of digits after the point, so money is never summed or compared as a float.
 */

export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const decimalPattern = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Reads "12.50" as 1250 at scale 2; null when `text` is not a plain decimal. */
export function parseDecimal(text: string): Decimal | null {
  const match = decimalPattern.exec(text.trim());
  if (match === null) return null;
  const [, sign = "", whole = "0", fraction = ""] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

function atScale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** The decimal text of `value`, trailing zeros after the point dropped ("1.50" → "1.5"). */
export function decimalText(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, "0");
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, "");
  const text = fraction === "" ? whole : `${whole}.${fraction}`;
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

function required(text: string): Decimal {
  const value = parseDecimal(text);
  if (value === null) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
  return value;
}

/** `a − b`, exactly, as decimal text. */
export function subtractDecimal(a: string, b: string): string {
  const left = required(a);
  const right = required(b);
  const scale = Math.max(left.scale, right.scale);
  return decimalText({ units: atScale(left, scale) - atScale(right, scale), scale });
}

/** Negative, zero or positive as `a` is less than, equal to or greater than `b`, exactly. */
export function compareDecimal(a: string, b: string): number {
  const left = required(a);
  const right = required(b);
  const scale = Math.max(left.scale, right.scale);
  const difference = atScale(left, scale) - atScale(right, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
