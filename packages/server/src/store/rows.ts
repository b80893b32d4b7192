/**
 * Mapping between ledger objects and the column layout shared by the SQLite and PostgreSQL
 * schemas. Drivers return 64-bit integers as bigint (or, for small values, number or string);
 * everything is normalised here so driver types never reach the engine.
 */
import type {
  Attribution,
  Grant,
  GrantClosure,
  GrantSource,
  Hold,
  HoldStatus,
  LedgerState,
  LimitKind,
  Period,
  PeriodCounter,
  Pool,
  Reservation,
  Rollover,
  Transfer,
  TransferKind,
} from "@creditpool/core";
import {
  accounts,
  addGrant,
  addHold,
  addPool,
  emptyLedgerState,
  isSettledGrant,
} from "@creditpool/core";
import {
  decodeAttribution,
  decodeHoldAttribution,
  encodeAttribution,
  encodeHoldAttribution,
} from "./attribution-codec.ts";
import { decodePolicy, encodePolicy } from "./policy-codec.ts";
import type { OrganizationRow } from "./records.ts";

export type Cell = string | number | bigint | boolean | null;
export type Row = Record<string, Cell | undefined>;

export function big(value: Cell | undefined): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" || typeof value === "string") return BigInt(value);
  if (typeof value === "boolean") return value ? 1n : 0n;
  throw new TypeError("expected an integer column, got null");
}

export function int(value: Cell | undefined): number {
  return Number(big(value));
}

export function intOrNull(value: Cell | undefined): number | null {
  return value === null || value === undefined ? null : int(value);
}

export function text(value: Cell | undefined): string {
  if (typeof value !== "string") throw new TypeError(`expected a text column, got ${typeof value}`);
  return value;
}

export function textOrNull(value: Cell | undefined): string | null {
  return value === null || value === undefined ? null : text(value);
}

export function bool(value: Cell | undefined): boolean {
  return value === true || value === 1 || value === 1n || value === "1" || value === "t";
}

export const poolColumns = [
  "organization_id",
  "id",
  "parent_id",
  "depth",
  "name",
  "draws_from_parent",
  "limit_amount",
  "limit_kind",
  "limit_period",
  "limit_sequence",
  "overage_amount",
  "overage_period",
  "created_at",
  "held",
  "consumed_day_start",
  "consumed_day",
  "consumed_week_start",
  "consumed_week",
  "consumed_month_start",
  "consumed_month",
  "overage_day_start",
  "overage_day",
  "overage_week_start",
  "overage_week",
  "overage_month_start",
  "overage_month",
  "overage_held",
  "debt",
  "policy",
  "parent_drawn_day_start",
  "parent_drawn_day",
  "parent_drawn_week_start",
  "parent_drawn_week",
  "parent_drawn_month_start",
  "parent_drawn_month",
  "parent_held",
  "archived_at",
  "boost_amount",
  "boost_until",
] as const;

export function poolToRow(organizationId: string, pool: Pool): Cell[] {
  return [
    organizationId,
    pool.id,
    pool.parentId,
    pool.depth,
    pool.name,
    pool.drawsFromParent,
    pool.limit?.amount ?? null,
    pool.limit?.kind ?? null,
    pool.limit?.period ?? null,
    pool.limitSequence,
    pool.overageLimit?.amount ?? null,
    pool.overageLimit?.period ?? null,
    pool.createdAt,
    pool.held,
    pool.consumed.day.start,
    pool.consumed.day.amount,
    pool.consumed.week.start,
    pool.consumed.week.amount,
    pool.consumed.month.start,
    pool.consumed.month.amount,
    pool.overageUsed.day.start,
    pool.overageUsed.day.amount,
    pool.overageUsed.week.start,
    pool.overageUsed.week.amount,
    pool.overageUsed.month.start,
    pool.overageUsed.month.amount,
    pool.overageHeld,
    pool.debt,
    encodePolicy(pool.policy),
    pool.parentDrawn.day.start,
    pool.parentDrawn.day.amount,
    pool.parentDrawn.week.start,
    pool.parentDrawn.week.amount,
    pool.parentDrawn.month.start,
    pool.parentDrawn.month.amount,
    pool.parentHeld,
    pool.archivedAt,
    pool.boost?.amount ?? null,
    pool.boost?.until ?? null,
  ];
}

function counter(row: Row, prefix: string, period: Period): PeriodCounter {
  return { start: int(row[`${prefix}_${period}_start`]), amount: big(row[`${prefix}_${period}`]) };
}

