/**
 * The simulator's driver over the pure core, called directly: one in-memory `LedgerState`, pruned
 * after every batch as the engine prunes its cache (settled holds and spent grants leave it), with
 * the pruned objects kept in an archive and put back when a command names them, as the engine
 * loads them from its store. So the core's own scans cost what is live, not all of history. The
 * journal is proved as it is written (`JournalVerifier`) rather than kept, and what the simulator
 * retires is proved and forgotten: memory follows what is live, however long the run.
 */
import {
  addGrant,
  addHold,
  addPool,
  applyCommand,
  beginBatch,
  type Command,
  clearDirty,
  emptyLedgerState,
  type Grant,
  grantStatus,
  type Hold,
  type HoldStatus,
  JournalVerifier,
  type LedgerState,
  newPool,
  type Outcome,
  type PoolBalances,
  poolBalances,
  pruneSettled,
  referencedIds,
  validateCommand,
} from "@creditpool/core";
import type {
  DriverFactory,
  Endings,
  GrantBalance,
  JournalProof,
  LedgerDriver,
  LedgerSetup,
} from "./driver.ts";

export class CoreDriver implements LedgerDriver {
  private readonly state: LedgerState;
  private readonly verifier: JournalVerifier;
  private transferCount = 0;
  /** Settled holds and grants pruned from the state, by id, until a command names them. */
  private readonly archivedHolds = new Map<string, Hold>();
  private readonly archivedGrants = new Map<string, Grant>();

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
    this.verifier = new JournalVerifier(setup.organizationId, {
      pool: (id) => this.state.pools.get(id),
      grant: (id) => this.state.grants.get(id) ?? this.archivedGrants.get(id),
      hold: (id) => this.state.holds.get(id) ?? this.archivedHolds.get(id),
    });
  }

  async apply(batch: readonly Command[], now: number): Promise<Outcome[]> {
    const loaded = this.loadArchived(batch);
    const context = beginBatch(this.state, now, () => {
      this.transferCount += 1;
      return `txn_${String(this.transferCount).padStart(8, "0")}`;
    });
    const outcomes = batch.map((command): Outcome => {
      if (validateCommand(command) !== null) return { code: "invalid_request" };
      return applyCommand(context, command);
    });
    for (const transfer of context.transfers) this.verifier.add(transfer);
    this.prune(loaded);
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
      const grant = this.state.grants.get(id) ?? this.archivedGrants.get(id);
      if (grant === undefined) return null;
      return {
        remaining: grant.remaining,
        held: grant.held,
        status: grantStatus(grant, this.state.now),
      };
    });
  }

  async prove(): Promise<JournalProof> {
    const grants = [...this.state.grants.values(), ...this.archivedGrants.values()];
    const holds = [...this.state.holds.values(), ...this.archivedHolds.values()];
    const report = this.verifier.finish({
      organizationId: this.state.organizationId,
      nextSequence: this.state.nextSequence,
      pools: [...this.state.pools.values()],
      grants,
      holds,
    });
    return {
      report,
      balanceOf: (account) => this.verifier.balanceOf(account),
      holds: new Map(holds.map((hold) => [hold.id, hold.status])),
      grants: new Map(grants.map((grant) => [grant.id, grant.closed ?? "open"])),
    };
  }

  /**
   * Answers how each ended, then proves and forgets the archived ones; one the core still keeps
   * live stays (its status, still open, is what the simulator then sees differ from the model's).
   */
  async retire(holdIds: readonly string[], grantIds: readonly string[]): Promise<Endings> {
    const holds = new Map<string, HoldStatus>();
    const grants = new Map<string, "expired" | "voided" | "open">();
    for (const id of holdIds) {
      const hold = this.archivedHolds.get(id) ?? this.state.holds.get(id);
      if (hold !== undefined) holds.set(id, hold.status);
      if (hold === undefined || !this.archivedHolds.has(id)) continue;
      this.archivedHolds.delete(id);
      this.verifier.forget(hold);
    }
    for (const id of grantIds) {
      const grant = this.archivedGrants.get(id) ?? this.state.grants.get(id);
      if (grant !== undefined) grants.set(id, grant.closed ?? "open");
      if (grant === undefined || !this.archivedGrants.has(id)) continue;
      this.archivedGrants.delete(id);
      this.verifier.forget(grant);
    }
    return { holds, grants };
  }

  async close(): Promise<void> {}

  /** Puts back the archived objects the batch names (or whose ids it reuses), as the engine does. */
  private loadArchived(batch: readonly Command[]): (Hold | Grant)[] {
    const loaded: (Hold | Grant)[] = [];
    for (const command of batch) {
      const { holdId, grantId } = referencedIds(command, true);
      const hold = holdId === undefined ? undefined : this.archivedHolds.get(holdId);
      if (hold !== undefined) {
        this.archivedHolds.delete(hold.id);
        addHold(this.state, hold);
        loaded.push(hold);
      }
      const grant = grantId === undefined ? undefined : this.archivedGrants.get(grantId);
      if (grant !== undefined) {
        this.archivedGrants.delete(grant.id);
        addGrant(this.state, grant);
        loaded.push(grant);
      }
    }
    return loaded;
  }

  /** Moves what the batch settled from the state to the archive. */
  private prune(loaded: readonly (Hold | Grant)[]): void {
    const candidates = [...this.state.dirty.holds, ...this.state.dirty.grants, ...loaded];
    pruneSettled(this.state, loaded);
    for (const object of candidates) {
      if ("status" in object) {
        if (!this.state.holds.has(object.id)) this.archivedHolds.set(object.id, object);
      } else if (!this.state.grants.has(object.id)) this.archivedGrants.set(object.id, object);
    }
    clearDirty(this.state);
  }

  /** Views need the state moved to `now`; an empty batch does it and keeps its transfers. */
  private async advance(now: number): Promise<void> {
    if (now > this.state.now) await this.apply([], now);
  }
}

export const coreDriverFactory: DriverFactory = async (setup) => new CoreDriver(setup);
