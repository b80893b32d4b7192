/**
 * Planning a draw: which grants, in burn order along the draw chain, would cover an amount now.
 * Planning changes nothing, so a refused hold leaves no trace.
 *
 * Reservations shape the plan: at each pool of the chain, the consumer takes that pool's own
 * grants only down to the unused reservations of its children that are not on the consumer's
 * path (`protectedAt`). Usage, which is recorded after the work and never refused, takes protected
 * credits too, but last: before the carrier's overage allowance and before debt.
 */
import type { Micros } from "./amount.ts";
import { isDrawable } from "./burn-order.ts";
import { protectedAt } from "./governance.ts";
import type { Grant, LedgerState, Pool } from "./model.ts";
import { drawChainOf, pathOf } from "./state.ts";

export interface GrantDraw {
  readonly grant: Grant;
  readonly amount: Micros;
}

export interface DrawPlan {
  readonly draws: GrantDraw[];
  /** The part no grant covers. */
  readonly uncovered: Micros;
}

/**
 * The draws a hold (or, with `protectedLast`, usage) of `amount` at `poolId` makes. With
 * `protectedLast`, a second pass takes what reservations protect, in burn order again.
 */
export function planGrantDraws(
  state: LedgerState,
  poolId: string,
  amount: Micros,
  protectedLast = false,
): DrawPlan {
  if (state.reservingChildren.size === 0) return planUnreserved(state, poolId, amount);
  const draws: GrantDraw[] = [];
  const taken = new Map<Grant, Micros>();
  let needed = amount;
  const chain = drawChainOf(state, poolId);
  const path = new Set(pathOf(state, poolId));
  const take = (grant: Grant, most: Micros) => {
    const already = taken.get(grant) ?? 0n;
    const left = grant.remaining - already;
    let amountTaken = left < most ? left : most;
    if (amountTaken > needed) amountTaken = needed;
    if (amountTaken <= 0n) return 0n;
    taken.set(grant, already + amountTaken);
    draws.push({ grant, amount: amountTaken });
    needed -= amountTaken;
    return amountTaken;
  };
  for (const pool of chain) {
    let room = roomAt(state, pool, path);
    for (const grant of state.grantsByPool.get(pool.id) ?? []) {
      if (needed === 0n || room === 0n) break;
      if (!isDrawable(grant, state.now)) continue;
      room -= take(grant, room);
    }
    if (needed === 0n) return { draws, uncovered: 0n };
  }
  if (protectedLast) {
    for (const pool of chain) {
      for (const grant of state.grantsByPool.get(pool.id) ?? []) {
        if (needed === 0n) return { draws, uncovered: 0n };
        if (isDrawable(grant, state.now)) take(grant, grant.remaining);
      }
    }
  }
  return { draws, uncovered: needed };
}

/** The plan when no pool has a reservation: every drawable credit in burn order. */
function planUnreserved(state: LedgerState, poolId: string, amount: Micros): DrawPlan {
  const draws: GrantDraw[] = [];
  let needed = amount;
  for (const pool of drawChainOf(state, poolId)) {
    for (const grant of state.grantsByPool.get(pool.id) ?? []) {
      if (needed === 0n) return { draws, uncovered: 0n };
      if (!isDrawable(grant, state.now)) continue;
      const take = grant.remaining < needed ? grant.remaining : needed;
      draws.push({ grant, amount: take });
      needed -= take;
    }
  }
  return { draws, uncovered: needed };
}

/** What a consumer on `path` may take of `pool`'s own drawable grants, reservations considered. */
function roomAt(state: LedgerState, pool: Pool, path: ReadonlySet<Pool>): Micros {
  const guarded = protectedAt(state, pool, path);
  if (guarded === 0n) return unlimited;
  const room = ownDrawable(state, pool) - guarded;
  return room > 0n ? room : 0n;
}

/** Larger than any amount, so an unguarded pool's room never limits a draw. */
const unlimited = 2n ** 127n;

function ownDrawable(state: LedgerState, pool: Pool): Micros {
  let total = 0n;
  for (const grant of state.grantsByPool.get(pool.id) ?? []) {
    if (isDrawable(grant, state.now)) total += grant.remaining;
  }
  return total;
}

/** What the draw chain's grants could give a hold at `poolId` now, reservations considered. */
export function drawableFromGrants(state: LedgerState, poolId: string): Micros {
  const reserved = state.reservingChildren.size > 0;
  const path = reserved ? new Set(pathOf(state, poolId)) : new Set<Pool>();
  let total = 0n;
  for (const pool of drawChainOf(state, poolId)) {
    const own = ownDrawable(state, pool);
    const guarded = reserved ? protectedAt(state, pool, path) : 0n;
    if (own > guarded) total += own - guarded;
  }
  return total;
}
