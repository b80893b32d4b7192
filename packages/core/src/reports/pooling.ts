/**
 * Pooling replayed: the span's consumption, hour by hour in time order, served from one shared
 * pool of `capacity` versus from one quota per member of capacity / members (floored to a
 * micro-credit; the remainder is given to no member and counts as stranded). Within an hour the
 * shared pool serves the hour's whole demand while it lasts; a silo serves its member's demand
 * while its quota lasts. Consumption with no member is one more silo.
 *
 * For each: served + blocked = usage, stranded = what was not served of the capacity. Pooled
 * serves min(usage, capacity), which no split into quotas can beat.
 */
import type { Micros } from "../amount.ts";

export interface HourUsage {
  readonly start: number;
  readonly member: string;
  readonly credits: Micros;
}

export interface SiloFigure {
  readonly member: string;
  readonly usage: Micros;
  readonly quota: Micros;
  readonly served: Micros;
  readonly blocked: Micros;
  readonly stranded: Micros;
  /** The start of the first hour the silo could not serve all of, or null. */
  readonly blockedAt: number | null;
}

export interface Pooling {
  readonly quotaPerMember: Micros;
  /** capacity − members × quota: given to no silo. */
  readonly remainder: Micros;
  readonly pooled: { served: Micros; blocked: Micros; stranded: Micros };
  readonly siloed: { served: Micros; blocked: Micros; stranded: Micros; membersBlocked: number };
  /** One per member that consumed, largest usage first (then member). */
  readonly perMember: readonly SiloFigure[];
  /** Cumulative served at each day's end, by day start. */
  readonly series: readonly { start: number; pooled: Micros; siloed: Micros }[];
}

const dayMs = 86_400_000;

/**
 * The days whose hours a replay needs, by day start, with the members concerned. A silo has
 * served min(its cumulative usage, quota) after any entry, and the shared pool min(cumulative
 * demand, capacity), whatever the entries' length; only the hour a silo is first blocked needs
 * hours, and it lies in the day its member's cumulative usage first passes the quota. `days` is
 * each member's usage by day (`start` within the day); a replay of those days with the hours of
 * the days answered here instead equals the replay of every hour.
 */
export function crossingDays(days: readonly HourUsage[], quota: Micros): Map<number, Set<string>> {
  const ordered = [...days].sort((a, b) => a.start - b.start);
  const used = new Map<string, Micros>();
  const crossings = new Map<number, Set<string>>();
  for (const { start, member, credits } of ordered) {
    const before = used.get(member) ?? 0n;
    used.set(member, before + credits);
    if (before > quota || before + credits <= quota) continue;
    const members = crossings.get(start) ?? new Set<string>();
    crossings.set(start, members.add(member));
  }
  return crossings;
}

/** `members` counts seats, at least those who consumed (one for consumption with no member). */
export function replayPooling(
  hours: readonly HourUsage[],
  capacity: Micros,
  members: number,
): Pooling {
  if (members < 1) throw new Error("pooling needs at least one member");
  const quota = capacity / BigInt(members);
  const ordered = [...hours].sort((a, b) =>
    a.start !== b.start ? a.start - b.start : a.member < b.member ? -1 : 1,
  );
  const silos = new Map<string, { usage: Micros; served: Micros; blockedAt: number | null }>();
  let poolLeft = capacity;
  let pooledServed = 0n;
  let siloedServed = 0n;
  const series: { start: number; pooled: Micros; siloed: Micros }[] = [];
  for (let index = 0; index < ordered.length; ) {
    const start = ordered[index]?.start ?? 0;
    const hour: HourUsage[] = [];
    while (ordered[index]?.start === start) {
      const usage = ordered[index];
      if (usage !== undefined) hour.push(usage);
      index += 1;
    }
    const demand = hour.reduce((sum, usage) => sum + usage.credits, 0n);
    const pooled = demand < poolLeft ? demand : poolLeft;
    poolLeft -= pooled;
    pooledServed += pooled;
    for (const usage of hour) {
      const silo = silos.get(usage.member) ?? { usage: 0n, served: 0n, blockedAt: null };
      silos.set(usage.member, silo);
      const left = quota - silo.served;
      const served = usage.credits < left ? usage.credits : left;
      silo.usage += usage.credits;
      silo.served += served;
      siloedServed += served;
      if (served < usage.credits && silo.blockedAt === null) silo.blockedAt = start;
    }
    const day = Math.floor(start / dayMs) * dayMs;
    const last = series.at(-1);
    if (last?.start === day)
      series[series.length - 1] = { ...last, pooled: pooledServed, siloed: siloedServed };
    else series.push({ start: day, pooled: pooledServed, siloed: siloedServed });
  }
  if (silos.size > members) throw new Error("pooling needs a member for every silo");
  const perMember = [...silos]
    .map(([member, silo]) => ({
      member,
      usage: silo.usage,
      quota,
      served: silo.served,
      blocked: silo.usage - silo.served,
      stranded: quota - silo.served,
      blockedAt: silo.blockedAt,
    }))
    .sort((a, b) =>
      a.usage !== b.usage ? (a.usage > b.usage ? -1 : 1) : a.member < b.member ? -1 : 1,
    );
  const usage = perMember.reduce((sum, silo) => sum + silo.usage, 0n);
  return {
    quotaPerMember: quota,
    remainder: capacity - quota * BigInt(members),
    pooled: {
      served: pooledServed,
      blocked: usage - pooledServed,
      stranded: capacity - pooledServed,
    },
    siloed: {
      served: siloedServed,
      blocked: usage - siloedServed,
      stranded: capacity - siloedServed,
      membersBlocked: perMember.filter((silo) => silo.blocked > 0n).length,
    },
    perMember,
    series,
  };
}
