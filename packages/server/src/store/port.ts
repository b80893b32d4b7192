/**
 * The one port every storage adapter implements. The engine is its only writer: each batch is one
 * `transaction` that locks the organizations it touches, reads under that lock, writes transfers
 * and projections together, and commits.
 */
import type { Grant, Hold, LedgerSnapshot, LedgerState, Pool, Transfer } from "@creditpool/core";
import type { Directory, OrganizationOwner } from "./directory.ts";
import type { LedgerReads } from "./ledger-reads.ts";
import type { PricingStore } from "./pricing.ts";

export interface OrganizationRow {
  readonly id: string;
  readonly name: string;
  readonly rootPoolId: string;
  /** Incremented by every committed batch; lets a node trust its cached state. */
  readonly version: number;
  /** The latest `now` a batch applied for this organization. */
  readonly lastNow: number;
  readonly nextSequence: number;
  /** When an activation or expiry may next fall due; the sweep looks for rows past it. */
  readonly nextDueAt: number;
  readonly createdAt: number;
}

export interface StoredAnswer {
  readonly fingerprint: string;
  /** The first answer, as JSON text, returned again on a replay. */
  readonly answer: string;
}

export interface AnswerRow extends StoredAnswer {
  readonly key: string;
  readonly createdAt: number;
}

export interface BatchWrite {
  readonly organization: OrganizationRow;
  readonly pools: readonly Pool[];
  readonly grants: readonly Grant[];
  readonly holds: readonly Hold[];
  readonly transfers: readonly Transfer[];
  readonly answers: readonly AnswerRow[];
}

export interface StoreTransaction {
  /** Locks the organizations' rows in ascending id order and returns those that exist. */
  lockOrganizations(ids: readonly string[]): Promise<Map<string, OrganizationRow>>;
  /** Pools, live grants and open holds: everything a command may touch. */
  loadState(organization: OrganizationRow): Promise<LedgerState>;
  loadHolds(organizationId: string, ids: readonly string[]): Promise<Hold[]>;
  loadGrants(organizationId: string, ids: readonly string[]): Promise<Grant[]>;
  findAnswers(organizationId: string, keys: readonly string[]): Promise<Map<string, StoredAnswer>>;
  /**
   * Creates the organization and its root pool and, when given, its owner key and the answer to
   * the request that made it. The answer claims its key first: when the key is already stored in
   * its scope, nothing is written and the stored answer is returned; otherwise null.
   */
  createOrganization(
    organization: OrganizationRow,
    root: Pool,
    owner?: OrganizationOwner,
  ): Promise<StoredAnswer | null>;
  write(batch: BatchWrite): Promise<void>;
}

export interface TransferQuery {
  readonly afterSequence: number;
  readonly limit: number;
  readonly poolId?: string;
  readonly grantId?: string;
  readonly holdId?: string;
  /** Only transfers at or after this time, and before `toAt` (epoch milliseconds). */
  readonly fromAt?: number;
  readonly toAt?: number;
}

export type Dialect = "sqlite" | "postgres" | "memory";

export interface Store extends Directory, LedgerReads, PricingStore {
  readonly dialect: Dialect;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  readOrganization(id: string): Promise<OrganizationRow | null>;
  /** The committed state, read without locks: a view, never a base for writes. */
  readState(organizationId: string): Promise<LedgerState | null>;
  /**
   * What a view as of `now` needs, read without locks: the pools, the live grants, and only the
   * open holds due by `now` (their expiry is part of the view), never every open hold.
   */
  readView(organizationId: string, now: number): Promise<LedgerState | null>;
  /** Each pool's parent: the tree alone, for reach checks. */
  readPoolParents(organizationId: string): Promise<Map<string, string | null>>;
  /** Everything of one organization, for `verify`. */
  readSnapshot(organizationId: string): Promise<LedgerSnapshot>;
  listOrganizationIds(): Promise<string[]>;
  /** Organizations with an activation or expiry due at or before `now`. */
  dueOrganizationIds(now: number, limit: number): Promise<string[]>;
  listTransfers(organizationId: string, query: TransferQuery): Promise<Transfer[]>;
  /**
   * Optional fast path for a batch computed from a cached state: writes it atomically only if the
   * organization is still at `expectedVersion` and none of its idempotency keys is stored yet;
   * otherwise writes nothing and answers false, and the engine runs the batch again under lock.
   */
  writeIfUnchanged?(batch: BatchWrite, expectedVersion: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The conditions of a journal query after the organization and the sequence cursor. */
export function transferConditions(
  query: TransferQuery,
): [condition: string, value: string | number][] {
  const conditions: [string, string | number | undefined][] = [
    ["pool_id =", query.poolId],
    ["grant_id =", query.grantId],
    ["hold_id =", query.holdId],
    ["at >=", query.fromAt],
    ["at <", query.toAt],
  ];
  return conditions.filter((entry): entry is [string, string | number] => entry[1] !== undefined);
}
