/**
 * What an alert rule watches, read from a view of the ledger as of now: the figure, the period it
 * belongs to, and which thresholds it has crossed. Pure functions of the view and, for a
 * forecast, of the consumption over its window (summed by the caller from the ledger totals).
 *
 * Percentages are micro-units (80 % is 80,000,000), so a figure is exact in integers and renders
 * like credits. A rule's period is its pool's limit period, or the calendar month (UTC) when the
 * pool has no limit: an alert is raised at most once per threshold and period.
 */
import {
  consumedThisPeriod,
  grantStatus,
  type LedgerState,
  limits,
  type Micros,
  type Pool,
  periodEnd,
  periodStart,
  poolBalances,
} from "@creditpool/core";
import type { AlertRuleRow } from "../store/port.ts";

/** 100 % in micro-units. */
export const percentWhole = 100_000_000n;
const hourMs = 3_600_000;
const dayMs = 86_400_000;

export interface Forecast {
  /** When the pool's available credits run out at the burn rate; null while nothing burns. */
  readonly runsOutAt: number | null;
  readonly burnPerDay: Micros;
  readonly windowHours: number;
}

export interface Figure {
  /** The percentage or credits watched, in micro-units; a forecast's is credits available. */
  readonly observed: bigint;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly forecast: Forecast | null;
  /** What a signal names (the key of a `key_spread`), or null. */
  readonly subject: string | null;
  /** A signal's evidence, as the alert shows it, or null. */
  readonly evidence: Readonly<Record<string, unknown>> | null;
}

/** The period a pool's rules count in, as of `now`. */
export function periodOfPool(pool: Pool, now: number): { start: number; end: number } {
  const period = pool.limit?.period ?? "month";
  return { start: periodStart(now, period), end: periodEnd(now, period) };
}

/** `part` as a percentage of `whole`, in micro-units, kept within the bound of an amount. */
function percentOf(part: bigint, whole: bigint): bigint {
  if (whole <= 0n) return part > 0n ? limits.amountMicrosMax : percentWhole;
  const share = (part * percentWhole) / whole;
  return share < limits.amountMicrosMax ? share : limits.amountMicrosMax;
}

/**
 * The pool's own grants still live in the view, used as a share of their amounts. A pool with
 * no live grant of its own has nothing left of what it was granted: 100 %.
 */
function grantsUsed(state: LedgerState, pool: Pool): bigint {
  let amount = 0n;
  let remaining = 0n;
  for (const grant of state.grantsByPool.get(pool.id) ?? []) {
    const status = grantStatus(grant, state.now);
    if (status !== "active" && status !== "depleted") continue;
    amount += grant.amount;
    remaining += grant.remaining;
  }
  return amount === 0n ? percentWhole : percentOf(amount - remaining, amount);
}

/** The window a forecast measures over: [now − window, now). */
export function forecastWindow(rule: AlertRuleRow, now: number): { from: number; to: number } {
  const hours = rule.windowHours ?? limits.alertForecastWindowHoursDefault;
  return { from: now - hours * hourMs, to: now };
}

/**
 * When `available` runs out at `consumed` per window: now while nothing is available, never
 * (null) while nothing is consumed. Integer arithmetic throughout; the time rounds down.
 */
export function forecastOf(
  available: Micros,
  consumed: Micros,
  windowHours: number,
  now: number,
): Forecast {
  const windowMs = BigInt(windowHours * hourMs);
  const burnPerDay = (consumed * BigInt(dayMs)) / windowMs;
  if (consumed <= 0n) return { runsOutAt: null, burnPerDay: 0n, windowHours };
  const lastsMs = (available * windowMs) / consumed;
  // Past the last representable time it never runs out within any period that matters.
  const runsOutAt = lastsMs > BigInt(limits.timeMsMax - now) ? null : now + Number(lastsMs);
  return { runsOutAt, burnPerDay, windowHours };
}

/**
 * The rule's figure as of the view's now, or null when it has none: the pool is gone, or a
 * `limit` rule's pool has no limit. `consumed` is the pool subtree's consumption over the
 * forecast's window; other metrics ignore it.
 */
export function figureOf(
  rule: AlertRuleRow,
  state: LedgerState,
  consumed: Micros = 0n,
): Figure | null {
  const pool = state.pools.get(rule.poolId);
  if (pool === undefined) return null;
  const now = state.now;
  const { start, end } = periodOfPool(pool, now);
  const base = {
    periodStart: start,
    periodEnd: end,
    forecast: null,
    subject: null,
    evidence: null,
  };
  switch (rule.metric) {
    case "limit": {
      if (pool.limit === null) return null;
      const used = consumedThisPeriod(pool, now) + pool.held;
      return { ...base, observed: percentOf(used, pool.limit.amount) };
    }
    case "grants":
      return { ...base, observed: grantsUsed(state, pool) };
    case "balance":
      return { ...base, observed: poolBalances(state, pool).available };
    case "key_spread":
    case "burn_spike":
    case "outcome_split":
      // Signals read more than the view: `alert-signals.ts` makes their figures.
      return null;
    case "forecast": {
      const available = poolBalances(state, pool).available;
      const hours = rule.windowHours ?? limits.alertForecastWindowHoursDefault;
      return {
        ...base,
        observed: available,
        forecast: forecastOf(available, consumed, hours, now),
      };
    }
  }
}

/**
 * Whether the figure stands past a threshold: at or above it for a percentage, at or below it
 * for a balance; a forecast (threshold null) when it runs out before its period ends.
 */
export function isCrossed(rule: AlertRuleRow, figure: Figure, threshold: bigint | null): boolean {
  // Percentages of a baseline and counts alike are raised at or above each threshold.
  if (rule.metric === "forecast") {
    const at = figure.forecast?.runsOutAt ?? null;
    return at !== null && at < figure.periodEnd;
  }
  if (threshold === null) return false;
  return rule.metric === "balance" ? figure.observed <= threshold : figure.observed >= threshold;
}

/** The thresholds a rule raises at: its list, or the one crossing of a forecast. */
export function thresholdsOf(rule: AlertRuleRow): readonly (bigint | null)[] {
  return rule.metric === "forecast" ? [null] : rule.thresholds;
}

/**
 * The key an alert is written once under: the rule, the threshold and the period's start, and
 * the subject a signal names, so each key spreading over members alerts on its own.
 */
export function alertDedupeKey(
  rule: AlertRuleRow,
  threshold: bigint | null,
  start: number,
  subject: string | null = null,
) {
  const key = `${rule.id}:${threshold === null ? "forecast" : threshold.toString()}:${start}`;
  return subject === null ? key : `${key}:${subject}`;
}

/** The pools of the subtree under `poolId`, itself included, from the view's parents. */
export function subtreeIds(state: LedgerState, poolId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const pool of state.pools.values()) {
    if (pool.parentId === null) continue;
    children.set(pool.parentId, [...(children.get(pool.parentId) ?? []), pool.id]);
  }
  const found = new Set<string>();
  const stack = [poolId];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (found.has(id)) continue;
    found.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return found;
}
