/**
 * The ledger's objects as the API shows them: decimal-string credits, ISO times, snake_case
 * fields. The engine and the services answer typed figures; only this file gives them a shape.
 */
import {
  emptyPolicy,
  formatDecimal,
  type Micros,
  type PeriodAmount,
  type PoolPolicy,
  type Rollover,
  resultCodes,
} from "@creditpool/core";
import type { EngineAnswer, GrantFigures, HoldFigures, PoolFigures } from "../services/services.ts";

export function iso(timeMs: number | null): string | null {
  return timeMs === null ? null : new Date(timeMs).toISOString();
}

export function poolView(pool: PoolFigures) {
  return {
    id: pool.id,
    object: "pool" as const,
    parent: pool.parentId,
    name: pool.name,
    draws_from_parent: pool.drawsFromParent,
    limit:
      pool.limit === null
        ? null
        : {
            amount: formatDecimal(pool.limit.amount),
            kind: pool.limit.kind,
            period: pool.limit.period,
          },
    overage_limit:
      pool.overageLimit === null
        ? null
        : { amount: formatDecimal(pool.overageLimit.amount), period: pool.overageLimit.period },
    ...policyView(pool.policy ?? emptyPolicy, pool.reservedUnused ?? 0n),
    available: formatDecimal(pool.available),
    held: formatDecimal(pool.held),
    consumed_this_period: formatDecimal(pool.consumedThisPeriod),
    granted: formatDecimal(pool.granted),
    debt: formatDecimal(pool.debt),
    overage_used_this_period: formatDecimal(pool.overageUsedThisPeriod),
    created_at: iso(pool.createdAt),
    archived_at:
      pool.archivedAt === undefined || pool.archivedAt === null ? null : iso(pool.archivedAt),
    boost:
      pool.boost === undefined || pool.boost === null
        ? null
        : { amount: formatDecimal(pool.boost.amount), until: iso(pool.boost.until) },
  };
}

function periodAmountView(value: PeriodAmount | null) {
  return value === null ? null : { amount: formatDecimal(value.amount), period: value.period };
}

function policyView(policy: PoolPolicy, reservedUnused: Micros) {
  const reserved = periodAmountView(policy.reserved);
  return {
    reserved: reserved === null ? null : { ...reserved, unused: formatDecimal(reservedUnused) },
    member_cap: periodAmountView(policy.memberCap),
    key_cap: periodAmountView(policy.keyCap),
    rate_limits: policy.rateLimits.map((limit) => ({
      per: limit.per,
      requests_per_minute: limit.requestsPerMinute,
      credits_per_minute:
        limit.creditsPerMinute === null ? null : formatDecimal(limit.creditsPerMinute),
    })),
    allowed_models: policy.allowedModels === null ? null : [...policy.allowedModels],
    soft_throttle:
      policy.softThrottle == null
        ? null
        : {
            max_hold:
              policy.softThrottle.maxHold === null
                ? null
                : formatDecimal(policy.softThrottle.maxHold),
            models: policy.softThrottle.models === null ? null : [...policy.softThrottle.models],
          },
    approval_above: policy.approvalAbove == null ? null : formatDecimal(policy.approvalAbove),
  };
}

export function grantView(grant: GrantFigures) {
  return {
    id: grant.id,
    object: "grant" as const,
    pool: grant.poolId,
    amount: formatDecimal(grant.amount),
    remaining: formatDecimal(grant.remaining),
    held: formatDecimal(grant.held),
    source: grant.source,
    priority: grant.priority,
    effective_at: iso(grant.effectiveAt),
    expires_at: iso(grant.expiresAt),
    cost_basis: formatDecimal(grant.costBasis),
    rollover: rolloverView(grant.rollover ?? null),
    reallocated_from: grant.reallocatedFrom ?? null,
    status: grant.status,
    created_at: iso(grant.createdAt),
  };
}

function rolloverView(rollover: Rollover | null) {
  if (rollover === null) return null;
  return {
    grant: rollover.grantId,
    cap: formatDecimal(rollover.cap),
    expires_at: iso(rollover.expiresAt),
  };
}

export function holdView(hold: HoldFigures) {
  return {
    id: hold.id,
    object: "hold" as const,
    pool: hold.poolId,
    member: hold.memberId,
    amount: formatDecimal(hold.amount),
    status: hold.status,
    captured: hold.captured === null ? null : formatDecimal(hold.captured),
    rate_card_version: hold.rateCardVersion,
    expires_at: iso(hold.expiresAt),
    created_at: iso(hold.createdAt),
  };
}

/** The body of a ledger answer that is not an error (a refused hold answers 200 too). */
export function ledgerBody(answer: EngineAnswer): unknown {
  const { result, code } = answer;
  switch (result.kind) {
    case "pool":
      return poolView(result.pool);
    case "grant":
      return grantView(result.grant);
    case "allowed":
      return { allowed: true, hold: holdView(result.hold) };
    case "refused":
      return {
        allowed: false,
        code,
        pool: result.poolId,
        message: resultCodes[code].summary,
        ...(result.decisionId === null ? {} : { decision_id: result.decisionId }),
        ...(result.retryAfterMs === undefined || result.retryAfterMs === null
          ? {}
          : { retry_after: Math.max(1, Math.ceil(result.retryAfterMs / 1000)) }),
      };
    case "hold":
      return holdView(result.hold);
    case "usage":
      return { object: "usage", pool: result.poolId, amount: formatDecimal(result.amount) };
    case "none":
      return { code, message: answer.message };
    case "rendered":
      return result.body;
  }
}
