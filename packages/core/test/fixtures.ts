/**
 * Builds ledger states and runs commands through the core the way the engine does: one
 * `beginBatch` per batch at the batch's `now`, then `applyCommand` per command. Every transfer is
 * kept, so `verifyLedger` can replay the whole journal. The example tables of the other test
 * files are run by `exampleTable`: one row per command, its expected code and key balances.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  addPool,
  applyCommand,
  beginBatch,
  type CaptureHold,
  type ChangeGrantExpiry,
  type Command,
  type CreateGrant,
  type CreateHold,
  type CreatePool,
  credits,
  emptyLedgerState,
  formatDecimal,
  type GrantSource,
  grantStatus,
  holdStatus,
  type LedgerSnapshot,
  type LedgerState,
  type NextId,
  newPool,
  type Outcome,
  type OverageLimit,
  type Period,
  type PoolLimit,
  type PoolPolicy,
  poolBalances,
  type RecordUsage,
  type ReleaseHold,
  type ResultCode,
  type Transfer,
  talliesNeeded,
  type UpdatePool,
  type Violation,
  type VoidGrant,
  validateCommand,
  verifyLedger,
} from "../src/index.ts";

export const secondMs = 1000;
export const minuteMs = 60 * secondMs;
export const hourMs = 60 * minuteMs;
export const dayMs = 24 * hourMs;

/** Monday 2025-01-06 09:00 UTC: the start of every example. */
export const t0 = Date.UTC(2025, 0, 6, 9, 0, 0);

export interface Ledger {
  readonly state: LedgerState;
  /** Every transfer of the organization, in sequence order. */
  readonly transfers: Transfer[];
  readonly nextId: NextId;
}

export interface RootOptions {
  readonly id?: string;
  readonly limit?: PoolLimit | null;
  readonly overageLimit?: OverageLimit | null;
  readonly now?: number;
}

/** An organization with only its root pool. */
export function newLedger(options: RootOptions = {}): Ledger {
  const now = options.now ?? t0;
  const state = emptyLedgerState("org_test", now);
  addPool(
    state,
    newPool(
      {
        id: options.id ?? "root",
        parentId: null,
        depth: 1,
        name: options.id ?? "root",
        drawsFromParent: false,
        limit: options.limit ?? null,
        overageLimit: options.overageLimit ?? null,
      },
      now,
    ),
  );
  let counter = 0;
  const nextId: NextId = (prefix) => {
    counter += 1;
    return `${prefix}_${String(counter).padStart(6, "0")}`;
  };
  return { state, transfers: [], nextId };
}

/** An organization built by `commands` at `t0` (each must answer `ok`). */
export function ledgerWith(commands: readonly Command[], options: RootOptions = {}): Ledger {
  const ledger = newLedger(options);
  const { outcomes } = runBatch(ledger, options.now ?? t0, commands);
  outcomes.forEach((outcome, index) => {
    assert.equal(outcome.code, "ok", `setup command ${index} (${commands[index]?.type})`);
  });
  return ledger;
}

export interface BatchResult {
  readonly outcomes: Outcome[];
  /** The transfers of this batch: what `now` brought due, then what the commands made. */
  readonly transfers: Transfer[];
}

/** Applies `commands` in one batch at `now`, as the engine does after validating them. */
export function runBatch(ledger: Ledger, now: number, commands: readonly Command[]): BatchResult {
  const context = beginBatch(ledger.state, now, ledger.nextId);
  const outcomes: Outcome[] = [];
  for (const command of commands) {
    assert.equal(validateCommand(command), null, `a valid ${command.type} command`);
    // The whole ledger is in memory here: a tally never counted is zero, as a store would answer.
    for (const key of talliesNeeded(ledger.state, command))
      if (!ledger.state.tallies.has(key)) ledger.state.tallies.set(key, { start: 0, amount: 0n });
    outcomes.push(applyCommand(context, command));
  }
  ledger.transfers.push(...context.transfers);
  return { outcomes, transfers: context.transfers };
}

/** Runs one command in its own batch and answers its outcome. */
export function run(ledger: Ledger, now: number, command: Command): Outcome {
  const [outcome] = runBatch(ledger, now, [command]).outcomes;
  assert.ok(outcome !== undefined);
  return outcome;
}

