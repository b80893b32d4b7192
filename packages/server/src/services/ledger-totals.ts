/**
 * Ledger totals: the journal summed by hour, day and month (`@creditpool/core` totals.ts), so
 * revenue, consumption and overage over any span read a few rows, never the whole journal.
 *
 * Summing follows the journal a page at a time (`projection.ts`), each page's totals and the
 * checkpoint written in one conditional step; the job of `creditpool serve` keeps every
 * organization within a second of its journal, and a reader first sums what is left (at most
 * `pagesPerReadMax` pages, so one request never does unbounded work; its answer says how far the
 * totals reach).
 *
 * A span that does not start or end on an hour reads the stored totals for its whole months,
 * days and hours and the journal for the parts of an hour at each end: exact to the millisecond.
 * A reader reads at most `pagesPerReadMax` pages of those parts too, and says when it stopped.
 */
import { spanStart, sumTransfers, type Total, tiles, withRollUps } from "@creditpool/core";
import type { ServiceContext } from "./context.ts";
import { Projector, pagesPerReadMax } from "./projection.ts";

/** Totals over a span, and the journal sequence they reach. */
export interface SpanTotals {
  readonly totals: readonly Total[];
  /** The last sequence summed: transfers after it are not in `totals`. */
  readonly summedTo: number;
  /** Whether every transfer written so far is summed. */
  readonly complete: boolean;
}

export class LedgerTotals {
  private readonly projector: Projector<Total>;

  constructor(private readonly context: ServiceContext) {
    const { store } = context;
    this.projector = new Projector(context, {
      checkpoint: (organizationId) => store.totalsCheckpoint(organizationId),
      add: (organizationId, from, to, rows) => store.addTotals(organizationId, from, to, rows),
      behind: (limit, after) => store.organizationsBehind(limit, after),
      sum: (transfers, grantOf, rollUps) => {
        const hours = sumTransfers(transfers, grantOf);
        return rollUps ? withRollUps(hours) : hours;
      },
    });
  }

  /**
   * Sums the organization's journal past its checkpoint, at most `pagesMax` pages; answers the
   * last sequence summed and whether that is the journal's end.
   */
  catchUp(
    organizationId: string,
    pagesMax = pagesPerReadMax,
  ): Promise<{ summedTo: number; complete: boolean }> {
    return this.projector.catchUp(organizationId, pagesMax);
  }

  /**
   * One pass of the job: the next organizations behind (at most a hundred, after the last pass's)
   * are summed to their end; answers how many.
   */
  catchUpAll(onError?: (error: unknown, organizationId: string) => void): Promise<number> {
    return this.projector.catchUpAll(onError);
  }

  /**
   * The organization's totals of [from, to): whole months, days and hours from the stored totals,
   * what is left of an hour at each end from the journal, up to the same sequence the totals
   * reach. First sums the journal, at most `pagesMax` pages (a job that must see everything
   * passes infinity), unless `catchUp` is false (a reader that summed it already).
   */
  async between(
    organizationId: string,
    from: number,
    to: number,
    pagesMax = pagesPerReadMax,
    catchUp = true,
  ): Promise<SpanTotals> {
    const { store } = this.context;
    const reached = catchUp
      ? await this.catchUp(organizationId, pagesMax)
      : { summedTo: await store.totalsCheckpoint(organizationId), complete: true };
    const totals: Total[] = [];
    let complete = reached.complete;
    for (const tile of tiles(from, to)) {
      if (tile.span === null) {
        // The hour's first sequence is where to start reading the journal.
        const hour = spanStart("hour", tile.from);
        const stored = await store.readTotals(organizationId, "hour", hour, hour + 1);
        if (stored.length === 0) continue;
        const after = Math.min(...stored.map((total) => total.firstSequence)) - 1;
        const part = await this.projector.partOfHour(
          organizationId,
          tile,
          after,
          pagesMax,
          reached.summedTo,
        );
        totals.push(...part.rows);
        complete &&= part.complete;
      } else
        totals.push(...(await store.readTotals(organizationId, tile.span, tile.from, tile.to)));
    }
    return { totals, summedTo: reached.summedTo, complete };
  }
}
