/**
 * The narrow port the simulator drives: a ledger for one organization that applies batches of
 * commands at a given `now` and answers the views the reference model predicts. `CoreDriver`
 * wraps the pure core; a driver over the server's engine and stores plugs in the same way.
 */
import type {
  Command,
  GrantStatus,
  LedgerSnapshot,
  Micros,
  Outcome,
  PoolBalances,
} from "@creditpool/core";

export interface GrantBalance {
  readonly remaining: Micros;
  readonly held: Micros;
  readonly status: GrantStatus;
}

export interface LedgerDriver {
  /** Applies the commands in order, all at `now` (never earlier than the last batch's). */
  apply(batch: readonly Command[], now: number): Promise<Outcome[]>;
  /** Balances as of `now`, one per id, in the order asked. */
  poolBalances(poolIds: readonly string[], now: number): Promise<PoolBalances[]>;
  /** Grant balances as of `now`, one per id (null for an unknown grant). */
  grants(grantIds: readonly string[], now: number): Promise<(GrantBalance | null)[]>;
  /** Everything the organization's ledger holds, with its whole journal, for `verifyLedger`. */
  snapshot(): Promise<LedgerSnapshot>;
  /** The faults injected so far, by kind, for a driver that injects them. */
  faultCounts?(): ReadonlyMap<string, number>;
  close(): Promise<void>;
}

/** What a fresh ledger starts with: one organization and its root pool, no limits, no grants. */
export interface LedgerSetup {
  /** The run's seed, for a driver that draws faults of its own. */
  readonly seed: number;
  readonly organizationId: string;
  readonly rootPoolId: string;
  readonly startAt: number;
}

export type DriverFactory = (setup: LedgerSetup) => Promise<LedgerDriver>;