export function snapshotOf(ledger: Ledger): LedgerSnapshot {
  const { state } = ledger;
  return {
    organizationId: state.organizationId,
    nextSequence: state.nextSequence,
    pools: [...state.pools.values()],
    grants: [...state.grants.values()],
    holds: [...state.holds.values()],
    transfers: ledger.transfers,
  };
}

export function violationsOf(ledger: Ledger): readonly Violation[] {
  return verifyLedger(snapshotOf(ledger)).violations;
}

/** A transfer as one line: `kind debit > credit amount`. */
export function describeTransfer(transfer: Transfer): string {
  const amount = formatDecimal(transfer.amount);
  return `${transfer.kind} ${transfer.debitAccount} > ${transfer.creditAccount} ${amount}`;
}

// Commands, with amounts written as decimal credits.

export interface GrantTerms {
  readonly priority?: number;
  readonly effectiveAt?: number | null;
  readonly expiresAt?: number | null;
  readonly costBasis?: string;
  readonly source?: GrantSource;
  readonly rollover?: {
    readonly grantId: string;
    readonly cap: string;
    readonly expiresAt: number;
  };
}

export function grant(
  grantId: string,
  poolId: string,
  amount: string,
  terms: GrantTerms = {},
): CreateGrant {
  return {
    type: "create_grant",
    grantId,
    poolId,
    amount: credits(amount),
    source: terms.source ?? "purchase",
    priority: terms.priority ?? 100,
    effectiveAt: terms.effectiveAt ?? null,
    expiresAt: terms.expiresAt ?? null,
    costBasis: credits(terms.costBasis ?? "0"),
    ...(terms.rollover === undefined
      ? {}
      : { rollover: { ...terms.rollover, cap: credits(terms.rollover.cap) } }),
  };
}

export function hold(holdId: string, poolId: string, amount: string, ttlSeconds = 600): CreateHold {
  return { type: "create_hold", holdId, poolId, amount: credits(amount), ttlSeconds };
}

export function capture(holdId: string, amount: string): CaptureHold {
  return { type: "capture_hold", holdId, amount: credits(amount) };
}

export function release(holdId: string): ReleaseHold {
  return { type: "release_hold", holdId };
}

export function usage(poolId: string, amount: string): RecordUsage {
  return { type: "record_usage", poolId, amount: credits(amount) };
}

export function voidGrant(grantId: string): VoidGrant {
  return { type: "void_grant", grantId };
}

export function changeExpiry(grantId: string, expiresAt: number | null): ChangeGrantExpiry {
  return { type: "change_grant_expiry", grantId, expiresAt };
}

export interface PoolTerms {
  readonly drawsFromParent?: boolean;
  readonly limit?: PoolLimit | null;
  readonly overageLimit?: OverageLimit | null;
  readonly policy?: Partial<PoolPolicy>;
}

export function pool(poolId: string, parentId: string, terms: PoolTerms = {}): CreatePool {
  return {
    type: "create_pool",
    poolId,
    parentId,
    name: poolId,
    drawsFromParent: terms.drawsFromParent ?? true,
    limit: terms.limit ?? null,
    overageLimit: terms.overageLimit ?? null,
    ...(terms.policy === undefined ? {} : { policy: terms.policy }),
  };
}

export function setPolicy(poolId: string, policy: Partial<PoolPolicy>): UpdatePool {
  return { type: "update_pool", poolId, policy };
}

/** A hold for a member and key, on a model: what governance sees of who asks. */
export function holdFor(
  holdId: string,
  poolId: string,
  amount: string,
  who: { memberId?: string; keyId?: string; model?: string },
): CreateHold {
  return { ...hold(holdId, poolId, amount), ...who };
}

export function setLimit(poolId: string, limit: PoolLimit | null): UpdatePool {
  return { type: "update_pool", poolId, limit };
}

export function setOverageLimit(poolId: string, overageLimit: OverageLimit | null): UpdatePool {
  return { type: "update_pool", poolId, overageLimit };
}

export function hardLimit(amount: string, period: Period = "month"): PoolLimit {
  return { amount: credits(amount), kind: "hard", period };
}

