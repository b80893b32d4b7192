/**
 * The reference model's records (pools, grants, holds, reservations, dated logs) and the naive
 * period arithmetic it keeps its figures by. Written from DESIGN §3, not from the core.
 */
import type {
  GrantStatus,
  HoldStatus,
  Micros,
  OverageLimit,
  Period,
  PoolLimit,
} from "@creditpool/core";

/**
 * Rules the model may be told to get wrong, so a test can prove the simulator notices. Every
 * flag is false in a real run.
 */
export interface ModelFlips {
  /** Burn dearer credits first instead of cheaper ones. */
  readonly costBasisDescending: boolean;
  /** Treat a hold as expired only after `expires_at` instead of at it. */
  readonly holdExpiresAfterTtl: boolean;
}

export const noFlips: ModelFlips = { costBasisDescending: false, holdExpiresAfterTtl: false };

export interface GrantView {
  readonly remaining: Micros;
  readonly held: Micros;
  readonly status: GrantStatus;
}

export interface ModelPool {
  readonly id: string;
  readonly parentId: string | null;
  readonly drawsFromParent: boolean;
  limit: PoolLimit | null;
  overageLimit: OverageLimit | null;
}

export interface ModelGrant {
  readonly id: string;
  readonly poolId: string;
  readonly amount: Micros;
  readonly priority: number;
  readonly effectiveAt: number;
  expiresAt: number | null;
  readonly costBasis: Micros;
  /** At its expiry, up to `cap` of what is left moves into a new grant `grantId`. */
  readonly rollover?: {
    readonly grantId: string;
    readonly cap: Micros;
    readonly expiresAt: number;
  };
  remaining: Micros;
  activated: boolean;
  closure: "expired" | "voided" | null;
}

export interface Reservation {
  readonly grantId: string | null;
  readonly amount: Micros;
}

export interface ModelHold {
  readonly id: string;
  readonly poolId: string;
  readonly pathIds: readonly string[];
  readonly carrierId: string;
  readonly amount: Micros;
  readonly expiresAt: number;
  readonly reservations: readonly Reservation[];
  status: HoldStatus;
  /** A capture came after the expiry and reported work: a later one records nothing more. */
  lateCaptured: boolean;
}

/** Something counted in periods: a consumption at a pool, or overage drawn at a carrier. */
export interface Dated {
  readonly pathIds: readonly string[];
  readonly starts: Readonly<Record<Period, number>>;
  readonly amount: Micros;
}

export const dayMs = 86_400_000;

/** UTC calendar periods, worked out with `Date` rather than the core's arithmetic. */
export function periodStartNaive(at: number, period: Period): number {
  const date = new Date(at);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  if (period === "day") return midnight;
  if (period === "month") return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const daysSinceMonday = (date.getUTCDay() + 6) % 7;
  return midnight - daysSinceMonday * dayMs;
}

export function startsOf(at: number): Record<Period, number> {
  return {
    day: periodStartNaive(at, "day"),
    week: periodStartNaive(at, "week"),
    month: periodStartNaive(at, "month"),
  };
}

export function min(a: Micros, b: Micros): Micros {
  return a < b ? a : b;
}

/** A running sum over the current calendar period of each kind. */
interface PeriodTotal {
  start: number;
  total: Micros;
}

export type PeriodTotals = Record<Period, PeriodTotal>;

export function emptyTotals(): PeriodTotals {
  const none = Number.NEGATIVE_INFINITY;
  return {
    day: { start: none, total: 0n },
    week: { start: none, total: 0n },
    month: { start: none, total: 0n },
  };
}

/** Time only moves forward, so a booking in a later period starts that period's sum afresh. */
export function addToTotals(
  totals: PeriodTotals,
  starts: Readonly<Record<Period, number>>,
  amount: Micros,
) {
  for (const period of ["day", "week", "month"] as const) {
    const running = totals[period];
    if (running.start === starts[period]) running.total += amount;
    else {
      running.start = starts[period];
      running.total = amount;
    }
  }
}

export function add(figures: Map<string, Micros>, key: string, amount: Micros): void {
  figures.set(key, (figures.get(key) ?? 0n) + amount);
}
