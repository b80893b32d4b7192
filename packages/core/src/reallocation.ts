/**
 * Reallocation: part of an open grant's unheld remainder moves to a new grant at another pool of
 * the same carrier, with the grant's source, priority, cost basis and expiry, as one
 * `reallocation` transfer from the one grant's account to the other's. Within
 * `limits.reallocationUndoWindowMs` what of the new grant is still unheld may go back the same
 * way. The carrier is kept so debt and overage stay where they were: a pool's credits never move
 * into a draw chain that ends elsewhere.
 */
import type { Outcome } from "./apply.ts";
import type { Reallocate, UndoReallocation } from "./commands.ts";
import { activateGrant, payDebtFrom } from "./grants.ts";
import { type ApplyContext, post } from "./journal.ts";
import { limits } from "./limits.ts";
import type { Grant } from "./model.ts";
import { accounts } from "./model.ts";
import { addGrant, carrierOf } from "./state.ts";

export function reallocate(context: ApplyContext, command: Reallocate): Outcome {
  const { state } = context;
  const grant = state.grants.get(command.grantId);
  if (grant === undefined) return { code: "grant_not_found" };
  if (grant.closed !== null) return { code: "grant_closed" };
  const pool = state.pools.get(command.poolId);
  if (pool === undefined) return { code: "pool_not_found" };
  if (pool.archivedAt !== null) return { code: "pool_archived" };
  if (state.grants.has(command.newGrantId)) return { code: "id_in_use" };
  if (pool.id === grant.poolId)
    return { code: "invalid_request", invalid: { param: "pool", reason: "is the grant's pool" } };
  if (carrierOf(state, pool.id) !== carrierOf(state, grant.poolId))
    return { code: "reallocation_target_outside" };
  if (!grant.activated) {
    const reason = "cannot be moved before the grant is effective";
    return { code: "invalid_request", invalid: { param: "amount", reason } };
  }
  if (command.amount > grant.remaining) {
    const reason = `is more than the grant's unheld remainder (${grant.remaining} micros)`;
    return { code: "invalid_request", invalid: { param: "amount", reason } };
  }
  const moved: Grant = {
    id: command.newGrantId,
    poolId: pool.id,
    amount: command.amount,
    source: grant.source,
    priority: grant.priority,
    effectiveAt: state.now,
    expiresAt: grant.expiresAt,
    costBasis: grant.costBasis,
    reallocatedFrom: grant.id,
    createdAt: state.now,
    remaining: command.amount,
    held: 0n,
    activated: false,
    closed: null,
    closedAt: null,
  };
  post(context, {
    kind: "reallocation",
    from: accounts.grant(grant.id),
    to: accounts.grant(moved.id),
    amount: command.amount,
    poolId: pool.id,
    grantId: moved.id,
  });
  grant.remaining -= command.amount;
  state.dirty.grants.add(grant);
  addGrant(state, moved);
  state.dirty.grants.add(moved);
  activateGrant(context, moved);
  return { code: "ok" };
}

/**
 * Moves the reallocated grant's unheld credits back to the grant they came from, if that one is
 * still open and the window has not passed. The reallocated grant stays open: credits its holds
 * return later are its own.
 */
export function undoReallocation(context: ApplyContext, command: UndoReallocation): Outcome {
  const { state } = context;
  const moved = state.grants.get(command.grantId);
  if (moved === undefined) return { code: "grant_not_found" };
  const fromId = moved.reallocatedFrom ?? null;
  if (fromId === null || moved.closed !== null) return { code: "reallocation_not_undoable" };
  if (state.now - moved.createdAt > limits.reallocationUndoWindowMs)
    return { code: "reallocation_not_undoable" };
  // Only open grants are kept in the state: a source not found here is closed.
  const source = state.grants.get(fromId);
  if (source === undefined || source.closed !== null) return { code: "reallocation_not_undoable" };
  const amount = moved.remaining;
  if (amount === 0n) return { code: "ok" };
  post(context, {
    kind: "reallocation",
    from: accounts.grant(moved.id),
    to: accounts.grant(source.id),
    amount,
    poolId: source.poolId,
    grantId: moved.id,
  });
  moved.remaining = 0n;
  source.remaining += amount;
  state.dirty.grants.add(moved);
  state.dirty.grants.add(source);
  payDebtFrom(context, source);
  return { code: "ok" };
}
