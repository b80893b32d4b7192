/**
 * Formatters for what the API answers. Credits and money arrive as decimal strings; sums and
 * rounding here are exact (bigint of the smallest unit), and only a chart's plotting turns a
 * figure into a `number`.
 */

/** Credits carry at most 6 decimals (1 credit = 1,000,000 micro-credits). */
export const creditDecimals = 6;

/** A decimal string as an integer count of 10^-scale units; a finer digit is refused. */
export function parseScaled(decimal: string, scale: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (match === null) throw new Error(`not a decimal: ${JSON.stringify(decimal)}`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  if (fraction.length > scale) throw new Error(`more than ${scale} decimals: ${decimal}`);
  const units = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, "0") || "0");
  return sign === "-" ? -units : units;
}

/** Micro-credits of a credits string (`"12.5"` → 12_500_000n). */
export function microCredits(decimal: string): bigint {
  return parseScaled(decimal, creditDecimals);
}

/** The canonical decimal string of a count of 10^-scale units (`12_500_000n`, 6 → `"12.5"`). */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const absolute = negative ? -units : units;
  const unit = 10n ** BigInt(scale);
  const whole = absolute / unit;
  const fraction = (absolute % unit).toString().padStart(scale, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}

/** The exact sum of credits strings, as a credits string. */
export function sumCredits(values: readonly string[]): string {
  let total = 0n;
  for (const value of values) total += microCredits(value);
  return formatScaled(total, creditDecimals);
}

/**
 * A decimal string for people: rounded half up (away from zero) to `decimals`, with thousands
 * separators (`"1234567.125"`, 2 → `"1,234,567.13"`).
 */
export function groupDecimal(decimal: string, decimals = 2): string {
  const scale = Math.max(decimals, (decimal.split(".")[1] ?? "").length);
  const units = parseScaled(decimal, scale);
  const negative = units < 0n;
  const absolute = negative ? -units : units;
  const drop = 10n ** BigInt(scale - decimals);
  const rounded = drop === 1n ? absolute : (absolute + drop / 2n) / drop;
  const unit = 10n ** BigInt(decimals);
  const whole = (rounded / unit).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = decimals === 0 ? "" : `.${(rounded % unit).toString().padStart(decimals, "0")}`;
  return `${negative && rounded !== 0n ? "-" : ""}${whole}${fraction}`;
}

/** Credits for people: `"1234.5"` → `"1,234.50 credits"`. */
export function formatCredits(decimal: string, decimals = 2): string {
  return `${groupDecimal(decimal, decimals)} credits`;
}

const currencySymbols: Readonly<Record<string, string>> = { USD: "$", EUR: "€", GBP: "£" };

/** Money for people: `"1234.5"`, `"USD"` → `"$1,234.50"`; other currencies keep their code. */
export function formatMoney(decimal: string, currency: string): string {
  const symbol = currencySymbols[currency.toUpperCase()];
  const grouped = groupDecimal(decimal, 2);
  if (symbol === undefined) return `${grouped} ${currency.toUpperCase()}`;
  return grouped.startsWith("-") ? `-${symbol}${grouped.slice(1)}` : `${symbol}${grouped}`;
}

/** A figure for a chart's axis only: never summed or compared as money. */
export function plotted(decimal: string | null | undefined): number {
  return decimal === null || decimal === undefined ? 0 : Number(decimal);
}

/** Part of a whole in percent, for a bar's width (0 when the whole is 0), capped at 100. */
export function percentOf(part: string, whole: string): number {
  const total = microCredits(whole);
  if (total <= 0n) return 0;
  const basisPoints = (microCredits(part) * 10_000n) / total;
  return Math.min(100, Math.max(0, Number(basisPoints) / 100));
}

/** A compact axis label: 1,250,000 → "1.25M", 12,000 → "12k". */
export function compactNumber(value: number): string {
  const absolute = Math.abs(value);
  if (absolute >= 1e9) return `${trim(value / 1e9)}B`;
  if (absolute >= 1e6) return `${trim(value / 1e6)}M`;
  if (absolute >= 1e3) return `${trim(value / 1e3)}k`;
  return trim(value);
}

function trim(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** An ISO time as a short UTC date and time: `2025-03-04 17:05 UTC`. */
export function formatTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** An ISO time as its UTC date: `2025-03-04`. */
export function formatDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return "—";
  return iso.slice(0, 10);
}

/** Days left for people: `"12.5"` → `"12.5 days"`, null (no burn) → `"no burn"`. */
export function formatDays(days: string | null | undefined): string {
  if (days === null || days === undefined) return "no burn";
  return `${days} ${days === "1" || days === "1.0" ? "day" : "days"}`;
}
