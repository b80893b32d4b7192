/**
 * What the engine answers: a result code and a typed result, the figures of what a command made
 * or changed as of the batch that applied it. Transports render it; the engine never shapes an
 * API view. The answer is stored with its idempotency key in a compact form (`answer-codec.ts`)
 * and a replay decodes it, so every transport renders a replay exactly as it rendered the first.
 */
import {
  type Command,
  type Grant,
  type GrantSource,
  type GrantStatus,
  grantStatus,
  type Hold,
  type HoldStatus,
  holdStatus,
  type LedgerState,
  type Micros,
  type Outcome,
  type OverageLimit,
  type Pool,
  type PoolBalances,
  type PoolBoost,
  type PoolLimit,
  type PoolPolicy,
  poolBalances,
  type ResultCode,
  type Rollover,
  resultCodes,
  unusedReservation,
} from "@creditpool/core";

/** A pool with its balances, as of now. */
export interface PoolFigures extends PoolBalances {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly drawsFromParent: boolean;
  readonly limit: PoolLimit | null;
  readonly overageLimit: OverageLimit | null;
  /** Governance; absent in answers stored before pools had it. */
  readonly policy?: PoolPolicy;
  /** What the pool's reservation still protects now. */
  readonly reservedUnused?: Micros;
  readonly createdAt: number;
  /** When the pool was archived; absent in answers stored before pools could be. */
  readonly archivedAt?: number | null;
  /** The boost of its hard limit in force now; absent in answers stored before boosts. */
  readonly boost?: PoolBoost | null;
}

/** A grant as of now: an expired or voided grant shows nothing remaining. */
export interface GrantFigures {
  readonly id: string;
  readonly poolId: string;
  readonly amount: Micros;
  readonly remaining: Micros;
  readonly held: Micros;
  readonly source: GrantSource;
  readonly priority: number;
  readonly effectiveAt: number;
  readonly expiresAt: number | null;
  readonly costBasis: Micros;
  /** What rolls over at expiry; absent in answers stored before grants had it. */
  readonly rollover?: Rollover | null;
  /** The grant its credits were reallocated from; absent in answers stored before. */
  readonly reallocatedFrom?: string | null;
  readonly status: GrantStatus;
  readonly createdAt: number;
}

/** A hold as of now: past its TTL it is expired, whether or not the sweep has written it. */
export interface HoldFigures {
  readonly id: string;
  readonly poolId: string;
  readonly memberId: string | null;
  readonly amount: Micros;
  readonly status: HoldStatus;
  /** What a capture asked for, once there was one. */
  readonly captured: Micros | null;
  readonly rateCardVersion: string | null;
  readonly expiresAt: number;
  readonly createdAt: number;
}

export type LedgerResult =
  | { readonly kind: "pool"; readonly pool: PoolFigures }
  | { readonly kind: "grant"; readonly grant: GrantFigures }
  /** A hold allowed. */
  | { readonly kind: "allowed"; readonly hold: HoldFigures }
  /**
   * A hold refused, at the pool where it failed (the code says why), with its decision record's
   * id and, when a rate limit refused it, when to retry (milliseconds; null when never).
   */
  | {
      readonly kind: "refused";
      readonly poolId: string;
      readonly decisionId: string | null;
      readonly retryAfterMs?: number | null;
    }
  /** A hold settled (captured or released), or the hold a refused settlement names. */
  | { readonly kind: "hold"; readonly hold: HoldFigures }
  /** Usage recorded; `decisionId` names the record of a flag (a model a pool does not allow). */
  | {
      readonly kind: "usage";
      readonly poolId: string;
      readonly amount: Micros;
      readonly flagged?: { readonly code: string; readonly decisionId: string | null };
    }
  | { readonly kind: "none" }
  /** An answer stored before answers were typed: its body as it was rendered then. */
  | { readonly kind: "rendered"; readonly body: unknown };

export interface EngineAnswer {
  readonly code: ResultCode;
  readonly result: LedgerResult;
  /** For people: the code's summary, or what exactly was wrong. */
  readonly message: string;
  /** For a refused request: the field at fault. */
  readonly param?: string;
  /** True when this is the stored first answer to an earlier request with the same key. */
  readonly replayed?: boolean;
}

export function poolFigures(state: LedgerState, pool: Pool): PoolFigures {
  return {
    id: pool.id,
    parentId: pool.parentId,
    name: pool.name,
    drawsFromParent: pool.drawsFromParent,
    limit: pool.limit,
    overageLimit: pool.overageLimit,
    policy: pool.policy,
    reservedUnused: unusedReservation(pool, state.now),
    createdAt: pool.createdAt,
    archivedAt: pool.archivedAt,
    // A lapsed boost stays on the pool for verify; the view shows only one in force.
    boost: pool.boost !== null && state.now < pool.boost.until ? pool.boost : null,
    ...poolBalances(state, pool),
  };
}

export function grantFigures(grant: Grant, now: number): GrantFigures {
  const status = grantStatus(grant, now);
  return {
    id: grant.id,
    poolId: grant.poolId,
    amount: grant.amount,
    remaining: status === "expired" || status === "voided" ? 0n : grant.remaining,
    held: grant.held,
    source: grant.source,
    priority: grant.priority,
    effectiveAt: grant.effectiveAt,
    expiresAt: grant.expiresAt,
    costBasis: grant.costBasis,
    rollover: grant.rollover ?? null,
    reallocatedFrom: grant.reallocatedFrom ?? null,
    status,
    createdAt: grant.createdAt,
  };
}

