/**
 * Exact arithmetic on the API's decimal strings ("12.5", "-0.000001"): a value is a bigint and a
 * count of digits after the point, so credits and money are never summed or compared as floats.
 */

export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

/** Credits carry at most 6 decimals (1 credit = 1,000,000 micro-credits). */
export const creditDecimals = 6;

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

/** A decimal string as an integer count of 10^-scale units; a finer digit is refused. */
export function parseScaled(text: string, scale: number): bigint {
  const value = required(text);
  if (value.scale > scale) throw new Error(`more than ${scale} decimals: ${text}`);
  return atScale(value, scale);
}

/** Micro-credits of a credits string (`"12.5"` → 12_500_000n). */
export function microCredits(text: string): bigint {
  return parseScaled(text, creditDecimals);
}

/** The exact sum of credits strings, as a credits string. */
export function sumCredits(values: readonly string[]): string {
  let total = 0n;
  for (const value of values) total += microCredits(value);
  return decimalText({ units: total, scale: creditDecimals });
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
