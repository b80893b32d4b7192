/**
 * Governance of holds beyond limits and credits: reservations that protect a parent's own grants
 * for a child's subtree, caps per member and per key, token-bucket rate limits, and model
 * allow-lists. What these count lives in the state's tallies (`tallies` for what must be stored,
 * `subjectHeld` and the pools' `parentHeld` for what open holds hold now).
 */
import type { Micros } from "./amount.ts";
import type { Command } from "./commands.ts";
import { invariant } from "./invariant.ts";
import type {
  LedgerState,
  PeriodAmount,
  PeriodCounter,
  Pool,
  RateLimit,
  RateScope,
  SoftThrottle,
} from "./model.ts";
import { periods } from "./period.ts";
import { addToCounter, consumedThisPeriod, counterAmount, pathOf, subjectHeldAt } from "./state.ts";

/** Who a hold or usage is for, as its caps and rate limits see it. */
export interface Subjects {
  readonly memberId: string | null;
  readonly keyId: string | null;
}

// ---------------------------------------------------------------------------------------------
// Reservations

/** unused(C) = max(0, reserved(C) − what C's subtree drew from or holds on its parent's grants). */
export function unusedReservation(pool: Pool, now: number): Micros {
  const reserved = pool.policy.reserved;
  if (reserved === null) return 0n;
  const used = counterAmount(pool.parentDrawn[reserved.period], now, reserved.period);
  const unused = reserved.amount - used - pool.parentHeld;
  return unused > 0n ? unused : 0n;
}

/**
 * What of `parent`'s own grants a hold or usage at a pool of `path` may not take: the unused
 * reservations of the parent's children that are not on that path.
 */
export function protectedAt(state: LedgerState, parent: Pool, path: ReadonlySet<Pool>): Micros {
  const children = state.reservingChildren.get(parent.id);
  if (children === undefined) return 0n;
  let total = 0n;
  for (const child of children) {
    if (!path.has(child)) total += unusedReservation(child, state.now);
  }
  return total;
}

/**
 * Counts a draw on `grantPoolId`'s grants by a consumption at `poolId` against the reservation of
 * the child of the grant's pool on the consumer's path: `held` while a hold holds it (a negative
 * amount when it is returned), `drawn` once consumed.
 */
export function noteParentDraw(
  state: LedgerState,
  poolId: string,
  grantPoolId: string,
  amount: Micros,
  kind: "held" | "drawn",
): void {
  if (amount === 0n || poolId === grantPoolId) return;
  const child = pathOf(state, poolId).find((pool) => pool.parentId === grantPoolId);
  invariant(child !== undefined, `pool ${poolId} lies under ${grantPoolId}`);
  if (kind === "held") {
    // A hold made before its database had these counters (migration 14) was never counted:
    // returning it must not take the count below zero and stop the organization. Such a pool's
    // counters are low until those holds settle, and `verify` says so; never otherwise.
    child.parentHeld += amount;
    if (child.parentHeld < 0n) child.parentHeld = 0n;
  } else {
    for (const period of periods)
      addToCounter(child.parentDrawn[period], state.now, period, amount);
  }
  state.dirty.pools.add(child);
}

// ---------------------------------------------------------------------------------------------
// Tallies: caps and rate-limit buckets, stored per key

export function capTallyKey(poolId: string, cap: PeriodAmount, subject: string): string {
  return `cap:${poolId}:${cap.period}:${subject}`;
}

export type RateUnit = "requests" | "credits";

export function rateTallyKey(poolId: string, per: RateScope, subject: string, unit: RateUnit) {
  return `rate:${poolId}:${per}:${subject}:${unit === "requests" ? "r" : "c"}`;
}

export function tally(state: LedgerState, key: string): PeriodCounter {
  const counter = state.tallies.get(key);
  invariant(counter !== undefined, `tally ${key} is loaded`);
  return counter;
}

/** The caps of a pool, each with the subject it counts for this hold or usage. */
function capsAt(pool: Pool, subjects: Subjects): { cap: PeriodAmount; subject: string }[] {
  const caps: { cap: PeriodAmount; subject: string }[] = [];
  const { memberCap, keyCap } = pool.policy;
  if (memberCap !== null && subjects.memberId !== null)
    caps.push({ cap: memberCap, subject: `m:${subjects.memberId}` });
  if (keyCap !== null && subjects.keyId !== null)
    caps.push({ cap: keyCap, subject: `k:${subjects.keyId}` });
  return caps;
}

/** The subject one rate limit counts for this hold: its key, its member, or the pool; or none. */
function rateSubject(limit: RateLimit, subjects: Subjects): string | null {
  if (limit.per === "pool") return "pool";
  if (limit.per === "key") return subjects.keyId === null ? null : `k:${subjects.keyId}`;
  return subjects.memberId === null ? null : `m:${subjects.memberId}`;
}

