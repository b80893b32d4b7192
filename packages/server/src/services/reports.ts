/**
 * Usage reports read from the usage buckets (`usage-buckets.ts`): consumption over a span by
 * period and group, the top consumers, and chargeback by department. Each reads a few rows of
 * one dimension whatever the journal's length, keeps to the pool's subtree within the key's
 * reach, and resolves names in one read.
 */
import {
  type Consumption,
  departmentOf,
  foldUsage,
  type GroupFigure,
  type Interval,
  noConsumption,
  type PeriodFigure,
  sumByGroup,
  type UsageBucket,
  untaggedOfOneRead,
} from "@creditpool/core";
import type { Principal } from "../access/principal.ts";
import type { NamedKind } from "../store/usage-buckets.ts";
import type { ServiceContext } from "./context.ts";
import {
  namesOf,
  type Reach,
  type ReportScope,
  readBuckets,
  readSums,
  reportScope,
  requireSpan,
} from "./report-scope.ts";
import type { UsageBuckets } from "./usage-buckets.ts";

export type GroupBy = "pool" | "member" | "key" | "model" | "meter" | "tag";
export type ConsumerKind = "member" | "key" | "pool" | "model";

export interface ReportHeader extends Reach {
  readonly from: number;
  readonly to: number;
  readonly poolId: string;
  readonly currency: string | null;
  readonly total: Consumption;
}

export interface NamedFigure extends GroupFigure {
  readonly name: string | null;
}

export interface UsageReport extends ReportHeader {
  readonly interval: Interval;
  readonly groupBy: GroupBy;
  readonly tag: string | null;
  readonly groups: readonly NamedFigure[];
  readonly rows: readonly PeriodFigure[];
}

export interface TopConsumers extends ReportHeader {
  readonly by: ConsumerKind;
  readonly consumers: readonly NamedFigure[];
}

export interface Chargeback extends ReportHeader {
  /** One per child of the pool with its subtree, and the pool itself when it consumed. */
  readonly departments: readonly NamedFigure[];
}

const namedKinds: Record<GroupBy, NamedKind | null> = {
  pool: "pool",
  member: "member",
  key: "key",
  model: null,
  meter: null,
  tag: null,
};

/** The name `(direct)` marks what a pool consumed itself, beside its departments. */
export const directName = "(direct)";

export class ReportService {
  constructor(
    private readonly context: ServiceContext,
    private readonly buckets: UsageBuckets,
  ) {}

  async usage(
    principal: Principal,
    query: {
      from: number;
      to: number;
      interval: Interval;
      groupBy: GroupBy;
      tag: string | null;
      pool: string | null;
      limit: number;
    },
  ): Promise<UsageReport> {
    requireSpan(query, query.interval);
    const scope = await reportScope(this.context, principal, query.pool);
    const { rows, reach } = await this.rowsOf(scope, query.groupBy, query.tag, query);
    const groupOf = groupOfFor(scope, query.groupBy);
    const fold = foldUsage(rows, { ...query, groupOf });
    const names = await this.names(scope, query.groupBy, fold.groups);
    return {
      ...reach,
      from: query.from,
      to: query.to,
      poolId: scope.poolId,
      currency: scope.currency,
      total: fold.total,
      interval: query.interval,
      groupBy: query.groupBy,
      tag: query.tag,
      groups: fold.groups.map((figure) => named(figure, names)),
      rows: fold.rows,
    };
  }

  async topConsumers(
    principal: Principal,
    query: { from: number; to: number; by: ConsumerKind; pool: string | null; limit: number },
  ): Promise<TopConsumers> {
    requireSpan(query);
    const scope = await reportScope(this.context, principal, query.pool);
    const span = { ...query, interval: "month" } as const;
    const { rows, reach } =
      query.by === "pool"
        ? await readBuckets(this.buckets, scope, "", span)
        : await readSums(this.buckets, scope, query.by, span);
    const ranked = sumByGroup(rows, (row) => (query.by === "pool" ? row.poolId : row.value));
    const total = totalOf(ranked);
    const kept = ranked.slice(0, query.limit);
    const names = await this.names(scope, query.by, kept);
    return {
      ...reach,
      from: query.from,
      to: query.to,
      poolId: scope.poolId,
      currency: scope.currency,
      total,
      by: query.by,
      consumers: kept.map((figure) => named(figure, names)),
    };
  }

