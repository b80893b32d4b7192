/**
 * Recurring grants: a schedule on a pool that issues a grant every period. The row is the
 * schedule and its progress; the grants themselves are in the ledger. A schedule changes by
 * compare-and-set on its `version`, as a subscription does: a write names the version it read
 * and writes nothing when another write got there first.
 *
 * Progress is two counts: `nextIndex`, the periods decided (the schedule advanced past them),
 * and `issuedCount`, the periods whose grant the engine is known to have made. Between the two,
 * a decision's grant is pending. `dueAt` is when the schedule next needs work: the start of its
 * next period while active, the start of a pending period while one waits, null when neither.
 */
import { invariant } from "@creditpool/core";
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
  type SqlRunner,
  writeOnce,
} from "./directory.ts";
import type { StoredAnswer } from "./records.ts";
import { big, type Cell, int, intOrNull, type Row, text } from "./rows.ts";

/** `completed`: its last period was decided (a count or an end reached); nothing more is due. */
export type RecurringGrantStatus = "active" | "canceled" | "completed";

/** When each grant expires: never, at its period's end, or a number of days after its start. */
export type RecurringGrantExpiry = "never" | "period_end" | "days";

export interface RecurringGrantRow {
  readonly organizationId: string;
  readonly id: string;
  readonly poolId: string;
  /** Each period's grant, in micro-credits. */
  readonly amount: bigint;
  readonly source: string;
  readonly priority: number;
  readonly costBasis: bigint;
  readonly expiry: RecurringGrantExpiry;
  /** With `days`: how long each grant lives from its period's start. */
  readonly expiryDays: number | null;
  /** Null: nothing rolls over. Else at most `rolloverCap` moves on for `rolloverDays` days. */
  readonly rolloverCap: bigint | null;
  readonly rolloverDays: number | null;
  /** Periods start at `anchorAt`'s wall time in `timeZone`, every month or year. */
  readonly anchorAt: number;
  readonly timeZone: string;
  readonly interval: "month" | "year";
  /** Null: no count. Else no period of index `periodsMax` or more is issued. */
  readonly periodsMax: number | null;
  /** Null: no end. Else no period starting at or after it is issued. */
  readonly endsAt: number | null;
  readonly status: RecurringGrantStatus;
  readonly nextIndex: number;
  readonly issuedCount: number;
  readonly dueAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly canceledAt: number | null;
  readonly version: number;
}

export type RecurringGrantKey = { readonly organizationId: string; readonly id: string };

/**
 * The recurring grants' part of the store port. Writes given an answer are idempotent as in the
 * directory: null when they took effect, else the answer stored first, and nothing written.
 */
export interface RecurringGrantStore {
  insertRecurringGrant(
    row: RecurringGrantRow,
    answer?: ScopedAnswer | null,
  ): Promise<StoredAnswer | null>;
  readRecurringGrant(organizationId: string, id: string): Promise<RecurringGrantRow | null>;
  /** An organization's recurring grants by id, after `startingAfter`, at most `limit`. */
  listRecurringGrants(organizationId: string, page: Page): Promise<RecurringGrantRow[]>;
  countRecurringGrants(organizationId: string): Promise<number>;
  /**
   * Writes `next` only if the stored row is still at `expectedVersion` (next.version must be
   * expectedVersion + 1); given an answer, stores it too, and a key already stored is a failed
   * check. Answers whether it wrote; nothing is written when it did not.
   */
  updateRecurringGrant(
    next: RecurringGrantRow,
    expectedVersion: number,
    answer?: ScopedAnswer | null,
  ): Promise<boolean>;
  /** Schedules with work due by `now`, the earliest first (then organization and id). */
  dueRecurringGrants(now: number, limit: number): Promise<RecurringGrantKey[]>;
}

/** What every store checks of a row before it writes it: programmer errors, not input. */
export function checkRecurringGrant(row: RecurringGrantRow, expectedVersion?: number): void {
  invariant(row.amount > 0n, "a recurring grant issues a positive amount");
  invariant(
    Number.isSafeInteger(row.issuedCount) && row.issuedCount >= 0,
    "issued periods are a count",
  );
  invariant(row.issuedCount <= row.nextIndex, "a period is decided before it is issued");
  const idle = row.status !== "active" && row.issuedCount === row.nextIndex;
  invariant(idle === (row.dueAt === null), "a schedule is due exactly when work remains");
  if (expectedVersion !== undefined)
    invariant(row.version === expectedVersion + 1, "a recurring grant's next version follows");
}

const bigOrNull = (cell: Cell | undefined) =>
  cell === null || cell === undefined ? null : big(cell);

