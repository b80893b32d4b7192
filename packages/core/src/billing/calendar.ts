/**
 * Billing periods anchored in a time zone: a customer billed "on the 31st at 09:00 in Paris" is
 * billed then, whatever the month's length and whatever daylight saving time does. Periods are
 * [start, end) in epoch milliseconds, and the end of period k is the start of period k + 1, so
 * the periods tile time from the anchor with no gap and no overlap.
 *
 * The rules:
 * - The anchor's wall clock (year, month, day, hour, minute, second, millisecond) is read in its
 *   zone. Period 0 starts at `anchorAt` itself. Period k starts at that wall time with the month
 *   advanced by k (monthly) or 12k (yearly) and the day clamped to the month's length.
 * - Every start is computed from the anchor, never from the previous period, so an anchor on the
 *   31st gives Feb 28 (Feb 29 in a leap year) and then Mar 31 again, and a yearly anchor on
 *   Feb 29 gives Feb 28 in common years and Feb 29 again in leap years. Chaining would drift to
 *   the 28th forever.
 * - A wall time that does not exist (a spring-forward gap) moves forward by the gap: 02:30 on the
 *   spring-forward day in America/New_York is 03:30 EDT. A wall time that exists twice (a
 *   fall-back overlap) is the earlier instant. These are the choices of RFC 5545 and of
 *   Temporal's "compatible" disambiguation, so a calendar in another system agrees with ours.
 * - Inputs are bounded (`billingCalendarLimits`) and anything beyond a bound is a RangeError:
 *   an anchor between 1970 and 9999, at most 1000 years of periods.
 *
 * Zone offsets come from the global `Intl` (no time zone data is shipped here). A formatter per
 * zone is memoised in a bounded cache; the cache changes speed, never an answer.
 */
import { invariant } from "../invariant.ts";

export type BillingInterval = "month" | "year";

export interface BillingAnchor {
  /** The instant the first period starts (epoch ms). */
  readonly anchorAt: number;
  /** An IANA time zone such as "Europe/Paris" or "UTC". */
  readonly timeZone: string;
  readonly interval: BillingInterval;
}

