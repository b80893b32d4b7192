/**
 * The ledger's objects as the pure core sees them. An organization's `LedgerState` is everything
 * a command may touch; the engine loads it under the organization's lock and writes back what the
 * core marks dirty.
 */
import type { Micros } from "./amount.ts";
import type { Period } from "./period.ts";

export type LimitKind = "hard" | "soft";

export interface PoolLimit {
  readonly amount: Micros;
  readonly kind: LimitKind;
  readonly period: Period;
}

/** A raise of a pool's hard limit by `amount` while the ledger's now is before `until`. */
export interface PoolBoost {
  readonly amount: Micros;
  readonly until: number;
}

export interface OverageLimit {
  readonly amount: Micros;
  readonly period: Period;
}

/** An amount per period: a reservation, or a cap on each member or key. */
export interface PeriodAmount {
  readonly amount: Micros;
  readonly period: Period;
}

/** Whose requests one token bucket counts: each key's, each member's, or the pool's as a whole. */
export type RateScope = "key" | "member" | "pool";

export const rateScopes: readonly RateScope[] = ["key", "member", "pool"];

/**
 * Token buckets per minute on the holds made at a pool or under it: at most `requestsPerMinute`
 * holds and `creditsPerMinute` credits held, each bucket holding a minute's worth and refilling
 * continuously. Null leaves that bucket out.
 */
export interface RateLimit {
  readonly per: RateScope;
  readonly requestsPerMinute: number | null;
  readonly creditsPerMinute: Micros | null;
}

/**
 * How a pool is governed beyond its limit: a reservation that protects its parent's own grants
 * for its subtree, caps per member and per key on what each draws in its subtree per period, rate
 * limits, and the models its subtree may use (null: any; every list on the path must allow it).
 */
export interface PoolPolicy {
  readonly reserved: PeriodAmount | null;
  readonly memberCap: PeriodAmount | null;
  readonly keyCap: PeriodAmount | null;
  readonly rateLimits: readonly RateLimit[];
  readonly allowedModels: readonly string[] | null;
  /** Once a hold would take the pool past its soft limit: what it still admits. */
  readonly softThrottle: SoftThrottle | null;
  /** Holds above this amount under the pool wait for an approver (`approval_required`). */
  readonly approvalAbove: Micros | null;
}

/**
 * What a pool past its soft limit still admits: holds up to `maxHold` credits, and (when given)
 * only the `models` listed. Null fields leave that part open.
 */
export interface SoftThrottle {
  readonly maxHold: Micros | null;
  readonly models: readonly string[] | null;
}

export const emptyPolicy: PoolPolicy = {
  reserved: null,
  memberCap: null,
  keyCap: null,
  rateLimits: [],
  allowedModels: null,
  softThrottle: null,
  approvalAbove: null,
};

/** An amount accumulated within one period; stale once `start` is not the current period's. */
export interface PeriodCounter {
  start: number;
  amount: Micros;
}

export interface Pool {
  readonly id: string;
  readonly parentId: string | null;
  /** Depth in the tree: the root is 1. */
  readonly depth: number;
  name: string;
  /** False makes this pool the end of the draw chain of every pool under it (its carrier). */
  readonly drawsFromParent: boolean;
  limit: PoolLimit | null;
  /**
   * The organization's next transfer sequence when `limit` was last set: holds whose transfers
   * come at or after it were admitted under this limit, earlier ones under an earlier limit.
   */
  limitSequence: number;
  /**
   * A temporary raise of the hard limit, kept after it lapses (verify judges holds made before
   * `until` by it); null once ended. Setting or ending it moves `limitSequence` as a limit does.
   */
  boost: PoolBoost | null;
  overageLimit: OverageLimit | null;
  policy: PoolPolicy;
  readonly createdAt: number;
  /**
   * When the pool was archived, or null while it is open. An archived pool keeps its history but
   * takes no new holds, usage, grants or children, and its reservation protects nothing.
   */
  archivedAt: number | null;
  /** Open holds at this pool and all its descendants. */
  held: Micros;
  /** Consumption at this pool and all its descendants, per period kind. */
  consumed: Record<Period, PeriodCounter>;
  /** As a carrier: overage drawn per period kind, and overage reserved by open holds. */
  overageUsed: Record<Period, PeriodCounter>;
  overageHeld: Micros;
  /** As a carrier: usage no grant or overage allowance covered. */
  debt: Micros;
  /**
   * What this pool's subtree drew from its parent's own grants, per period kind, and holds from
   * them now: the use that counts against this pool's reservation (kept whether or not it has one,
   * so a reservation set mid-period counts the period's whole use).
   */
  parentDrawn: Record<Period, PeriodCounter>;
  parentHeld: Micros;
}

