/**
 * Proves an organization's ledger from its journal: replays every transfer in sequence order,
 * checks the rules of the ledger as it goes (no grant below zero, no hold admitted past a hard
 * limit or into debt), then checks that every stored projection equals its replay.
 */
import type { Micros } from "./amount.ts";
import { formatDecimal } from "./amount.ts";
import { ExpiryChangePairs } from "./expiry-change-pairs.ts";
import { limits } from "./limits.ts";
import type { Grant, Hold, PeriodCounter, Pool, Transfer } from "./model.ts";
import { type Period, periods } from "./period.ts";
import { addToCounter } from "./state.ts";
import { reallocationProblem } from "./verify-reallocation.ts";
import { ReservationReplay } from "./verify-reservations.ts";

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
  "every expiry change gives its grant back at once exactly what it took",
  "every reallocation moves credits between a grant and the grant reallocated from it",
  "all account balances sum to zero",
  "no grant balance ever goes below zero",
  "no hold was admitted past a hard limit on its path",
  "no hold was admitted while its carrier had debt",
  "grant remaining, held and amount equal their replay",
  "hold balances equal their status and amount",
  "pool held, debt, consumption and overage counters equal their replay",
  "what each pool's subtree drew from and holds on its parent's grants equals its replay",
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
  readonly reservations: ReservationReplay;
}

/** How a streaming verifier finds the objects a transfer names, as of that transfer. */
export interface LedgerObjects {
  pool(id: string): Pool | undefined;
  grant(id: string): Grant | undefined;
  hold(id: string): Hold | undefined;
}

/** What `JournalVerifier.finish` compares with the replay: the objects still kept. */
export type LedgerEnd = Omit<LedgerSnapshot, "transfers">;

/**
 * Proves a journal as it is read, one transfer at a time, so a journal of any length is proved
 * in memory that follows the objects still kept, not the transfers. `forget` proves a settled
 * hold or grant's projection against the replay and lets its figures go (its balance is zero, so
 * the sum still balances); `finish` proves what is left. `verifyLedger` is the one-shot use.
 */
export class JournalVerifier {
  private readonly violations: Violation[] = [];
  private readonly tree: PoolTree;
  private readonly replay: Replay = {
    balances: new Map(),
    grantHeld: new Map(),
    grantIssued: new Map(),
    holdFunded: new Map(),
    poolHeld: new Map(),
    overageHeld: new Map(),
    consumed: new Map(),
    overageUsed: new Map(),
    reservations: new ReservationReplay(),
  };
  private readonly admitted = new Set<string>();
  private expected = 1;
  private transferCount = 0;
  /** The balances of forgotten accounts, still part of the sum that must be zero. */
  private forgottenSum = 0n;
  private readonly flag: Flag = (rule, subject, detail) =>
    this.violations.push({ rule, subject, detail });
  private readonly expiryChanges = new ExpiryChangePairs(this.flag);

  constructor(
    readonly organizationId: string,
    private readonly objects: LedgerObjects,
  ) {
    this.tree = new PoolTree(objects);
  }

  /** Replays one transfer (the next by sequence) and checks the rules it could break. */
  add(transfer: Transfer): void {
    const { replay, flag } = this;
    this.transferCount += 1;
    if (transfer.sequence !== this.expected) {
      flag(
        "sequence",
        `transfer ${transfer.id}`,
        `sequence ${transfer.sequence}, expected ${this.expected}`,
      );
    }
    this.expected = transfer.sequence + 1;
    this.expiryChanges.add(transfer);
    const shapeError = shapeProblem(transfer, this.objects);
    if (shapeError !== null) {
      flag("shape", `transfer ${transfer.id}`, shapeError);
      return;
    }
    if (
      transfer.kind === "hold" &&
      transfer.holdId !== null &&
      !this.admitted.has(transfer.holdId)
    ) {
      this.admitted.add(transfer.holdId);
      const hold = this.objects.hold(transfer.holdId);
      if (hold !== undefined) checkAdmission(hold, transfer, this.tree, replay, flag);
    }
    applyTransfer(transfer, this.tree, replay);
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

  /** An account's balance as replayed so far (zero for one never moved or forgotten). */
  balanceOf(account: string): Micros {
    return this.replay.balances.get(account) ?? 0n;
  }

  /**
   * Proves a hold or grant no later transfer will name against the replay, then forgets its
   * figures. Forgetting one that moves again makes its later transfers violations.
   */
  forget(object: Grant | Hold): void {
    const { replay } = this;
    const account = "status" in object ? `hold:${object.id}` : `grant:${object.id}`;
    if ("status" in object) {
      compareHolds([object], replay, this.flag);
      replay.holdFunded.delete(object.id);
      this.admitted.delete(object.id);
    } else {
      compareGrants([object], replay, this.flag);
      replay.grantHeld.delete(object.id);
      replay.grantIssued.delete(object.id);
    }
    this.forgottenSum += replay.balances.get(account) ?? 0n;
    replay.balances.delete(account);
  }

  /** Proves the end of the journal and every object still kept; answers the whole report. */
  finish(end: LedgerEnd): VerifyReport {
    const { replay, flag } = this;
    if (this.expected !== end.nextSequence) {
      flag(
        "sequence",
        end.organizationId,
        `next sequence is ${end.nextSequence}, journal ends at ${this.expected - 1}`,
      );
    }
    this.expiryChanges.finish();
    let sum = this.forgottenSum;
    for (const balance of replay.balances.values()) sum += balance;
    if (sum !== 0n) flag("sum_zero", end.organizationId, `balances sum to ${formatDecimal(sum)}`);
    compareGrants(end.grants, replay, flag);
    compareHolds(end.holds, replay, flag);
    comparePools(end.pools, replay, flag);
    replay.reservations.compare(end.pools, flag);
    return {
      organizationId: end.organizationId,
      counts: {
        transfers: this.transferCount,
        pools: end.pools.length,
        grants: end.grants.length,
        holds: end.holds.length,
      },
      checks: verifyChecks,
      violations: [...this.violations],
    };
  }
}

export function verifyLedger(snapshot: LedgerSnapshot): VerifyReport {
  const pools = new Map(snapshot.pools.map((pool) => [pool.id, pool]));
  const grants = new Map(snapshot.grants.map((grant) => [grant.id, grant]));
  const holds = new Map(snapshot.holds.map((hold) => [hold.id, hold]));
  const verifier = new JournalVerifier(snapshot.organizationId, {
    pool: (id) => pools.get(id),
    grant: (id) => grants.get(id),
    hold: (id) => holds.get(id),
  });
  for (const transfer of snapshot.transfers) verifier.add(transfer);
  return verifier.finish(snapshot);
}

type Flag = (rule: string, subject: string, detail: string) => void;

class PoolTree {
  private readonly paths = new Map<string, Pool[]>();
  constructor(private readonly objects: LedgerObjects) {}

