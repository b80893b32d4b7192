/**
 * What a recurring grant's schedule says about its periods, from its row alone: which periods it
 * issues, the grant each one makes (its id, its idempotency key, its terms), and the schedule
 * after a decision. Periods come from the billing calendar (`billingPeriod`): anchored at a wall
 * time in an IANA zone, every month or year, each computed from the anchor.
 */
import {
  type BillingAnchor,
  type BillingPeriod,
  billingCalendarLimits,
  billingPeriod,
  type GrantSource,
  limits,
} from "@creditpool/core";
import type { NewGrantRequest } from "../engine/requests.ts";
import type { RecurringGrantRow } from "../store/recurring-grants.ts";

const dayMs = 86_400_000;

export function anchorOf(row: RecurringGrantRow): BillingAnchor {
  return { anchorAt: row.anchorAt, timeZone: row.timeZone, interval: row.interval };
}

/**
 * The id of the grant period `index` issues: derived from the schedule's, so every reader names
 * it at once and no write has to remember it. An id the engine assigns is a prefix and 26
 * capitals and digits, so none ends in a lowercase `r` and a number, as these do.
 */
export function issuedGrantId(row: { readonly id: string }, index: number): string {
  return `grant_${row.id.slice("rgr_".length)}r${index}`;
}

/** The engine key of period `index`'s grant: never forgotten (`isKeptKey`). */
export function issueKey(row: { readonly id: string }, index: number): string {
  return `recurring:${row.id}:${index}`;
}

/** The ids of the grants of the latest periods decided, oldest first, at most a bound. */
export function latestGrantIds(row: RecurringGrantRow): string[] {
  const first = Math.max(0, row.nextIndex - limits.recurringGrantIdsShownMax);
  const ids: string[] = [];
  for (let index = first; index < row.nextIndex; index += 1) ids.push(issuedGrantId(row, index));
  return ids;
}

/** The create_grant command of period `index`, as every node and every retry builds it. */
export function issueCommand(row: RecurringGrantRow, period: BillingPeriod) {
  const expiresAt =
    row.expiry === "period_end"
      ? period.end
      : row.expiry === "days"
        ? period.start + (row.expiryDays ?? 0) * dayMs
        : null;
  const rollover =
    expiresAt === null || row.rolloverCap === null
      ? null
      : { cap: row.rolloverCap, expiresAt: expiresAt + (row.rolloverDays ?? 0) * dayMs };
  return {
    type: "create_grant",
    grantId: issuedGrantId(row, period.index),
    poolId: row.poolId,
    amount: row.amount,
    source: row.source as GrantSource,
    priority: row.priority,
    effectiveAt: period.start,
    expiresAt,
    costBasis: row.costBasis,
    rollover,
  } satisfies NewGrantRequest;
}

/**
 * Period `index` if the schedule issues it: within its count and its end, within the calendar,
 * and with every time its grant carries inside the ledger's bounds; else null.
 */
export function issuedPeriod(row: RecurringGrantRow, index: number): BillingPeriod | null {
  if (row.periodsMax !== null && index >= row.periodsMax) return null;
  if (index > billingCalendarLimits.periodIndexMax[row.interval]) return null;
  const period = billingPeriod(anchorOf(row), index);
  if (row.endsAt !== null && period.start >= row.endsAt) return null;
  const command = issueCommand(row, period);
  const times = [period.start, command.expiresAt, command.rollover?.expiresAt ?? null];
  if (times.some((time) => time !== null && time > limits.timeMsMax)) return null;
  return period;
}

/** When the schedule next needs work: a pending period's start, its next period's, or never. */
export function dueAtOf(row: RecurringGrantRow): number | null {
  if (row.issuedCount < row.nextIndex) return billingPeriod(anchorOf(row), row.issuedCount).start;
  if (row.status !== "active") return null;
  return billingPeriod(anchorOf(row), row.nextIndex).start;
}

/**
 * The schedule once its next period is decided: one period further, completed when the one after
 * is not issued, its grant pending until the engine makes it. The period must be issued.
 */
export function decideNext(row: RecurringGrantRow, now: number): RecurringGrantRow {
  const nextIndex = row.nextIndex + 1;
  const status = issuedPeriod(row, nextIndex) === null ? "completed" : row.status;
  const next = { ...row, nextIndex, status, updatedAt: now, version: row.version + 1 };
  return { ...next, dueAt: dueAtOf(next) };
}

/** Whether the schedule's next period has begun by `now` and is still to be decided. */
export function nextIsDue(row: RecurringGrantRow, now: number): boolean {
  return row.status === "active" && billingPeriod(anchorOf(row), row.nextIndex).start <= now;
}

/** When the next period's grant is issued, or null once the schedule issues no more. */
export function nextIssueAt(row: RecurringGrantRow): number | null {
  return row.status === "active" ? billingPeriod(anchorOf(row), row.nextIndex).start : null;
}