export const grantSources = [
  "plan",
  "seat",
  "purchase",
  "promotion",
  "commitment",
  "rollover",
  "adjustment",
] as const;

export type GrantSource = (typeof grantSources)[number];

export type GrantClosure = "expired" | "voided";

/**
 * What of a grant carries on past its expiry: at most `cap` of what is left then moves to a new
 * grant, `grantId`, of source `rollover` that expires at `expiresAt`; the rest expires.
 */
export interface Rollover {
  readonly grantId: string;
  readonly cap: Micros;
  readonly expiresAt: number;
}

export interface Grant {
  readonly id: string;
  readonly poolId: string;
  readonly amount: Micros;
  readonly source: GrantSource;
  readonly priority: number;
  readonly effectiveAt: number;
  /** Changed only by `changeExpiry`, which keeps the burn order and the due queue in step. */
  expiresAt: number | null;
  /** Money paid per credit, in micro-units of the organization's currency. */
  readonly costBasis: Micros;
  /** Absent or null: what is left at expiry expires. */
  readonly rollover?: Rollover | null;
  /** Absent or null: issued. Otherwise the grant whose credits were moved here (`reallocate`). */
  readonly reallocatedFrom?: string | null;
  readonly createdAt: number;
  /** Credits neither held, consumed, used for debt, expired nor voided: the grant's balance. */
  remaining: Micros;
  /** Credits reserved by open holds. */
  held: Micros;
  /** Whether the grant's activation at `effectiveAt` has been applied (debt paid). */
  activated: boolean;
  closed: GrantClosure | null;
  closedAt: number | null;
}

export type HoldStatus = "held" | "captured" | "released" | "expired";

/** Where a hold's credits came from: a grant, or (grantId null) the carrier's overage allowance. */
export interface Reservation {
  readonly grantId: string | null;
  readonly amount: Micros;
}

export interface Hold {
  readonly id: string;
  readonly poolId: string;
  readonly amount: Micros;
  readonly reservations: readonly Reservation[];
  /** The member the work is done for, when the caller named one (visibility by member). */
  readonly memberId: string | null;
  /** The API key that made the hold, when a key did: its caps and rate limits count it. */
  readonly keyId: string | null;
  /** The rate-card version the hold was priced with, settled with the same. */
  readonly rateCardVersion: string | null;
  /** The model the work runs on, as the hold was asked for (null: none named). */
  readonly model: string | null;
  /** The hold's tags, kept for its capture's transfers. */
  readonly tags: Readonly<Record<string, string>>;
  /** The hold's own priced split by meter (empty when sized in credits or from a quote). */
  readonly meters: Readonly<Record<string, Micros>>;
  /** What the priced work costs the vendor at its provider (absent: priced without costs). */
  readonly cost?: ProviderCost;
  readonly createdAt: number;
  readonly expiresAt: number;
  status: HoldStatus;
  /** What the capture asked for; above `amount`, the excess was recorded as usage. */
  capturedAmount: Micros;
  closedAt: number | null;
}

export type TransferKind =
  | "grant"
  | "hold"
  | "capture"
  | "release"
  | "expire"
  | "rollover"
  | "void"
  | "usage"
  | "debt"
  | "debt_payment"
  | "expiry_change"
  | "reallocation";

/**
 * One immutable double-entry movement: `amount` leaves `debitAccount` and enters
 * `creditAccount`. Accounts are named `issuance`, `overage`, `breakage` (organization-wide),
 * `grant:<id>`, `hold:<id>`, `consumed:<pool>` and `debt:<pool>`.
 */
export interface Transfer {
  readonly id: string;
  readonly sequence: number;
  readonly kind: TransferKind;
  readonly debitAccount: string;
  readonly creditAccount: string;
  readonly amount: Micros;
  /** The pool that consumed, or the pool the movement concerns. */
  readonly poolId: string;
  readonly grantId: string | null;
  readonly holdId: string | null;
  readonly rateCardVersion: string | null;
  readonly at: number;
  /**
   * Who and what the priced work was for: present on the transfers that consume (a capture, a
   * usage debit, its overage and debt), absent on every other move.
   */
  readonly attribution?: Attribution;
}