export interface Bucket {
  readonly key: string;
  readonly poolId: string;
  readonly per: RateScope;
  readonly unit: RateUnit;
  readonly perMinute: bigint;
  readonly cost: bigint;
}

/**
 * Every bucket a hold of `amount` at `poolId` draws on, its path's limits considered: worked out
 * once a hold, for its check and its take (none while no pool is governed).
 */
export function holdBuckets(
  state: LedgerState,
  poolId: string,
  amount: Micros,
  subjects: Subjects,
): Bucket[] {
  const buckets: Bucket[] = [];
  if (state.governedPools.size === 0) return buckets;
  for (const pool of pathOf(state, poolId)) {
    for (const limit of pool.policy.rateLimits) {
      const subject = rateSubject(limit, subjects);
      if (subject === null) continue;
      const shared = { poolId: pool.id, per: limit.per };
      if (limit.requestsPerMinute !== null) {
        const key = rateTallyKey(pool.id, limit.per, subject, "requests");
        const perMinute = BigInt(limit.requestsPerMinute);
        buckets.push({ ...shared, key, unit: "requests", perMinute, cost: bucketScale });
      }
      if (limit.creditsPerMinute !== null) {
        const key = rateTallyKey(pool.id, limit.per, subject, "credits");
        const cost = amount * bucketScale;
        buckets.push({ ...shared, key, unit: "credits", perMinute: limit.creditsPerMinute, cost });
      }
    }
  }
  return buckets;
}

/**
 * A bucket's level is kept in units of 1/60,000 of a request or micro-credit, so that refilling
 * `perMinute` units a minute adds exactly `perMinute` scaled units a millisecond: integers only.
 */
const bucketScale = 60_000n;

/** A bucket's level now: full when never used, else refilled since, up to a minute's worth. */
function bucketLevel(counter: PeriodCounter, now: number, perMinute: bigint): bigint {
  const capacity = perMinute * bucketScale;
  if (counter.start === 0) return capacity;
  const level = counter.amount + BigInt(Math.max(0, now - counter.start)) * perMinute;
  return level < capacity ? level : capacity;
}

export interface RateRefusal {
  readonly poolId: string;
  readonly per: RateScope;
  readonly unit: RateUnit;
  /** When the bucket will hold enough, in milliseconds; null if it never can (hold too large). */
  readonly retryAfterMs: number | null;
}

/**
 * The bucket that keeps this hold out longest, or null when every bucket can take it now. The
 * hold must wait for all its buckets, so the wait answered is the longest of the short ones
 * (a caller retrying after a shorter one would only be refused again); a bucket that can never
 * hold it answers no wait at all. Among equal waits the nearest pool's bucket is named.
 */
export function rateRefusal(state: LedgerState, buckets: readonly Bucket[]): RateRefusal | null {
  let longest: { bucket: Bucket; wait: bigint | null } | null = null;
  for (const bucket of buckets) {
    const level = bucketLevel(tally(state, bucket.key), state.now, bucket.perMinute);
    if (level >= bucket.cost) continue;
    const never = bucket.cost > bucket.perMinute * bucketScale || bucket.perMinute === 0n;
    const wait = never ? null : (bucket.cost - level + bucket.perMinute - 1n) / bucket.perMinute;
    if (wait === null) {
      longest = { bucket, wait };
      break;
    }
    if (longest === null || (longest.wait !== null && wait > longest.wait))
      longest = { bucket, wait };
  }
  if (longest === null) return null;
  const { poolId: at, per, unit } = longest.bucket;
  const { wait } = longest;
  return { poolId: at, per, unit, retryAfterMs: wait === null ? null : Number(wait) };
}

/** Takes an admitted hold's cost out of every bucket it draws on. */
export function takeFromBuckets(state: LedgerState, buckets: readonly Bucket[]): void {
  for (const bucket of buckets) {
    const counter = tally(state, bucket.key);
    const level = bucketLevel(counter, state.now, bucket.perMinute);
    invariant(level >= bucket.cost, `bucket ${bucket.key} holds the admitted hold`);
    counter.start = state.now;
    counter.amount = level - bucket.cost;
    state.dirty.tallies.add(bucket.key);
  }
}

// ---------------------------------------------------------------------------------------------
// Caps

export interface CapRefusal {
  readonly poolId: string;
  readonly subject: string;
  readonly cap: PeriodAmount;
  readonly used: Micros;
  readonly held: Micros;
}

/** The nearest pool on the path where the hold would take a member or key past its cap. */
export function capRefusal(
  state: LedgerState,
  poolId: string,
  amount: Micros,
  subjects: Subjects,
): CapRefusal | null {
  if (state.governedPools.size === 0) return null;
  for (const pool of pathOf(state, poolId)) {
    for (const { cap, subject } of capsAt(pool, subjects)) {
      const used = counterAmount(
        tally(state, capTallyKey(pool.id, cap, subject)),
        state.now,
        cap.period,
      );
      const held = subjectHeldAt(state, pool.id, subject);
      if (used + held + amount > cap.amount) return { poolId: pool.id, subject, cap, used, held };
    }
  }
  return null;
}

