/**
 * How the views show the API's figures. Credits and money come as exact decimal strings and are
 * shown from those strings, digit for digit: nothing here turns an amount into a float.
 */
import { type Decimal, decimalText, parseDecimal } from "./decimal.ts";

const missing = "—";

function groupThousands(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+$)/g, ",");
}

/** `value` with thousands grouped and at least `minimumFraction` digits after the point. */
function grouped(value: Decimal, minimumFraction: number): string {
  const text = decimalText(value);
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const padded = fraction.padEnd(minimumFraction, "0");
  return `${negative ? "-" : ""}${groupThousands(whole)}${padded === "" ? "" : `.${padded}`}`;
}

/** Credits from a decimal string: "1234567.5" → "1,234,567.5"; null → "—". */
export function formatCredits(text: string | null | undefined): string {
  if (text === null || text === undefined) return missing;
  const value = parseDecimal(text);
  return value === null ? text : grouped(value, 0);
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
  const shown = grouped(value, currency === null ? 2 : currencyDigits(currency));
  return currency === null ? shown : `${currency} ${shown}`;
}

/** Money in integer minor units, as billing gives it: "123456", "USD" → "USD 1,234.56". */
export function formatMinorUnits(text: string | null | undefined, currency: string): string {
  if (text === null || text === undefined) return missing;
  const value = parseDecimal(text);
  if (value === null || value.scale !== 0) return `${currency} ${text} (minor units)`;
  const digits = currencyDigits(currency);
  return `${currency} ${grouped({ units: value.units, scale: digits }, digits)}`;
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
  return `${currency} ${grouped({ units: value.units, scale: value.scale + digits }, digits)}`;
}

/** A percent from a decimal string or a number: "12.5" → "12.5%". */
export function formatPercent(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return missing;
  const parsed = parseDecimal(String(value));
  return parsed === null ? `${value}%` : `${grouped(parsed, 0)}%`;
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
