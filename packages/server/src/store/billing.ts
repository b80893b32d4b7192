/**
 * Billing: plans, subscriptions and invoices. A plan is an immutable version, like a rate card:
 * stored once, never changed, superseded by a new version. Subscriptions and invoices change by
 * compare-and-set on their `version`: a write names the version it read and writes nothing when
 * another write got there first. The service owns the JSON the rows carry (a plan's terms, a
 * subscription's pending change and state, an invoice's lines); the store keeps it as text.
 */

import { limits } from "@creditpool/core";
import { type AuditEntry, appendAudit } from "./audit.ts";
import {
  checkInvoiceVersion,
  checkSubscription,
  checkSubscriptionUpdate,
  seatsOf,
} from "./billing-checks.ts";
import {
  type Columns,
  cellsOf,
  insertSql,
  isUniqueViolation,
  rowOf,
  updateCells,
  updateSql,
} from "./columns.ts";
import {
  claimAnswer,
  type Page,
  type ScopedAnswer,
  type SqlRun,
  type SqlRunner,
  writeOnce,
} from "./directory.ts";
import { invoiceEvents, subscriptionEvents } from "./event-payloads.ts";
import { writeEvents } from "./events.ts";
import type { StoredAnswer } from "./records.ts";
import { big, bool, type Cell, int, intOrNull, type Row, text, textOrNull } from "./rows.ts";
import { seatsAssignedSql } from "./seat-assignments.ts";

/** One version of a plan: the terms a subscription pins by scope, id and version. */
export interface PlanRow {
  /** "default" (the operator's catalog) or an organization id. */
  readonly scope: string;
  /** The plan's id, e.g. "team". */
  readonly id: string;
  /** 1, 2, ...: a stored version never changes. */
  readonly version: number;
  /** The plan's terms as JSON text (the service encodes and decodes it). */
  readonly definition: string;
  readonly createdAt: number;
}

/** A canceled subscription renews no more; it stays stored, as its invoices name it. */
export type SubscriptionStatus = "active" | "canceled";

/** Who may hold at a subscription's pools: anyone, or the members holding one of its seats. */
export type SeatAccess = "open" | "assigned";

/** An organization's subscription to a plan version, for a pool, in periods from its anchor. */
export interface SubscriptionRow {
  readonly organizationId: string;
  readonly id: string;
  readonly planScope: string;
  readonly planId: string;
  readonly planVersion: number;
  /** The pool the subscription's grants go to. */
  readonly poolId: string;
  /** Seats of the plan's own kind. */
  readonly seats: number;
  /**
   * Seats of the plan's tiers by tier id, as JSON text `{"premium":3}` (`seatsOf` counts them
   * with `seats`); a tier with none is left out.
   */
  readonly tierSeats: string;
  /** The instant periods are counted from, in the subscription's time zone. */
  readonly anchorAt: number;
  /** An IANA time zone name, e.g. "Europe/Paris". */
  readonly timeZone: string;
  readonly interval: "month" | "year";
  readonly status: SubscriptionStatus;
  readonly cancelAtPeriodEnd: boolean;
  /** The plan version a downgrade takes over with at the period's end, as JSON text, or null. */
  readonly pending: string | null;
  /** The current period: its index from the anchor, its bounds [start, end). */
  readonly periodIndex: number;
  readonly periodStart: number;
  readonly periodEnd: number;
  /** The current period as the service keeps it (its effects and invoice lines), as JSON text. */
  readonly state: string;
  /** The auto top-up rule and where it stands, as JSON text the service owns; null: none. */
  readonly autoTopUp: string | null;
  /** Whether effects of `state` wait for the engine (the service keeps it with the state). */
  readonly effectsPending: boolean;
  /** "open": anyone in its pools may hold; "assigned": only members holding one of its seats. */
  readonly seatAccess: SeatAccess;
  /**
   * How many members hold one of its seats, as read (`seat-assignments.ts`); never written with
   * the row, which the assignments never change.
   */
  readonly seatsAssigned: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Incremented by every update: writes are conditional on it. */
  readonly version: number;
}

/** draft → finalized → paid, or void; only a draft has no number. */
export type InvoiceStatus = "draft" | "finalized" | "paid" | "void";

