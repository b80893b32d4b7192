/**
 * Ledger totals: the journal summed by hour, day and month (`@creditpool/core` totals.ts), so
 * revenue, consumption and overage over any span read a few rows, never the whole journal.
 *
 * Summing follows the journal a page at a time, each page's totals and the checkpoint written in
 * one conditional step; the job of `creditpool serve` keeps every organization within a second
 * of its journal, and a reader first sums what is left (at most `pagesPerReadMax` pages, so one
 * request never does unbounded work; its answer says how far the totals reach).
 *
 * A span that does not start or end on an hour reads the stored totals for its whole months,
 * days and hours and the journal for the parts of an hour at each end: exact to the millisecond.
 * A reader reads at most `pagesPerReadMax` pages of those parts too, and says when it stopped.
 */
import {
  type GrantBasis,
  spanStart,
  sumTransfers,
  type Tile,
  type Total,
  tiles,
  withRollUps,
} from "@creditpool/core";
import type { ServiceContext } from "./context.ts";

/** Journal transfers summed in one step. */
const transfersPerPage = 1_000;
/** Pages a reader sums before it answers with what the totals reach. */
const pagesPerReadMax = 50;
/** Grants a summer remembers between pages (each page names at most a thousand). */
const grantsKnownMax = 10_000;
/** Organizations one pass of the job visits. */
const organizationsPerPassMax = 100;

/** Totals over a span, and the journal sequence they reach. */
export interface SpanTotals {
  readonly totals: readonly Total[];
  /** The last sequence summed: transfers after it are not in `totals`. */
  readonly summedTo: number;
  /** Whether every transfer written so far is summed. */
  readonly complete: boolean;
}

export class LedgerTotals {
  constructor(private readonly context: ServiceContext) {}

  /**
   * Sums the organization's journal past its checkpoint, at most `pagesMax` pages; answers the
   * last sequence summed and whether that is the journal's end.
   */
  async catchUp(
    organizationId: string,
    pagesMax = pagesPerReadMax,
  ): Promise<{ summedTo: number; complete: boolean }> {
    const { store } = this.context;
    const grants = new Map<string, GrantBasis>();
    let summedTo = await store.totalsCheckpoint(organizationId);
    for (let page = 0; page < pagesMax; page += 1) {
      const transfers = await store.listTransfers(organizationId, {
        afterSequence: summedTo,
        limit: transfersPerPage,
      });
      const last = transfers.at(-1);
      if (last === undefined) return { summedTo, complete: true };
      if (grants.size > grantsKnownMax) grants.clear();
      await this.learnGrants(organizationId, transfers, grants);
      const totals = withRollUps(sumTransfers(transfers, (id) => grants.get(id)));
      const added = await store.addTotals(organizationId, summedTo, last.sequence, totals);
      // Another node summed this page first: go on from where it got.
      summedTo = added ? last.sequence : await store.totalsCheckpoint(organizationId);
      if (transfers.length < transfersPerPage && added) return { summedTo, complete: true };
    }
    return { summedTo, complete: false };
  }

  /** Where the job's next pass starts: it goes round every organization behind, in id order. */
  private cursor = "";

  /**
   * One pass of the job: the next organizations behind (at most a hundred, after the last pass's)
   * are summed to their end; answers how many.
   */
  async catchUpAll(onError?: (error: unknown, organizationId: string) => void): Promise<number> {
    const behind = await this.context.store.organizationsBehind(
      organizationsPerPassMax,
      this.cursor,
    );
    this.cursor =
      behind.length < organizationsPerPassMax ? "" : (behind.at(-1)?.organizationId ?? "");
    for (const { organizationId } of behind) {
      try {
        await this.catchUp(organizationId, Number.POSITIVE_INFINITY);
      } catch (error) {
        onError?.(error, organizationId);
      }
    }
    return behind.length;
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
    const reached = catchUp
      ? await this.catchUp(organizationId, pagesMax)
      : { summedTo: await this.context.store.totalsCheckpoint(organizationId), complete: true };
    const totals: Total[] = [];
    let complete = reached.complete;
    for (const tile of tiles(from, to)) {
      if (tile.span === null) {
        const part = await this.partOfHour(organizationId, tile, pagesMax, reached.summedTo);
        totals.push(...part.totals);
        complete &&= part.complete;
      } else
        totals.push(
          ...(await this.context.store.readTotals(organizationId, tile.span, tile.from, tile.to)),
        );
    }
    return { totals, summedTo: reached.summedTo, complete };
  }

  /**
   * The transfers of part of one hour, summed, at most `pagesMax` pages of them (not complete
   * past that): the hour's first sequence is where to start.
   */
  private async partOfHour(
    organizationId: string,
    tile: Tile,
    pagesMax: number,
    summedTo: number,
  ): Promise<{ totals: Total[]; complete: boolean }> {
    const { store } = this.context;
    const hour = spanStart("hour", tile.from);
    const stored = await store.readTotals(organizationId, "hour", hour, hour + 1);
    if (stored.length === 0) return { totals: [], complete: true };
    let after = Math.min(...stored.map((total) => total.firstSequence)) - 1;
    const grants = new Map<string, GrantBasis>();
    const totals: Total[] = [];
    for (let page = 0; page < pagesMax; page += 1) {
      const transfers = await store.listTransfers(organizationId, {
        afterSequence: after,
        limit: transfersPerPage,
      });
      // Time never runs backwards in a journal: the first transfer at or after `to` ends it.
      const within = transfers.filter(
        (t) => t.at >= tile.from && t.at < tile.to && t.sequence <= summedTo,
      );
      await this.learnGrants(organizationId, within, grants);
      totals.push(...sumTransfers(within, (id) => grants.get(id)));
      const last = transfers.at(-1);
      if (
        last === undefined ||
        last.at >= tile.to ||
        last.sequence >= summedTo ||
        transfers.length < transfersPerPage
      )
        return { totals, complete: true };
      after = last.sequence;
    }
    return { totals, complete: false };
  }

  private async learnGrants(
    organizationId: string,
    transfers: readonly { grantId: string | null }[],
    grants: Map<string, GrantBasis>,
  ): Promise<void> {
    for (const { grantId } of transfers) {
      if (grantId === null || grants.has(grantId)) continue;
      const grant = await this.context.store.readGrant(organizationId, grantId);
      if (grant === null) throw new Error(`grant ${grantId} of the journal is not stored`);
      grants.set(grantId, {
        poolId: grant.poolId,
        costBasis: grant.costBasis,
        rollover: grant.source === "rollover",
      });
    }
  }
}