  async chargeback(
    principal: Principal,
    query: { from: number; to: number; pool: string | null },
  ): Promise<Chargeback> {
    requireSpan(query);
    const scope = await reportScope(this.context, principal, query.pool);
    const { rows, reach } = await readBuckets(this.buckets, scope, "", {
      ...query,
      interval: "month",
    });
    const departments = sumByGroup(rows, groupOfFor(scope, "pool"));
    const names = await this.names(scope, "pool", departments);
    return {
      ...reach,
      from: query.from,
      to: query.to,
      poolId: scope.poolId,
      currency: scope.currency,
      total: totalOf(departments),
      departments: departments.map((figure) =>
        figure.group === scope.poolId ? { ...figure, name: directName } : named(figure, names),
      ),
    };
  }

  private async rowsOf(
    scope: ReportScope,
    groupBy: GroupBy,
    tag: string | null,
    span: { from: number; to: number; interval: Interval },
  ): Promise<{ rows: UsageBucket[]; reach: Reach }> {
    if (groupBy === "pool") return readBuckets(this.buckets, scope, "", span);
    // Grouped by value alone: summed across the subtree's pools in the store.
    if (groupBy !== "tag") return readSums(this.buckets, scope, groupBy, span);
    const dimension = `tag:${tag ?? ""}` as const;
    // The untagged part is the pool-only rows less the tag's: both reads must show the journal
    // at one point. One catch-up; the reads count only when the checkpoint did not move between
    // them and no `(none)` comes out negative. Else once more, then an incomplete answer.
    for (let attempt = 0; attempt < 2; attempt++) {
      const reach = await this.buckets.catchUp(scope.organizationId);
      const checkpoint = await this.context.store.usageCheckpoint(scope.organizationId);
      const tagged = await readSums(this.buckets, scope, dimension, span, { reach });
      const pools = await readSums(this.buckets, scope, "", span, { reach });
      const moved = (await this.context.store.usageCheckpoint(scope.organizationId)) !== checkpoint;
      const rows = moved ? null : untaggedOfOneRead(dimension, pools.rows, tagged.rows);
      if (rows !== null)
        return {
          rows,
          reach: {
            summedTo: reach.summedTo,
            complete: pools.reach.complete && tagged.reach.complete,
          },
        };
    }
    // No consistent pair: the tag's values of one read, without an untagged part, marked
    // incomplete so the caller asks again.
    const reach = await this.buckets.catchUp(scope.organizationId);
    const tagged = await readSums(this.buckets, scope, dimension, span, { reach });
    return { rows: tagged.rows, reach: { summedTo: reach.summedTo, complete: false } };
  }

  private names(scope: ReportScope, kind: GroupBy, figures: readonly GroupFigure[]) {
    return namesOf(
      this.context,
      scope,
      namedKinds[kind],
      figures.map((figure) => figure.group),
    );
  }
}

function groupOfFor(scope: ReportScope, groupBy: GroupBy): (row: UsageBucket) => string | null {
  if (groupBy !== "pool") return (row) => row.value;
  return (row) => departmentOf(scope.parents, scope.poolId, row.poolId);
}

function named(figure: GroupFigure, names: Map<string, string>): NamedFigure {
  return { ...figure, name: names.get(figure.group) ?? null };
}

function totalOf(figures: readonly GroupFigure[]): Consumption {
  return figures.reduce(
    (sum, figure) => ({
      credits: sum.credits + figure.consumption.credits,
      money: sum.money + figure.consumption.money,
      uncovered: sum.uncovered + figure.consumption.uncovered,
    }),
    noConsumption,
  );
}
