/**
 * The forecast report (`@creditpool/core` reports/forecast.ts): a pool's burn over a window of
 * days, read from the ledger totals, and when its available credits run out at that burn, grants
 * expiring meanwhile taken away at their expiry; the same for each child pool.
 */
import {
  type Expiring,
  type Forecast,
  type ForecastDay,
  forecast,
  isDrawable,
  type LedgerState,
  limits,
  poolBalances,
  spanStart,
  type Total,
} from "@creditpool/core";
import type { Principal } from "../access/principal.ts";
import { Refusal } from "../refusal.ts";
import type { ServiceContext } from "./context.ts";
import type { LedgerTotals } from "./ledger-totals.ts";
import { viewOf } from "./pools.ts";
import { type Reach, reportScope } from "./report-scope.ts";

const dayMs = 86_400_000;

export interface PoolForecast extends Forecast {
  readonly poolId: string;
  readonly available: bigint;
  readonly held: bigint;
  readonly expiring: readonly Expiring[];
}

export interface ForecastReport extends Reach {
  readonly asOf: number;
  readonly windowDays: number;
  readonly pool: PoolForecast;
  readonly pools: readonly PoolForecast[];
}

const consuming = new Set(["consumed", "overage", "debt"]);

export class ForecastService {
  constructor(
    private readonly context: ServiceContext,
    private readonly totals: LedgerTotals,
  ) {}

  async forecast(
    principal: Principal,
    query: { pool: string | null; windowDays: number },
  ): Promise<ForecastReport> {
    const scope = await reportScope(this.context, principal, query.pool);
    const state = await viewOf(this.context, scope.organizationId);
    const now = state.now;
    const today = spanStart("day", now);
    const from = today - (query.windowDays - 1) * dayMs;
    const reached = await this.totals.catchUp(scope.organizationId);
    const days = await this.context.store.readTotals(scope.organizationId, "day", from, today);
    // Through `now` itself: what was recorded at this very millisecond counts today.
    const tail = await this.totals.between(scope.organizationId, today, now + 1, undefined, false);
    const totals = [...days, ...tail.totals.map((total) => ({ ...total, start: today }))];
    const children = [...scope.parents]
      .filter(([, parent]) => parent === scope.poolId)
      .map(([id]) => id)
      .sort();
    const of = (poolId: string) =>
      poolForecast(state, poolId, scope.parents, totals, { now, from, ...query });
    return {
      summedTo: reached.summedTo,
      complete: reached.complete && tail.complete,
      asOf: now,
      windowDays: query.windowDays,
      pool: of(scope.poolId),
      pools: children.map(of),
    };
  }
}

function within(parents: ReadonlyMap<string, string | null>, top: string, poolId: string) {
  for (let at: string | null | undefined = poolId; at != null; at = parents.get(at))
    if (at === top) return true;
  return false;
}

function poolForecast(
  state: LedgerState,
  poolId: string,
  parents: ReadonlyMap<string, string | null>,
  totals: readonly Total[],
  window: { now: number; from: number; windowDays: number },
): PoolForecast {
  const pool = state.pools.get(poolId);
  if (pool === undefined) throw new Refusal("pool_not_found", undefined, "pool");
  const balances = poolBalances(state, pool);
  // The grants this pool draws: its own and its ancestors'.
  const path = new Set<string>();
  for (let at: string | null | undefined = poolId; at != null; at = parents.get(at)) path.add(at);
  const horizonEnd = window.now + limits.reportHorizonDaysMax * dayMs;
  const expiring: Expiring[] = [];
  for (const id of path)
    for (const grant of state.grantsByPool.get(id) ?? [])
      if (
        isDrawable(grant, window.now) &&
        grant.expiresAt !== null &&
        grant.expiresAt <= horizonEnd &&
        grant.remaining > 0n
      )
        expiring.push({ at: grant.expiresAt, credits: grant.remaining });
  const byDay = new Map<number, { consumed: bigint; drawn: bigint; grantsNet: bigint }>();
  for (let start = window.from; start <= window.now; start += dayMs)
    byDay.set(start, { consumed: 0n, drawn: 0n, grantsNet: 0n });
  for (const total of totals) {
    const day = byDay.get(spanStart("day", total.start));
    if (day === undefined) continue;
    const mine = within(parents, poolId, total.poolId);
    if (mine && consuming.has(total.measure)) day.consumed += total.credits;
    if (mine && (total.measure === "consumed" || total.measure === "debt_paid"))
      day.drawn += total.credits;
    if (path.has(total.poolId) || mine) {
      if (total.measure === "granted" || total.measure === "carried_in")
        day.grantsNet += total.credits;
      if (["carried_out", "expired", "voided"].includes(total.measure))
        day.grantsNet -= total.credits;
    }
  }
  const days: ForecastDay[] = [...byDay].map(([start, day]) => ({ start, ...day }));
  const result = forecast({
    now: window.now,
    available: balances.available,
    windowDays: window.windowDays,
    days,
    expiring,
    horizonDays: limits.reportHorizonDaysMax,
  });
  return {
    ...result,
    depletesAt:
      result.depletesAt !== null && result.depletesAt <= limits.timeMsMax
        ? result.depletesAt
        : null,
    poolId,
    available: balances.available,
    held: balances.held,
    expiring: expiring.sort((a, b) => a.at - b.at),
  };
}
