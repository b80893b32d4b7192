/**
 * Limit periods in UTC calendar time: days, weeks from Monday, months. Each is [start, end).
 * Pure arithmetic on epoch milliseconds; no clock is read here.
 */
export type Period = "day" | "week" | "month";

export const periods: readonly Period[] = ["day", "week", "month"];

const dayMs = 86_400_000;
/** 1970-01-01 was a Thursday; Monday 1969-12-29 is three days earlier. */
const mondayOffsetDays = 3;

export function periodStart(timeMs: number, period: Period): number {
  const day = Math.floor(timeMs / dayMs);
  if (period === "day") return day * dayMs;
  if (period === "week") {
    const weekday = (((day + mondayOffsetDays) % 7) + 7) % 7;
    return (day - weekday) * dayMs;
  }
  const date = new Date(timeMs);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

export function periodEnd(timeMs: number, period: Period): number {
  const start = periodStart(timeMs, period);
  if (period === "day") return start + dayMs;
  if (period === "week") return start + 7 * dayMs;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}
