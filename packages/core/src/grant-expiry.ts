/**
 * Changing an open grant's expiry: later, earlier (never before now) or never. The grant keeps
 * its id, its credits and its holds; its place in the burn order and in the due queue follow the
 * new time, and the journal shows the change with a pair of `expiry_change` transfers.
 */
import { insertInBurnOrder } from "./burn-order.ts";
import { closeGrant } from "./grants.ts";
import { invariant } from "./invariant.ts";
import { type ApplyContext, post } from "./journal.ts";
import type { Grant, LedgerState } from "./model.ts";
import { accounts } from "./model.ts";
import { noteDue, removeFromBurnOrder } from "./state.ts";
import type { InvalidField } from "./validate.ts";

/**
 * Why `expiresAt` cannot be the open grant's expiry now, or null when it can. The checks need
 * the ledger's now and the grant, so they run here and not in `validateCommand`; each names
 * `expires_at`, the field the caller sent.
 */
export function expiryChangeProblem(
  state: LedgerState,
  grant: Grant,
  expiresAt: number | null,
): InvalidField | null {
  const param = "expires_at";
  if (expiresAt === null) {
    return grant.rollover
      ? { param, reason: "must not be null: the grant has rollover terms, which need an expiry" }
      : null;
  }
  if (expiresAt < state.now)
    return { param, reason: `must not be before now (${new Date(state.now).toISOString()})` };
  if (expiresAt <= grant.effectiveAt) return { param, reason: "must be after effective_at" };
  if (grant.rollover && expiresAt >= grant.rollover.expiresAt)
    return { param, reason: "must be before the rollover grant's expires_at" };
  return null;
}

/**
 * Sets an open grant's expiry to one `expiryChangeProblem` accepts. What is left unheld goes back
 * to issuance and is issued again to the grant at once (two transfers, as a rollover does), so
 * the grant's history shows the change and every balance is as it was. An expiry of now expires
 * the grant at once, as a grant made already past its expiry does.
 */
export function changeExpiry(context: ApplyContext, grant: Grant, expiresAt: number | null) {
  const { state } = context;
  invariant(grant.closed === null, `grant ${grant.id} is open when its expiry changes`);
  invariant(expiresAt === null || expiresAt >= state.now, "an expiry is never moved into the past");
  if (grant.expiresAt === expiresAt) return;
  // The burn order sorts by expiry: take the grant out before the key changes, then put it back.
  removeFromBurnOrder(state, grant);
  grant.expiresAt = expiresAt;
  const ordered = state.grantsByPool.get(grant.poolId);
  invariant(ordered !== undefined, `pool ${grant.poolId} of grant ${grant.id} is loaded`);
  insertInBurnOrder(ordered, grant);
  state.dirty.grants.add(grant);
  if (grant.remaining > 0n) {
    const own = {
      kind: "expiry_change",
      amount: grant.remaining,
      poolId: grant.poolId,
      grantId: grant.id,
    } as const;
    post(context, { ...own, from: accounts.grant(grant.id), to: accounts.issuance });
    post(context, { ...own, from: accounts.issuance, to: accounts.grant(grant.id) });
  }
  if (expiresAt === null) return;
  if (expiresAt <= state.now) {
    closeGrant(context, grant, "expired");
    return;
  }
  state.due.addGrantExpiry(grant);
  noteDue(state, expiresAt);
}
