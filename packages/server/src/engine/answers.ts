/**
 * Answers as the API shows them: decimal-string credits, ISO times, snake_case fields. An answer
 * is stored with its idempotency key and returned byte for byte on a replay.
 */
import {
  type Command,
  formatDecimal,
  type Grant,
  grantStatus,
  type Hold,
  holdStatus,
  type LedgerState,
  type Outcome,
  type Pool,
  poolBalances,
  type ResultCode,
  resultCodes,
} from "@creditpool/core";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface EngineAnswer {
  readonly code: ResultCode;
  /** The resource or decision for the caller; for errors, what failed. */
  readonly body: { [key: string]: Json };
  /** For a refused request: the field at fault. */
  readonly param?: string;
  /** True when this is the stored first answer to an earlier request with the same key. */
  readonly replayed?: boolean;
}

export function iso(timeMs: number | null): string | null {
  return timeMs === null ? null : new Date(timeMs).toISOString();
}

export function poolView(state: LedgerState, pool: Pool): { [key: string]: Json } {
  const balances = poolBalances(state, pool);
  return {
    id: pool.id,
    object: "pool",
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
    available: formatDecimal(balances.available),
    held: formatDecimal(balances.held),
    consumed_this_period: formatDecimal(balances.consumedThisPeriod),
    granted: formatDecimal(balances.granted),
    debt: formatDecimal(balances.debt),
    overage_used_this_period: formatDecimal(balances.overageUsedThisPeriod),
    created_at: iso(pool.createdAt),
  };
}

export function grantView(grant: Grant, now: number): { [key: string]: Json } {
  const status = grantStatus(grant, now);
  return {
    id: grant.id,
    object: "grant",
    pool: grant.poolId,
    amount: formatDecimal(grant.amount),
    remaining: formatDecimal(status === "expired" || status === "voided" ? 0n : grant.remaining),
    held: formatDecimal(grant.held),
    source: grant.source,
    priority: grant.priority,
    effective_at: iso(grant.effectiveAt),
    expires_at: iso(grant.expiresAt),
    cost_basis: formatDecimal(grant.costBasis),
    status,
    created_at: iso(grant.createdAt),
  };
}

export function holdView(hold: Hold, now: number): { [key: string]: Json } {
  const status = holdStatus(hold, now);
  return {
    id: hold.id,
    object: "hold",
    pool: hold.poolId,
    member: hold.memberId,
    amount: formatDecimal(hold.amount),
    status,
    captured:
      status === "captured" || hold.capturedAmount > 0n ? formatDecimal(hold.capturedAmount) : null,
    rate_card_version: hold.rateCardVersion,
    expires_at: iso(hold.expiresAt),
    created_at: iso(hold.createdAt),
  };
}

export function errorAnswer(code: ResultCode, message: string, param?: string): EngineAnswer {
  const body: { [key: string]: Json } = { code, message: message || resultCodes[code].summary };
  if (param !== undefined) body.param = param;
  return param === undefined ? { code, body } : { code, body, param };
}

/** The answer to one applied command, read from the state right after it. */
export function answerFor(state: LedgerState, command: Command, outcome: Outcome): EngineAnswer {
  const { code } = outcome;
  const now = state.now;
  switch (command.type) {
    case "create_pool":
    case "update_pool": {
      const pool = state.pools.get(command.poolId);
      if (code !== "ok" || pool === undefined)
        return errorAnswer(code, "", code === "pool_not_found" ? poolParam(command) : undefined);
      return { code, body: poolView(state, pool) };
    }
    case "create_grant":
    case "void_grant": {
      const grant = state.grants.get(command.grantId);
      if (code !== "ok" || grant === undefined)
        return errorAnswer(code, "", command.type === "create_grant" ? "pool" : undefined);
      return { code, body: grantView(grant, now) };
    }
    case "create_hold": {
      const hold = state.holds.get(command.holdId);
      if (code === "ok" && hold !== undefined)
        return { code, body: { allowed: true, hold: holdView(hold, now) } };
      if (outcome.poolId !== undefined) {
        return {
          code,
          body: { allowed: false, code, pool: outcome.poolId, message: resultCodes[code].summary },
        };
      }
      return errorAnswer(code, "", "pool");
    }
    case "capture_hold":
    case "release_hold": {
      const hold = state.holds.get(command.holdId);
      if (hold === undefined) return errorAnswer(code, "", "id");
      if (code === "ok") return { code, body: holdView(hold, now) };
      return {
        code,
        body: { code, message: resultCodes[code].summary, hold: holdView(hold, now) },
      };
    }
    case "record_usage":
      if (code !== "ok") return errorAnswer(code, "", "pool");
      return {
        code,
        body: { object: "usage", pool: command.poolId, amount: formatDecimal(command.amount) },
      };
  }
}

function poolParam(command: Command): string | undefined {
  return command.type === "create_pool" ? "parent" : undefined;
}
