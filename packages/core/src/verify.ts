/**
 * Proves an organization's ledger from its journal: replays every transfer in sequence order,
 * checks the rules of the ledger as it goes (no grant below zero, no hold admitted past a hard
 * limit or into debt), then checks that every stored projection equals its replay.
 */
import type { Micros } from "./amount.ts";
import { formatDecimal } from "./amount.ts";
import { limits } from "./limits.ts";
import type { Grant, Hold, PeriodCounter, Pool, Transfer } from "./model.ts";
import { type Period, periods } from "./period.ts";
import { addToCounter } from "./state.ts";

export interface LedgerSnapshot {
  readonly organizationId: string;
  readonly nextSequence: number;
  readonly pools: readonly Pool[];
  readonly grants: readonly Grant[];
  readonly holds: readonly Hold[];
  /** Every transfer of the organization, in sequence order. */
  readonly transfers: readonly Transfer[];
}

export interface Violation {
  readonly rule: string;
  readonly subject: string;
  readonly detail: string;
}

export interface VerifyReport {
  readonly organizationId: string;
  readonly counts: { transfers: number; pools: number; grants: number; holds: number };
  readonly checks: readonly string[];
  readonly violations: readonly Violation[];
}

export const verifyChecks = [
  "transfer sequences run 1..n without gaps",
  "every transfer moves a positive amount between two known accounts of its kind",
  "all account balances sum to zero",
  "no grant balance ever goes below zero",
  "no hold was admitted past a hard limit on its path",
  "no hold was admitted while its carrier had debt",
  "grant remaining, held and amount equal their replay",
  "hold balances equal their status and amount",
  "pool held, debt, consumption and overage counters equal their replay",
  "every pool's running totals stay within their bound",
] as const;

interface Replay {
  readonly balances: Map<string, Micros>;
  readonly grantHeld: Map<string, Micros>;
  readonly grantIssued: Map<string, Micros>;
  readonly holdFunded: Map<string, Micros>;
  readonly poolHeld: Map<string, Micros>;
  readonly overageHeld: Map<string, Micros>;
  readonly consumed: Map<string, Record<Period, PeriodCounter>>;
  readonly overageUsed: Map<string, Record<Period, PeriodCounter>>;
}

export function verifyLedger(snapshot: LedgerSnapshot): VerifyReport {
  const violations: Violation[] = [];
  const flag = (rule: string, subject: string, detail: string) =>
    violations.push({ rule, subject, detail });
  const pools = new Map(snapshot.pools.map((pool) => [pool.id, pool]));
  const grants = new Map(snapshot.grants.map((grant) => [grant.id, grant]));
  const holds = new Map(snapshot.holds.map((hold) => [hold.id, hold]));
  const tree = new PoolTree(pools);
  const replay: Replay = {
    balances: new Map(),
    grantHeld: new Map(),
    grantIssued: new Map(),
    holdFunded: new Map(),
    poolHeld: new Map(),
    overageHeld: new Map(),
    consumed: new Map(),
    overageUsed: new Map(),
  };
  const admitted = new Set<string>();

  let expected = 1;
  for (const transfer of snapshot.transfers) {
    if (transfer.sequence !== expected) {
      flag(
        "sequence",
        `transfer ${transfer.id}`,
        `sequence ${transfer.sequence}, expected ${expected}`,
      );
    }
    expected = transfer.sequence + 1;
    const shapeError = shapeProblem(transfer, pools, grants, holds);
    if (shapeError !== null) {
      flag("shape", `transfer ${transfer.id}`, shapeError);
      continue;
    }
    if (transfer.kind === "hold" && transfer.holdId !== null && !admitted.has(transfer.holdId)) {
      admitted.add(transfer.holdId);
      const hold = holds.get(transfer.holdId);
      if (hold !== undefined) checkAdmission(hold, transfer, tree, replay, flag);
    }
    applyTransfer(transfer, tree, replay);
    for (const account of [transfer.debitAccount, transfer.creditAccount]) {
      if (account.startsWith("grant:") && (replay.balances.get(account) ?? 0n) < 0n) {
        flag(
          "grant_below_zero",
          account,
          `balance ${formatDecimal(replay.balances.get(account) ?? 0n)} after sequence ${transfer.sequence}`,
        );
      }
    }
  }
  if (expected !== snapshot.nextSequence) {
    flag(
      "sequence",
      snapshot.organizationId,
      `next sequence is ${snapshot.nextSequence}, journal ends at ${expected - 1}`,
    );
  }
  let sum = 0n;
  for (const balance of replay.balances.values()) sum += balance;
  if (sum !== 0n)
    flag("sum_zero", snapshot.organizationId, `balances sum to ${formatDecimal(sum)}`);
  compareGrants(snapshot.grants, replay, flag);
  compareHolds(snapshot.holds, replay, flag);
  comparePools(snapshot.pools, replay, flag);
  return {
    organizationId: snapshot.organizationId,
    counts: {
      transfers: snapshot.transfers.length,
      pools: snapshot.pools.length,
      grants: snapshot.grants.length,
      holds: snapshot.holds.length,
    },
    checks: verifyChecks,
    violations,
  };
}