/** What a subscription owes for one period: at most one invoice per subscription and period. */
export interface InvoiceRow {
  readonly organizationId: string;
  readonly id: string;
  readonly subscriptionId: string;
  readonly periodIndex: number;
  readonly periodStart: number;
  readonly periodEnd: number;
  /** An ISO 4217 code, e.g. "EUR": `total` is in its minor units. */
  readonly currency: string;
  readonly status: InvoiceStatus;
  /** Given when finalized: unique per organization, e.g. "2027-000001"; null while draft. */
  readonly number: string | null;
  /** The lines as JSON text (the service encodes them). */
  readonly lines: string;
  /** The sum of the lines in minor units of the currency (may be negative for a credit note). */
  readonly total: bigint;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly finalizedAt: number | null;
  /** Incremented by every update: writes are conditional on it. */
  readonly version: number;
  /**
   * The plan version the period was billed on when the invoice was last written (after an
   * upgrade, the new plan), and the subscription's time zone. Null on invoices written before
   * they were kept: a subscription's plan may have changed since, so it cannot stand in.
   */
  readonly planScope: string | null;
  readonly planId: string | null;
  readonly planVersion: number | null;
  readonly timeZone: string | null;
}

/** An invoice to write with a subscription: inserted when `expectedVersion` is null. */
export type InvoiceWrite = { readonly row: InvoiceRow; readonly expectedVersion: number | null };

/** A subscription's key, as `dueSubscriptions` answers it. */
export type SubscriptionKey = { readonly organizationId: string; readonly id: string };

/** A page of invoices, optionally only one subscription's. */
export type InvoicePage = Page & { readonly subscriptionId?: string };

/**
 * Billing's part of the store port. Writes given an answer are idempotent as in the directory:
 * null when they took effect, else the answer stored first under the key, and nothing written.
 */
export interface BillingStore {
  /**
   * Stores a plan version; with an answer, idempotent like insertRateCard. A (scope, id, version)
   * already stored is an error (unique violation) unless the answer's key replays.
   */
  insertPlan(plan: PlanRow, answer?: ScopedAnswer | null): Promise<StoredAnswer | null>;
  /** Every version of every plan in a scope, by id then version. */
  listPlans(scope: string): Promise<PlanRow[]>;
  readPlan(scope: string, id: string, version: number): Promise<PlanRow | null>;
  /** Stores a new subscription; one already stored is an error unless the answer's key replays. */
  insertSubscription(
    row: SubscriptionRow,
    answer?: ScopedAnswer | null,
  ): Promise<StoredAnswer | null>;
  readSubscription(organizationId: string, id: string): Promise<SubscriptionRow | null>;
  /** An organization's subscriptions by id, after `startingAfter`, at most `limit`. */
  listSubscriptions(organizationId: string, page: Page): Promise<SubscriptionRow[]>;
  /**
   * In one transaction: writes `next` only if the stored subscription is still at
   * `expectedVersion` (next.version must be expectedVersion + 1), and writes each invoice given
   * (inserted when its expectedVersion is null, else updated only if still at that version).
   * Answers false and writes nothing when any check fails, a unique key of an invoice included.
   * Given an answer, stores it with the writes; a key already stored in its scope is a failed
   * check too (the caller then finds the stored answer). `audit` (a job's own decision, which
   * has no answer to carry it) is appended to the trail in the same transaction.
   */
  updateSubscription(
    next: SubscriptionRow,
    expectedVersion: number,
    invoices?: readonly InvoiceWrite[],
    answer?: ScopedAnswer | null,
    audit?: readonly AuditEntry[],
  ): Promise<boolean>;
  /**
   * Active subscriptions whose current period has ended by `now`, the earliest end first (then
   * by organization and id), at most `limit`.
   */
  dueSubscriptions(now: number, limit: number): Promise<SubscriptionKey[]>;
  /** Subscriptions whose effects wait for the engine, by organization then id, at most `limit`. */
  pendingSubscriptions(limit: number): Promise<SubscriptionKey[]>;
  /** Active subscriptions with an auto top-up rule, by organization then id, after `after`. */
  autoTopUpSubscriptions(
    limit: number,
    after?: SubscriptionKey | undefined,
  ): Promise<SubscriptionKey[]>;
  readInvoice(organizationId: string, id: string): Promise<InvoiceRow | null>;
  readInvoiceForPeriod(
    organizationId: string,
    subscriptionId: string,
    periodIndex: number,
  ): Promise<InvoiceRow | null>;
  /**
   * An organization's invoices by id (optionally of one subscription), after `startingAfter`, at
   * most `limit`.
   */
  listInvoices(organizationId: string, page: InvoicePage): Promise<InvoiceRow[]>;
  /**
   * Inserts (expectedVersion null) or updates an invoice only if still at `expectedVersion`;
   * answers whether it wrote. A taken id, (subscription, period) or number answers false. Given
   * an answer whose key is already stored, answers the stored answer and writes nothing.
   */
  saveInvoice(
    row: InvoiceRow,
    expectedVersion: number | null,
    answer?: ScopedAnswer | null,
  ): Promise<boolean | StoredAnswer>;
}

