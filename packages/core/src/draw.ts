/**
 * Planning a draw: which grants, in burn order along the draw chain, would cover an amount now.
 * Planning changes nothing, so a refused hold leaves no trace.
 */
import type { Micros } from "./amount.ts";
import { isDrawable } from "./burn-order.ts";
import type { Grant, LedgerState } from "./model.ts";
import { drawChainOf } from "./state.ts";

export interface GrantDraw {
  readonly grant: Grant;
  readonly amount: Micros;
}

export interface DrawPlan {
  readonly draws: GrantDraw[];
  /** The part no grant covers. */
  readonly uncovered: Micros;
}

export function planGrantDraws(state: LedgerState, poolId: string, amount: Micros): DrawPlan {
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

/** What the draw chain's grants could give a hold or usage at `poolId` now. */
export function drawableFromGrants(state: LedgerState, poolId: string): Micros {
  let total = 0n;
  for (const pool of drawChainOf(state, poolId)) {
    for (const grant of state.grantsByPool.get(pool.id) ?? []) {
      if (isDrawable(grant, state.now)) total += grant.remaining;
    }
  }
  return total;
}
