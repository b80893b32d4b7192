/**
 * Seat assignments: which members hold a seat of a subscription, keyed by (organization,
 * subscription, member). An assignment is taken only while the subscription is active and has a
 * seat free, decided in one transaction that first locks the subscription's row (a write that
 * changes nothing), so two assignments racing for the last seat, or an assignment racing a lower
 * seat count, are decided one after the other on every dialect. Ended subscriptions keep their
 * rows; nothing reads them for access (`seatGates` lists active subscriptions only).
 */
import { seatsOf } from "./billing-checks.ts";
import { claimAnswer, type Page, type ScopedAnswer, type SqlRunner } from "./directory.ts";
import type { StoredAnswer } from "./records.ts";
import { int, type Row, text } from "./rows.ts";

export interface SeatAssignmentRow {
  readonly organizationId: string;
  readonly subscriptionId: string;
  readonly memberId: string;
  readonly assignedAt: number;
}

/** What taking a seat came to; nothing is written but on `assigned`. */
export type SeatTaken =
  | { readonly kind: "assigned" }
  /** The member already holds a seat: the assignment stored first. */
  | { readonly kind: "exists"; readonly assignment: SeatAssignmentRow }
  | { readonly kind: "exhausted" }
  /** No such subscription, or it has ended. */
  | { readonly kind: "inactive" }
  | { readonly kind: "replay"; readonly stored: StoredAnswer };

/** An active subscription that gives access only to members holding one of its seats. */
export interface SeatGate {
  readonly subscriptionId: string;
  readonly poolId: string;
}

export interface SeatAssignmentStore {
  /**
   * Stores the assignment if the subscription is active, the member holds none of its seats and
   * fewer members hold one than it has seats, with the answer (its audit records) in the same
   * transaction.
   */
  assignSeat(row: SeatAssignmentRow, answer: ScopedAnswer | null): Promise<SeatTaken>;
  /**
   * Removes the member's assignment with the answer; the removed row, null when there was none
   * (nothing written), or the stored answer when the answer's key replays.
   */
  unassignSeat(
    key: Omit<SeatAssignmentRow, "assignedAt">,
    answer: ScopedAnswer | null,
  ): Promise<SeatAssignmentRow | null | { readonly stored: StoredAnswer }>;
  readSeatAssignment(
    organizationId: string,
    subscriptionId: string,
    memberId: string,
  ): Promise<SeatAssignmentRow | null>;
  /** A subscription's assignments by member id, after `startingAfter`, at most `limit`. */
  listSeatAssignments(
    organizationId: string,
    subscriptionId: string,
    page: Page,
  ): Promise<SeatAssignmentRow[]>;
  /** The organization's active subscriptions with `seat_access` "assigned", by id. */
  seatGates(organizationId: string): Promise<SeatGate[]>;
}

/**
 * Migration 27: a subscription's `seat_access` ("open": anyone in its pools may hold; "assigned":
 * only members holding one of its seats), and the assignments.
 */
export const seatAssignmentTables = (t: { big: string; text: string; clustered: string }) => `
ALTER TABLE subscriptions ADD COLUMN seat_access ${t.text} NOT NULL DEFAULT 'open'
  CHECK (seat_access IN ('open', 'assigned'));
CREATE TABLE seat_assignments (
  organization_id ${t.text} NOT NULL,
  subscription_id ${t.text} NOT NULL,
  member_id ${t.text} NOT NULL,
  assigned_at ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, subscription_id, member_id)
)${t.clustered};
`;

/** The number of assignments of a subscription, as a column of a subscriptions query. */
export const seatsAssignedSql = `(SELECT count(*) FROM seat_assignments a
  WHERE a.organization_id = subscriptions.organization_id
    AND a.subscription_id = subscriptions.id) AS seats_assigned`;

function assignmentOf(row: Row): SeatAssignmentRow {
  return {
    organizationId: text(row.organization_id),
    subscriptionId: text(row.subscription_id),
    memberId: text(row.member_id),
    assignedAt: int(row.assigned_at),
  };
}

/** Rolls the transaction back: what it found means nothing is written. */
class Unchanged extends Error {
  constructor(readonly taken: SeatTaken) {
    super(taken.kind);
  }
}