export function holdFigures(hold: Hold, now: number): HoldFigures {
  const status = holdStatus(hold, now);
  return {
    id: hold.id,
    poolId: hold.poolId,
    memberId: hold.memberId,
    amount: hold.amount,
    status,
    captured: status === "captured" || hold.capturedAmount > 0n ? hold.capturedAmount : null,
    rateCardVersion: hold.rateCardVersion,
    expiresAt: hold.expiresAt,
    createdAt: hold.createdAt,
  };
}

/** The id of what a result made or names (a pool, a grant, a hold), or null. */
export function resultId(result: LedgerResult): string | null {
  switch (result.kind) {
    case "pool":
      return result.pool.id;
    case "grant":
      return result.grant.id;
    case "allowed":
    case "hold":
      return result.hold.id;
    default:
      return null;
  }
}

export function errorAnswer(code: ResultCode, message: string, param?: string): EngineAnswer {
  const answer = { code, result: { kind: "none" as const }, message: message || summary(code) };
  return param === undefined ? answer : { ...answer, param };
}

/**
 * The answer to one applied command, read from the state right after it; a refused hold's answer
 * names `decisionId`, the record the engine keeps of it.
 */
export function answerFor(
  state: LedgerState,
  command: Command,
  outcome: Outcome,
  decisionId: string | null = null,
): EngineAnswer {
  const { code } = outcome;
  const now = state.now;
  const answer = (result: LedgerResult) => ({ code, result, message: summary(code) });
  switch (command.type) {
    case "create_pool":
    case "update_pool": {
      const pool = state.pools.get(command.poolId);
      if (code !== "ok" || pool === undefined)
        return errorAnswer(
          code,
          "",
          code === "pool_not_found" || code === "pool_archived" ? poolParam(command) : undefined,
        );
      return answer({ kind: "pool", pool: poolFigures(state, pool) });
    }
    case "boost_pool": {
      const pool = state.pools.get(command.poolId);
      const { invalid } = outcome;
      if (invalid !== undefined)
        return errorAnswer(code, `${invalid.param} ${invalid.reason}`, invalid.param);
      if (code !== "ok" || pool === undefined) return errorAnswer(code, "", "id");
      return answer({ kind: "pool", pool: poolFigures(state, pool) });
    }
    case "archive_pool": {
      const pool = state.pools.get(command.poolId);
      if (outcome.because !== undefined)
        return errorAnswer(code, `The pool ${outcome.because}.`, "id");
      if (code !== "ok" || pool === undefined) return errorAnswer(code, "", "id");
      return answer({ kind: "pool", pool: poolFigures(state, pool) });
    }
    case "create_grant":
    case "void_grant":
    case "change_grant_expiry": {
      const grant = state.grants.get(command.grantId);
      const { invalid } = outcome;
      if (invalid !== undefined)
        return errorAnswer(code, `${invalid.param} ${invalid.reason}`, invalid.param);
      if (code !== "ok" || grant === undefined)
        return errorAnswer(code, "", command.type === "create_grant" ? "pool" : undefined);
      return answer({ kind: "grant", grant: grantFigures(grant, now) });
    }
    case "reallocate":
    case "undo_reallocation": {
      const id = command.type === "reallocate" ? command.newGrantId : command.grantId;
      const grant = state.grants.get(id);
      const { invalid } = outcome;
      if (invalid !== undefined)
        return errorAnswer(code, `${invalid.param} ${invalid.reason}`, invalid.param);
      if (code !== "ok" || grant === undefined)
        return errorAnswer(code, "", reallocationParam(command.type, code));
      return answer({ kind: "grant", grant: grantFigures(grant, now) });
    }
    case "create_hold": {
      const hold = state.holds.get(command.holdId);
      if (code === "ok" && hold !== undefined)
        return answer({ kind: "allowed", hold: holdFigures(hold, now) });
      if (outcome.poolId !== undefined) {
        const rate = outcome.refusal?.rate;
        const refused = { kind: "refused" as const, poolId: outcome.poolId, decisionId };
        return answer(
          rate === undefined ? refused : { ...refused, retryAfterMs: rate.retryAfterMs },
        );
      }
      return errorAnswer(code, "", "pool");
    }
    case "capture_hold":
    case "release_hold": {
      const hold = state.holds.get(command.holdId);
      if (hold === undefined) return errorAnswer(code, "", "id");
      return answer({ kind: "hold", hold: holdFigures(hold, now) });
    }
    case "record_usage":
      if (code !== "ok") return errorAnswer(code, "", "pool");
      return answer({
        kind: "usage",
        poolId: command.poolId,
        amount: command.amount,
        ...(outcome.flagged === undefined
          ? {}
          : { flagged: { code: outcome.flagged.code, decisionId } }),
      });
    case "advance_time":
      return answer({ kind: "none" });
  }
}

export function summary(code: ResultCode): string {
  return resultCodes[code].summary;
}

/** The field a refused reallocation names: the target pool, the new id, or the grant. */
function reallocationParam(type: Command["type"], code: ResultCode): string {
  if (type !== "reallocate") return "id";
  if (code === "id_in_use") return "new_grant_id";
  const onPool = ["pool_not_found", "pool_archived", "reallocation_target_outside"];
  return onPool.includes(code) ? "pool" : "id";
}

function poolParam(command: Command): string | undefined {
  return command.type === "create_pool" ? "parent" : undefined;
}