type Flag = (rule: string, subject: string, detail: string) => void;

class PoolTree {
  private readonly paths = new Map<string, Pool[]>();
  constructor(readonly pools: Map<string, Pool>) {}

  path(poolId: string): Pool[] {
    const known = this.paths.get(poolId);
    if (known !== undefined) return known;
    const path: Pool[] = [];
    let current = this.pools.get(poolId);
    while (current !== undefined) {
      path.push(current);
      current = current.parentId === null ? undefined : this.pools.get(current.parentId);
    }
    this.paths.set(poolId, path);
    return path;
  }

  carrier(poolId: string): Pool | undefined {
    for (const pool of this.path(poolId))
      if (!pool.drawsFromParent || pool.parentId === null) return pool;
    return undefined;
  }
}

const accountPattern = /^(issuance|overage|breakage)$|^(grant|hold|consumed|debt):(.+)$/;

function shapeProblem(
  t: Transfer,
  pools: Map<string, Pool>,
  grants: Map<string, Grant>,
  holds: Map<string, Hold>,
): string | null {
  if (t.amount <= 0n) return `amount ${formatDecimal(t.amount)} is not positive`;
  if (!pools.has(t.poolId)) return `pool ${t.poolId} does not exist`;
  for (const account of [t.debitAccount, t.creditAccount]) {
    const match = accountPattern.exec(account);
    if (match === null) return `account ${account} is not a known account`;
    const [, , type, id = ""] = match;
    if (type === "grant" && !grants.has(id)) return `account ${account} names no grant`;
    if (type === "hold" && !holds.has(id)) return `account ${account} names no hold`;
    if ((type === "consumed" || type === "debt") && !pools.has(id))
      return `account ${account} names no pool`;
  }
  const from = t.debitAccount.split(":")[0];
  const to = t.creditAccount.split(":")[0];
  const allowed: Record<Transfer["kind"], string[]> = {
    grant: ["issuance>grant"],
    hold: ["grant>hold", "overage>hold"],
    capture: ["hold>consumed"],
    release: ["hold>grant", "hold>overage"],
    expire: ["hold>grant", "hold>overage", "grant>breakage"],
    void: ["grant>breakage"],
    usage: ["grant>consumed", "overage>consumed"],
    debt: ["debt>consumed"],
    debt_payment: ["grant>debt"],
  };
  if (!allowed[t.kind].includes(`${from}>${to}`))
    return `a ${t.kind} transfer cannot move ${from} to ${to}`;
  return null;
}

function add(map: Map<string, Micros>, key: string, delta: Micros): void {
  map.set(key, (map.get(key) ?? 0n) + delta);
}

function countersOf(map: Map<string, Record<Period, PeriodCounter>>, poolId: string) {
  let counters = map.get(poolId);
  if (counters === undefined) {
    counters = {
      day: { start: 0, amount: 0n },
      week: { start: 0, amount: 0n },
      month: { start: 0, amount: 0n },
    };
    map.set(poolId, counters);
  }
  return counters;
}

function applyTransfer(t: Transfer, tree: PoolTree, replay: Replay): void {
  add(replay.balances, t.debitAccount, -t.amount);
  add(replay.balances, t.creditAccount, t.amount);
  const fromHold = t.debitAccount.startsWith("hold:");
  if (t.kind === "grant" && t.grantId !== null) add(replay.grantIssued, t.grantId, t.amount);
  if (t.kind === "hold" && t.holdId !== null) {
    add(replay.holdFunded, t.holdId, t.amount);
    for (const pool of tree.path(t.poolId)) add(replay.poolHeld, pool.id, t.amount);
    if (t.grantId !== null) add(replay.grantHeld, t.grantId, t.amount);
    else add(replay.overageHeld, tree.carrier(t.poolId)?.id ?? "", t.amount);
  }
  if (fromHold) {
    for (const pool of tree.path(t.poolId)) add(replay.poolHeld, pool.id, -t.amount);
    if (t.grantId !== null) add(replay.grantHeld, t.grantId, -t.amount);
    else add(replay.overageHeld, tree.carrier(t.poolId)?.id ?? "", -t.amount);
  }
  if (t.creditAccount.startsWith("consumed:")) {
    for (const pool of tree.path(t.poolId)) {
      const counters = countersOf(replay.consumed, pool.id);
      for (const period of periods) addToCounter(counters[period], t.at, period, t.amount);
    }
    const fromOverage = t.debitAccount === "overage" || (fromHold && t.grantId === null);
    const carrier = tree.carrier(t.poolId);
    if (fromOverage && carrier !== undefined) {
      const counters = countersOf(replay.overageUsed, carrier.id);
      for (const period of periods) addToCounter(counters[period], t.at, period, t.amount);
    }
  }
}

