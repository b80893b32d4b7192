/**
 * Building and walking an organization's ledger state: the pool tree (path, draw chain, carrier),
 * period counters, and the bookkeeping that keeps grants in burn order.
 */
import type { Micros } from "./amount.ts";
import { insertInBurnOrder } from "./burn-order.ts";
import { DueQueue } from "./due.ts";
import { invariant } from "./invariant.ts";
import { limits } from "./limits.ts";
import type { Grant, Hold, LedgerState, PeriodCounter, Pool } from "./model.ts";
import { noDueTime } from "./model.ts";
import { type Period, periodStart, periods } from "./period.ts";

export function emptyLedgerState(
  organizationId: string,
  now: number,
  nextSequence = 1,
): LedgerState {
  return {
    organizationId,
    now,
    nextSequence,
    nextDueAt: noDueTime,
    due: new DueQueue(),
    pools: new Map(),
    grants: new Map(),
    grantsByPool: new Map(),
    holds: new Map(),
    tallies: new Map(),
    subjectHeld: new Map(),
    reservingChildren: new Map(),
    governedPools: new Set(),
    dirty: { pools: new Set(), grants: new Set(), holds: new Set(), tallies: new Set() },
  };
}

export function emptyCounter(): PeriodCounter {
  return { start: 0, amount: 0n };
}

export function counterAmount(counter: PeriodCounter, now: number, period: Period): Micros {
  return counter.start === periodStart(now, period) ? counter.amount : 0n;
}

export function addToCounter(counter: PeriodCounter, now: number, period: Period, delta: Micros) {
  const start = periodStart(now, period);
  if (counter.start !== start) {
    counter.start = start;
    counter.amount = 0n;
  }
  counter.amount += delta;
}

export function requirePool(state: LedgerState, poolId: string): Pool {
  const pool = state.pools.get(poolId);
  invariant(pool !== undefined, `pool ${poolId} is loaded`);
  return pool;
}

/** The pool and all its ancestors, nearest first. */
export function pathOf(state: LedgerState, poolId: string): Pool[] {
  const path: Pool[] = [];
  let current: Pool | undefined = requirePool(state, poolId);
  while (current !== undefined) {
    path.push(current);
    current = current.parentId === null ? undefined : state.pools.get(current.parentId);
  }
  return path;
}

/** The path up to and including the first pool that does not draw from its parent. */
export function drawChainOf(state: LedgerState, poolId: string): Pool[] {
  const chain: Pool[] = [];
  let current: Pool | undefined = requirePool(state, poolId);
  while (current !== undefined) {
    chain.push(current);
    if (!current.drawsFromParent || current.parentId === null) break;
    current = state.pools.get(current.parentId);
  }
  return chain;
}

export function carrierOf(state: LedgerState, poolId: string): Pool {
  const chain = drawChainOf(state, poolId);
  const carrier = chain[chain.length - 1];
  invariant(carrier !== undefined, "a draw chain is never empty");
  return carrier;
}

/** A pool's hard limit as it stands at `now`, with its boost while that lasts; null if none. */
export function hardLimitAmount(pool: Pool, now: number): Micros | null {
  if (pool.limit === null || pool.limit.kind !== "hard") return null;
  const boost = pool.boost;
  return boost !== null && now < boost.until ? pool.limit.amount + boost.amount : pool.limit.amount;
}

export function consumedThisPeriod(pool: Pool, now: number): Micros {
  const period = pool.limit?.period ?? "month";
  return counterAmount(pool.consumed[period], now, period);
}

/**
 * What a pool may still take before a running total passes its bound: `limits.totalMicrosMax`
 * less held and the largest of this period's consumption counters (day, week, month). Every
 * pool's totals stay within it, so none can pass the 64-bit range of storage.
 */
export function roomUnderTotalMax(pool: Pool, now: number): Micros {
  let peak = 0n;
  for (const period of periods) {
    const consumed = counterAmount(pool.consumed[period], now, period);
    if (consumed > peak) peak = consumed;
  }
  return limits.totalMicrosMax - peak - pool.held;
}