export class SqlSeatAssignments implements SeatAssignmentStore {
  constructor(private readonly sql: SqlRunner) {}

  async assignSeat(row: SeatAssignmentRow, answer: ScopedAnswer | null): Promise<SeatTaken> {
    const { organizationId, subscriptionId, memberId } = row;
    try {
      return await this.sql.inTransaction(async (run) => {
        // The lock: on PostgreSQL the row stays locked to the end of the transaction, so a
        // concurrent assignment or seat change waits here and then counts what this one wrote.
        const [locked] = await run(
          `UPDATE subscriptions SET version = version
            WHERE organization_id = ? AND id = ? AND status = 'active' RETURNING seats, tier_seats`,
          [organizationId, subscriptionId],
        );
        if (locked === undefined) throw new Unchanged({ kind: "inactive" });
        const [existing] = await run(
          `SELECT * FROM seat_assignments
            WHERE organization_id = ? AND subscription_id = ? AND member_id = ?`,
          [organizationId, subscriptionId, memberId],
        );
        if (existing !== undefined)
          throw new Unchanged({ kind: "exists", assignment: assignmentOf(existing) });
        const [counted] = await run(
          `SELECT count(*) AS n FROM seat_assignments
            WHERE organization_id = ? AND subscription_id = ?`,
          [organizationId, subscriptionId],
        );
        const seats = seatsOf({ seats: int(locked.seats), tierSeats: text(locked.tier_seats) });
        if (int(counted?.n ?? 0) >= seats) throw new Unchanged({ kind: "exhausted" });
        const stored = answer === null ? null : await claimAnswer(run, answer);
        if (stored !== null) throw new Unchanged({ kind: "replay", stored });
        await run(
          `INSERT INTO seat_assignments (organization_id, subscription_id, member_id, assigned_at)
            VALUES (?, ?, ?, ?)`,
          [organizationId, subscriptionId, memberId, row.assignedAt],
        );
        return { kind: "assigned" } as const;
      });
    } catch (error) {
      if (error instanceof Unchanged) return error.taken;
      throw error;
    }
  }

  async unassignSeat(
    key: Omit<SeatAssignmentRow, "assignedAt">,
    answer: ScopedAnswer | null,
  ): Promise<SeatAssignmentRow | null | { readonly stored: StoredAnswer }> {
    try {
      return await this.sql.inTransaction(async (run) => {
        const removed = await run(
          `DELETE FROM seat_assignments
            WHERE organization_id = ? AND subscription_id = ? AND member_id = ? RETURNING *`,
          [key.organizationId, key.subscriptionId, key.memberId],
        );
        const [row] = removed;
        if (row === undefined) throw new Unchanged({ kind: "inactive" });
        const stored = answer === null ? null : await claimAnswer(run, answer);
        if (stored !== null) throw new Unchanged({ kind: "replay", stored });
        return assignmentOf(row);
      });
    } catch (error) {
      if (!(error instanceof Unchanged)) throw error;
      return error.taken.kind === "replay" ? { stored: error.taken.stored } : null;
    }
  }

  async readSeatAssignment(organizationId: string, subscriptionId: string, memberId: string) {
    const [row] = await this.sql.all(
      `SELECT * FROM seat_assignments
        WHERE organization_id = ? AND subscription_id = ? AND member_id = ?`,
      [organizationId, subscriptionId, memberId],
    );
    return row === undefined ? null : assignmentOf(row);
  }

  async listSeatAssignments(organizationId: string, subscriptionId: string, page: Page) {
    const rows = await this.sql.all(
      `SELECT * FROM seat_assignments
        WHERE organization_id = ? AND subscription_id = ? AND member_id > ?
        ORDER BY member_id LIMIT ?`,
      [organizationId, subscriptionId, page.startingAfter ?? "", page.limit],
    );
    return rows.map(assignmentOf);
  }

  async seatGates(organizationId: string): Promise<SeatGate[]> {
    const rows = await this.sql.all(
      `SELECT id, pool_id FROM subscriptions
        WHERE organization_id = ? AND status = 'active' AND seat_access = 'assigned'
        ORDER BY id`,
      [organizationId],
    );
    return rows.map((row) => ({ subscriptionId: text(row.id), poolId: text(row.pool_id) }));
  }
}
