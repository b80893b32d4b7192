/**
 * What can be asked of an organization's ledger. Commands are plain data, already validated at the
 * edge (`validate.ts`); ids of new objects are chosen by the caller so a replay is exact.
 */
import type { Micros } from "./amount.ts";
import type { Meters, Tags } from "./attribution.ts";
import type {
  GrantSource,
  OverageLimit,
  PoolLimit,
  PoolPolicy,
  ProviderCost,
  Rollover,
} from "./model.ts";

export interface CreatePool {
  readonly type: "create_pool";
  readonly poolId: string;
  readonly parentId: string;
  readonly name: string;
  readonly drawsFromParent: boolean;
  readonly limit: PoolLimit | null;
  readonly overageLimit: OverageLimit | null;
  /** Governance; absent parts are none. */
  readonly policy?: Partial<PoolPolicy>;
}

/** Changes what a pool may draw from now on; an absent field is left as it is. */
export interface UpdatePool {
  readonly type: "update_pool";
  readonly poolId: string;
  readonly name?: string;
  readonly limit?: PoolLimit | null;
  readonly overageLimit?: OverageLimit | null;
  /** The parts of the policy to change; absent parts are left as they are. */
  readonly policy?: Partial<PoolPolicy>;
}

/** Raises a pool's hard limit by `amount` until `until`; an amount of 0 ends the boost. */
export interface BoostPool {
  readonly type: "boost_pool";
  readonly poolId: string;
  readonly amount: Micros;
  readonly until: number;
}

/**
 * Closes an empty pool for good: refused while it has open children, open holds, grants with
 * credits left, or debt. Its history stays; it takes nothing new. The root is never archived.
 */
export interface ArchivePool {
  readonly type: "archive_pool";
  readonly poolId: string;
}

export interface CreateGrant {
  readonly type: "create_grant";
  readonly grantId: string;
  readonly poolId: string;
  readonly amount: Micros;
  readonly source: GrantSource;
  readonly priority: number;
  /** Null means now. */
  readonly effectiveAt: number | null;
  readonly expiresAt: number | null;
  readonly costBasis: Micros;
  /** Needs `expiresAt`; the rollover grant's id is chosen with the grant's. */
  readonly rollover?: Rollover | null;
}

/**
 * Voids the whole grant, or with `amount` that much of what is left (never more), leaving the
 * grant open.
 */
export interface VoidGrant {
  readonly type: "void_grant";
  readonly grantId: string;
  readonly amount?: Micros;
}

/**
 * Moves an open grant's expiry later or earlier (null: never), never before now. The rest of the
 * grant is kept; what a hold returns to it later expires at the new time.
 */
export interface ChangeGrantExpiry {
  readonly type: "change_grant_expiry";
  readonly grantId: string;
  readonly expiresAt: number | null;
}

/**
 * Moves `amount` of grant `grantId`'s unheld remainder to a new grant `newGrantId` at `poolId`,
 * with the same source, priority, cost basis and expiry (`reallocation.ts`).
 */
export interface Reallocate {
  readonly type: "reallocate";
  readonly grantId: string;
  readonly newGrantId: string;
  readonly poolId: string;
  readonly amount: Micros;
}

/** Moves what of a reallocated grant is still unheld back to the grant it came from. */
export interface UndoReallocation {
  readonly type: "undo_reallocation";
  readonly grantId: string;
  /**
   * The grant it was reallocated from, as the caller read it, so the engine loads it even when
   * it holds nothing now (a spent grant is not kept in memory). The ledger goes by its own link.
   */
  readonly sourceGrantId?: string;
}

export interface CreateHold {
  readonly type: "create_hold";
  readonly holdId: string;
  readonly poolId: string;
  readonly amount: Micros;
  readonly ttlSeconds: number;
  readonly memberId?: string | null;
  /** The key that asks: its caps and rate limits apply. */
  readonly keyId?: string | null;
  /** The model the work runs on, checked against the allow-lists of the path. */
  readonly model?: string | null;
  readonly rateCardVersion?: string | null;
  /** An approver approved this hold: approval gates on the path let it pass. */
  readonly approved?: boolean;
  /** Kept on the hold, then on the transfers its capture makes (`attribution.ts`). */
  readonly tags?: Tags;
  /** The hold's priced split by meter, summing to `amount`; its capture's, unless it has one. */
  readonly meters?: Meters;
  /** What the priced work costs at the provider; a capture by amount scales it. */
  readonly cost?: ProviderCost;
}

export interface CaptureHold {
  readonly type: "capture_hold";
  readonly holdId: string;
  readonly amount: Micros;
  /** The capture's own priced split by meter, summing to `amount`; absent or empty: the hold's. */
  readonly meters?: Meters;
  /** The capture's own provider cost, with its own `meters` only. */
  readonly cost?: ProviderCost;
}

export interface ReleaseHold {
  readonly type: "release_hold";
  readonly holdId: string;
}

export interface RecordUsage {
  readonly type: "record_usage";
  readonly poolId: string;
  readonly amount: Micros;
  readonly rateCardVersion?: string | null;
  /** Who the usage was for: it counts against their caps. */
  readonly memberId?: string | null;
  readonly keyId?: string | null;
  /** The model it ran on: usage outside an allow-list is recorded all the same, and flagged. */
  readonly model?: string | null;
  readonly tags?: Tags;
  /** The event's priced split by meter, summing to `amount`. */
  readonly meters?: Meters;
  /** The event's provider cost, shared out over the transfers that record it. */
  readonly cost?: ProviderCost;
}

/**
 * Moves the organization's time forward to `to` (nothing when it is there already), applying
 * whatever falls due on the way: a test clock's advance. Time never runs backwards.
 */
export interface AdvanceTime {
  readonly type: "advance_time";
  readonly to: number;
}

export type Command =
  | CreatePool
  | UpdatePool
  | BoostPool
  | ArchivePool
  | CreateGrant
  | VoidGrant
  | ChangeGrantExpiry
  | Reallocate
  | UndoReallocation
  | CreateHold
  | CaptureHold
  | ReleaseHold
  | RecordUsage
  | AdvanceTime;

export type CommandType = Command["type"];

/**
 * The ids of existing objects a command names, so the engine can load settled ones; with
 * `newIds`, also the ids a command creates, to find one already in use by a settled object.
 */
export function referencedIds(
  command: Command,
  newIds = false,
): { holdId?: string; grantId?: string; sourceGrantId?: string } {
  switch (command.type) {
    case "create_hold":
      return newIds ? { holdId: command.holdId } : {};
    case "create_grant":
      return newIds ? { grantId: command.grantId } : {};
    case "reallocate":
      return newIds
        ? { grantId: command.newGrantId, sourceGrantId: command.grantId }
        : { grantId: command.grantId };
    case "undo_reallocation":
      return command.sourceGrantId === undefined
        ? { grantId: command.grantId }
        : { grantId: command.grantId, sourceGrantId: command.sourceGrantId };
    case "capture_hold":
    case "release_hold":
      return { holdId: command.holdId };
    case "void_grant":
    case "change_grant_expiry":
      return { grantId: command.grantId };
    default:
      return {};
  }
}