/**
 * What reports group consumption by, kept on each transfer that consumes. `meters` is the priced
 * event's split of credits by meter (empty when it was priced as a plain amount); a transfer that
 * carries part of an event counts its amount shared out by that split (largest remainder, so the
 * shares sum to the transfer's amount exactly).
 */
export interface Attribution {
  readonly memberId: string | null;
  readonly keyId: string | null;
  readonly model: string | null;
  readonly meters: Readonly<Record<string, Micros>>;
  /** At most `limits.tagsMax` short key-value pairs (use case, feature). */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * The provider cost of the transfer's part of a priced event whose rate card had costs: its
   * `amount` is this transfer's share of the event's cost; `meters` the event's cost by meter.
   */
  readonly cost?: ProviderCost;
}

/**
 * What priced work costs the vendor at its AI provider, in micro-units (10^-6) of `currency`,
 * with its split by meter summing to `amount` exactly (meters whose share is 0 left out). It is
 * rounded once, never raised to a minimum, and never negative.
 */
export interface ProviderCost {
  readonly amount: Micros;
  /** ISO 4217, e.g. `USD`. */
  readonly currency: string;
  readonly meters: Readonly<Record<string, Micros>>;
}

export const accounts = {
  issuance: "issuance",
  overage: "overage",
  breakage: "breakage",
  grant: (id: string) => `grant:${id}`,
  hold: (id: string) => `hold:${id}`,
  consumed: (poolId: string) => `consumed:${poolId}`,
  debt: (poolId: string) => `debt:${poolId}`,
} as const;

export interface LedgerState {
  readonly organizationId: string;
  /** The latest `now` applied; time never runs backwards for an organization. */
  now: number;
  nextSequence: number;
  /** Earliest time something may fall due (an activation or an expiry); may be early, never late. */
  nextDueAt: number;
  /** Every activation and expiry to come, in the order they apply (`DueQueue`). */
  readonly due: DueIndex;
  readonly pools: Map<string, Pool>;
  /** Live grants, plus closed or depleted ones the engine loaded because a command names them. */
  readonly grants: Map<string, Grant>;
  /** Each pool's open grants in burn order. */
  readonly grantsByPool: Map<string, Grant[]>;
  /** Open holds, plus settled ones the engine loaded because a command names them. */
  readonly holds: Map<string, Hold>;
  /**
   * Governance tallies loaded so far (`tallies.ts`): what each member or key drew under a capped
   * pool this period, and rate-limit buckets. Loaded on demand; a key absent here is not loaded.
   */
  readonly tallies: Map<string, PeriodCounter>;
  /** Derived from the open holds: held per pool of their path and member (`m:`) or key (`k:`). */
  readonly subjectHeld: Map<string, Micros>;
  /** Derived from the pools: each parent's children that have a reservation (none: absent). */
  readonly reservingChildren: Map<string, Set<Pool>>;
  /** Derived from the pools: those with caps, rate limits, allow-lists, a throttle or a gate. */
  readonly governedPools: Set<Pool>;
  /** What changed since the engine last wrote: the rows to write back. */
  readonly dirty: Dirty;
}

export type DueEvent =
  | { readonly at: number; readonly order: 0; readonly kind: "activate"; readonly grant: Grant }
  | { readonly at: number; readonly order: 1; readonly kind: "expire_hold"; readonly hold: Hold }
  | {
      readonly at: number;
      readonly order: 2;
      readonly kind: "expire_grant";
      readonly grant: Grant;
    };

/** The queue of what falls due; entries of objects since settled stay until they reach the top. */
export interface DueIndex {
  readonly size: number;
  addGrant(grant: Grant): void;
  /** The grant's expiry as it is now; an entry for an earlier expiry goes stale. */
  addGrantExpiry(grant: Grant): void;
  addHold(hold: Hold): void;
  peek(): DueEvent | undefined;
  pop(): DueEvent | undefined;
  compactIfStale(liveObjects: number, live: () => Iterable<Grant | Hold>): void;
}

export interface Dirty {
  readonly pools: Set<Pool>;
  readonly grants: Set<Grant>;
  readonly holds: Set<Hold>;
  /** Keys of `tallies` changed. */
  readonly tallies: Set<string>;
}

/** The identity source the engine injects: a fresh id with the given prefix. */
export type NextId = (prefix: "txn") => string;

export const noDueTime = Number.MAX_SAFE_INTEGER;
