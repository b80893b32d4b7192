/**
 * Grant lifecycle: issue, activate (paying the carrier's debt first), expire (rolling over what
 * its terms carry on), void, and taking back credits a hold returns.
 */
import type { Micros } from "./amount.ts";
import { invariant } from "./invariant.ts";
import { type ApplyContext, post } from "./journal.ts";
import type { Grant, GrantSource, Rollover } from "./model.ts";
import { accounts } from "./model.ts";
import { addGrant, carrierOf, removeFromBurnOrder, requirePool } from "./state.ts";

export interface GrantTerms {
  readonly grantId: string;
  readonly poolId: string;
  readonly amount: Micros;
  readonly source: GrantSource;
  readonly priority: number;
  readonly effectiveAt: number;
  readonly expiresAt: number | null;
  readonly costBasis: Micros;
  readonly rollover?: Rollover | null;
}

export function issueGrant(context: ApplyContext, terms: GrantTerms): Grant {
  const { state } = context;
  const grant: Grant = {
    id: terms.grantId,
    poolId: terms.poolId,
    amount: terms.amount,
    source: terms.source,
    priority: terms.priority,
    effectiveAt: terms.effectiveAt,
    expiresAt: terms.expiresAt,
    costBasis: terms.costBasis,
    ...(terms.rollover ? { rollover: terms.rollover } : {}),
    createdAt: state.now,
    remaining: terms.amount,
    held: 0n,
    activated: false,
    closed: null,
    closedAt: null,
  };
  post(context, {
    kind: "grant",
    from: accounts.issuance,
    to: accounts.grant(grant.id),
    amount: grant.amount,
    poolId: grant.poolId,
    grantId: grant.id,
  });
  addGrant(context.state, grant);
  state.dirty.grants.add(grant);
  // A grant made after its expiry never becomes active: it expires as it is made, so its credits
  // pay no debt and the journal does not depend on where the engine begins its next batch.
  const expired = grant.expiresAt !== null && grant.expiresAt <= state.now;
  if (expired) closeGrant(context, grant, "expired");
  else if (grant.effectiveAt <= state.now) activateGrant(context, grant);
  return grant;
}

/** A grant that becomes active on a carrier with debt pays that debt before anything else. */
export function activateGrant(context: ApplyContext, grant: Grant): void {
  invariant(!grant.activated, `grant ${grant.id} is activated once`);
  grant.activated = true;
  context.state.dirty.grants.add(grant);
  payDebtFrom(context, grant);
}

export function payDebtFrom(context: ApplyContext, grant: Grant): void {
  const { state } = context;
  if (grant.closed !== null || !grant.activated || grant.remaining === 0n) return;
  const pool = requirePool(state, grant.poolId);
  if (carrierOf(state, pool.id) !== pool || pool.debt === 0n) return;
  const payment = pool.debt < grant.remaining ? pool.debt : grant.remaining;
  post(context, {
    kind: "debt_payment",
    from: accounts.grant(grant.id),
    to: accounts.debt(pool.id),
    amount: payment,
    poolId: pool.id,
    grantId: grant.id,
  });
  grant.remaining -= payment;
  pool.debt -= payment;
  state.dirty.pools.add(pool);
}

/**
 * Closes a grant: its unheld remainder goes to breakage; held credits expire when returned. An
 * expiring grant with rollover terms first carries up to their cap into its rollover grant.
 */
export function closeGrant(context: ApplyContext, grant: Grant, closure: "expired" | "voided") {
  invariant(grant.closed === null, `grant ${grant.id} is closed once`);
  const { state } = context;
  const carried = closure === "expired" ? rollOver(context, grant) : null;
  if (grant.remaining > 0n) {
    post(context, {
      kind: closure === "voided" ? "void" : "expire",
      from: accounts.grant(grant.id),
      to: accounts.breakage,
      amount: grant.remaining,
      poolId: grant.poolId,
      grantId: grant.id,
    });
    grant.remaining = 0n;
  }
  grant.closed = closure;
  grant.closedAt = state.now;
  removeFromBurnOrder(state, grant);
  state.dirty.grants.add(grant);
  if (carried !== null) issueGrant(context, carried);
}

/** Voids up to `amount` of what is left of an open grant; the grant stays open. */
export function voidPart(context: ApplyContext, grant: Grant, amount: Micros): void {
  const voided = grant.remaining < amount ? grant.remaining : amount;
  if (voided === 0n) return;
  post(context, {
    kind: "void",
    from: accounts.grant(grant.id),
    to: accounts.breakage,
    amount: voided,
    poolId: grant.poolId,
    grantId: grant.id,
  });
  grant.remaining -= voided;
  context.state.dirty.grants.add(grant);
}

/**
 * Takes what of an expiring grant rolls over back to issuance, to be issued again as its rollover
 * grant once the grant is closed: two transfers, so each grant's history shows its side, and the
 * new grant is made like any other (paying the carrier's debt first). Answers the new grant's
 * terms, or null when nothing rolls over.
 */
function rollOver(context: ApplyContext, grant: Grant): GrantTerms | null {
  const terms = grant.rollover;
  if (terms === undefined || terms === null || grant.remaining === 0n) return null;
  const amount = grant.remaining < terms.cap ? grant.remaining : terms.cap;
  if (amount === 0n) return null;
  post(context, {
    kind: "rollover",
    from: accounts.grant(grant.id),
    to: accounts.issuance,
    amount,
    poolId: grant.poolId,
    grantId: grant.id,
  });
  grant.remaining -= amount;
  return {
    grantId: terms.grantId,
    poolId: grant.poolId,
    amount,
    source: "rollover",
    priority: grant.priority,
    effectiveAt: context.state.now,
    expiresAt: terms.expiresAt,
    costBasis: grant.costBasis,
  };
}

/**
 * Takes back credits a hold had reserved from `grant`. If the grant closed meanwhile they are
 * forfeited at once; if it sits on a carrier with debt they pay the debt.
 */
export function returnToGrant(
  context: ApplyContext,
  grant: Grant,
  amount: Micros,
  kind: "release" | "expire",
  holdId: string,
  poolId: string,
  rateCardVersion: string | null = null,
): void {
  if (amount === 0n) return;
  const { state } = context;
  post(context, {
    kind,
    from: accounts.hold(holdId),
    to: accounts.grant(grant.id),
    amount,
    poolId,
    grantId: grant.id,
    holdId,
    rateCardVersion,
  });
  grant.remaining += amount;
  state.dirty.grants.add(grant);
  // At its expiry instant a grant is expired even if its own expiry has not been applied yet.
  const ended = grant.closed !== null || (grant.expiresAt !== null && state.now >= grant.expiresAt);
  if (ended) {
    post(context, {
      kind: grant.closed === "voided" ? "void" : "expire",
      from: accounts.grant(grant.id),
      to: accounts.breakage,
      amount,
      poolId: grant.poolId,
      grantId: grant.id,
    });
    grant.remaining -= amount;
    return;
  }
  payDebtFrom(context, grant);
}
