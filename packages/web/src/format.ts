/**
 * How the console shows the API's figures. Credits and money arrive as decimal strings and are
 * shown from those strings: rounding (half up, for a headline) and grouping are done on bigints
 * (`decimal.ts`), and only a chart's plotting turns a figure into a `number`.
 */
import { type Decimal, decimalText, microCredits, parseDecimal, parseScaled } from "./decimal.ts";

const missing = "—";

function groupThousands(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+$)/g, ",");
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
  const whole = groupThousands((rounded / unit).toString());
  const fraction = decimals === 0 ? "" : `.${(rounded % unit).toString().padStart(decimals, "0")}`;
  return `${negative && rounded !== 0n ? "-" : ""}${whole}${fraction}`;
}

/** `value` with thousands grouped and every digit kept, at least `minimumFraction` after the point. */
function groupExact(value: Decimal, minimumFraction: number): string {
  const text = decimalText(value);
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const padded = fraction.padEnd(minimumFraction, "0");
  return `${negative ? "-" : ""}${groupThousands(whole)}${padded === "" ? "" : `.${padded}`}`;
}

/** A headline's credits, rounded for reading: `"1234.5"` → `"1,234.50 credits"`. */
export function formatCredits(decimal: string, decimals = 2): string {
  return `${groupDecimal(decimal, decimals)} credits`;
}

/** Credits digit for digit: "1234567.5" → "1,234,567.5"; null → "—"; what is no decimal, as is. */
export function exactCredits(text: string | null | undefined): string {
  if (text === null || text === undefined) return missing;
  const value = parseDecimal(text);
  return value === null ? text : groupExact(value, 0);
}

/** Digits after the point in a currency's minor unit (2 for USD, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits as number;
  } catch {
    return 2;
  }
}

/**
 * Money in units of the currency, as the reports give it: "1234.5", "USD" → "USD 1,234.50".
 * Digits past the currency's minor unit are kept (an exact cost basis may have them), never
 * rounded away. Without a currency (the report spans none or several) the number stands alone.
 */
export function formatMoney(text: string | null | undefined, currency: string | null): string {
  if (text === null || text === undefined) return missing;
  const value = parseDecimal(text);
  if (value === null) return text;
  const shown = groupExact(value, currency === null ? 2 : currencyDigits(currency));
  return currency === null ? shown : `${currency} ${shown}`;
}

/** Money in integer minor units, as billing gives it: "123456", "USD" → "USD 1,234.56". */
export function formatMinorUnits(text: string | null | undefined, currency: string): string {
  if (text === null || text === undefined) return missing;
  const value = parseDecimal(text);
  if (value === null || value.scale !== 0) return `${currency} ${text} (minor units)`;
  const digits = currencyDigits(currency);
  return `${currency} ${groupExact({ units: value.units, scale: digits }, digits)}`;
}

/**
 * A price in minor units per credit, as plans give it ("0.4" cents), in units of the currency:
 * "0.4", "USD" → "USD 0.004". Exact: the point moves, nothing is divided.
 */
export function formatMinorRate(text: string | null | undefined, currency: string): string {
  if (text === null || text === undefined) return missing;
  const value = parseDecimal(text);
  if (value === null) return `${currency} ${text} (minor units)`;
  const digits = currencyDigits(currency);
  return `${currency} ${groupExact({ units: value.units, scale: value.scale + digits }, digits)}`;
}

/** A percent from a decimal string or a number: "12.5" → "12.5%". */
export function formatPercent(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return missing;
  const parsed = parseDecimal(String(value));
  return parsed === null ? `${value}%` : `${groupExact(parsed, 0)}%`;
}

/** Days left for people: `"12.5"` → `"12.5 days"`, null (no burn) → `"no burn"`. */
export function formatDays(days: string | null | undefined): string {
  if (days === null || days === undefined) return "no burn";
  return `${days} ${days === "1" || days === "1.0" ? "day" : "days"}`;
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

function validDate(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A day in UTC: "2026-11-21T09:30:00.000Z" → "2026-11-21". */
export function formatDateUtc(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return missing;
  const date = validDate(iso);
  return date === null ? iso : date.toISOString().slice(0, 10);
}

/** A moment in UTC to the minute: "2026-11-21T09:30:00.000Z" → "2026-11-21 09:30 UTC". */
export function formatDateTimeUtc(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return missing;
  const date = validDate(iso);
  if (date === null) return iso;
  const text = date.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

/** A period's start as its axis label: the day, or the day and hour for hourly periods. */
export function formatPeriodUtc(iso: string, interval: string): string {
  const date = validDate(iso);
  if (date === null) return iso;
  const text = date.toISOString();
  if (interval === "hour") return `${text.slice(5, 10)} ${text.slice(11, 13)}h`;
  if (interval === "month") return text.slice(0, 7);
  return text.slice(0, 10);
}
