/**
 * Ledger totals: the journal summed by hour, pool and measure, so that consumption, overage and
 * revenue over any span are read from a few rows instead of a scan of the journal. A transfer
 * maps to at most one measure; moves that change no total a report shows (a hold reserving
 * credits, a release or expiry giving them back, an expiry change) map to none.
 *
 * Credits of a grant carry its cost basis into the total, so money is exact at read time:
 * credits (micro-credits) times cost basis (micro-units of currency per credit) is an integer of
 * 10^-12 currency units.
 */
import type { Micros } from "./amount.ts";
import { accounts, type Transfer } from "./model.ts";

export const measures = [
  /** Credits issued by a grant (its pool is the grant's). */
  "granted",
  /** What an expiring grant carried into its rollover grant, and that grant's issue. */
  "carried_out",
  "carried_in",
  /** Credits of grants consumed (captured or used), at the consuming pool. */
  "consumed",
  /** Credits of grants that paid a carrier's debt: consumption recognized late. */
  "debt_paid",
  /** Consumption no grant covered: drawn from the overage allowance, or left as debt. */
  "overage",
  "debt",
  /** What was left of grants when they expired or were voided: breakage. */
  "expired",
  "voided",
] as const;

export type Measure = (typeof measures)[number];

/** What the totals need of a grant a transfer names. */
export interface GrantBasis {
  readonly poolId: string;
  readonly costBasis: Micros;
  readonly rollover: boolean;
}

/** A total sums an hour, a day or a month of UTC time. */
export type Span = "hour" | "day" | "month";

/**
 * One total's key: its span and start (epoch ms), the pool it is counted at, the pool of the
 * grant its credits came from (for debt, the carrier that owes it; "" for overage), the measure
 * and the cost basis.
 */
export interface TotalKey {
  readonly span: Span;
  readonly start: number;
  readonly poolId: string;
  readonly grantPoolId: string;
  readonly measure: Measure;
  readonly costBasis: Micros;
}

export interface Total extends TotalKey {
  readonly credits: Micros;
  /** The first journal sequence the total holds. */
  readonly firstSequence: number;
}

const hourMs = 3_600_000;
const dayMs = 86_400_000;