/** Counts a consumption at `poolId` against every pool on its path, for every period kind. */
export function recordConsumption(state: LedgerState, poolId: string, amount: Micros): void {
  for (const pool of pathOf(state, poolId)) {
    for (const period of periods) addToCounter(pool.consumed[period], state.now, period, amount);
    invariant(
      roomUnderTotalMax(pool, state.now) >= 0n,
      `consumption of pool ${pool.id} stays within bounds`,
    );
    state.dirty.pools.add(pool);
  }
}

/** Counts overage drawn at a carrier, for every period kind. */
export function recordOverageUse(state: LedgerState, carrier: Pool, amount: Micros): void {
  for (const period of periods)
    addToCounter(carrier.overageUsed[period], state.now, period, amount);
  state.dirty.pools.add(carrier);
}

export function periodCounters(): Record<Period, PeriodCounter> {
  return { day: emptyCounter(), week: emptyCounter(), month: emptyCounter() };
}

export function addHeldOnPath(state: LedgerState, poolId: string, delta: Micros): void {
  for (const pool of pathOf(state, poolId)) {
    pool.held += delta;
    invariant(pool.held >= 0n, `held of pool ${pool.id} stays non-negative`);
    invariant(pool.held <= limits.totalMicrosMax, `held of pool ${pool.id} stays within bounds`);
    state.dirty.pools.add(pool);
  }
}

export function unusedOverage(carrier: Pool, now: number): Micros {
  const limit = carrier.overageLimit;
  if (limit === null) return 0n;
  const used = counterAmount(carrier.overageUsed[limit.period], now, limit.period);
  const unused = limit.amount - used - carrier.overageHeld;
  return unused > 0n ? unused : 0n;
}

export function addPool(state: LedgerState, pool: Pool): void {
  invariant(!state.pools.has(pool.id), `pool ${pool.id} is new`);
  state.pools.set(pool.id, pool);
  state.grantsByPool.set(pool.id, []);
  indexPolicy(state, pool);
  state.dirty.pools.add(pool);
}

/**
 * Keeps the indexes derived from pools' policies in step, after a pool is added or its policy,
 * or its archiving, changes: `reservingChildren` (a pool's children with a reservation) and
 * `governedPools` (pools with caps, rate limits, allow-lists, a throttle or a gate). An
 * organization with none of these pays nothing for governance on its hot path; the first one
 * set has what members and keys hold now counted from the open holds.
 */
export function indexPolicy(state: LedgerState, pool: Pool): void {
  const wasGoverned = state.governedPools.size > 0;
  const { policy } = pool;
  const governs =
    pool.archivedAt === null &&
    (policy.memberCap !== null ||
      policy.keyCap !== null ||
      policy.rateLimits.length > 0 ||
      policy.allowedModels !== null ||
      policy.softThrottle != null ||
      policy.approvalAbove != null);
  if (governs) state.governedPools.add(pool);
  else state.governedPools.delete(pool);
  if (!wasGoverned && state.governedPools.size > 0) {
    state.subjectHeld.clear();
    for (const hold of state.holds.values())
      if (hold.status === "held") addSubjectHeld(state, hold, hold.amount);
  }
  if (state.governedPools.size === 0) state.subjectHeld.clear();
  if (pool.parentId === null) return;
  const children = state.reservingChildren.get(pool.parentId);
  if (pool.policy.reserved === null || pool.archivedAt !== null) {
    children?.delete(pool);
    if (children?.size === 0) state.reservingChildren.delete(pool.parentId);
    return;
  }
  if (children === undefined) state.reservingChildren.set(pool.parentId, new Set([pool]));
  else children.add(pool);
}

