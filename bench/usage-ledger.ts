/** The engine side of the usage benchmark: one organization, priced events, ledger checks. */

import { formatDecimal, poolBalances } from "@creditpool/core";
import type { BatchStats, Engine } from "../packages/server/src/engine/engine.ts";
import { fingerprintOf } from "../packages/server/src/engine/requests.ts";
import { RateCards } from "../packages/server/src/services/rate-cards.ts";
import type { Store } from "../packages/server/src/store/port.ts";
import { verifyDatabase } from "../packages/server/src/verify/verify-database.ts";
import { grantMicros, openFundedOrganization } from "./funded-organization.ts";
import { percentiles } from "./latency.ts";
import { emptyPhases, phaseNames, type TimedStore } from "./timed-store.ts";
import {
  benchRateCard,
  eventAt,
  timedLoop,
  type UsageEvent,
  type UsageRow,
  usageOf,
} from "./usage-events.ts";

/**
 * One organization and its root pool on one database, with a big grant and its own rate card,
 * kept for every run on it as a long-lived organization is; one engine serves every run.
 */
export class UsageLedger {
  /** Sum of the priced amounts of events answered `ok` (not replayed), over every run. */
  private expectedConsumed = 0n;
  private recorded = 0;
  private batchStats: BatchStats[] | null = null;

  private constructor(
    private readonly store: Store,
    private readonly timed: TimedStore,
    private readonly engine: Engine,
    private readonly rateCards: RateCards,
    readonly organizationId: string,
    readonly poolId: string,
    readonly grantId: string,
    readonly rateCardId: string,
  ) {}

  static async open(store: Store): Promise<UsageLedger> {
    let ledger: UsageLedger | null = null;
    const funded = await openFundedOrganization(store, "usage bench", (stats) =>
      ledger?.batchStats?.push(stats),
    );
    const { timed, engine, organizationId: org, poolId, grantId } = funded;
    const now = Date.now();
    const card = benchRateCard(`rc_usage_bench_${org}`, now - 1_000);
    await store.insertRateCard(org, card, now);
    const rateCards = new RateCards(store, Date.now);
    ledger = new UsageLedger(store, timed, engine, rateCards, org, poolId, grantId, card.id);
    return ledger;
  }

  /** One timed run of batches of `batchSize`, then the books and the verifier. */
  async run(
    prefix: string,
    batchSize: number,
    warmupMs: number,
    measureMs: number,
  ): Promise<Omit<UsageRow, "database">> {
    const { engine, rateCards, organizationId: org, poolId } = this;
    const stats: BatchStats[] = [];
    let prepareMs = 0;
    let counting = false;
    let prepareAtEnd = 0;
    let phasesAtEnd = emptyPhases();
    let statsAtEnd = 0;
    let problems = 0;
    const post = async (event: UsageEvent, now: number, prepared: () => void) => {
      const priced = await rateCards.price(org, usageOf(event), now, "usage");
      const fingerprint = fingerprintOf({
        id: event.id,
        pool: poolId,
        quantities: event.quantities,
        dimensions: event.dimensions,
        amount: undefined,
        time: undefined,
      });
      const answer = engine.submit(
        org,
        {
          type: "record_usage",
          poolId,
          amount: priced.amount,
          rateCardVersion: priced.rateCardId,
        },
        { idempotencyKey: `event:${event.id}`, fingerprint },
      );
      prepared();
      const done = await answer;
      if (done.code === "ok" && done.replayed !== true) {
        this.expectedConsumed += priced.amount;
        this.recorded += 1;
      } else problems += 1;
    };
    const runBatch = async (first: number) => {
      const started = performance.now();
      const now = Date.now();
      let left = batchSize;
      const prepared = () => {
        left -= 1;
        if (left === 0 && counting) prepareMs += performance.now() - started;
      };
      const events: Promise<void>[] = [];
      for (let i = 0; i < batchSize; i += 1) {
        events.push(post(eventAt(prefix, first + i), now, prepared));
      }
      await Promise.all(events);
    };
    const load = await timedLoop(batchSize, runBatch, warmupMs, measureMs, {
      onWindowStart: () => {
        counting = true;
        this.batchStats = stats;
        this.timed.resetPhases();
      },
      onCounted: () => {
        prepareAtEnd = prepareMs;
        phasesAtEnd = { ...this.timed.phases };
        statsAtEnd = stats.length;
      },
    });
    this.batchStats = null;
    await engine.drain();

    const perBatch = emptyPhases();
    for (const name of phaseNames) {
      perBatch[name] = load.batches === 0 ? 0 : phasesAtEnd[name] / load.batches;
    }
    const books = await this.checkBooks();
    const report = await verifyDatabase(this.store, [org]);
    const replayed = report.organizations[0]?.counts.transfers ?? 0;
    const verdict =
      report.violations === 0
        ? `verify clean (${replayed} transfers replayed)`
        : `verify FAILED: ${report.organizations
            .flatMap((o) => o.violations.map((v) => `[${v.rule}] ${v.subject}: ${v.detail}`))
            .slice(0, 5)
            .join("; ")}`;
    const refused = problems === 0 ? "" : `; ${problems} events not recorded`;
    return {
      system: "engine",
      batchSize,
      batches: load.batches,
      events: load.events,
      eventsPerSecond: load.eventsPerSecond,
      ...percentiles(load.latencies),
      cpuCores: load.cpuCores,
      detail: {
        prepareMs: load.batches === 0 ? 0 : prepareAtEnd / load.batches,
        engineBatches: load.batches === 0 ? 0 : statsAtEnd / load.batches,
        phases: perBatch,
      },
      check: `${books.detail}; ${verdict}${refused}`,
      ok: books.ok && report.violations === 0 && problems === 0,
    };
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  /**
   * The pool consumed exactly the sum of the priced amounts of every event recorded so far, and
   * the grant's remaining plus what was consumed is what was granted.
   */
  private async checkBooks(): Promise<{ ok: boolean; detail: string }> {
    const state = await this.engine.readState(this.organizationId);
    const pool = state?.pools.get(this.poolId);
    const grant = state?.grants.get(this.grantId);
    if (state === null || pool === undefined || grant === undefined) {
      return { ok: false, detail: "pool or grant not found after the run" };
    }
    const { consumedThisPeriod: consumed, held } = poolBalances(state, pool);
    const expected = this.expectedConsumed;
    const problems: string[] = [];
    if (consumed !== expected) problems.push(`consumed ${consumed} != priced ${expected}`);
    if (held !== 0n) problems.push(`held ${held} != 0`);
    if (grant.remaining + consumed !== grantMicros)
      problems.push(`grant remaining ${grant.remaining} + consumed != ${grantMicros}`);
    const detail =
      problems.length === 0
        ? `consumed = priced sum: ${formatDecimal(consumed)} credits over ${this.recorded} events`
        : problems.join("; ");
    return { ok: problems.length === 0, detail };
  }
}
