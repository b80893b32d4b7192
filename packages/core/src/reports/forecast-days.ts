/**
 * The forecast's days, read from the ledger totals in one pass: consumption by department (each
 * child of the report's pool with its subtree, the pool itself for its own), and by the pool of
 * the grant the credits came from, what grants covered and how grants changed otherwise. A pool's
 * history then sums the grants of its draw chain, whoever consumed them.
 */
import type { Micros } from "../amount.ts";
import type { Total } from "../totals.ts";
import type { ForecastDay } from "./forecast.ts";
import type { Parents } from "./subtree.ts";

const dayMs = 86_400_000;
const consuming = new Set(["consumed", "overage", "debt"]);
const drawing = new Set(["consumed", "debt_paid"]);
const issuing = new Set(["granted", "carried_in"]);
const losing = new Set(["carried_out", "expired", "voided"]);

/** Each pool of `top`'s subtree with its department; pools outside are absent. O(pools). */
export function departmentsOf(parents: Parents, top: string): Map<string, string> {
  const departments = new Map<string, string>([[top, top]]);
  const outside = new Set<string>();
  for (const poolId of parents.keys()) {
    const walked: string[] = [];
    let at: string | null | undefined = poolId;
    let found: string | undefined;
    while (at !== null && at !== undefined) {
      found = departments.get(at);
      if (found !== undefined || outside.has(at)) break;
      walked.push(at);
      const parent: string | null | undefined = parents.get(at);
      if (parent === top) {
        found = at;
        break;
      }
      if (walked.length > parents.size) break;
      at = parent;
    }
    for (const id of walked)
      if (found === undefined) outside.add(id);
      else departments.set(id, found);
  }
  return departments;
}

export interface ForecastLedger {
  /** The window's day starts, oldest first. */
  readonly starts: readonly number[];
  /** Consumption by department, one figure a day. */
  readonly consumedBy: ReadonlyMap<string, Micros[]>;
  /** By the pool of the grant: what grants covered and their other change, one figure a day. */
  readonly grantsBy: ReadonlyMap<string, { drawn: Micros[]; grantsNet: Micros[] }>;
}

/** Assigns each total once: O(totals + pools), then O(days) a department or grant pool. */
export function forecastLedger(
  totals: readonly Total[],
  departments: ReadonlyMap<string, string>,
  window: { from: number; days: number },
): ForecastLedger {
  const starts = Array.from({ length: window.days }, (_, index) => window.from + index * dayMs);
  const zeros = () => starts.map(() => 0n);
  const consumedBy = new Map<string, Micros[]>();
  const grantsBy = new Map<string, { drawn: Micros[]; grantsNet: Micros[] }>();
  for (const total of totals) {
    const index = Math.floor((total.start - window.from) / dayMs);
    if (index < 0 || index >= window.days) continue;
    const department = departments.get(total.poolId);
    if (department !== undefined && consuming.has(total.measure)) {
      const days = consumedBy.get(department) ?? zeros();
      consumedBy.set(department, days);
      days[index] = (days[index] ?? 0n) + total.credits;
    }
    const sign = drawing.has(total.measure)
      ? "drawn"
      : issuing.has(total.measure)
        ? "issued"
        : losing.has(total.measure)
          ? "lost"
          : null;
    if (sign === null) continue;
    let grants = grantsBy.get(total.grantPoolId);
    if (grants === undefined) {
      grants = { drawn: zeros(), grantsNet: zeros() };
      grantsBy.set(total.grantPoolId, grants);
    }
    if (sign === "drawn") grants.drawn[index] = (grants.drawn[index] ?? 0n) + total.credits;
    else
      grants.grantsNet[index] =
        (grants.grantsNet[index] ?? 0n) + (sign === "issued" ? total.credits : -total.credits);
  }
  return { starts, consumedBy, grantsBy };
}

/**
 * The days of a pool: `consumed` by the departments given (one, or all for the report's pool),
 * drawn and grants' change from the grants of the pools of its draw chain.
 */
export function forecastDays(
  ledger: ForecastLedger,
  consumers: Iterable<string>,
  chain: Iterable<string>,
): ForecastDay[] {
  const days = ledger.starts.map((start) => ({ start, consumed: 0n, drawn: 0n, grantsNet: 0n }));
  for (const department of consumers) {
    const consumed = ledger.consumedBy.get(department);
    if (consumed !== undefined)
      days.forEach((day, index) => {
        day.consumed += consumed[index] ?? 0n;
      });
  }
  for (const poolId of chain) {
    const grants = ledger.grantsBy.get(poolId);
    if (grants !== undefined)
      days.forEach((day, index) => {
        day.drawn += grants.drawn[index] ?? 0n;
        day.grantsNet += grants.grantsNet[index] ?? 0n;
      });
  }
  return days;
}

/**
 * The `most` departments by consumption over the window (biggest first, then by id), and what
 * the rest count and consumed together.
 */
export function biggestByBurn(
  ledger: ForecastLedger,
  children: readonly string[],
  most: number,
): { shown: string[]; others: { pools: number; consumed: Micros } } {
  const consumedOf = (id: string) =>
    (ledger.consumedBy.get(id) ?? []).reduce((sum, credits) => sum + credits, 0n);
  const ranked = children
    .map((id) => ({ id, consumed: consumedOf(id) }))
    .sort((a, b) =>
      a.consumed === b.consumed ? (a.id < b.id ? -1 : 1) : a.consumed > b.consumed ? -1 : 1,
    );
  const rest = ranked.slice(most);
  return {
    shown: ranked.slice(0, most).map((entry) => entry.id),
    others: {
      pools: rest.length,
      consumed: rest.reduce((sum, entry) => sum + entry.consumed, 0n),
    },
  };
}