/** Counts consumption at `poolId` against the caps of its path. */
export function recordSubjectUse(
  state: LedgerState,
  poolId: string,
  amount: Micros,
  subjects: Subjects,
): void {
  if (amount === 0n || (subjects.memberId === null && subjects.keyId === null)) return;
  if (state.governedPools.size === 0) return;
  for (const pool of pathOf(state, poolId)) {
    for (const { cap, subject } of capsAt(pool, subjects)) {
      const key = capTallyKey(pool.id, cap, subject);
      addToCounter(tally(state, key), state.now, cap.period, amount);
      state.dirty.tallies.add(key);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Model allow-lists

/**
 * The nearest pool on the path whose allow-list leaves `model` out, or whose soft throttle (the
 * hold would take it past its soft limit) admits only other models; null when none does. Usage,
 * recorded after the fact, is flagged by allow-lists alone (`amount` null).
 */
export function modelRefusal(
  state: LedgerState,
  poolId: string,
  model: string | null,
  amount: Micros | null = null,
): { readonly poolId: string; readonly throttled: boolean } | null {
  if (model === null || state.governedPools.size === 0) return null;
  for (const pool of pathOf(state, poolId)) {
    const allowed = pool.policy.allowedModels;
    if (allowed !== null && !allowed.includes(model)) return { poolId: pool.id, throttled: false };
    const models = amount === null ? null : throttleAt(state, pool, amount)?.models;
    if (models != null && !models.includes(model)) return { poolId: pool.id, throttled: true };
  }
  return null;
}

/** A pool's soft throttle, when the hold would take the pool past its soft limit; else null. */
export function throttleAt(state: LedgerState, pool: Pool, amount: Micros): SoftThrottle | null {
  const throttle = pool.policy.softThrottle;
  if (throttle === null || pool.limit === null || pool.limit.kind !== "soft") return null;
  const used = consumedThisPeriod(pool, state.now) + pool.held + amount;
  return used > pool.limit.amount ? throttle : null;
}

/** The nearest pool on the path past whose soft limit the hold is larger than it admits. */
export function throttledSize(state: LedgerState, poolId: string, amount: Micros) {
  if (state.governedPools.size === 0) return null;
  for (const pool of pathOf(state, poolId)) {
    const maxHold = throttleAt(state, pool, amount)?.maxHold;
    if (maxHold != null && amount > maxHold) return pool.id;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Approval gates

/**
 * The highest pool on the path whose approval amount the hold is above, unless approved. The
 * highest, not the nearest: an approval lets the hold past every gate of its path, so only an
 * approver who reaches the highest of them (and with it every pool below) may give it; a key
 * bound below a gate cannot approve around it by setting a lower gate of its own.
 */
export function approvalGate(
  state: LedgerState,
  poolId: string,
  amount: Micros,
  approved: boolean,
): string | null {
  if (approved || state.governedPools.size === 0) return null;
  let highest: string | null = null;
  for (const pool of pathOf(state, poolId)) {
    const above = pool.policy.approvalAbove;
    if (above !== null && amount > above) highest = pool.id;
  }
  return highest;
}

// ---------------------------------------------------------------------------------------------
// What a command needs loaded

/** The tallies a command reads or writes: the engine loads those not in the state yet. */
export function talliesNeeded(state: LedgerState, command: Command): string[] {
  if (state.governedPools.size === 0) return [];
  switch (command.type) {
    case "create_hold": {
      if (!state.pools.has(command.poolId)) return [];
      const subjects = subjectsOfRequest(command);
      return [
        ...capKeys(state, command.poolId, subjects),
        ...holdBuckets(state, command.poolId, 0n, subjects).map((bucket) => bucket.key),
      ];
    }
    case "capture_hold": {
      const hold = state.holds.get(command.holdId);
      if (hold === undefined) return [];
      return capKeys(state, hold.poolId, hold);
    }
    case "record_usage":
      if (!state.pools.has(command.poolId)) return [];
      return capKeys(state, command.poolId, subjectsOfRequest(command));
    default:
      return [];
  }
}

function capKeys(state: LedgerState, poolId: string, subjects: Subjects): string[] {
  if (subjects.memberId === null && subjects.keyId === null) return [];
  return pathOf(state, poolId).flatMap((pool) =>
    capsAt(pool, subjects).map(({ cap, subject }) => capTallyKey(pool.id, cap, subject)),
  );
}

export function subjectsOfRequest(request: {
  readonly memberId?: string | null;
  readonly keyId?: string | null;
}): Subjects {
  return { memberId: request.memberId ?? null, keyId: request.keyId ?? null };
}
