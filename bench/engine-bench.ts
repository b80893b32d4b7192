/**
 * The engine on one hot pool: one organization per database, its root pool with one big grant
 * and a hard limit that never refuses, and C callers holding then capturing through `engine.submit`
 * with an idempotency key on every command, as real clients send. After the run the pool is read
 * back and compared with what the callers were told (zero overspend), and the verifier replays
 * the organization's journal.
 */

import { poolBalances } from "@creditpool/core";
import type { BatchStats, Engine } from "../packages/server/src/engine/engine.ts";
import { resultId } from "../packages/server/src/engine/results.ts";
import type { Store } from "../packages/server/src/store/port.ts";
import { verifyDatabase } from "../packages/server/src/verify/verify-database.ts";
import { type LoadOptions, type LoadResult, runClosedLoop } from "./closed-loop.ts";
import { grantMicros, idempotencyKeys, openFundedOrganization } from "./funded-organization.ts";
import { emptyPhases, type PhaseTotals, type TimedStore } from "./timed-store.ts";

export const holdMicros = 1_000n;
/** Less than the hold, so every capture also returns the unused part. */
export const captureMicros = 600n;

export interface BatchSummary {
  readonly batches: number;
  readonly commandsPerBatch: number;
  readonly batchMs: number;
  /** Share of the measured window spent inside batches. */
  readonly busy: number;
  /** Milliseconds per batch in each phase. */
  readonly phases: PhaseTotals;
}

export interface LedgerCheck {
  readonly ok: boolean;
  readonly detail: string;
}

export interface EngineRun {
  readonly load: LoadResult;
  readonly batches: BatchSummary;
  readonly ledger: LedgerCheck;
  readonly violations: number;
  readonly verdict: string;
}

/**
 * One organization and its hot root pool on one database, kept for every run on it as a
 * long-lived organization is: its journal, idempotency keys and planner statistics grow from run
 * to run. One engine serves every run, as one server process would.
 */
export class HotPool {
  private readonly tally = { holds: 0n, captures: 0n };
  private batchStats: BatchStats[] | null = null;

  private constructor(
    private readonly store: Store,
    private readonly timed: TimedStore,
    private readonly engine: Engine,
    readonly organizationId: string,
    readonly poolId: string,
    private readonly grantId: string,
  ) {}

  static async open(store: Store): Promise<HotPool> {
    let pool: HotPool | null = null;
    const funded = await openFundedOrganization(store, "hot-pool bench", (stats) =>
      pool?.batchStats?.push(stats),
    );
    const { timed, engine, organizationId: org, poolId, grantId } = funded;
    const limit = { amount: grantMicros, kind: "hard", period: "month" } as const;
    const limited = await engine.submit(
      org,
      { type: "update_pool", poolId, limit },
      { idempotencyKey: idempotencyKeys.next("key") },
    );
    if (limited.code !== "ok") throw new Error(`engine setup failed: ${limited.code}`);
    pool = new HotPool(store, timed, engine, org, poolId, grantId);
    return pool;
  }

  /** One closed-loop run, then the books: zero overspend and the verifier's verdict. */
  async run(options: LoadOptions): Promise<EngineRun> {
    const { engine, organizationId: org, poolId, tally } = this;
    const target = {
      async hold(): Promise<string | null> {
        const answer = await engine.submit(
          org,
          { type: "create_hold", poolId, amount: holdMicros, ttlSeconds: 600 },
          { idempotencyKey: idempotencyKeys.next("key") },
        );
        const holdId = answer.code === "ok" ? resultId(answer.result) : null;
        if (holdId !== null) tally.holds += 1n;
        return holdId;
      },
      async capture(holdId: string): Promise<boolean> {
        const answer = await engine.submit(
          org,
          { type: "capture_hold", holdId, amount: captureMicros },
          { idempotencyKey: idempotencyKeys.next("key") },
        );
        if (answer.code === "ok") tally.captures += 1n;
        return answer.code === "ok";
      },
    };
    const stats: BatchStats[] = [];
    let phases = emptyPhases();
    const load = await runClosedLoop(target, {
      ...options,
      onMeasureStart: () => {
        this.batchStats = stats;
        this.timed.resetPhases();
      },
      onMeasureEnd: () => {
        this.batchStats = null;
        phases = { ...this.timed.phases };
      },
    });
    await engine.drain();

    const ledger = await this.checkLedger();
    const report = await verifyDatabase(this.store, [org]);
    const replayed = report.organizations[0]?.counts.transfers ?? 0;
    const verdict =
      report.violations === 0
        ? `clean (${replayed} transfers replayed)`
        : `FAILED: ${report.organizations
            .flatMap((o) => o.violations.map((v) => `[${v.rule}] ${v.subject}: ${v.detail}`))
            .slice(0, 5)
            .join("; ")}`;
    return {
      load,
      batches: summarize(stats, phases, options.measureMs),
      ledger,
      violations: report.violations,
      verdict,
    };
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  /**
   * Zero overspend, exactly: what the pool holds and consumed equals what the callers were told
   * over every run so far (holds and captures answered ok), never more than granted or the
   * limit, and the grant's remaining, held and consumed add up to what was granted.
   */
  private async checkLedger(): Promise<LedgerCheck> {
    const { tally } = this;
    const state = await this.engine.readState(this.organizationId);
    const pool = state?.pools.get(this.poolId);
    const grant = state?.grants.get(this.grantId);
    if (state === null || pool === undefined || grant === undefined) {
      return { ok: false, detail: "pool or grant not found after the run" };
    }
    const { held, consumedThisPeriod: consumed } = poolBalances(state, pool);
    const expectedHeld = (tally.holds - tally.captures) * holdMicros;
    const expectedConsumed = tally.captures * captureMicros;
    const problems: string[] = [];
    if (held !== expectedHeld) problems.push(`held ${held} != ${expectedHeld} answered`);
    if (consumed !== expectedConsumed)
      problems.push(`consumed ${consumed} != ${expectedConsumed} answered`);
    if (consumed + held > grantMicros) problems.push("consumed + held above the grant");
    if (grant.remaining + grant.held + consumed !== grantMicros)
      problems.push(`grant remaining ${grant.remaining} + held ${grant.held} + consumed != amount`);
    const detail =
      problems.length === 0
        ? `none: ${tally.holds} holds, ${tally.captures} captures so far; ` +
          `consumed ${consumed} + held ${held} <= granted ${grantMicros}`
        : problems.join("; ");
    return { ok: problems.length === 0, detail };
  }
}

function summarize(
  stats: readonly BatchStats[],
  phases: PhaseTotals,
  windowMs: number,
): BatchSummary {
  const batches = stats.length;
  const commands = stats.reduce((sum, s) => sum + s.commands, 0);
  const busyMs = stats.reduce((sum, s) => sum + s.durationMs, 0);
  const perBatch = emptyPhases();
  for (const name of Object.keys(perBatch) as (keyof PhaseTotals)[]) {
    perBatch[name] = batches === 0 ? 0 : phases[name] / batches;
  }
  return {
    batches,
    commandsPerBatch: batches === 0 ? 0 : commands / batches,
    batchMs: batches === 0 ? 0 : busyMs / batches,
    busy: busyMs / windowMs,
    phases: perBatch,
  };
}