/** The start of the span holding `at`. */
export function spanStart(span: Span, at: number): number {
  if (span === "hour") return Math.floor(at / hourMs) * hourMs;
  if (span === "day") return Math.floor(at / dayMs) * dayMs;
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** The start of the first span at or after `at`. */
export function spanCeiling(span: Span, at: number): number {
  const start = spanStart(span, at);
  if (start === at) return at;
  if (span === "hour") return start + hourMs;
  if (span === "day") return start + dayMs;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** Whole spans [from, to) of one kind, or (span null) a part of an hour read from the journal. */
export interface Tile {
  readonly span: Span | null;
  readonly from: number;
  readonly to: number;
}

const finer: Record<Span, Span | null> = { month: "day", day: "hour", hour: null };

/**
 * [from, to) as the fewest tiles: whole months, days and hours, and at each end what is left of
 * an hour. A year takes at most 12 months, 2 × 30 days, 2 × 23 hours and 2 parts of hours.
 * `coarsest` caps the span of a tile (a report by week reads days, never a month that straddles
 * two weeks).
 */
export function tiles(from: number, to: number, coarsest: Span = "month"): Tile[] {
  if (to <= from) return [];
  const head = spanCeiling("hour", from);
  const tail = spanStart("hour", to);
  if (tail <= head) {
    if (tail < head) return [{ span: null, from, to }];
    return [
      ...(from < head ? [{ span: null, from, to: head }] : []),
      ...(head < to ? [{ span: null, from: head, to }] : []),
    ];
  }
  return [
    ...(from < head ? [{ span: null, from, to: head }] : []),
    ...wholeTiles(head, tail, coarsest),
    ...(tail < to ? [{ span: null, from: tail, to }] : []),
  ];
}

function wholeTiles(from: number, to: number, span: Span): Tile[] {
  if (to <= from) return [];
  const smaller = finer[span];
  if (smaller === null) return [{ span, from, to }];
  const start = spanCeiling(span, from);
  const end = spanStart(span, to);
  if (end <= start) return wholeTiles(from, to, smaller);
  return [
    ...wholeTiles(from, start, smaller),
    { span, from: start, to: end },
    ...wholeTiles(end, to, smaller),
  ];
}

/** The measure a transfer adds to, or null; `grant` answers for its grant id. */
export function measureOf(
  transfer: Transfer,
  grant: GrantBasis | null,
): { measure: Measure; poolId: string; owedBy?: string } | null {
  const toBreakage = transfer.creditAccount === accounts.breakage;
  switch (transfer.kind) {
    case "grant":
      return { measure: grant?.rollover ? "carried_in" : "granted", poolId: transfer.poolId };
    case "rollover":
      return { measure: "carried_out", poolId: transfer.poolId };
    case "capture":
    case "usage":
      if (transfer.grantId !== null) return { measure: "consumed", poolId: transfer.poolId };
      return { measure: "overage", poolId: transfer.poolId };
    case "debt":
      // The carrier that owes it, from its account (`debt:<pool>`), stands where a grant's pool
      // would: debt is owed, and paid, at the carrier.
      return {
        measure: "debt",
        poolId: transfer.poolId,
        owedBy: transfer.debitAccount.slice("debt:".length),
      };
    case "debt_payment":
      return { measure: "debt_paid", poolId: transfer.poolId };
    case "expire":
      return toBreakage ? { measure: "expired", poolId: transfer.poolId } : null;
    case "void":
      return toBreakage ? { measure: "voided", poolId: transfer.poolId } : null;
    case "hold":
    case "release":
    // The pair an expiry change writes leaves the grant and comes straight back.
    case "expiry_change":
    // Credits moved between two grants of one carrier are neither issued nor spent.
    case "reallocation":
      return null;
  }
}

export function totalKeyText(key: TotalKey): string {
  const { span, start, poolId, grantPoolId, measure, costBasis } = key;
  return `${span}|${start}|${poolId}|${grantPoolId}|${measure}|${costBasis}`;
}

/**
 * Sums transfers into totals by key, in the order given (the journal's). `grantOf` answers for
 * every grant id a transfer names; a transfer naming a grant it does not know is an error.
 */
export function sumTransfers(
  transfers: readonly Transfer[],
  grantOf: (grantId: string) => GrantBasis | undefined,
): Total[] {
  const sums = new Map<string, { key: TotalKey; credits: Micros; firstSequence: number }>();
  for (const transfer of transfers) {
    const grant = transfer.grantId === null ? null : (grantOf(transfer.grantId) ?? null);
    if (transfer.grantId !== null && grant === null)
      throw new Error(`transfer ${transfer.sequence} names unknown grant ${transfer.grantId}`);
    const found = measureOf(transfer, grant);
    if (found === null) continue;
    const key: TotalKey = {
      span: "hour",
      start: spanStart("hour", transfer.at),
      poolId: found.poolId,
      grantPoolId: grant?.poolId ?? found.owedBy ?? "",
      measure: found.measure,
      costBasis: grant?.costBasis ?? 0n,
    };
    const text = totalKeyText(key);
    const sum = sums.get(text);
    if (sum === undefined)
      sums.set(text, { key, credits: transfer.amount, firstSequence: transfer.sequence });
    else sum.credits += transfer.amount;
  }
  return [...sums.values()].map(({ key, credits, firstSequence }) => ({
    ...key,
    credits,
    firstSequence,
  }));
}

/** Hour totals with the day and month totals they add to: what a step of summing stores. */
export function withRollUps(hours: readonly Total[]): Total[] {
  const sums = new Map<string, Total>();
  for (const hour of hours) {
    for (const span of ["hour", "day", "month"] as const) {
      const total: Total = { ...hour, span, start: spanStart(span, hour.start) };
      const text = totalKeyText(total);
      const before = sums.get(text);
      sums.set(
        text,
        before === undefined
          ? total
          : {
              ...before,
              credits: before.credits + total.credits,
              firstSequence: Math.min(before.firstSequence, total.firstSequence),
            },
      );
    }
  }
  return [...sums.values()];
}