export function softLimit(amount: string, period: Period = "month"): PoolLimit {
  return { amount: credits(amount), kind: "soft", period };
}

export function overage(amount: string, period: Period = "month"): OverageLimit {
  return { amount: credits(amount), period };
}

// Observations, named the way the example tables write them.

const poolFields = [
  "available",
  "held",
  "consumedThisPeriod",
  "granted",
  "debt",
  "overageUsedThisPeriod",
] as const;

/**
 * Reads one observable value as text. `g1` is grant g1's remaining credits; `g1.held` and
 * `g1.status` its held credits and status; `h1.status` a hold's status; `team.available` (or any
 * field of `poolBalances`) a pool's balance; `breakage`, `overage` and `issuance` the journal
 * balance of those organization accounts.
 */
export function observe(ledger: Ledger, key: string): string {
  const { state } = ledger;
  const [id = "", field] = key.split(".");
  if (id === "breakage" || id === "overage" || id === "issuance") {
    return formatDecimal(accountBalance(ledger, id));
  }
  const grantFound = state.grants.get(id);
  if (grantFound !== undefined) {
    if (field === undefined || field === "remaining") return formatDecimal(grantFound.remaining);
    if (field === "held") return formatDecimal(grantFound.held);
    if (field === "status") return grantStatus(grantFound, state.now);
    throw new Error(`unknown grant field ${key}`);
  }
  const holdFound = state.holds.get(id);
  if (holdFound !== undefined) {
    if (field === "status") return holdStatus(holdFound, state.now);
    throw new Error(`unknown hold field ${key}`);
  }
  const poolFound = state.pools.get(id);
  if (poolFound !== undefined) {
    const name = poolFields.find((candidate) => candidate === field);
    if (name === undefined) throw new Error(`unknown pool field ${key}`);
    return formatDecimal(poolBalances(state, poolFound)[name]);
  }
  throw new Error(`nothing named ${id}`);
}

/** The balance of one account, replayed from the journal (credits in minus credits out). */
export function accountBalance(ledger: Ledger, account: string): bigint {
  let balance = 0n;
  for (const transfer of ledger.transfers) {
    if (transfer.creditAccount === account) balance += transfer.amount;
    if (transfer.debitAccount === account) balance -= transfer.amount;
  }
  return balance;
}

// Example tables.

export interface Row {
  /** What the row does, in words: the test's name. */
  readonly step: string;
  /** Milliseconds after `t0`; a row without it runs at the previous row's time. */
  readonly at?: number;
  /** Omitted: the row only moves the clock to `at`, applying what falls due. */
  readonly command?: Command;
  /** The expected code; `ok` when omitted. */
  readonly code?: ResultCode;
  /** For a refused hold: the pool where it failed. */
  readonly failedAt?: string;
  /** Every transfer of the row's batch, as `describeTransfer` writes them, in order. */
  readonly transfers?: readonly string[];
  /** Observations after the row, as `observe` reads them. */
  readonly expect?: Readonly<Record<string, string>>;
}

/**
 * Runs `rows` in order against the ledger `setup` builds, each row in its own batch, then proves
 * the journal with `verifyLedger`. One `it` per row, so a failure names the row.
 */
export function exampleTable(name: string, setup: () => Ledger, rows: readonly Row[]): void {
  describe(name, () => {
    const ledger = setup();
    let now = t0;
    for (const row of rows) {
      it(row.step, () => {
        if (row.at !== undefined) now = t0 + row.at;
        const batch = runBatch(ledger, now, row.command === undefined ? [] : [row.command]);
        const [outcome] = batch.outcomes;
        if (row.command !== undefined) {
          assert.ok(outcome !== undefined);
          assert.equal(outcome.code, row.code ?? "ok");
          assert.equal(outcome.poolId, row.failedAt);
        }
        if (row.transfers !== undefined) {
          assert.deepEqual(batch.transfers.map(describeTransfer), row.transfers);
        }
        for (const [key, expected] of Object.entries(row.expect ?? {})) {
          assert.equal(observe(ledger, key), expected, key);
        }
      });
    }
    it("the journal replays to every balance", () => {
      assert.deepEqual(violationsOf(ledger), []);
    });
  });
}