export function rowToPool(row: Row): Pool {
  const limitAmount = row.limit_amount;
  const overageAmount = row.overage_amount;
  return {
    id: text(row.id),
    parentId: textOrNull(row.parent_id),
    depth: int(row.depth),
    name: text(row.name),
    drawsFromParent: bool(row.draws_from_parent),
    limit:
      limitAmount === null || limitAmount === undefined
        ? null
        : {
            amount: big(limitAmount),
            kind: text(row.limit_kind) as LimitKind,
            period: text(row.limit_period) as Period,
          },
    limitSequence: int(row.limit_sequence),
    overageLimit:
      overageAmount === null || overageAmount === undefined
        ? null
        : { amount: big(overageAmount), period: text(row.overage_period) as Period },
    createdAt: int(row.created_at),
    held: big(row.held),
    consumed: {
      day: counter(row, "consumed", "day"),
      week: counter(row, "consumed", "week"),
      month: counter(row, "consumed", "month"),
    },
    overageUsed: {
      day: counter(row, "overage", "day"),
      week: counter(row, "overage", "week"),
      month: counter(row, "overage", "month"),
    },
    overageHeld: big(row.overage_held),
    debt: big(row.debt),
    policy: decodePolicy(row.policy),
    parentDrawn: {
      day: counter(row, "parent_drawn", "day"),
      week: counter(row, "parent_drawn", "week"),
      month: counter(row, "parent_drawn", "month"),
    },
    parentHeld: big(row.parent_held),
    archivedAt: intOrNull(row.archived_at),
    boost:
      row.boost_amount === null || row.boost_amount === undefined
        ? null
        : { amount: big(row.boost_amount), until: int(row.boost_until) },
  };
}

export const grantColumns = [
  "organization_id",
  "id",
  "pool_id",
  "amount",
  "source",
  "priority",
  "effective_at",
  "expires_at",
  "cost_basis",
  "created_at",
  "remaining",
  "held",
  "activated",
  "closed",
  "closed_at",
  "live",
  "rollover_grant_id",
  "rollover_cap",
  "rollover_expires_at",
  "reallocated_from",
] as const;

/** A grant stays live (loaded with the state) until it is settled. */
export function isLiveGrant(grant: Grant): boolean {
  return !isSettledGrant(grant);
}

export function grantToRow(organizationId: string, grant: Grant): Cell[] {
  return [
    organizationId,
    grant.id,
    grant.poolId,
    grant.amount,
    grant.source,
    grant.priority,
    grant.effectiveAt,
    grant.expiresAt,
    grant.costBasis,
    grant.createdAt,
    grant.remaining,
    grant.held,
    grant.activated,
    grant.closed,
    grant.closedAt,
    isLiveGrant(grant),
    grant.rollover?.grantId ?? null,
    grant.rollover?.cap ?? null,
    grant.rollover?.expiresAt ?? null,
    grant.reallocatedFrom ?? null,
  ];
}

export function rowToGrant(row: Row): Grant {
  return {
    id: text(row.id),
    poolId: text(row.pool_id),
    amount: big(row.amount),
    source: text(row.source) as GrantSource,
    priority: int(row.priority),
    effectiveAt: int(row.effective_at),
    expiresAt: intOrNull(row.expires_at),
    costBasis: big(row.cost_basis),
    createdAt: int(row.created_at),
    remaining: big(row.remaining),
    held: big(row.held),
    activated: bool(row.activated),
    closed: textOrNull(row.closed) as GrantClosure | null,
    closedAt: intOrNull(row.closed_at),
    ...rolloverOf(row),
    ...(textOrNull(row.reallocated_from ?? null) === null
      ? {}
      : { reallocatedFrom: text(row.reallocated_from) }),
  };
}

/** Rollover terms, stored with the grant in three columns that are null together. */
function rolloverOf(row: Row): { rollover?: Rollover } {
  const grantId = textOrNull(row.rollover_grant_id ?? null);
  if (grantId === null) return {};
  return {
    rollover: {
      grantId,
      cap: big(row.rollover_cap),
      expiresAt: int(row.rollover_expires_at),
    },
  };
}

export const holdColumns = [
  "organization_id",
  "id",
  "pool_id",
  "amount",
  "reservations",
  "rate_card_version",
  "created_at",
  "expires_at",
  "status",
  "captured_amount",
  "closed_at",
  "member_id",
  "key_id",
  "attribution",
] as const;

/** Reservations as compact JSON: [[grantId or null, "micros"], ...]. */
export function encodeReservations(reservations: readonly Reservation[]): string {
  return JSON.stringify(reservations.map((r) => [r.grantId, r.amount.toString()]));
}

export function decodeReservations(encoded: string): Reservation[] {
  const parsed = JSON.parse(encoded) as [string | null, string][];
  return parsed.map(([grantId, amount]) => ({ grantId, amount: BigInt(amount) }));
}

export function holdToRow(organizationId: string, hold: Hold): Cell[] {
  return [
    organizationId,
    hold.id,
    hold.poolId,
    hold.amount,
    encodeReservations(hold.reservations),
    hold.rateCardVersion,
    hold.createdAt,
    hold.expiresAt,
    hold.status,
    hold.capturedAmount,
    hold.closedAt,
    hold.memberId,
    hold.keyId,
    encodeHoldAttribution(hold),
  ];
}

