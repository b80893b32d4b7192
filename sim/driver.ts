/**
 * The narrow port the simulator drives: a ledger for one organization that applies batches of
 * commands at a given `now` and answers the views the reference model predicts. `CoreDriver`
 * wraps the pure core; a driver over the server's engine and stores plugs in the same way.
 */
import {
  type Command,
  type GrantStatus,
  type HoldStatus,
  type LedgerSnapshot,
  type Micros,
  type Outcome,
  type PoolBalances,
  type VerifyReport,
  verifyLedger,
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
  /** The whole journal proved (`verifyLedger` or the same checks made as it was written). */
  prove(): Promise<JournalProof>;
  /**
   * Settled holds and grants no command will name again: answers how the ledger ended each (the
   * simulator compares that with the model), and a driver that keeps them in memory may prove and
   * forget them, so a long run's memory follows what is live.
   */
  retire(holdIds: readonly string[], grantIds: readonly string[]): Promise<Endings>;
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

/** How the ledger ended some holds (status) and grants (closure, or `open`); absent if unknown. */
export interface Endings {
  readonly holds: ReadonlyMap<string, HoldStatus>;
  readonly grants: ReadonlyMap<string, "expired" | "voided" | "open">;
}

/** What the simulator's final check reads: the journal's proof and how every object ended. */
export interface JournalProof {
  readonly report: VerifyReport;
  /** An account's balance in the journal (zero for one never moved). */
  balanceOf(account: string): Micros;
  /** The status of every hold the ledger keeps. */
  readonly holds: ReadonlyMap<string, HoldStatus>;
  /** How every grant the ledger keeps was closed, or `open`. */
  readonly grants: ReadonlyMap<string, "expired" | "voided" | "open">;
}

/** Proves a whole snapshot at once: for a driver that reads its journal back from a store. */
export function proveSnapshot(snapshot: LedgerSnapshot): JournalProof {
  const balances = new Map<string, Micros>();
  for (const { debitAccount, creditAccount, amount } of snapshot.transfers) {
    balances.set(debitAccount, (balances.get(debitAccount) ?? 0n) - amount);
    balances.set(creditAccount, (balances.get(creditAccount) ?? 0n) + amount);
  }
  return {
    report: verifyLedger(snapshot),
    balanceOf: (account) => balances.get(account) ?? 0n,
    holds: new Map(snapshot.holds.map((hold) => [hold.id, hold.status])),
    grants: new Map(snapshot.grants.map((grant) => [grant.id, grant.closed ?? "open"])),
  };
}
