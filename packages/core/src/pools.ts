/** Creating pools in the tree and changing their limits. `parent` never changes. */
import type { CreatePool, UpdatePool } from "./commands.ts";
import { limits } from "./limits.ts";
import { emptyPolicy, type LedgerState, type Pool } from "./model.ts";
import type { ResultCode } from "./result-codes.ts";
import { addPool, indexReservation, periodCounters } from "./state.ts";

export function newPool(
  fields: Pick<
    Pool,
    "id" | "parentId" | "depth" | "name" | "drawsFromParent" | "limit" | "overageLimit"
  > &
    Partial<Pick<Pool, "policy">>,
  now: number,
  limitSequence = 1,
): Pool {
  return {
    ...fields,
    policy: fields.policy ?? emptyPolicy,
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
  if (command.name !== undefined) pool.name = command.name;
  if (command.limit !== undefined) {
    pool.limit = command.limit;
    pool.limitSequence = state.nextSequence;
  }
  if (command.overageLimit !== undefined) pool.overageLimit = command.overageLimit;
  if (command.policy !== undefined) {
    pool.policy = { ...pool.policy, ...command.policy };
    indexReservation(state, pool);
  }
  state.dirty.pools.add(pool);
  return "ok";
}
