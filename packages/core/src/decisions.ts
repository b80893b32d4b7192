/**
 * What decided a refused hold, as plain JSON: every pool of its path with its limit, consumption,
 * holds, reservation and debt; what the draw chain could give; and the cap, bucket or allow-list
 * that refused it. Read from the state at the moment of the refusal, so a decision record shows
 * the figures the engine saw, not later ones.
 */
import { formatDecimal } from "./amount.ts";
import type { CreateHold } from "./commands.ts";
import { drawableFromGrants } from "./draw.ts";
import { unusedReservation } from "./governance.ts";
import type { HoldRefusalAt } from "./holds.ts";
import type { LedgerState } from "./model.ts";
import { carrierOf, consumedThisPeriod, pathOf, unusedOverage } from "./state.ts";

export type Evidence = { readonly [field: string]: unknown };

export function holdEvidence(
  state: LedgerState,
  command: CreateHold,
  refusal: HoldRefusalAt,
): Evidence {
  const now = state.now;
  const path = pathOf(state, command.poolId).map((pool) => ({
    pool: pool.id,
    limit:
      pool.limit === null
        ? null
        : {
            amount: formatDecimal(pool.limit.amount),
            kind: pool.limit.kind,
            period: pool.limit.period,
          },
    consumed_this_period: formatDecimal(consumedThisPeriod(pool, now)),
    held: formatDecimal(pool.held),
    reserved:
      pool.policy.reserved === null
        ? null
        : {
            amount: formatDecimal(pool.policy.reserved.amount),
            period: pool.policy.reserved.period,
            unused: formatDecimal(unusedReservation(pool, now)),
          },
    debt: formatDecimal(pool.debt),
  }));
  const carrier = carrierOf(state, command.poolId);
  const evidence: Record<string, unknown> = {
    requested: formatDecimal(command.amount),
    path,
    drawable_from_grants: formatDecimal(drawableFromGrants(state, command.poolId)),
    unused_overage: formatDecimal(unusedOverage(carrier, now)),
    carrier: carrier.id,
  };
  if (refusal.cap !== undefined) {
    const { cap } = refusal;
    evidence.cap = {
      subject: cap.subject,
      amount: formatDecimal(cap.cap.amount),
      period: cap.cap.period,
      used: formatDecimal(cap.used),
      held: formatDecimal(cap.held),
    };
  }
  if (refusal.rate !== undefined) {
    const { rate } = refusal;
    evidence.rate = { per: rate.per, unit: rate.unit, retry_after_ms: rate.retryAfterMs };
  }
  if (refusal.throttled === true) {
    const pool = state.pools.get(refusal.poolId);
    const throttle = pool?.policy.softThrottle;
    evidence.soft_throttle = {
      soft_limit:
        pool?.limit === null || pool === undefined ? null : formatDecimal(pool.limit.amount),
      max_hold: throttle?.maxHold == null ? null : formatDecimal(throttle.maxHold),
      models: throttle?.models ?? null,
    };
  }
  if (refusal.code === "approval_required") {
    const above = state.pools.get(refusal.poolId)?.policy.approvalAbove;
    evidence.approval_above = above == null ? null : formatDecimal(above);
  }
  if (refusal.code === "model_not_allowed") {
    const pool = state.pools.get(refusal.poolId);
    evidence.model = { model: command.model ?? null, allowed: pool?.policy.allowedModels ?? [] };
  }
  return evidence;
}