const columns: Columns<RecurringGrantRow> = {
  organizationId: ["organization_id", text],
  id: ["id", text],
  poolId: ["pool_id", text],
  amount: ["amount", big],
  source: ["source", text],
  priority: ["priority", int],
  costBasis: ["cost_basis", big],
  expiry: ["expiry", (cell) => text(cell) as RecurringGrantExpiry],
  expiryDays: ["expiry_days", intOrNull],
  rolloverCap: ["rollover_cap", bigOrNull],
  rolloverDays: ["rollover_days", intOrNull],
  anchorAt: ["anchor_at", int],
  timeZone: ["time_zone", text],
  interval: ["interval", (cell) => text(cell) as RecurringGrantRow["interval"]],
  periodsMax: ["periods_max", intOrNull],
  endsAt: ["ends_at", intOrNull],
  status: ["status", (cell) => text(cell) as RecurringGrantStatus],
  nextIndex: ["next_index", int],
  issuedCount: ["issued_count", int],
  dueAt: ["due_at", intOrNull],
  createdAt: ["created_at", int],
  updatedAt: ["updated_at", int],
  canceledAt: ["canceled_at", intOrNull],
  version: ["version", int],
};

const rowToRecurringGrant = (row: Row) => rowOf(columns, row);
const insertRecurringGrantSql = insertSql("recurring_grants", columns);
const updateRecurringGrantSql = updateSql("recurring_grants", columns);

/** Rolls a transaction back when the version moved or the answer's key is taken. */
class Refused extends Error {}

export class SqlRecurringGrants implements RecurringGrantStore {
  constructor(private readonly sql: SqlRunner) {}

  insertRecurringGrant(
    row: RecurringGrantRow,
    answer: ScopedAnswer | null = null,
  ): Promise<StoredAnswer | null> {
    checkRecurringGrant(row);
    const cells = cellsOf(columns, row);
    return this.sql.inTransaction((run) =>
      writeOnce(run, answer, () => run(insertRecurringGrantSql, cells)),
    );
  }

  async readRecurringGrant(organizationId: string, id: string) {
    const sql = "SELECT * FROM recurring_grants WHERE organization_id = ? AND id = ?";
    const [row] = await this.sql.all(sql, [organizationId, id]);
    return row === undefined ? null : rowToRecurringGrant(row);
  }

  async listRecurringGrants(organizationId: string, page: Page) {
    const sql =
      "SELECT * FROM recurring_grants WHERE organization_id = ? AND id > ? ORDER BY id LIMIT ?";
    const rows = await this.sql.all(sql, [organizationId, page.startingAfter ?? "", page.limit]);
    return rows.map(rowToRecurringGrant);
  }

  async countRecurringGrants(organizationId: string): Promise<number> {
    const sql = "SELECT count(*) AS n FROM recurring_grants WHERE organization_id = ?";
    const [row] = await this.sql.all(sql, [organizationId]);
    return int(row?.n ?? 0);
  }

  async updateRecurringGrant(
    next: RecurringGrantRow,
    expectedVersion: number,
    answer: ScopedAnswer | null = null,
  ): Promise<boolean> {
    checkRecurringGrant(next, expectedVersion);
    const cells = updateCells(cellsOf(columns, next), expectedVersion);
    try {
      await this.sql.inTransaction(async (run) => {
        if ((await run(updateRecurringGrantSql, cells)).length === 0) throw new Refused();
        if (answer !== null && (await claimAnswer(run, answer)) !== null) throw new Refused();
      });
      return true;
    } catch (error) {
      if (error instanceof Refused || isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async dueRecurringGrants(now: number, limit: number): Promise<RecurringGrantKey[]> {
    const rows = await this.sql.all(
      `SELECT organization_id, id FROM recurring_grants WHERE due_at IS NOT NULL AND due_at <= ?
        ORDER BY due_at, organization_id, id LIMIT ?`,
      [now, limit],
    );
    return rows.map((row) => ({ organizationId: text(row.organization_id), id: text(row.id) }));
  }
}

export const recurringGrantTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE recurring_grants (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  pool_id ${t.text} NOT NULL,
  amount ${t.big} NOT NULL CHECK (amount > 0),
  source ${t.text} NOT NULL,
  priority ${t.big} NOT NULL,
  cost_basis ${t.big} NOT NULL CHECK (cost_basis >= 0),
  expiry ${t.text} NOT NULL CHECK (expiry IN ('never', 'period_end', 'days')),
  expiry_days ${t.big},
  rollover_cap ${t.big},
  rollover_days ${t.big},
  anchor_at ${t.big} NOT NULL,
  time_zone ${t.text} NOT NULL,
  interval ${t.text} NOT NULL CHECK (interval IN ('month', 'year')),
  periods_max ${t.big},
  ends_at ${t.big},
  status ${t.text} NOT NULL CHECK (status IN ('active', 'canceled', 'completed')),
  next_index ${t.big} NOT NULL,
  issued_count ${t.big} NOT NULL CHECK (issued_count >= 0 AND issued_count <= next_index),
  due_at ${t.big},
  created_at ${t.big} NOT NULL,
  updated_at ${t.big} NOT NULL,
  canceled_at ${t.big},
  version ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, id)
)${t.clustered};
CREATE INDEX recurring_grants_due ON recurring_grants (due_at) WHERE due_at IS NOT NULL;
`;