const planColumns: Columns<PlanRow> = {
  scope: ["scope", text],
  id: ["id", text],
  version: ["version", int],
  definition: ["definition", text],
  createdAt: ["created_at", int],
};

const subscriptionColumns: Columns<Omit<SubscriptionRow, "seatsAssigned">> = {
  organizationId: ["organization_id", text],
  id: ["id", text],
  planScope: ["plan_scope", text],
  planId: ["plan_id", text],
  planVersion: ["plan_version", int],
  poolId: ["pool_id", text],
  seats: ["seats", int],
  tierSeats: ["tier_seats", text],
  anchorAt: ["anchor_at", int],
  timeZone: ["time_zone", text],
  interval: ["interval", (cell) => text(cell) as SubscriptionRow["interval"]],
  status: ["status", (cell) => text(cell) as SubscriptionStatus],
  cancelAtPeriodEnd: ["cancel_at_period_end", bool],
  pending: ["pending", textOrNull],
  periodIndex: ["period_index", int],
  periodStart: ["period_start", int],
  periodEnd: ["period_end", int],
  state: ["state", text],
  autoTopUp: ["auto_top_up", textOrNull],
  effectsPending: ["effects_pending", bool],
  createdAt: ["created_at", int],
  updatedAt: ["updated_at", int],
  version: ["version", int],
  seatAccess: ["seat_access", (cell) => text(cell) as SeatAccess],
};

const invoiceColumns: Columns<InvoiceRow> = {
  organizationId: ["organization_id", text],
  id: ["id", text],
  subscriptionId: ["subscription_id", text],
  periodIndex: ["period_index", int],
  periodStart: ["period_start", int],
  periodEnd: ["period_end", int],
  currency: ["currency", text],
  status: ["status", (cell) => text(cell) as InvoiceStatus],
  number: ["number", textOrNull],
  lines: ["lines", text],
  total: ["total", big],
  createdAt: ["created_at", int],
  updatedAt: ["updated_at", int],
  finalizedAt: ["finalized_at", intOrNull],
  version: ["version", int],
  planScope: ["plan_scope", textOrNull],
  planId: ["plan_id", textOrNull],
  planVersion: ["plan_version", intOrNull],
  timeZone: ["time_zone", textOrNull],
};

const rowToPlan = (row: Row) => rowOf(planColumns, row);
const rowToSubscription = (row: Row): SubscriptionRow => ({
  ...rowOf(subscriptionColumns, row),
  seatsAssigned: row.seats_assigned === undefined ? 0 : int(row.seats_assigned),
});
const rowToInvoice = (row: Row) => rowOf(invoiceColumns, row);

const insertPlanSql = insertSql("plans", planColumns);
const insertSubscriptionSql = insertSql("subscriptions", subscriptionColumns);
const updateSubscriptionSql = updateSql("subscriptions", subscriptionColumns);
const insertInvoiceSql = insertSql("invoices", invoiceColumns);
const updateInvoiceSql = updateSql("invoices", invoiceColumns);

/** Rolls a transaction back when a version moved or an answer's key is taken. */
class Refused extends Error {}

