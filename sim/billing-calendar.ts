/**
 * The billing reference's calendar, written from the billing concepts page and not from the
 * core: a period starts at the anchor's wall-clock time in its zone, a whole number of months (or
 * years) on, on the anchor's day or the month's last day. A wall-clock time a daylight-saving
 * change skips moves forward by the gap; one it repeats is the earlier instant. It reads the zone
 * only through `Intl`, and finds instants by trying every offset near the wall-clock time.
 */
const hourMs = 3_600_000;
const dayMs = 86_400_000;

export interface NaivePeriod {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

export interface NaiveAnchor {
  readonly anchorAt: number;
  readonly timeZone: string;
  readonly interval: "month" | "year";
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of `at` in the zone, as the UTC instant that reads the same. */
export function wallClockOf(timeZone: string, at: number): number {
  const parts = new Map<string, number>();
  for (const part of formatterOf(timeZone).formatToParts(new Date(at)))
    if (part.type !== "literal") parts.set(part.type, Number(part.value));
  const field = (name: string) => parts.get(name) ?? 0;
  const millis = ((at % 1000) + 1000) % 1000;
  return Date.UTC(
    field("year"),
    field("month") - 1,
    field("day"),
    field("hour"),
    field("minute"),
    field("second"),
    millis,
  );
}

/**
 * The instant a zone's clock reads `wall`: the earliest of those that read it, or, in a gap,
 * the wall-clock time read with the offset in force the day before (so it moves forward).
 */
export function instantOfWallClock(timeZone: string, wall: number): number {
  const offsets = new Set<number>();
  for (let step = -30; step <= 30; step += 1)
    offsets.add(wallClockOf(timeZone, wall + step * hourMs) - (wall + step * hourMs));
  const readings = [...offsets]
    .map((offset) => wall - offset)
    .filter((at) => wallClockOf(timeZone, at) === wall)
    .sort((a, b) => a - b);
  const first = readings[0];
  if (first !== undefined) return first;
  const before = wall - dayMs;
  return wall - (wallClockOf(timeZone, before) - before);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The start of period `index`: the anchor's wall-clock time that many months (or years) on. */
export function naivePeriodStart(anchor: NaiveAnchor, index: number): number {
  const wall = new Date(wallClockOf(anchor.timeZone, anchor.anchorAt));
  const months = wall.getUTCMonth() + index * (anchor.interval === "year" ? 12 : 1);
  const year = wall.getUTCFullYear() + Math.floor(months / 12);
  const month = ((months % 12) + 12) % 12;
  const day = Math.min(wall.getUTCDate(), daysInMonth(year, month));
  const timeOfDay =
    wall.getTime() - Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  return instantOfWallClock(anchor.timeZone, Date.UTC(year, month, day) + timeOfDay);
}

export function naivePeriod(anchor: NaiveAnchor, index: number): NaivePeriod {
  return {
    index,
    start: naivePeriodStart(anchor, index),
    end: naivePeriodStart(anchor, index + 1),
  };
}

/** The period that holds `at`, counted from the anchor one period at a time. */
export function naivePeriodAt(anchor: NaiveAnchor, at: number): NaivePeriod {
  let period = naivePeriod(anchor, 0);
  while (period.end <= at) period = naivePeriod(anchor, period.index + 1);
  return period;
}
