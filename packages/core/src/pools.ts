/**
 * Creating pools in the tree, changing their limits, and archiving empty ones. `parent` never
 * changes and a pool is never deleted: an archived pool keeps its place and its history.
 */
import type { Outcome } from "./apply.ts";
import type { ArchivePool, BoostPool, CreatePool, UpdatePool } from "./commands.ts";
import { limits } from "./limits.ts";
import { emptyPolicy, type LedgerState, type Pool } from "./model.ts";
import type { ResultCode } from "./result-codes.ts";
import { addPool, indexPolicy, periodCounters } from "./state.ts";

export function newPool(
  fields: Pick<
    Pool,
    "id" | "parentId" | "depth" | "name" | "drawsFromParent" | "limit" | "overageLimit"
  > &
    Partial<Pick<Pool, "policy" | "archivedAt" | "boost">>,
  now: number,
  limitSequence = 1,
): Pool {
  return {
    ...fields,
    policy: fields.policy ?? emptyPolicy,
    archivedAt: fields.archivedAt ?? null,
    boost: fields.boost ?? null,
    limitSequence,
    createdAt: now,
    held: 0n,
    consumed: periodCounters(),
    overageUsed: periodCounters(),
    overageHeld: 0n,
    debt: 0n,
    parentDrawn: periodCounters(),
    parentHeld: 0n,
  };
}

export function createPool(state: LedgerState, command: CreatePool): ResultCode {
  const parent = state.pools.get(command.parentId);
  if (parent === undefined) return "pool_not_found";
  if (parent.archivedAt !== null) return "pool_archived";
  if (state.pools.has(command.poolId)) return "id_in_use";
  if (parent.depth + 1 > limits.poolDepthMax) return "pool_depth_exceeded";
  if (state.pools.size >= limits.poolsPerOrganizationMax) return "pool_count_exceeded";
  const pool = newPool(
    {
      id: command.poolId,
      parentId: parent.id,
      depth: parent.depth + 1,
      name: command.name,
      drawsFromParent: command.drawsFromParent,
      limit: command.limit,
      overageLimit: command.overageLimit,
      policy: { ...emptyPolicy, ...command.policy },
    },
    state.now,
    state.nextSequence,
  );
  addPool(state, pool);
  return "ok";
}

export function updatePool(state: LedgerState, command: UpdatePool): ResultCode {
  const pool = state.pools.get(command.poolId);
  if (pool === undefined) return "pool_not_found";
  if (pool.archivedAt !== null) return "pool_archived";
  if (command.name !== undefined) pool.name = command.name;
  if (command.limit !== undefined) {
    pool.limit = command.limit;
    pool.limitSequence = state.nextSequence;
  }
  if (command.overageLimit !== undefined) pool.overageLimit = command.overageLimit;
  if (command.policy !== undefined) {
    pool.policy = { ...pool.policy, ...command.policy };
    indexPolicy(state, pool);
  }
  state.dirty.pools.add(pool);
  return "ok";
}

/**
 * Raises a pool's hard limit by `amount` until `until` (at most `limits.boostDurationMsMax`
 * ahead), replacing any boost it has; an amount of 0 ends the boost. No job restores the limit:
 * the checks read the boost only while now is before `until`.
 */
export function boostPool(state: LedgerState, command: BoostPool): Outcome {
  const pool = state.pools.get(command.poolId);
  if (pool === undefined) return { code: "pool_not_found" };
  if (pool.archivedAt !== null) return { code: "pool_archived" };
  if (command.amount === 0n) {
    if (pool.boost === null) return { code: "ok" };
    pool.boost = null;
  } else {
    if (pool.limit === null || pool.limit.kind !== "hard") {
      const reason = "cannot raise a pool without a hard limit";
      return { code: "invalid_request", invalid: { param: "amount", reason } };
    }
    if (command.until <= state.now) {
      const reason = `must be after now (${new Date(state.now).toISOString()})`;
      return { code: "invalid_request", invalid: { param: "until", reason } };
    }
    if (command.until > state.now + limits.boostDurationMsMax) {
      const reason = "must be at most 31 days ahead";
      return { code: "invalid_request", invalid: { param: "until", reason } };
    }
    pool.boost = { amount: command.amount, until: command.until };
  }
  // Holds made from here on are judged by the limit as boosted (or no longer boosted) now.
  pool.limitSequence = state.nextSequence;
  state.dirty.pools.add(pool);
  return { code: "ok" };
}

/** Why a pool may not be archived now, or null when it may (DESIGN §3: it must be empty). */
export function archiveProblem(state: LedgerState, pool: Pool): string | null {
  if (pool.parentId === null) return "is the root pool, which is never archived";
  let open = 0;
  for (const other of state.pools.values())
    if (other.parentId === pool.id && other.archivedAt === null) open += 1;
  if (open > 0) return `has ${open} child pool(s) not archived`;
  if (pool.held > 0n || pool.overageHeld > 0n) return "has open holds";
  for (const grant of state.grantsByPool.get(pool.id) ?? [])
    if (grant.closed === null && (grant.remaining > 0n || grant.held > 0n))
      return "has grants with credits left (void them or let them expire)";
  if (pool.debt > 0n) return "has debt";
  return null;
}

/**
 * Archives an empty pool at `now`; archiving one archived already changes nothing. It moves no
 * credits: every balance stays as it was, and the journal gains no transfer.
 */
export function archivePool(
  state: LedgerState,
  command: ArchivePool,
): { code: ResultCode; because?: string } {
  const pool = state.pools.get(command.poolId);
  if (pool === undefined) return { code: "pool_not_found" };
  if (pool.archivedAt !== null) return { code: "ok" };
  const problem = archiveProblem(state, pool);
  if (problem !== null)
    return {
      code: pool.parentId === null ? "invalid_request" : "pool_not_empty",
      because: problem,
    };
  pool.archivedAt = state.now;
  // Its reservation stops protecting the parent's grants: nothing under it will draw again.
  indexPolicy(state, pool);
  state.dirty.pools.add(pool);
  return { code: "ok" };
}