async function writeInvoice(run: SqlRun, write: InvoiceWrite): Promise<void> {
  const cells = cellsOf(invoiceColumns, write.row);
  if (write.expectedVersion === null) {
    await run(insertInvoiceSql, cells);
    await writeEvents(run, invoiceEvents(null, write.row), limits.eventDataBytesMax);
    return;
  }
  const before = await readRow(run, "invoices", write.row, rowToInvoice);
  const updated = await run(updateInvoiceSql, updateCells(cells, write.expectedVersion));
  if (updated.length === 0) throw new Refused();
  await writeEvents(run, invoiceEvents(before, write.row), limits.eventDataBytesMax);
}

async function seatsAssigned(run: SqlRun, key: { organizationId: string; id: string }) {
  const sql = `SELECT count(*) AS n FROM seat_assignments
    WHERE organization_id = ? AND subscription_id = ?`;
  const [row] = await run(sql, [key.organizationId, key.id]);
  return int(row?.n ?? 0);
}

/** A row as it stands inside the writing transaction, to tell which events its write makes. */
async function readRow<T>(
  run: SqlRun,
  table: "invoices" | "subscriptions",
  key: { organizationId: string; id: string },
  read: (row: Row) => T,
): Promise<T | null> {
  const sql = `SELECT * FROM ${table} WHERE organization_id = ? AND id = ?`;
  const [row] = await run(sql, [key.organizationId, key.id]);
  return row === undefined ? null : read(row);
}

export class SqlBilling implements BillingStore {
  constructor(private readonly sql: SqlRunner) {}

  insertPlan(plan: PlanRow, answer: ScopedAnswer | null = null): Promise<StoredAnswer | null> {
    const cells = cellsOf(planColumns, plan);
    return this.sql.inTransaction((run) => writeOnce(run, answer, () => run(insertPlanSql, cells)));
  }

  async listPlans(scope: string): Promise<PlanRow[]> {
    const sql = "SELECT * FROM plans WHERE scope = ? ORDER BY id, version";
    return (await this.sql.all(sql, [scope])).map(rowToPlan);
  }

  readPlan(scope: string, id: string, version: number): Promise<PlanRow | null> {
    const sql = "SELECT * FROM plans WHERE scope = ? AND id = ? AND version = ?";
    return this.first(sql, [scope, id, version], rowToPlan);
  }

  async insertSubscription(
    row: SubscriptionRow,
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    checkSubscription(row);
    const cells = cellsOf(subscriptionColumns, row);
    return this.sql.inTransaction((run) =>
      writeOnce(run, answer, async () => {
        await run(insertSubscriptionSql, cells);
        await writeEvents(run, subscriptionEvents(null, row), limits.eventDataBytesMax);
      }),
    );
  }

  readSubscription(organizationId: string, id: string): Promise<SubscriptionRow | null> {
    const sql = `SELECT *, ${seatsAssignedSql} FROM subscriptions
      WHERE organization_id = ? AND id = ?`;
    return this.first(sql, [organizationId, id], rowToSubscription);
  }

  async listSubscriptions(organizationId: string, page: Page): Promise<SubscriptionRow[]> {
    const sql = `SELECT *, ${seatsAssignedSql} FROM subscriptions
      WHERE organization_id = ? AND id > ? ORDER BY id LIMIT ?`;
    const rows = await this.sql.all(sql, [organizationId, page.startingAfter ?? "", page.limit]);
    return rows.map(rowToSubscription);
  }

  async updateSubscription(
    next: SubscriptionRow,
    expectedVersion: number,
    invoices: readonly InvoiceWrite[] = [],
    answer: ScopedAnswer | null = null,
    audit: readonly AuditEntry[] = [],
  ): Promise<boolean> {
    checkSubscriptionUpdate(next, expectedVersion, invoices);
    const cells = updateCells(cellsOf(subscriptionColumns, next), expectedVersion);
    const written = await this.writeIfUnchanged(async (run) => {
      const before = await readRow(run, "subscriptions", next, rowToSubscription);
      const updated = await run(updateSubscriptionSql, cells);
      if (updated.length === 0) throw new Refused();
      // Counted after the update took the row's lock: an assignment waiting on it counts these
      // seats, one that committed first is counted here.
      if (
        before !== null &&
        seatsOf(next) < seatsOf(before) &&
        (await seatsAssigned(run, next)) > seatsOf(next)
      )
        throw new Refused();
      await writeEvents(run, subscriptionEvents(before, next), limits.eventDataBytesMax);
      for (const invoice of invoices) await writeInvoice(run, invoice);
      if (answer !== null && (await claimAnswer(run, answer)) !== null) throw new Refused();
      if (audit.length > 0) await appendAudit(run, audit);
    });
    return written !== false;
  }