export function rowToHold(row: Row): Hold {
  return {
    id: text(row.id),
    poolId: text(row.pool_id),
    amount: big(row.amount),
    reservations: decodeReservations(text(row.reservations)),
    rateCardVersion: textOrNull(row.rate_card_version),
    createdAt: int(row.created_at),
    expiresAt: int(row.expires_at),
    status: text(row.status) as HoldStatus,
    capturedAmount: big(row.captured_amount),
    closedAt: intOrNull(row.closed_at),
    memberId: textOrNull(row.member_id),
    keyId: textOrNull(row.key_id),
    ...decodeHoldAttribution(textOrNull(row.attribution)),
  };
}

export const transferColumns = [
  "organization_id",
  "sequence",
  "id",
  "kind",
  "debit_account",
  "credit_account",
  "amount",
  "pool_id",
  "grant_id",
  "hold_id",
  "rate_card_version",
  "at",
  "attribution",
] as const;

/**
 * A transfer's accounts as stored. An account that names the transfer's own grant, hold or pool
 * is kept as one letter, since the row holds that id already: `g` for `grant:<grant>`, `h` for
 * `hold:<hold>`, `c` for `consumed:<pool>`, `d` for `debt:<pool>`; about 70 bytes a transfer.
 * Any other account is kept whole, and so are the accounts of rows written before this form: no
 * account is ever one letter, so both read back the same.
 */
function ownAccounts(transfer: Pick<Transfer, "poolId" | "grantId" | "holdId">) {
  return [
    ["g", transfer.grantId === null ? null : accounts.grant(transfer.grantId)],
    ["h", transfer.holdId === null ? null : accounts.hold(transfer.holdId)],
    ["c", accounts.consumed(transfer.poolId)],
    ["d", accounts.debt(transfer.poolId)],
  ] as const;
}

export function storedAccount(account: string, transfer: Transfer): string {
  for (const [letter, own] of ownAccounts(transfer)) if (account === own) return letter;
  return account;
}

export function accountFromRow(
  stored: string,
  transfer: Pick<Transfer, "poolId" | "grantId" | "holdId">,
): string {
  if (stored.length !== 1) return stored;
  for (const [letter, own] of ownAccounts(transfer))
    if (stored === letter && own !== null) return own;
  throw new TypeError(`stored account ${stored} names nothing in its row`);
}

export function transferToRow(organizationId: string, transfer: Transfer): Cell[] {
  return [
    organizationId,
    transfer.sequence,
    transfer.id,
    transfer.kind,
    storedAccount(transfer.debitAccount, transfer),
    storedAccount(transfer.creditAccount, transfer),
    transfer.amount,
    transfer.poolId,
    transfer.grantId,
    transfer.holdId,
    transfer.rateCardVersion,
    transfer.at,
    encodeAttribution(transfer.attribution),
  ];
}

export function rowToTransfer(row: Row): Transfer {
  const own = {
    poolId: text(row.pool_id),
    grantId: textOrNull(row.grant_id),
    holdId: textOrNull(row.hold_id),
  };
  return {
    id: text(row.id),
    sequence: int(row.sequence),
    kind: text(row.kind) as TransferKind,
    debitAccount: accountFromRow(text(row.debit_account), own),
    creditAccount: accountFromRow(text(row.credit_account), own),
    amount: big(row.amount),
    ...own,
    rateCardVersion: textOrNull(row.rate_card_version),
    at: int(row.at),
    ...attributionOfRow(textOrNull(row.attribution)),
  };
}

/** Present only on the rows that store one: transfers of other kinds have no such property. */
function attributionOfRow(encoded: string | null): { attribution?: Attribution } {
  const attribution = decodeAttribution(encoded);
  return attribution === undefined ? {} : { attribution };
}

export function rowToOrganization(row: Row): OrganizationRow {
  return {
    id: text(row.id),
    name: text(row.name),
    rootPoolId: text(row.root_pool_id),
    version: int(row.version),
    lastNow: int(row.last_now),
    nextSequence: int(row.next_sequence),
    nextDueAt: int(row.next_due_at),
    createdAt: int(row.created_at),
  };
}

/** Assembles a ledger state from rows; pools must come parents first (ordered by depth). */
export function assembleState(
  organization: OrganizationRow,
  pools: readonly Pool[],
  grants: readonly Grant[],
  holds: readonly Hold[],
): LedgerState {
  const state = emptyLedgerState(organization.id, organization.lastNow, organization.nextSequence);
  for (const pool of pools) addPool(state, pool);
  for (const grant of grants) addGrant(state, grant);
  for (const hold of holds) addHold(state, hold);
  state.dirty.pools.clear();
  state.nextDueAt = Math.min(state.nextDueAt, organization.nextDueAt);
  return state;
}
