/**
 * Usage buckets (`@creditpool/core` reports/buckets.ts): the journal's consumption by pool,
 * member, key, model, meter and tag, summed by hour, day and month as a projection with its own
 * checkpoint, paged like the ledger totals (`projection.ts`). A projection that starts at
 * sequence 0 sums an organization's whole journal, so organizations older than the buckets get
 * them too. The job of `creditpool serve` keeps every organization within a second; a reader
 * sums what is left first (bounded; its answer says how far the buckets reach).
 *
 * A span that does not start or end on an hour reads the parts of an hour from the journal, as
 * the ledger totals do: exact to the millisecond.
 */
import {
  type Dimension,
  limits,
  type Span,
  spanStart,
  sumUsage,
  tiles,
  type UsageBucket,
} from "@creditpool/core";
import { Refusal } from "../refusal.ts";
import { matchesFilter, sumAcrossPools, type UsageFilter } from "../store/usage-buckets.ts";
import type { ServiceContext } from "./context.ts";
import { Projector, pagesPerReadMax } from "./projection.ts";

export interface SpanBuckets {
  readonly buckets: readonly UsageBucket[];
  readonly complete: boolean;
}

export class UsageBuckets {
  private readonly projector: Projector<UsageBucket>;

  constructor(
    private readonly context: ServiceContext,
    /** The most stored buckets one report reads (`limits.reportBucketsReadMax`). */
    private readonly bucketsReadMax: number = limits.reportBucketsReadMax,
  ) {
    const { store } = context;
    this.projector = new Projector(context, {
      // About five thousand rows a page, most of them day and month rows the next page adds to.
      pagesPerStep: 10,
      checkpoint: (organizationId) => store.usageCheckpoint(organizationId),
      add: (organizationId, from, to, rows) =>
        store.addUsageBuckets(organizationId, from, to, rows),
      behind: (limit, after) => store.organizationsBehindUsage(limit, after),
      sum: (transfers, grantOf, rollUps) =>
        sumUsage(transfers, grantOf, rollUps ? ["hour", "day", "month"] : ["hour"]),
    });
  }

  catchUp(
    organizationId: string,
    pagesMax = pagesPerReadMax,
  ): Promise<{ summedTo: number; complete: boolean }> {
    return this.projector.catchUp(organizationId, pagesMax);
  }

  catchUpAll(onError?: (error: unknown, organizationId: string) => void): Promise<number> {
    return this.projector.catchUpAll(onError);
  }

  /**
   * The buckets of one dimension over [from, to), in tiles no coarser than `coarsest`, up to the
   * sequence `summedTo` that a `catchUp` just answered. With a `filter`, only its pools and
   * values, summed across pools by start, value and cost basis (pool id `""`).
   */
  async between(
    organizationId: string,
    dimension: Dimension,
    span: { from: number; to: number; coarsest: Span },
    summedTo: number,
    filter: UsageFilter | null = null,
  ): Promise<SpanBuckets> {
    const { store } = this.context;
    const buckets: UsageBucket[] = [];
    let complete = true;
    // Each read asks for one row more than is left, so a report past the bound stops there.
    const left = () => this.bucketsReadMax - buckets.length + 1;
    const bounded = (read: readonly UsageBucket[]) => {
      if (buckets.length + read.length > this.bucketsReadMax) {
        throw new Refusal(
          "report_too_large",
          `This report would read more than ${this.bucketsReadMax} stored buckets: ask for a narrower span, a coarser interval or a pool further down.`,
          "from",
        );
      }
      buckets.push(...read);
    };
    for (const tile of tiles(span.from, span.to, span.coarsest)) {
      if (tile.span !== null) {
        const { from, to } = tile;
        bounded(
          filter === null
            ? await store.readUsageBuckets(organizationId, tile.span, dimension, from, to, left())
            : await store.sumUsageBuckets(
                organizationId,
                tile.span,
                dimension,
                from,
                to,
                filter,
                left(),
              ),
        );
        continue;
      }
      // Every consuming transfer has a pool-only row: the hour's first sequence is there.
      const hour = spanStart("hour", tile.from);
      const stored = await store.readUsageBuckets(organizationId, "hour", "", hour, hour + 1);
      if (stored.length === 0) continue;
      const after = Math.min(...stored.map((bucket) => bucket.firstSequence)) - 1;
      const part = await this.projector.partOfHour(
        organizationId,
        tile,
        after,
        pagesPerReadMax,
        summedTo,
      );
      const rows = part.rows.filter((bucket) => bucket.dimension === dimension);
      bounded(filter === null ? rows : sumAcrossPools(rows.filter(matchesFilter(filter))));
      complete &&= part.complete;
    }
    return { buckets, complete };
  }
}
