/**
 * The simulator's driver over the pure core, called directly: one in-memory `LedgerState` that
 * is never pruned, and every transfer of every batch kept for `verifyLedger`.
 */
import {
  addPool,
  applyCommand,
  beginBatch,
  type Command,
  clearDirty,
  emptyLedgerState,
  grantStatus,
  type LedgerSnapshot,
  type LedgerState,
  newPool,
  type Outcome,
  type PoolBalances,
  poolBalances,
  type Transfer,
  validateCommand,
} from "@creditpool/core";
import type { DriverFactory, GrantBalance, LedgerDriver, LedgerSetup } from "./driver.ts";

export class CoreDriver implements LedgerDriver {
  private readonly state: LedgerState;
  private readonly transfers: Transfer[] = [];
  private transferCount = 0;

  constructor(setup: LedgerSetup) {
    this.state = emptyLedgerState(setup.organizationId, setup.startAt);
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
    addPool(this.state, root);
    clearDirty(this.state);
  }

  async apply(batch: readonly Command[], now: number): Promise<Outcome[]> {
    const context = beginBatch(this.state, now, () => {
      this.transferCount += 1;
      return `txn_${String(this.transferCount).padStart(8, "0")}`;
    });
    const outcomes = batch.map((command): Outcome => {
      if (validateCommand(command) !== null) return { code: "invalid_request" };
      return applyCommand(context, command);
    });
    this.transfers.push(...context.transfers);
    clearDirty(this.state);
    return outcomes;
  }

  async poolBalances(poolIds: readonly string[], now: number): Promise<PoolBalances[]> {
    await this.advance(now);
    return poolIds.map((id) => {
      const pool = this.state.pools.get(id);
      if (pool === undefined) throw new Error(`core driver: no pool ${id}`);
      return poolBalances(this.state, pool);
    });
  }

  async grants(grantIds: readonly string[], now: number): Promise<(GrantBalance | null)[]> {
    await this.advance(now);
    return grantIds.map((id) => {
      const grant = this.state.grants.get(id);
      if (grant === undefined) return null;
      return {
        remaining: grant.remaining,
        held: grant.held,
        status: grantStatus(grant, this.state.now),
      };
    });
  }

  async snapshot(): Promise<LedgerSnapshot> {
    return {
      organizationId: this.state.organizationId,
      nextSequence: this.state.nextSequence,
      pools: [...this.state.pools.values()],
      grants: [...this.state.grants.values()],
      holds: [...this.state.holds.values()],
      transfers: [...this.transfers],
    };
  }

  async close(): Promise<void> {}

  /** Views need the state moved to `now`; an empty batch does it and keeps its transfers. */
  private async advance(now: number): Promise<void> {
    if (now > this.state.now) await this.apply([], now);
  }
}

export const coreDriverFactory: DriverFactory = async (setup) => new CoreDriver(setup);
