/**
 * The state machine: `beginBatch` moves an organization's ledger to `now` (activations and
 * expiries that fell due, in time order), then `applyCommand` applies each command in turn.
 * Deterministic: the same state, commands, `now` and ids give the same transfers and state.
 */
import type { Command } from "./commands.ts";
import { modelRefusal } from "./governance.ts";
import { changeExpiry, expiryChangeProblem } from "./grant-expiry.ts";
import { activateGrant, closeGrant, issueGrant, voidPart } from "./grants.ts";
import {
  captureExpiredHold,
  captureHold,
  expireHold,
  type HoldRefusalAt,
  placeHold,
  releaseHold,
} from "./holds.ts";
import { invariant } from "./invariant.ts";
import type { ApplyContext } from "./journal.ts";
import type { DueEvent, LedgerState, NextId } from "./model.ts";
import { noDueTime } from "./model.ts";
import { archivePool, boostPool, createPool, updatePool } from "./pools.ts";
import { reallocate, undoReallocation } from "./reallocation.ts";
import type { ResultCode } from "./result-codes.ts";
import { debitUsage, usageFits } from "./usage.ts";
import type { InvalidField } from "./validate.ts";

export interface Outcome {
  readonly code: ResultCode;
  /** For a refused hold: the pool where it failed. */
  readonly poolId?: string;
  /** For a refused hold: what decided it, beyond the pool. */
  readonly refusal?: HoldRefusalAt;
  /** For usage recorded on a model a pool of its path does not allow: where, flagged. */
  readonly flagged?: { readonly code: "model_not_allowed"; readonly poolId: string };
  /** For `invalid_request`: the field whose value the ledger's state refuses, and why. */
  readonly invalid?: InvalidField;
  /** For a refused archive: what keeps the pool open. */
  readonly because?: string;
}

/** Starts a batch for one organization at `now` (never earlier than its last `now`). */
export function beginBatch(state: LedgerState, now: number, nextId: NextId): ApplyContext {
  const context: ApplyContext = { state, nextId, transfers: [] };
  advanceTo(context, Math.max(now, state.now));
  return context;
}

export function applyCommand(context: ApplyContext, command: Command): Outcome {
  const { state } = context;
  switch (command.type) {
    case "create_pool":
      return { code: createPool(state, command) };
    case "update_pool":
      return { code: updatePool(state, command) };
    case "boost_pool":
      return boostPool(state, command);
    case "archive_pool":
      return archivePool(state, command);
    case "create_grant": {
      const pool = state.pools.get(command.poolId);
      if (pool === undefined) return { code: "pool_not_found" };
      if (pool.archivedAt !== null) return { code: "pool_archived" };
      if (state.grants.has(command.grantId)) return { code: "id_in_use" };
      if (command.rollover && state.grants.has(command.rollover.grantId))
        return { code: "id_in_use" };
      issueGrant(context, { ...command, effectiveAt: command.effectiveAt ?? state.now });
      return { code: "ok" };
    }
    case "void_grant": {
      const grant = state.grants.get(command.grantId);
      if (grant === undefined) return { code: "grant_not_found" };
      if (grant.closed !== null) return { code: "ok" };
      if (command.amount === undefined) closeGrant(context, grant, "voided");
      else voidPart(context, grant, command.amount);
      return { code: "ok" };
    }
    case "advance_time":
      advanceTo(context, Math.max(command.to, state.now));
      return { code: "ok" };
    case "change_grant_expiry": {
      const grant = state.grants.get(command.grantId);
      if (grant === undefined) return { code: "grant_not_found" };
      if (grant.closed !== null) return { code: "grant_closed" };
      const invalid = expiryChangeProblem(state, grant, command.expiresAt);
      if (invalid !== null) return { code: "invalid_request", invalid };
      changeExpiry(context, grant, command.expiresAt);
      return { code: "ok" };
    }
    case "reallocate":
      return reallocate(context, command);
    case "undo_reallocation":
      return undoReallocation(context, command);
    case "create_hold": {
      const pool = state.pools.get(command.poolId);
      if (pool === undefined) return { code: "pool_not_found" };
      if (pool.archivedAt !== null) return { code: "pool_archived" };
      if (state.holds.has(command.holdId)) return { code: "id_in_use" };
      const admission = placeHold(context, command);
      if (admission.allowed) return { code: "ok" };
      const { allowed: _, ...refusal } = admission;
      return { code: refusal.code, poolId: refusal.poolId, refusal };
    }
    case "capture_hold": {
      const hold = state.holds.get(command.holdId);
      if (hold === undefined) return { code: "hold_not_found" };
      if (hold.status === "expired") {
        // Late usage of a hold that expired before its pool was archived has no pool to land in.
        const archived = state.pools.get(hold.poolId)?.archivedAt ?? null;
        if (archived !== null) return { code: "pool_archived" };
        const recorded = hold.capturedAmount > 0n ? 0n : command.amount;
        if (!usageFits(state, hold.poolId, recorded)) return { code: "amount_out_of_range" };
        captureExpiredHold(context, hold, command.amount, command);
        return { code: "hold_expired" };
      }
      if (hold.status !== "held") return { code: "hold_not_held" };
      const excess = command.amount > hold.amount ? command.amount - hold.amount : 0n;
      if (!usageFits(state, hold.poolId, excess)) return { code: "amount_out_of_range" };
      captureHold(context, hold, command.amount, command);
      return { code: "ok" };
    }
    case "release_hold": {
      const hold = state.holds.get(command.holdId);
      if (hold === undefined) return { code: "hold_not_found" };
      if (hold.status === "expired") return { code: "hold_expired" };
      if (hold.status !== "held") return { code: "hold_not_held" };
      releaseHold(context, hold);
      return { code: "ok" };
    }
    case "record_usage": {
      const pool = state.pools.get(command.poolId);
      if (pool === undefined) return { code: "pool_not_found" };
      if (pool.archivedAt !== null) return { code: "pool_archived" };
      if (!usageFits(state, command.poolId, command.amount)) return { code: "amount_out_of_range" };
      debitUsage(context, command);
      const at = modelRefusal(state, command.poolId, command.model ?? null);
      return at === null
        ? { code: "ok" }
        : { code: "ok", flagged: { code: "model_not_allowed", poolId: at.poolId } };
    }
  }
}