  async dueSubscriptions(now: number, limit: number): Promise<SubscriptionKey[]> {
    const rows = await this.sql.all(
      `SELECT organization_id, id FROM subscriptions WHERE status = 'active' AND period_end <= ?
        ORDER BY period_end, organization_id, id LIMIT ?`,
      [now, limit],
    );
    return rows.map((row) => ({ organizationId: text(row.organization_id), id: text(row.id) }));
  }

  async pendingSubscriptions(limit: number): Promise<SubscriptionKey[]> {
    const rows = await this.sql.all(
      `SELECT organization_id, id FROM subscriptions WHERE effects_pending = 1
        ORDER BY organization_id, id LIMIT ?`,
      [limit],
    );
    return rows.map((row) => ({ organizationId: text(row.organization_id), id: text(row.id) }));
  }

  async autoTopUpSubscriptions(limit: number, after?: SubscriptionKey): Promise<SubscriptionKey[]> {
    const rows = await this.sql.all(
      `SELECT organization_id, id FROM subscriptions
        WHERE auto_top_up IS NOT NULL AND status = 'active'
          AND (organization_id > ? OR (organization_id = ? AND id > ?))
        ORDER BY organization_id, id LIMIT ?`,
      [after?.organizationId ?? "", after?.organizationId ?? "", after?.id ?? "", limit],
    );
    return rows.map((row) => ({ organizationId: text(row.organization_id), id: text(row.id) }));
  }

  readInvoice(organizationId: string, id: string): Promise<InvoiceRow | null> {
    const sql = "SELECT * FROM invoices WHERE organization_id = ? AND id = ?";
    return this.first(sql, [organizationId, id], rowToInvoice);
  }

  readInvoiceForPeriod(
    organizationId: string,
    subscriptionId: string,
    periodIndex: number,
  ): Promise<InvoiceRow | null> {
    const sql = `SELECT * FROM invoices
      WHERE organization_id = ? AND subscription_id = ? AND period_index = ?`;
    return this.first(sql, [organizationId, subscriptionId, periodIndex], rowToInvoice);
  }

  async listInvoices(organizationId: string, page: InvoicePage): Promise<InvoiceRow[]> {
    const { subscriptionId } = page;
    const bySubscription = subscriptionId === undefined ? [] : [subscriptionId];
    const rows = await this.sql.all(
      `SELECT * FROM invoices WHERE organization_id = ? AND id > ?
        ${subscriptionId === undefined ? "" : "AND subscription_id = ?"} ORDER BY id LIMIT ?`,
      [organizationId, page.startingAfter ?? "", ...bySubscription, page.limit],
    );
    return rows.map(rowToInvoice);
  }

  async saveInvoice(
    row: InvoiceRow,
    expectedVersion: number | null,
    answer: ScopedAnswer | null = null,
  ): Promise<boolean | StoredAnswer> {
    checkInvoiceVersion(row, expectedVersion);
    const stored = await this.writeIfUnchanged((run) =>
      writeOnce(run, answer, () => writeInvoice(run, { row, expectedVersion })),
    );
    return stored ?? true;
  }

  private async first<T>(sql: string, params: Cell[], read: (row: Row) => T): Promise<T | null> {
    const [row] = await this.sql.all(sql, params);
    return row === undefined ? null : read(row);
  }

  /** What `work` answered once committed; false when it was refused or a unique key was taken. */
  private async writeIfUnchanged<T>(work: (run: SqlRun) => Promise<T>): Promise<T | false> {
    try {
      return await this.sql.inTransaction(work);
    } catch (error) {
      if (error instanceof Refused || isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
