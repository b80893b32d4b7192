/**
 * Burn rate and forecast. The burn per day is the window's consumption over its days (rounded
 * half up to a micro-credit). The projection is a straight line from today's available at that
 * burn, stopping at 0; a grant that expires within the horizon takes away, at its expiry, what is
 * left of it, where the burn draws the soonest-expiring grants first (burn order among grants of
 * equal priority). History goes back from today's available: a day's end balance is the next
 * day's plus what was consumed from grants that day, minus what was granted, plus what expired.
 */
import type { Micros } from "../amount.ts";

const dayMs = 86_400_000;

export interface ForecastDay {
  /** The day's start (UTC midnight). */
  readonly start: number;
  /** All its consumption, covered or not. */
  readonly consumed: Micros;
  /** Change of the grants' credits that day other than consumption: issued minus lost. */
  readonly grantsNet: Micros;
  /** Consumption grants covered (including debt they paid). */
  readonly drawn: Micros;
}

export interface Expiring {
  readonly at: number;
  readonly credits: Micros;
}

export interface Forecast {
  readonly consumedInWindow: Micros;
  readonly burnPerDay: Micros;
  /** Tenths of a day until depletion; null when the burn is 0. */
  readonly daysLeftTenths: bigint | null;
  readonly depletesAt: number | null;
  readonly history: readonly { start: number; consumed: Micros; balance: Micros }[];
  readonly projection: readonly { start: number; balance: Micros }[];
}

export function burnPerDay(consumed: Micros, windowDays: number): Micros {
  const days = BigInt(windowDays);
  return (consumed * 2n + days) / (days * 2n);
}

/**
 * `days` oldest first, the last being today up to `now`; `expiring` the grants whose expiry falls
 * within `horizonDays` of now, with what is left of them.
 */
export function forecast(input: {
  readonly now: number;
  readonly available: Micros;
  readonly windowDays: number;
  readonly days: readonly ForecastDay[];
  readonly expiring: readonly Expiring[];
  readonly horizonDays: number;
}): Forecast {
  const { now, available, windowDays, days, expiring, horizonDays } = input;
  const consumedInWindow = days.reduce((sum, day) => sum + day.consumed, 0n);
  const burn = burnPerDay(consumedInWindow, windowDays);
  const history: { start: number; consumed: Micros; balance: Micros }[] = [];
  let balance = available;
  for (let index = days.length - 1; index >= 0; index -= 1) {
    const day = days[index];
    if (day === undefined) break;
    history.unshift({ start: day.start, consumed: day.consumed, balance });
    balance = balance + day.drawn - day.grantsNet;
    if (balance < 0n) balance = 0n;
  }
  const line = project(now, available, burn, expiring, horizonDays);
  const daysLeftTenths =
    line.depletesAt === null ? null : (BigInt(line.depletesAt - now) * 10n) / BigInt(dayMs);
  return {
    consumedInWindow,
    burnPerDay: burn,
    daysLeftTenths: burn === 0n ? null : daysLeftTenths,
    depletesAt: burn === 0n && line.depletesAt === null ? null : line.depletesAt,
    history,
    projection: line.points,
  };
}

/** What a burn of `burn` a day consumes over `ms` milliseconds, floored to a micro-credit. */
function burnOver(burn: Micros, ms: number): Micros {
  return (burn * BigInt(ms)) / BigInt(dayMs);
}

/**
 * The straight line: balance at each day's end from today for `horizonDays`, stopping at the
 * first 0; and when it reaches 0 (within the horizon, else by the line past it), or null.
 */
export function project(
  now: number,
  available: Micros,
  burn: Micros,
  expiring: readonly Expiring[],
  horizonDays: number,
): { points: { start: number; balance: Micros }[]; depletesAt: number | null } {
  const dayStart = Math.floor(now / dayMs) * dayMs;
  const grants = [...expiring]
    .filter((grant) => grant.at > now)
    .sort((a, b) => a.at - b.at)
    .map((grant) => ({ at: grant.at, left: grant.credits }));
  const points: { start: number; balance: Micros }[] = [];
  let balance = available;
  let at = now;
  let depletesAt: number | null = balance <= 0n ? now : null;
  for (let day = 0; day <= horizonDays && depletesAt === null; day += 1) {
    const end = dayStart + (day + 1) * dayMs;
    const stops = [...grants.filter((g) => g.at <= end).map((g) => g.at), end];
    for (const stop of stops) {
      if (depletesAt !== null || stop < at) continue;
      const spent = burnOver(burn, stop - at);
      if (spent >= balance) {
        depletesAt = at + Number((balance * BigInt(dayMs)) / (burn === 0n ? 1n : burn));
        balance = 0n;
        break;
      }
      balance -= spent;
      let draw = spent;
      for (const grant of grants) {
        const taken = grant.left < draw ? grant.left : draw;
        grant.left -= taken;
        draw -= taken;
      }
      at = stop;
      const expired = grants.filter((grant) => grant.at === stop);
      for (const grant of expired) {
        balance -= grant.left < balance ? grant.left : balance;
        grants.splice(grants.indexOf(grant), 1);
      }
      if (balance === 0n) depletesAt = stop;
    }
    points.push({ start: end - dayMs, balance });
  }
  if (depletesAt === null && burn > 0n) depletesAt = at + Number((balance * BigInt(dayMs)) / burn);
  return { points, depletesAt };
}
