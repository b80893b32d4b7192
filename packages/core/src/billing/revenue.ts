/**
 * Revenue recognition from ledger totals, in money at each grant's cost basis. Prepaid credits
 * are deferred revenue until consumed (recognized) or lost at expiry or voiding (breakage).
 * Per pool, for a span of time:
 *
 *   deferred at the end = deferred at the start + purchased + carried in − carried out
 *                         − recognized from its grants − breakage
 *
 * Purchases, carrying and breakage count at the grant's pool; recognition counts at the pool that
 * consumed (its chargeback) and comes off the deferred revenue of the grant's pool. Consumption
 * no grant covered (overage, debt) has no cost basis: it is reported in credits, billed by the
 * plan's overage price. Carrying is a grant's rollover: the same credits at the same cost basis
 * leave the expiring grant and enter its rollover grant, so across an organization they cancel.
 */
import type { Micros } from "../amount.ts";
import type { Total } from "../totals.ts";

/** Credits, and their money in 10^-12 currency units (credits × cost basis, exact). */
export interface Figure {
  readonly credits: Micros;
  readonly money: bigint;
}

export interface PoolRevenue {
  readonly poolId: string;
  readonly deferredOpening: Figure;
  readonly purchased: Figure;
  readonly carriedIn: Figure;
  readonly carriedOut: Figure;
  /** Consumed at this pool, from grants anywhere up its draw chain. */
  readonly recognized: Figure;
  readonly breakage: Figure;
  readonly deferredClosing: Figure;
  /** Consumed at this pool that no grant covered, in credits. */
  readonly uncovered: Micros;
}

type Field = Exclude<keyof PoolRevenue, "poolId" | "uncovered">;

const zero: Figure = { credits: 0n, money: 0n };

function plus(a: Figure, b: Figure): Figure {
  return { credits: a.credits + b.credits, money: a.money + b.money };
}

function minus(a: Figure, b: Figure): Figure {
  return { credits: a.credits - b.credits, money: a.money - b.money };
}

function figureOf(total: Total): Figure {
  return { credits: total.credits, money: total.credits * total.costBasis };
}

type Mutable = { -readonly [K in keyof PoolRevenue]: PoolRevenue[K] };

function blank(poolId: string): Mutable {
  return {
    poolId,
    deferredOpening: zero,
    purchased: zero,
    carriedIn: zero,
    carriedOut: zero,
    recognized: zero,
    breakage: zero,
    deferredClosing: zero,
    uncovered: 0n,
  };
}

/** What each total does to the deferred revenue of its grant's pool: +1 adds, −1 takes. */
function deferredSign(total: Total): 1n | -1n | 0n {
  switch (total.measure) {
    case "granted":
    case "carried_in":
      return 1n;
    case "carried_out":
    case "consumed":
    case "debt_paid":
    case "expired":
    case "voided":
      return -1n;
    case "overage":
    case "debt":
      return 0n;
  }
}

/**
 * Each pool's revenue over a span, from the totals before it (`before`: everything from the
 * organization's start) and the totals within it (`within`). Pools are sorted by id.
 */
export function revenueByPool(before: readonly Total[], within: readonly Total[]): PoolRevenue[] {
  const pools = new Map<string, Mutable>();
  const at = (poolId: string) => {
    let pool = pools.get(poolId);
    if (pool === undefined) {
      pool = blank(poolId);
      pools.set(poolId, pool);
    }
    return pool;
  };
  const add = (poolId: string, field: Field, figure: Figure) => {
    const pool = at(poolId);
    pool[field] = plus(pool[field], figure);
  };
  for (const total of before) {
    const sign = deferredSign(total);
    if (sign === 0n) continue;
    const pool = at(total.grantPoolId);
    const figure = figureOf(total);
    pool.deferredOpening =
      sign > 0n ? plus(pool.deferredOpening, figure) : minus(pool.deferredOpening, figure);
  }
  /** Recognized from each pool's grants, wherever it was consumed. */
  const taken = new Map<string, Figure>();
  for (const total of within) {
    const figure = figureOf(total);
    switch (total.measure) {
      case "granted":
        add(total.poolId, "purchased", figure);
        break;
      case "carried_in":
        add(total.poolId, "carriedIn", figure);
        break;
      case "carried_out":
        add(total.poolId, "carriedOut", figure);
        break;
      case "consumed":
      case "debt_paid":
        add(total.poolId, "recognized", figure);
        at(total.grantPoolId);
        taken.set(total.grantPoolId, plus(taken.get(total.grantPoolId) ?? zero, figure));
        break;
      case "expired":
      case "voided":
        add(total.poolId, "breakage", figure);
        break;
      case "overage":
      case "debt":
        at(total.poolId).uncovered += total.credits;
        break;
    }
  }
  for (const pool of pools.values()) {
    const added = plus(plus(pool.deferredOpening, pool.purchased), pool.carriedIn);
    const gone = plus(plus(pool.carriedOut, pool.breakage), taken.get(pool.poolId) ?? zero);
    pool.deferredClosing = minus(added, gone);
  }
  return [...pools.values()].sort((a, b) =>
    a.poolId < b.poolId ? -1 : a.poolId > b.poolId ? 1 : 0,
  );
}

/** The sum of pools' revenue (the organization's, or a department's chargeback). */
export function sumRevenue(poolId: string, pools: readonly PoolRevenue[]): PoolRevenue {
  const sum = blank(poolId);
  const fields: Field[] = [
    "deferredOpening",
    "purchased",
    "carriedIn",
    "carriedOut",
    "recognized",
    "breakage",
    "deferredClosing",
  ];
  for (const pool of pools) {
    for (const field of fields) sum[field] = plus(sum[field], pool[field]);
    sum.uncovered += pool.uncovered;
  }
  return sum;
}
