/**
 * The state machine: `beginBatch` moves an organization's ledger to `now` (activations and
 * expiries that fell due, in time order), then `applyCommand` applies each command in turn.
 * Deterministic: the same state, commands, `now` and ids give the same transfers and state.
 */
import type { Command } from "./commands.ts";
import { activateGrant, closeGrant, issueGrant } from "./grants.ts";
import { captureExpiredHold, captureHold, expireHold, placeHold, releaseHold } from "./holds.ts";
import { invariant } from "./invariant.ts";
import type { ApplyContext } from "./journal.ts";
import type { Grant, Hold, LedgerState, NextId } from "./model.ts";
import { noDueTime } from "./model.ts";
import { createPool, updatePool } from "./pools.ts";
import type { ResultCode } from "./result-codes.ts";
import { noteDue } from "./state.ts";
import { debitUsage, usageFits } from "./usage.ts";

export interface Outcome {
  readonly code: ResultCode;
  /** For a refused hold: the pool where it failed. */
  readonly poolId?: string;
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
    case "create_grant": {
      if (!state.pools.has(command.poolId)) return { code: "pool_not_found" };
      if (state.grants.has(command.grantId)) return { code: "id_in_use" };
      issueGrant(context, { ...command, effectiveAt: command.effectiveAt ?? state.now });
      return { code: "ok" };
    }
    case "void_grant": {
      const grant = state.grants.get(command.grantId);
      if (grant === undefined) return { code: "grant_not_found" };
      if (grant.closed === null) closeGrant(context, grant, "voided");
      return { code: "ok" };
    }
    case "create_hold": {
      if (!state.pools.has(command.poolId)) return { code: "pool_not_found" };
      if (state.holds.has(command.holdId)) return { code: "id_in_use" };
      const admission = placeHold(context, command);
      return admission.allowed
        ? { code: "ok" }
        : { code: admission.code, poolId: admission.poolId };
    }
    case "capture_hold": {
      const hold = state.holds.get(command.holdId);
      if (hold === undefined) return { code: "hold_not_found" };
      if (hold.status === "expired") {
        const recorded = hold.capturedAmount > 0n ? 0n : command.amount;
        if (!usageFits(state, hold.poolId, recorded)) return { code: "amount_out_of_range" };
        captureExpiredHold(context, hold, command.amount);
        return { code: "hold_expired" };
      }
      if (hold.status !== "held") return { code: "hold_not_held" };
      const excess = command.amount > hold.amount ? command.amount - hold.amount : 0n;
      if (!usageFits(state, hold.poolId, excess)) return { code: "amount_out_of_range" };
      captureHold(context, hold, command.amount);
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
      if (!state.pools.has(command.poolId)) return { code: "pool_not_found" };
      if (!usageFits(state, command.poolId, command.amount)) return { code: "amount_out_of_range" };
      debitUsage(context, command);
      return { code: "ok" };
    }
  }
}

type DueEvent =
  | { at: number; order: 0; kind: "activate"; grant: Grant }
  | { at: number; order: 1; kind: "expire_hold"; hold: Hold }
  | { at: number; order: 2; kind: "expire_grant"; grant: Grant };

/**
 * Applies everything due at or before `now` in time order: at one instant, activations first,
 * then hold expiries (returning credits), then grant expiries (forfeiting what is left).
 */
export function advanceTo(context: ApplyContext, now: number): void {
  const { state } = context;
  invariant(now >= state.now, "time never runs backwards for an organization");
  if (now < state.nextDueAt) {
    state.now = now;
    return;
  }
  const due = dueEvents(state, now);
  for (const event of due) {
    state.now = Math.max(state.now, event.at);
    if (event.kind === "activate") activateGrant(context, event.grant);
    else if (event.kind === "expire_hold") expireHold(context, event.hold);
    else if (event.grant.closed === null) closeGrant(context, event.grant, "expired");
  }
  state.now = now;
  state.nextDueAt = noDueTime;
  for (const grant of state.grants.values()) {
    if (grant.closed !== null) continue;
    noteDue(state, grant.activated ? grant.expiresAt : grant.effectiveAt);
  }
  for (const hold of state.holds.values())
    if (hold.status === "held") noteDue(state, hold.expiresAt);
}

function dueEvents(state: LedgerState, now: number): DueEvent[] {
  const due: DueEvent[] = [];
  for (const grant of state.grants.values()) {
    if (grant.closed !== null) continue;
    if (!grant.activated && grant.effectiveAt <= now) {
      due.push({ at: grant.effectiveAt, order: 0, kind: "activate", grant });
    }
    if (grant.expiresAt !== null && grant.expiresAt <= now) {
      due.push({ at: grant.expiresAt, order: 2, kind: "expire_grant", grant });
    }
  }
  for (const hold of state.holds.values()) {
    if (hold.status === "held" && hold.expiresAt <= now) {
      due.push({ at: hold.expiresAt, order: 1, kind: "expire_hold", hold });
    }
  }
  return due.sort((a, b) => a.at - b.at || a.order - b.order || idOf(a).localeCompare(idOf(b)));
}

function idOf(event: DueEvent): string {
  return event.kind === "expire_hold" ? event.hold.id : event.grant.id;
}
