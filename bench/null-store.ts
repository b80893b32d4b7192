/**
 * A ledger store that writes nothing: it keeps each organization's row (so the engine's cached
 * state stays trusted by its version) and its root pool, and forgets every batch it is handed.
 * With it the engine's own CPU can be measured apart from any database. Only what the engine's
 * batch path calls is here; it is no store to serve from.
 */
import {
  addPool,
  applyCommand,
  beginBatch,
  clearDirty,
  emptyLedgerState,
  type Grant,
  type Hold,
  type LedgerState,
  newPool,
  type Pool,
} from "@creditpool/core";
import type {
  BatchWrite,
  OrganizationRow,
  StoredAnswer,
  StoreTransaction,
} from "../packages/server/src/store/port.ts";
import { assembleState } from "../packages/server/src/store/rows.ts";

export class NullStore {
  readonly rootPoolId = "pool_cpu";
  private readonly organizations = new Map<string, { row: OrganizationRow; root: Pool }>();

  async transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return work(this.tx);
  }

  private readonly tx: StoreTransaction = {
    lockOrganizations: async (ids) => {
      const found = new Map<string, OrganizationRow>();
      for (const id of ids) {
        const kept = this.organizations.get(id);
        if (kept !== undefined) found.set(id, kept.row);
      }
      return found;
    },
    loadState: async (organization) => {
      const kept = this.organizations.get(organization.id);
      if (kept === undefined) throw new Error(`no organization ${organization.id}`);
      return assembleState(organization, [kept.root], [], []);
    },
    loadHolds: async (): Promise<Hold[]> => [],
    loadGrants: async (): Promise<Grant[]> => [],
    findAnswers: async () => new Map<string, StoredAnswer>(),
    loadTallies: async () => new Map(),
    createOrganization: async (organization, root) => {
      this.organizations.set(organization.id, { row: organization, root });
      return null;
    },
    write: async (batch: BatchWrite) => {
      const kept = this.organizations.get(batch.organization.id);
      if (kept !== undefined) kept.row = batch.organization;
    },
  };

  /** A state with the root pool and one grant of `amount`, for the core alone. */
  fundedState(amount: bigint): LedgerState {
    const now = Date.now();
    const state = emptyLedgerState("org_cpu", now);
    const root = {
      id: this.rootPoolId,
      parentId: null,
      depth: 1,
      name: "cpu",
      drawsFromParent: false,
      limit: null,
      overageLimit: null,
    };
    addPool(state, newPool(root, now));
    const context = beginBatch(state, now, (prefix) => `${prefix}_setup`);
    const granted = applyCommand(context, {
      ...fundingGrant(this.rootPoolId, amount),
      grantId: "grant_cpu",
    });
    if (granted.code !== "ok") throw new Error(`grant refused: ${granted.code}`);
    clearDirty(state);
    return state;
  }
}

/** A purchased grant that never expires: what funds the pool the CPU benchmark runs on. */
export function fundingGrant(poolId: string, amount: bigint) {
  return {
    type: "create_grant" as const,
    poolId,
    amount,
    source: "purchase" as const,
    priority: 100,
    effectiveAt: null,
    expiresAt: null,
    costBasis: 0n,
  };
}