/**
 * Applies everything due at or before `now` in time order: at one instant, activations first,
 * then hold expiries (returning credits), then grant expiries (forfeiting what is left). Each
 * event comes off the state's due queue, so a batch pays for what falls due, not for what is open.
 */
export function advanceTo(context: ApplyContext, now: number): void {
  const { state } = context;
  invariant(now >= state.now, "time never runs backwards for an organization");
  if (now < state.nextDueAt) {
    state.now = now;
    return;
  }
  for (let event = nextDue(state, now); event !== undefined; event = nextDue(state, now)) {
    state.now = Math.max(state.now, event.at);
    if (event.kind === "activate") activateGrant(context, event.grant);
    else if (event.kind === "expire_hold") expireHold(context, event.hold);
    else closeGrant(context, event.grant, "expired");
  }
  state.now = now;
  state.due.compactIfStale(state.grants.size + state.holds.size, () => [
    ...state.grants.values(),
    ...state.holds.values(),
  ]);
  state.nextDueAt = nextDue(state, noDueTime - 1, false)?.at ?? noDueTime;
}

/**
 * The first current event due by `until`, taken off the queue (or, with `take` false, left at its
 * top); stale entries met on the way are dropped.
 */
function nextDue(state: LedgerState, until: number, take = true): DueEvent | undefined {
  for (let event = state.due.peek(); event !== undefined; event = state.due.peek()) {
    if (event.at > until) return undefined;
    if (!isCurrent(state, event)) {
      state.due.pop();
      continue;
    }
    if (take) state.due.pop();
    return event;
  }
  return undefined;
}

/** Whether an entry still describes its object as the state holds it now. */
function isCurrent(state: LedgerState, event: DueEvent): boolean {
  if (event.kind === "expire_hold") {
    const { hold } = event;
    return (
      state.holds.get(hold.id) === hold && hold.status === "held" && hold.expiresAt === event.at
    );
  }
  const { grant } = event;
  if (state.grants.get(grant.id) !== grant || grant.closed !== null) return false;
  if (event.kind === "activate") return !grant.activated && grant.effectiveAt === event.at;
  return grant.expiresAt === event.at;
}
