/**
 * The paging that every projection of the journal shares (the ledger totals, the usage buckets):
 * follow the journal a page at a time past the projection's checkpoint, each page's rows and the
 * checkpoint written in one conditional step; go round the organizations behind; and sum part of
 * one hour straight from the journal for a reader whose span does not end on an hour.
 */
import type { GrantBasis, Tile, Transfer } from "@creditpool/core";
import type { Behind } from "../store/port.ts";
import type { ServiceContext } from "./context.ts";

/** Journal transfers summed in one step. */
export const transfersPerPage = 1_000;
/** Pages a reader sums before it answers with what the projection reaches. */
export const pagesPerReadMax = 50;
/** Grants a summer remembers between steps (a page names at most a thousand). */
const grantsKnownMax = 10_000;
/** Organizations one pass of the job visits. */
const organizationsPerPassMax = 100;

/** What a projection stores and how it sums a page; `Row` is one of its stored rows. */
export interface Projection<Row> {
  /**
   * Pages summed together into one step (one write), 1 when absent. The pages of a day or a
   * month add to the same day and month rows: a projection with many rows a page writes each of
   * them once a step, not once a page. One with few rows gains nothing and holds more in memory.
   */
  readonly pagesPerStep?: number;
  checkpoint(organizationId: string): Promise<number>;
  /** Adds rows and moves the checkpoint from `from` to `to`, or answers false if it moved. */
  add(organizationId: string, from: number, to: number, rows: readonly Row[]): Promise<boolean>;
  behind(limit: number, after: string): Promise<Behind[]>;
  /**
   * Transfers summed into hour rows, with the day and month rows they add to when `rollUps` (what
   * a step stores) or without (part of an hour a reader sums).
   */
  sum(
    transfers: readonly Transfer[],
    grantOf: (id: string) => GrantBasis | undefined,
    rollUps: boolean,
  ): Row[];
}

export class Projector<Row> {
  /** Where the job's next pass starts: it goes round every organization behind, in id order. */
  private cursor = "";

  constructor(
    private readonly context: ServiceContext,
    private readonly projection: Projection<Row>,
  ) {}

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
    const pagesPerStep = this.projection.pagesPerStep ?? 1;
    let summedTo = await this.projection.checkpoint(organizationId);
    for (let page = 0; page < pagesMax; ) {
      const transfers: Transfer[] = [];
      let end = false;
      for (let read = 0; read < pagesPerStep && page < pagesMax && !end; read += 1, page += 1) {
        const next = await store.listTransfers(organizationId, {
          afterSequence: transfers.at(-1)?.sequence ?? summedTo,
          limit: transfersPerPage,
        });
        transfers.push(...next);
        end = next.length < transfersPerPage;
      }
      const last = transfers.at(-1);
      if (last === undefined) return { summedTo, complete: true };
      if (grants.size > grantsKnownMax) grants.clear();
      await this.learnGrants(organizationId, transfers, grants);
      const rows = this.projection.sum(transfers, (id) => grants.get(id), true);
      const added = await this.projection.add(organizationId, summedTo, last.sequence, rows);
      // Another node summed these pages first: go on from where it got.
      summedTo = added ? last.sequence : await this.projection.checkpoint(organizationId);
      if (end && added) return { summedTo, complete: true };
    }
    return { summedTo, complete: false };
  }

  /**
   * One pass of the job: the next organizations behind (at most a hundred, after the last pass's)
   * are summed to their end; answers how many.
   */
  async catchUpAll(onError?: (error: unknown, organizationId: string) => void): Promise<number> {
    const behind = await this.projection.behind(organizationsPerPassMax, this.cursor);
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
   * The transfers of part of one hour, summed, at most `pagesMax` pages of them (not complete
   * past that), from `after` (before the hour's first sequence) to `summedTo`.
   */
  async partOfHour(
    organizationId: string,
    tile: Tile,
    after: number,
    pagesMax: number,
    summedTo: number,
  ): Promise<{ rows: Row[]; complete: boolean }> {
    const { store } = this.context;
    const grants = new Map<string, GrantBasis>();
    const rows: Row[] = [];
    let cursor = after;
    for (let page = 0; page < pagesMax; page += 1) {
      const transfers = await store.listTransfers(organizationId, {
        afterSequence: cursor,
        limit: transfersPerPage,
      });
      // Time never runs backwards in a journal: the first transfer at or after `to` ends it.
      const within = transfers.filter(
        (t) => t.at >= tile.from && t.at < tile.to && t.sequence <= summedTo,
      );
      await this.learnGrants(organizationId, within, grants);
      rows.push(...this.projection.sum(within, (id) => grants.get(id), false));
      const last = transfers.at(-1);
      if (
        last === undefined ||
        last.at >= tile.to ||
        last.sequence >= summedTo ||
        transfers.length < transfersPerPage
      )
        return { rows, complete: true };
      cursor = last.sequence;
    }
    return { rows, complete: false };
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