/** Period `index` of an anchor: [start, end) in epoch ms. */
export interface BillingPeriod {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

export const billingCalendarLimits = {
  /** 1000 years of periods: enough for any contract, small enough to bound every loop. */
  periodIndexMax: { month: 12_000, year: 1000 } satisfies Record<BillingInterval, number>,
  /** 1970-01-01T00:00:00.000Z. */
  anchorAtMin: 0,
  /** 9999-12-31T23:59:59.999Z: the last instant with a four-digit year. */
  anchorAtMax: 253_402_300_799_999,
  /** The longest IANA name is about 30 characters; anything far longer is not a zone. */
  timeZoneLengthMax: 64,
  timeZoneFormattersMax: 64,
} as const;

const dayMs = 86_400_000;
const monthsPerPeriod: Record<BillingInterval, number> = { month: 1, year: 12 };

/** True iff `name` is a time zone the runtime's `Intl` accepts ("UTC", "Europe/Paris", ...). */
export function isTimeZone(name: string): boolean {
  if (typeof name !== "string" || name.length === 0) return false;
  if (name.length > billingCalendarLimits.timeZoneLengthMax) return false;
  try {
    formatterFor(name);
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** Period `index` (0 is the first) of the anchor's calendar. */
export function billingPeriod(anchor: BillingAnchor, index: number): BillingPeriod {
  const calendar = calendarOf(anchor);
  checkIndex(calendar, index);
  const start = startOf(calendar, index);
  const end = startOf(calendar, index + 1);
  invariant(start < end, "billing periods are non-empty and increasing");
  return { index, start, end };
}

/** The instant period `index` starts. */
export function periodStartAt(anchor: BillingAnchor, index: number): number {
  const calendar = calendarOf(anchor);
  checkIndex(calendar, index);
  return startOf(calendar, index);
}

/**
 * The period containing `at`: its start belongs to it, its end to the next one. The index is
 * estimated from the months elapsed on the wall clock and then corrected by at most two steps,
 * so the cost does not grow with the distance from the anchor.
 */
export function billingPeriodAt(anchor: BillingAnchor, at: number): BillingPeriod {
  const calendar = calendarOf(anchor);
  if (!Number.isSafeInteger(at) || at < anchor.anchorAt) {
    throw new RangeError(`billing time ${at} must be an integer instant at or after the anchor`);
  }
  if (at >= startOf(calendar, calendar.indexMax + 1)) {
    throw new RangeError(`billing time ${at} is after the last period, index ${calendar.indexMax}`);
  }
  const wall = new Date(wallTimeAt(calendar.timeZone, at));
  const monthsElapsed = wall.getUTCFullYear() * 12 + wall.getUTCMonth() - calendar.monthNumber;
  let index = Math.min(
    Math.max(Math.floor(monthsElapsed / calendar.monthsPerPeriod), 0),
    calendar.indexMax,
  );
  let start = startOf(calendar, index);
  let corrections = 0;
  while (start > at) {
    index -= 1;
    start = startOf(calendar, index);
    corrections += 1;
  }
  let end = startOf(calendar, index + 1);
  while (end <= at) {
    index += 1;
    start = end;
    end = startOf(calendar, index + 1);
    corrections += 1;
  }
  invariant(corrections <= 2, "the wall-clock month estimates the period index within two");
  invariant(start <= at && at < end, "the period found contains the instant");
  return { index, start, end };
}

interface Calendar {
  readonly anchorAt: number;
  readonly timeZone: string;
  readonly monthsPerPeriod: number;
  readonly indexMax: number;
  /** The anchor's wall-clock year × 12 + month (0-based). */
  readonly monthNumber: number;
  readonly day: number;
  readonly timeOfDayMs: number;
}

function calendarOf(anchor: BillingAnchor): Calendar {
  const { anchorAt, timeZone, interval } = anchor;
  if (interval !== "month" && interval !== "year") {
    throw new RangeError(`billing interval must be "month" or "year", got ${String(interval)}`);
  }
  if (!isTimeZone(timeZone)) throw new RangeError(`unknown time zone ${String(timeZone)}`);
  const { anchorAtMin, anchorAtMax, periodIndexMax } = billingCalendarLimits;
  if (!Number.isSafeInteger(anchorAt) || anchorAt < anchorAtMin || anchorAt > anchorAtMax) {
    throw new RangeError(`anchorAt must be an integer instant in 1970..9999, got ${anchorAt}`);
  }
  const wall = wallTimeAt(timeZone, anchorAt);
  const date = new Date(wall);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  return {
    anchorAt,
    timeZone,
    monthsPerPeriod: monthsPerPeriod[interval],
    indexMax: periodIndexMax[interval],
    monthNumber: year * 12 + month,
    day,
    timeOfDayMs: wall - Date.UTC(year, month, day),
  };
}

function checkIndex(calendar: Calendar, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index > calendar.indexMax) {
    throw new RangeError(`billing period index must be an integer in 0..${calendar.indexMax}`);
  }
}

function startOf(calendar: Calendar, index: number): number {
  if (index === 0) return calendar.anchorAt;
  const monthNumber = calendar.monthNumber + index * calendar.monthsPerPeriod;
  const year = Math.floor(monthNumber / 12);
  const month = monthNumber - year * 12;
  const day = Math.min(calendar.day, daysInMonth(year, month));
  return instantAtWallTime(calendar.timeZone, Date.UTC(year, month, day) + calendar.timeOfDayMs);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * The instant a wall time (written as if it were UTC) names in a zone. Every offset is less than
 * a day, so the offsets a day before and a day after are the only candidates; the earlier valid
 * one settles an overlap, and none being valid means a gap, crossed with the offset before it.
 */
function instantAtWallTime(timeZone: string, wall: number): number {
  const offsetBefore = wallTimeAt(timeZone, wall - dayMs) - (wall - dayMs);
  const offsetAfter = wallTimeAt(timeZone, wall + dayMs) - (wall + dayMs);
  const candidates = [wall - offsetBefore, wall - offsetAfter].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (wallTimeAt(timeZone, candidate) === wall) return candidate;
  }
  return wall - offsetBefore;
}

/**
 * The wall time of an instant in a zone, as epoch ms of the same fields in UTC. Intl gives whole
 * seconds and every offset since 1970 is whole seconds, so the milliseconds carry over.
 */
function wallTimeAt(timeZone: string, at: number): number {
  const fields = new Map<string, number>();
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type !== "literal") fields.set(part.type, Number(part.value));
  }
  const field = (type: string): number => {
    const value = fields.get(type);
    invariant(value !== undefined && Number.isInteger(value), `Intl gives the ${type} of ${at}`);
    return value;
  };
  // Some engines have written midnight as hour 24 of the same day even with h23.
  const hour = field("hour") % 24;
  const seconds = Date.UTC(field("year"), field("month") - 1, field("day"), hour, field("minute"));
  return seconds + field("second") * 1000 + (((at % 1000) + 1000) % 1000);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  const formatter = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  if (formatters.size >= billingCalendarLimits.timeZoneFormattersMax) {
    const oldest = formatters.keys().next();
    if (oldest.done !== true) formatters.delete(oldest.value);
  }
  formatters.set(timeZone, formatter);
  return formatter;
}
