/**
 * A report's periods: UTC hours, and the limit periods of `../period.ts` (days, weeks from
 * Monday, calendar months), each [start, end), the first and last cut to the report's [from, to).
 */
import { periodEnd, periodStart } from "../period.ts";
import type { Span } from "../totals.ts";

export type Interval = "hour" | "day" | "week" | "month";

const hourMs = 3_600_000;

/** The start of the interval holding `at`. */
export function intervalStart(interval: Interval, at: number): number {
  if (interval === "hour") return Math.floor(at / hourMs) * hourMs;
  return periodStart(at, interval);
}

/** The start of the interval after the one holding `at`. */
export function intervalEnd(interval: Interval, at: number): number {
  if (interval === "hour") return intervalStart("hour", at) + hourMs;
  return periodEnd(at, interval);
}

/** The coarsest stored span whose buckets never straddle two intervals. */
export function spanFor(interval: Interval): Span {
  return interval === "week" ? "day" : interval;
}

/**
 * How many intervals [from, to) touches, counting at most `countMax + 1` (enough to refuse a
 * span that is too long without walking it all).
 */
export function intervalCount(interval: Interval, from: number, to: number, countMax: number) {
  let count = 0;
  for (let at = from; at < to && count <= countMax; at = intervalEnd(interval, at)) count += 1;
  return count;
}

/** The intervals [from, to) touches, each cut to [from, to). */
export function intervalsOf(
  interval: Interval,
  from: number,
  to: number,
): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let at = from; at < to; at = intervalEnd(interval, at))
    found.push({ start: at, end: Math.min(to, intervalEnd(interval, at)) });
  return found;
}