function checkAdmission(
  hold: Hold,
  first: Transfer,
  tree: PoolTree,
  replay: Replay,
  flag: Flag,
): void {
  const at = first.at;
  const carrier = tree.carrier(hold.poolId);
  if (carrier !== undefined && (replay.balances.get(`debt:${carrier.id}`) ?? 0n) < 0n) {
    flag(
      "admitted_in_debt",
      `hold ${hold.id}`,
      `carrier ${carrier.id} had debt when the hold was made`,
    );
  }
  for (const pool of tree.path(hold.poolId)) {
    const limit = pool.limit;
    // Only the current limit is known: holds made before it was set are not judged by it.
    if (limit === null || limit.kind !== "hard" || pool.limitSequence > first.sequence) continue;
    const counter = countersOf(replay.consumed, pool.id)[limit.period];
    const probe = { start: counter.start, amount: counter.amount };
    addToCounter(probe, at, limit.period, 0n);
    const used = probe.amount + (replay.poolHeld.get(pool.id) ?? 0n) + hold.amount;
    if (used > limit.amount) {
      flag(
        "hard_limit",
        `hold ${hold.id}`,
        `pool ${pool.id} would reach ${formatDecimal(used)} of its limit ${formatDecimal(limit.amount)}`,
      );
    }
  }
}

function compareGrants(grants: readonly Grant[], replay: Replay, flag: Flag): void {
  for (const grant of grants) {
    const balance = replay.balances.get(`grant:${grant.id}`) ?? 0n;
    if (balance !== grant.remaining) {
      flag(
        "projection",
        `grant ${grant.id}`,
        `remaining ${formatDecimal(grant.remaining)}, journal says ${formatDecimal(balance)}`,
      );
    }
    const held = replay.grantHeld.get(grant.id) ?? 0n;
    if (held !== grant.held)
      flag(
        "projection",
        `grant ${grant.id}`,
        `held ${formatDecimal(grant.held)}, journal says ${formatDecimal(held)}`,
      );
    const issued = replay.grantIssued.get(grant.id) ?? 0n;
    if (issued !== grant.amount)
      flag(
        "projection",
        `grant ${grant.id}`,
        `amount ${formatDecimal(grant.amount)}, issued ${formatDecimal(issued)}`,
      );
  }
}

function compareHolds(holds: readonly Hold[], replay: Replay, flag: Flag): void {
  for (const hold of holds) {
    const balance = replay.balances.get(`hold:${hold.id}`) ?? 0n;
    const expected = hold.status === "held" ? hold.amount : 0n;
    if (balance !== expected)
      flag(
        "projection",
        `hold ${hold.id}`,
        `${hold.status} with balance ${formatDecimal(balance)}`,
      );
    const funded = replay.holdFunded.get(hold.id) ?? 0n;
    if (funded !== hold.amount)
      flag(
        "projection",
        `hold ${hold.id}`,
        `amount ${formatDecimal(hold.amount)}, funded ${formatDecimal(funded)}`,
      );
  }
}

function comparePools(pools: readonly Pool[], replay: Replay, flag: Flag): void {
  for (const pool of pools) {
    const subject = `pool ${pool.id}`;
    const held = replay.poolHeld.get(pool.id) ?? 0n;
    if (held !== pool.held)
      flag(
        "projection",
        subject,
        `held ${formatDecimal(pool.held)}, journal says ${formatDecimal(held)}`,
      );
    const debt = -(replay.balances.get(`debt:${pool.id}`) ?? 0n);
    if (debt !== pool.debt)
      flag(
        "projection",
        subject,
        `debt ${formatDecimal(pool.debt)}, journal says ${formatDecimal(debt)}`,
      );
    if (debt < 0n)
      flag("debt_negative", subject, `debt account is positive (${formatDecimal(-debt)})`);
    const overageHeld = replay.overageHeld.get(pool.id) ?? 0n;
    if (overageHeld !== pool.overageHeld) {
      flag(
        "projection",
        subject,
        `overage held ${formatDecimal(pool.overageHeld)}, journal says ${formatDecimal(overageHeld)}`,
      );
    }
    const totals = [pool.held, pool.debt, ...periods.map((p) => pool.consumed[p].amount)];
    if (totals.some((total) => total > limits.totalMicrosMax))
      flag("bounds", subject, `a running total is above ${formatDecimal(limits.totalMicrosMax)}`);
    compareCounters(subject, "consumed", pool.consumed, countersOf(replay.consumed, pool.id), flag);
    compareCounters(
      subject,
      "overage used",
      pool.overageUsed,
      countersOf(replay.overageUsed, pool.id),
      flag,
    );
  }
}

function compareCounters(
  subject: string,
  name: string,
  stored: Record<Period, PeriodCounter>,
  replayed: Record<Period, PeriodCounter>,
  flag: Flag,
): void {
  for (const period of periods) {
    const a = stored[period];
    const b = replayed[period];
    const same = a.amount === b.amount && (a.start === b.start || a.amount === 0n);
    if (!same) {
      flag(
        "projection",
        subject,
        `${name} this ${period} ${formatDecimal(a.amount)} from ${a.start}, journal says ${formatDecimal(b.amount)} from ${b.start}`,
      );
    }
  }
}
