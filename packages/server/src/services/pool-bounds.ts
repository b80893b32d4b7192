/**
 * What keeps a pool that a bound key sets up "within its parent's": a key bound to a pool manages
 * the pools below it, and what it sets there never promises more than the pools above allow.
 *
 * - A limit (hard or soft) or a reservation of pool C is at most the amount of every hard limit
 *   above C (its parent and up to the root) whose period is the same as the new one's or longer:
 *   a child's day limit fits under the parent's day, week and month limits; a month limit is not
 *   compared with a day limit above, which bounds a different span of time.
 * - A cap per member or per key at C is at most the same hard limits above, and C's own hard limit
 *   (as it is after the change) of the same or a longer period: no member can draw more than the
 *   pool can.
 *
 * Only the fields a request sets are checked: a rename never fails for a limit set from higher
 * up, and tightening is always allowed. Keys of the whole organization are not bounded here.
 */
import {
  formatDecimal,
  type LedgerState,
  type PeriodAmount,
  type Pool,
  type PoolLimit,
  type PoolPolicy,
  pathOf,
} from "@creditpool/core";
import { Refusal } from "../refusal.ts";

/** Longer periods rank higher: a month holds every week and day that starts in it, or most. */
const periodRank = { day: 0, week: 1, month: 2 } as const;

/** What a request sets on a pool: a new one's terms, or the fields a change gives. */
export interface PoolTerms {
  readonly limit?: PoolLimit | null | undefined;
  readonly policy?: Partial<PoolPolicy> | undefined;
}

/**
 * Refuses (403 on the field) terms that pass a hard limit above the pool. `parentId` is the
 * parent of the pool being made or changed; `current` the pool when it exists already.
 */
export function requireWithinParent(
  state: LedgerState,
  parentId: string,
  terms: PoolTerms,
  current: Pool | null,
): void {
  const above = pathOf(state, parentId);
  const limit = terms.limit ?? null;
  if (limit !== null) check("limit.amount", limit, above);
  const policy = terms.policy ?? {};
  if (policy.reserved) check("reserved.amount", policy.reserved, above);
  const ownLimit = terms.limit === undefined ? (current?.limit ?? null) : terms.limit;
  const own = ownLimit === null ? [] : [{ id: current?.id ?? "this pool", limit: ownLimit }];
  const capBounds = [...own, ...above];
  if (policy.memberCap) check("member_cap.amount", policy.memberCap, capBounds);
  if (policy.keyCap) check("key_cap.amount", policy.keyCap, capBounds);
}

type Bound = Pick<Pool, "id" | "limit">;

function check(param: string, value: PeriodAmount, bounds: readonly Bound[]): void {
  const tightest = tightestBound(bounds, value);
  if (tightest === null || value.amount <= tightest.amount) return;
  throw new Refusal(
    "permission_denied",
    `A key bound to a pool keeps the pools it manages within their parents': ${param} may be ` +
      `at most ${formatDecimal(tightest.amount)}, the ${tightest.period} hard limit of ` +
      `${tightest.poolId}.`,
    param,
  );
}

/** The smallest hard limit among `bounds` whose period is `value`'s or longer, if any. */
function tightestBound(bounds: readonly Bound[], value: PeriodAmount) {
  let tightest: { amount: bigint; period: string; poolId: string } | null = null;
  for (const { id, limit } of bounds) {
    if (limit === null || limit.kind !== "hard") continue;
    if (periodRank[limit.period] < periodRank[value.period]) continue;
    if (tightest === null || limit.amount < tightest.amount)
      tightest = { amount: limit.amount, period: limit.period, poolId: id };
  }
  return tightest;
}
