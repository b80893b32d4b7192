/**
 * The ledger's part of the store port. The engine is its only writer: each batch is one
 * `transaction` that locks the organizations it touches, reads under that lock, writes transfers
 * and projections together, and commits. Reads outside a batch are views, never a base for writes.
 */
import type {
  Grant,
  Hold,
  LedgerSnapshot,
  LedgerState,
  PeriodCounter,
  Pool,
  Transfer,
} from "@creditpool/core";
import type { AuditEntry } from "./audit.ts";
import type { OrganizationOwner } from "./directory.ts";
import type { DecisionRow } from "./governance.ts";
import type { AnswerRow, OrganizationRow, StoredAnswer } from "./records.ts";

export interface BatchWrite {
  readonly organization: OrganizationRow;
  readonly pools: readonly Pool[];
  readonly grants: readonly Grant[];
  readonly holds: readonly Hold[];
  readonly transfers: readonly Transfer[];
  readonly answers: readonly AnswerRow[];
  /** Governance tallies changed, by key (caps and rate-limit buckets). */
  readonly tallies: readonly (readonly [string, PeriodCounter])[];
  /** Refused holds' decision records. */
  readonly decisions: readonly DecisionRow[];
  /**
   * The audit records of the batch's applied administrative commands, chained under the
   * organization's lock. Absent or empty for every batch of holds and usage, which then read and
   * write nothing more; a batch with any takes the locked path, never `writeIfUnchanged`.
   */
  readonly audit?: readonly AuditEntry[];
}

export interface StoreTransaction {
  /** Locks the organizations' rows in ascending id order and returns those that exist. */
  lockOrganizations(ids: readonly string[]): Promise<Map<string, OrganizationRow>>;
  /** Pools, live grants and open holds: everything a command may touch. */
  loadState(organization: OrganizationRow): Promise<LedgerState>;
  loadHolds(organizationId: string, ids: readonly string[]): Promise<Hold[]>;
  loadGrants(organizationId: string, ids: readonly string[]): Promise<Grant[]>;
  findAnswers(organizationId: string, keys: readonly string[]): Promise<Map<string, StoredAnswer>>;
  /** The stored tallies among `keys`; a key not stored is absent from the answer. */
  loadTallies(organizationId: string, keys: readonly string[]): Promise<Map<string, PeriodCounter>>;
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

/** Stored answers older than these times are forgotten (epoch milliseconds). */
export interface AnswerCutoffs {
  /** Answers to requests (every key that is not a usage event's or an outcome's). */
  readonly requestsBefore: number;
  /** Answers under `event:` (usage event ids) and `outcome:` keys, kept longer. */
  readonly eventsBefore: number;
}

/** The keys that are usage event ids or outcome keys, kept `usageEventIdRetentionMs`. */
export function isEventKey(key: string): boolean {
  return key.startsWith("event:") || key.startsWith("outcome:");
}

/**
 * The keys of a subscription's ledger effects (`billing:<subscription>:<effect>`) and of a
 * recurring grant's issues (`recurring:<schedule>:<period>`), never forgotten: an effect found
 * under its key is known applied however late it is looked at, so no effect is applied twice.
 * There are a few a subscription or schedule and period, not one a request.
 */
export function isKeptKey(key: string): boolean {
  return key.startsWith("billing:") || key.startsWith("recurring:");
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

export interface LedgerStore {
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
  /**
   * Forgets at most `limit` stored answers older than their cutoff, the oldest first, in one
   * short transaction; answers how many. A key forgotten is new again: a retry under it applies.
   */
  pruneAnswers(cutoffs: AnswerCutoffs, limit: number): Promise<number>;
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