  path(poolId: string): Pool[] {
    const known = this.paths.get(poolId);
    if (known !== undefined) return known;
    const path: Pool[] = [];
    let current = this.objects.pool(poolId);
    while (current !== undefined) {
      path.push(current);
      current = current.parentId === null ? undefined : this.objects.pool(current.parentId);
    }
    this.paths.set(poolId, path);
    return path;
  }

  grantPool(grantId: string | null): string | undefined {
    return grantId === null ? undefined : this.objects.grant(grantId)?.poolId;
  }

  carrier(poolId: string): Pool | undefined {
    for (const pool of this.path(poolId))
      if (!pool.drawsFromParent || pool.parentId === null) return pool;
    return undefined;
  }
}

const accountPattern = /^(issuance|overage|breakage)$|^(grant|hold|consumed|debt):(.+)$/;

function shapeProblem(t: Transfer, objects: LedgerObjects): string | null {
  if (t.amount <= 0n) return `amount ${formatDecimal(t.amount)} is not positive`;
  if (objects.pool(t.poolId) === undefined) return `pool ${t.poolId} does not exist`;
  for (const account of [t.debitAccount, t.creditAccount]) {
    const match = accountPattern.exec(account);
    if (match === null) return `account ${account} is not a known account`;
    const [, , type, id = ""] = match;
    if (type === "grant" && objects.grant(id) === undefined)
      return `account ${account} names no grant`;
    if (type === "hold" && objects.hold(id) === undefined)
      return `account ${account} names no hold`;
    if ((type === "consumed" || type === "debt") && objects.pool(id) === undefined)
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
    rollover: ["grant>issuance"],
    void: ["grant>breakage"],
    usage: ["grant>consumed", "overage>consumed"],
    debt: ["debt>consumed"],
    debt_payment: ["grant>debt"],
    expiry_change: ["grant>issuance", "issuance>grant"],
    reallocation: ["grant>grant"],
  };
  if (!allowed[t.kind].includes(`${from}>${to}`))
    return `a ${t.kind} transfer cannot move ${from} to ${to}`;
  if (t.kind === "reallocation") return reallocationProblem(t, objects);
  return t.kind === "rollover" ? rolloverProblem(t, objects) : null;
}

/** A rollover moves at most its grant's cap, and its rollover grant is made of exactly that. */
function rolloverProblem(t: Transfer, objects: LedgerObjects): string | null {
  const terms = t.grantId === null ? undefined : objects.grant(t.grantId)?.rollover;
  if (terms === undefined || terms === null) return `grant ${t.grantId} has no rollover terms`;
  if (t.amount > terms.cap)
    return `rollover of ${formatDecimal(t.amount)} is above the cap ${formatDecimal(terms.cap)}`;
  const carried = objects.grant(terms.grantId);
  if (carried === undefined || carried.amount !== t.amount || carried.source !== "rollover")
    return `rollover grant ${terms.grantId} is not a rollover grant of ${formatDecimal(t.amount)}`;
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
  replay.reservations.apply(t, tree.path(t.poolId), tree.grantPool(t.grantId));
  const fromHold = t.debitAccount.startsWith("hold:");
  if (t.kind === "grant" && t.grantId !== null) add(replay.grantIssued, t.grantId, t.amount);
  // A reallocated grant is made of the credits its first reallocation transfer brings.
  if (t.kind === "reallocation" && t.grantId !== null && t.creditAccount === `grant:${t.grantId}`)
    add(replay.grantIssued, t.grantId, t.amount);
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
    // A boost set at or before the hold (limitSequence says so) counted while it lasted.
    const boost = pool.boost !== null && at < pool.boost.until ? pool.boost.amount : 0n;
    if (used > limit.amount + boost) {
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
