/**
 * The simulator's driver over the server's engine and a real store: every batch goes through the
 * engine's queue, one transaction, the store's rows and the engine's cached state, so the
 * simulator checks the whole write path against the reference model, not only the pure core.
 */
import {
  type Command,
  grantStatus,
  type LedgerSnapshot,
  newPool,
  noDueTime,
  type Outcome,
  type PoolBalances,
  poolBalances,
} from "@creditpool/core";
import { Engine } from "../packages/server/src/engine/engine.ts";
import { seededRandomFill, ulidIdSource } from "../packages/server/src/ids.ts";
import { MemoryStore } from "../packages/server/src/store/memory/memory-store.ts";
import { openStore } from "../packages/server/src/store/open-store.ts";
import type { Store } from "../packages/server/src/store/port.ts";
import type { DriverFactory, GrantBalance, LedgerDriver, LedgerSetup } from "./driver.ts";

export class EngineDriver implements LedgerDriver {
  private nowMs: number;
  private readonly engine: Engine;

  private constructor(
    private readonly store: Store,
    private readonly setup: LedgerSetup,
  ) {
    this.nowMs = setup.startAt;
    const clock = () => this.nowMs;
    this.engine = new Engine({
      store,
      clock,
      ids: ulidIdSource(clock, seededRandomFill(setup.startAt)),
    });
  }

  static async open(store: Store, setup: LedgerSetup): Promise<EngineDriver> {
    const root = newPool(
      {
        id: setup.rootPoolId,
        parentId: null,
        depth: 1,
        name: "root",
        drawsFromParent: false,
        limit: null,
        overageLimit: null,
      },
      setup.startAt,
    );
    const organization = {
      id: setup.organizationId,
      name: "simulated",
      rootPoolId: setup.rootPoolId,
      version: 1,
      lastNow: setup.startAt,
      nextSequence: 1,
      nextDueAt: noDueTime,
      createdAt: setup.startAt,
    };
    await store.transaction((tx) => tx.createOrganization(organization, root));
    return new EngineDriver(store, setup);
  }

  async apply(batch: readonly Command[], now: number): Promise<Outcome[]> {
    this.nowMs = now;
    const id = this.setup.organizationId;
    if (batch.length === 0) {
      await this.engine.tick(id);
      return [];
    }
    const answers = await Promise.all(batch.map((command) => this.engine.apply(id, command)));
    return answers.map((answer) => {
      const { code, result } = answer;
      return result.kind === "refused" ? { code, poolId: result.poolId } : { code };
    });
  }

  async poolBalances(poolIds: readonly string[], now: number): Promise<PoolBalances[]> {
    this.nowMs = now;
    const state = await this.engine.readState(this.setup.organizationId);
    return poolIds.map((poolId) => {
      const pool = state?.pools.get(poolId);
      if (state === null || pool === undefined) throw new Error(`engine driver: no pool ${poolId}`);
      return poolBalances(state, pool);
    });
  }

  async grants(grantIds: readonly string[], now: number): Promise<(GrantBalance | null)[]> {
    this.nowMs = now;
    const state = await this.engine.readState(this.setup.organizationId);
    const all = new Map(
      (await this.store.readSnapshot(this.setup.organizationId)).grants.map((g) => [g.id, g]),
    );
    return grantIds.map((grantId) => {
      const grant = state?.grants.get(grantId) ?? all.get(grantId);
      if (grant === undefined) return null;
      const status = grantStatus(grant, now);
      const remaining = status === "expired" || status === "voided" ? 0n : grant.remaining;
      return { remaining, held: grant.held, status };
    });
  }

  /** The journal once everything due by now is written, as the core driver's views leave it. */
  async snapshot(): Promise<LedgerSnapshot> {
    await this.engine.tick(this.setup.organizationId);
    return this.store.readSnapshot(this.setup.organizationId);
  }

  async close(): Promise<void> {
    await this.engine.close();
    await this.store.close();
  }
}

export const engineMemoryDriverFactory: DriverFactory = async (setup) =>
  EngineDriver.open(new MemoryStore(), setup);

export const engineSqliteDriverFactory: DriverFactory = async (setup) =>
  EngineDriver.open(await openStore(":memory:"), setup);
