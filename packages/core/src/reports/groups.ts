/**
 * Folding usage buckets into a report: by group over the whole span (the biggest kept, the rest
 * as `(other)`), and by period and group. Groups rank by credits, largest first, then by id.
 */
import type { UsageBucket } from "./buckets.ts";
import { addConsumption, type Consumption, consumptionOfBucket } from "./consumption.ts";
import { type Interval, intervalEnd, intervalStart } from "./periods.ts";

export const otherGroup = "(other)";

export interface GroupFigure {
  readonly group: string;
  readonly consumption: Consumption;
}

export interface PeriodFigure extends GroupFigure {
  readonly start: number;
  readonly end: number;
}

function byRank(a: GroupFigure, b: GroupFigure): number {
  if (a.consumption.credits !== b.consumption.credits)
    return a.consumption.credits > b.consumption.credits ? -1 : 1;
  return a.group < b.group ? -1 : a.group > b.group ? 1 : 0;
}

/** Buckets summed by group (`groupOf` null: left out), ranked. Groups summing to 0 are dropped. */
export function sumByGroup(
  buckets: readonly UsageBucket[],
  groupOf: (bucket: UsageBucket) => string | null,
): GroupFigure[] {
  const sums = new Map<string, Consumption>();
  for (const bucket of buckets) {
    const group = groupOf(bucket);
    if (group === null) continue;
    const before = sums.get(group);
    const figure = consumptionOfBucket(bucket);
    sums.set(group, before === undefined ? figure : addConsumption(before, figure));
  }
  return [...sums]
    .map(([group, consumption]) => ({ group, consumption }))
    .filter((figure) => figure.consumption.credits !== 0n)
    .sort(byRank);
}

/** The `limit` biggest groups, and the rest summed as `(other)` (when there is any), ranked. */
export function keepBiggest(ranked: readonly GroupFigure[], limit: number): GroupFigure[] {
  if (ranked.length <= limit) return [...ranked];
  const kept = ranked.slice(0, limit);
  const other = ranked
    .slice(limit)
    .reduce((sum, figure) => addConsumption(sum, figure.consumption), {
      credits: 0n,
      money: 0n,
      uncovered: 0n,
    } satisfies Consumption);
  return [...kept, { group: otherGroup, consumption: other }].sort(byRank);
}

export interface UsageFold {
  readonly total: Consumption;
  readonly groups: readonly GroupFigure[];
  readonly rows: readonly PeriodFigure[];
}

/**
 * Buckets of [from, to) folded into periods of `interval` and groups: the `limit` biggest groups
 * over the span, the rest in `(other)`; one row per period and group with credits, ordered by
 * start, then the group's rank. A bucket must not straddle two periods (`spanFor`).
 */
export function foldUsage(
  buckets: readonly UsageBucket[],
  options: {
    readonly interval: Interval;
    readonly from: number;
    readonly to: number;
    readonly limit: number;
    readonly groupOf: (bucket: UsageBucket) => string | null;
  },
): UsageFold {
  const { interval, from, to, limit, groupOf } = options;
  const groups = keepBiggest(sumByGroup(buckets, groupOf), limit);
  const kept = new Set(groups.map((figure) => figure.group));
  const rank = new Map(groups.map((figure, index) => [figure.group, index]));
  const shownGroup = (bucket: UsageBucket) => {
    const group = groupOf(bucket);
    if (group === null) return null;
    return kept.has(group) ? group : otherGroup;
  };
  const cells = new Map<string, PeriodFigure>();
  for (const bucket of buckets) {
    const group = shownGroup(bucket);
    if (group === null) continue;
    const start = Math.max(from, intervalStart(interval, bucket.start));
    const key = `${start}|${group}`;
    const before = cells.get(key);
    const figure = consumptionOfBucket(bucket);
    cells.set(key, {
      start,
      end: Math.min(to, intervalEnd(interval, start)),
      group,
      consumption: before === undefined ? figure : addConsumption(before.consumption, figure),
    });
  }
  const rows = [...cells.values()]
    .filter((row) => row.consumption.credits !== 0n)
    .sort((a, b) =>
      a.start !== b.start ? a.start - b.start : (rank.get(a.group) ?? 0) - (rank.get(b.group) ?? 0),
    );
  const total = groups.reduce((sum, figure) => addConsumption(sum, figure.consumption), {
    credits: 0n,
    money: 0n,
    uncovered: 0n,
  } satisfies Consumption);
  return { total, groups, rows };
}
