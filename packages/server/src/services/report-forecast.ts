/**
 * The forecast report (`@creditpool/core` reports/forecast.ts): a pool's burn over a window of
 * days, read from the ledger totals, and when its available credits run out at that burn, grants
 * expiring meanwhile taken away at their expiry; the same for each child pool.
 */
import {
  biggestByBurn,
  burnPerDay,
  departmentsOf,
  drawChainOf,
  type Expiring,
  type Forecast,
  type ForecastDay,
  type ForecastLedger,
  forecast,
  forecastDays,
  forecastLedger,
  isDrawable,
  type LedgerState,
  limits,
  type Micros,
  poolBalances,
  spanStart,
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
  /** The biggest child pools by burn, at most `reportForecastPoolsMax`. */
  readonly pools: readonly PoolForecast[];
  /** The child pools left out of `pools`: how many, and their burn together. */
  readonly others: {
    readonly pools: number;
    readonly consumedInWindow: Micros;
    readonly burnPerDay: Micros;
  };
}

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
    const departments = departmentsOf(scope.parents, scope.poolId);
    const ledger = forecastLedger(totals, departments, { from, days: query.windowDays });
    const children = [...scope.parents]
      .filter(([, parent]) => parent === scope.poolId)
      .map(([id]) => id);
    const { shown, others } = biggestByBurn(ledger, children, limits.reportForecastPoolsMax);
    const window = { now, ...query };
    return {
      summedTo: reached.summedTo,
      complete: reached.complete && tail.complete,
      asOf: now,
      windowDays: query.windowDays,
      pool: poolForecast(state, scope.poolId, ledger, [scope.poolId, ...children], window),
      pools: shown.map((id) => poolForecast(state, id, ledger, [id], window)),
      others: {
        pools: others.pools,
        consumedInWindow: others.consumed,
        burnPerDay: burnPerDay(others.consumed, query.windowDays),
      },
    };
  }
}

/**
 * One pool's forecast: consumption of the departments given, and the grants of its draw chain
 * (its own, then its parent's, up to the first pool that does not draw from its parent), both
 * what they lost and what anyone drew from them, and those expiring within the horizon.
 */
function poolForecast(
  state: LedgerState,
  poolId: string,
  ledger: ForecastLedger,
  consumers: readonly string[],
  window: { now: number; windowDays: number },
): PoolForecast {
  const pool = state.pools.get(poolId);
  if (pool === undefined) throw new Refusal("pool_not_found", undefined, "pool");
  const balances = poolBalances(state, pool);
  const chain = drawChainOf(state, poolId).map((link) => link.id);
  const horizonEnd = window.now + limits.reportHorizonDaysMax * dayMs;
  const expiring: Expiring[] = [];
  for (const id of chain)
    for (const grant of state.grantsByPool.get(id) ?? [])
      if (
        isDrawable(grant, window.now) &&
        grant.expiresAt !== null &&
        grant.expiresAt <= horizonEnd &&
        grant.remaining > 0n
      )
        expiring.push({ at: grant.expiresAt, credits: grant.remaining });
  const days: ForecastDay[] = forecastDays(ledger, consumers, chain);
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