/** Adds a grant to the state; open grants also take their place in the pool's burn order. */
export function addGrant(state: LedgerState, grant: Grant): void {
  state.grants.set(grant.id, grant);
  if (grant.closed !== null) return;
  const ordered = state.grantsByPool.get(grant.poolId);
  invariant(ordered !== undefined, `pool ${grant.poolId} of grant ${grant.id} is loaded`);
  insertInBurnOrder(ordered, grant);
  state.due.addGrant(grant);
  noteDue(state, grant.activated ? grant.expiresAt : grant.effectiveAt);
}

export function addHold(state: LedgerState, hold: Hold): void {
  state.holds.set(hold.id, hold);
  state.due.addHold(hold);
  if (hold.status !== "held") return;
  noteDue(state, hold.expiresAt);
  addSubjectHeld(state, hold, hold.amount);
}

/** The subjects a hold or usage counts for: its member (`m:`) and its key (`k:`). */
export function subjectsOf(memberId: string | null, keyId: string | null): string[] {
  const subjects: string[] = [];
  if (memberId !== null) subjects.push(`m:${memberId}`);
  if (keyId !== null) subjects.push(`k:${keyId}`);
  return subjects;
}

/**
 * Adds `delta` to what the hold's member and key hold at every pool of its path; kept only while
 * some pool is governed (`indexPolicy` counts it afresh when the first one is).
 */
export function addSubjectHeld(state: LedgerState, hold: Hold, delta: Micros): void {
  if (state.governedPools.size === 0) return;
  const subjects = subjectsOf(hold.memberId, hold.keyId);
  if (subjects.length === 0) return;
  for (const pool of pathOf(state, hold.poolId)) {
    for (const subject of subjects) {
      const key = `${pool.id}|${subject}`;
      const held = (state.subjectHeld.get(key) ?? 0n) + delta;
      invariant(held >= 0n, `held by ${subject} at ${pool.id} stays non-negative`);
      if (held === 0n) state.subjectHeld.delete(key);
      else state.subjectHeld.set(key, held);
    }
  }
}

export function subjectHeldAt(state: LedgerState, poolId: string, subject: string): Micros {
  return state.subjectHeld.get(`${poolId}|${subject}`) ?? 0n;
}

export function noteDue(state: LedgerState, at: number | null): void {
  if (at !== null && at < state.nextDueAt) state.nextDueAt = at;
}

/** Removes a closed grant from its pool's burn order. */
export function removeFromBurnOrder(state: LedgerState, grant: Grant): void {
  const ordered = state.grantsByPool.get(grant.poolId);
  if (ordered === undefined) return;
  const index = ordered.indexOf(grant);
  if (index >= 0) ordered.splice(index, 1);
}

/**
 * Whether nothing can happen to a grant any more without a command naming it: it is closed, or
 * spent with nothing held and no expiry still to apply. Live grants are kept in the state.
 */
export function isSettledGrant(grant: Grant): boolean {
  if (grant.held > 0n) return false;
  if (grant.closed !== null) return true;
  return grant.activated && grant.remaining === 0n && grant.expiresAt === null;
}

/**
 * Forgets what no later command can change without the engine loading it again: settled holds and
 * settled grants among those the batch touched (its dirty rows) or loaded. Only those can have
 * settled since the last prune, so the cost follows the batch, not the number of open holds.
 * Call after the dirty rows are written, before they are cleared.
 */
export function pruneSettled(state: LedgerState, loaded: Iterable<Hold | Grant> = []): void {
  const forget = (object: Hold | Grant) => {
    if ("status" in object) {
      if (object.status !== "held" && state.holds.get(object.id) === object)
        state.holds.delete(object.id);
    } else if (isSettledGrant(object) && state.grants.get(object.id) === object) {
      state.grants.delete(object.id);
      removeFromBurnOrder(state, object);
    }
  };
  for (const hold of state.dirty.holds) forget(hold);
  for (const grant of state.dirty.grants) forget(grant);
  for (const object of loaded) forget(object);
}

export function clearDirty(state: LedgerState): void {
  state.dirty.pools.clear();
  state.dirty.grants.clear();
  state.dirty.holds.clear();
  state.dirty.tallies.clear();
}
