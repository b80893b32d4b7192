/**
 * What readers see, as of `now`: a grant past its expiry or a hold past its TTL is never shown as
 * available or held, even before the engine's sweep has written its transfer.
 */
import type { Micros } from "./amount.ts";
import { isDrawable } from "./burn-order.ts";
import { drawableFromGrants } from "./draw.ts";
import type { Grant, Hold, HoldStatus, LedgerState, Pool } from "./model.ts";
import {
  carrierOf,
  consumedThisPeriod,
  counterAmount,
  hardLimitAmount,
  pathOf,
  roomUnderTotalMax,
  unusedOverage,
} from "./state.ts";

export interface PoolBalances {
  /** The largest hold this pool could take now, its whole path considered. */
  readonly available: Micros;
  readonly held: Micros;
  readonly consumedThisPeriod: Micros;
  /** This pool's own drawable grant credits. */
  readonly granted: Micros;
  readonly debt: Micros;
  readonly overageUsedThisPeriod: Micros;
}

/** Balances of a pool; `state` must have been advanced to `now` (the engine does). */
export function poolBalances(state: LedgerState, pool: Pool): PoolBalances {
  const now = state.now;
  let granted = 0n;
  for (const grant of state.grantsByPool.get(pool.id) ?? []) {
    if (isDrawable(grant, now)) granted += grant.remaining;
  }
  const overagePeriod = pool.overageLimit?.period ?? "month";
  return {
    available: availableAt(state, pool.id),
    held: pool.held,
    consumedThisPeriod: consumedThisPeriod(pool, now),
    granted,
    debt: pool.debt,
    overageUsedThisPeriod: counterAmount(pool.overageUsed[overagePeriod], now, overagePeriod),
  };
}

export function availableAt(state: LedgerState, poolId: string): Micros {
  const carrier = carrierOf(state, poolId);
  if (carrier.debt > 0n) return 0n;
  let available = drawableFromGrants(state, poolId) + unusedOverage(carrier, state.now);
  for (const pool of pathOf(state, poolId)) {
    const bound = roomUnderTotalMax(pool, state.now);
    if (bound < available) available = bound;
    const limit = hardLimitAmount(pool, state.now);
    if (limit === null) continue;
    const room = limit - consumedThisPeriod(pool, state.now) - pool.held;
    if (room < available) available = room;
  }
  return available > 0n ? available : 0n;
}

export type GrantStatus = "scheduled" | "active" | "depleted" | "expired" | "voided";

export function grantStatus(grant: Grant, now: number): GrantStatus {
  if (grant.closed !== null) return grant.closed;
  if (grant.expiresAt !== null && now >= grant.expiresAt) return "expired";
  if (grant.effectiveAt > now) return "scheduled";
  return grant.remaining === 0n && grant.held === 0n ? "depleted" : "active";
}

export function holdStatus(hold: Hold, now: number): HoldStatus {
  return hold.status === "held" && now >= hold.expiresAt ? "expired" : hold.status;
}
