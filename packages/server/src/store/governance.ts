/**
 * Governance in storage: a pool's policy (one JSON column), its reservation counters, the tallies
 * that caps and rate limits keep (one row per key, loaded on demand), and the decision records of
 * refused holds, written in the batch that refused them.
 */

import type { PeriodCounter } from "@creditpool/core";
import { type AuditEntry, appendAudit } from "./audit.ts";
import type { Page, SqlRunner } from "./directory.ts";
import { big, type Cell, int, intOrNull, type Row, text, textOrNull } from "./rows.ts";

export type Types = { big: string; text: string; clustered: string };

/** Migration 14: the columns and tables governance adds. */
export function governanceTables(t: Types): string {
  const counters = ["day", "week", "month"]
    .map(
      (
        period,
      ) => `ALTER TABLE pools ADD COLUMN parent_drawn_${period}_start ${t.big} NOT NULL DEFAULT 0;
ALTER TABLE pools ADD COLUMN parent_drawn_${period} ${t.big} NOT NULL DEFAULT 0;`,
    )
    .join("\n");
  return `
ALTER TABLE pools ADD COLUMN policy ${t.text};
${counters}
ALTER TABLE pools ADD COLUMN parent_held ${t.big} NOT NULL DEFAULT 0;
ALTER TABLE holds ADD COLUMN key_id ${t.text};

CREATE TABLE tallies (
  organization_id ${t.text} NOT NULL,
  key ${t.text} NOT NULL,
  start ${t.big} NOT NULL,
  value ${t.text} NOT NULL,
  PRIMARY KEY (organization_id, key)
)${t.clustered};

CREATE TABLE decisions (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  at ${t.big} NOT NULL,
  kind ${t.text} NOT NULL CHECK (kind IN ('hold', 'usage')),
  code ${t.text} NOT NULL,
  pool_id ${t.text} NOT NULL,
  hold_pool_id ${t.text} NOT NULL,
  amount ${t.big} NOT NULL,
  member_id ${t.text},
  key_id ${t.text},
  model ${t.text},
  rate_card_version ${t.text},
  retry_after_ms ${t.big},
  evidence ${t.text} NOT NULL,
  PRIMARY KEY (organization_id, id)
)${t.clustered};
CREATE INDEX decisions_by_age ON decisions (at);

CREATE TABLE approvals (
  organization_id ${t.text} NOT NULL,
  decision_id ${t.text} NOT NULL,
  status ${t.text} NOT NULL CHECK (status IN ('approved', 'denied')),
  decided_by ${t.text} NOT NULL,
  decided_at ${t.big} NOT NULL,
  expires_at ${t.big} NOT NULL,
  note ${t.text},
  PRIMARY KEY (organization_id, decision_id)
)${t.clustered};
`;
}

// ---------------------------------------------------------------------------------------------
// Tallies

/** `value` is text: a bucket's level, in 1/60,000 units, can pass the 64-bit range. */
export const tallyColumns = ["organization_id", "key", "start", "value"] as const;

export function tallyToRow(organizationId: string, key: string, counter: PeriodCounter): Cell[] {
  return [organizationId, key, counter.start, counter.amount.toString()];
}

export function rowToTally(row: Row): PeriodCounter {
  return { start: int(row.start), amount: BigInt(text(row.value)) };
}

// ---------------------------------------------------------------------------------------------
// Decision records

/**
 * A refused hold as kept: what was asked, where and why it failed, and the figures that decided;
 * or usage recorded on a model a pool does not allow (`kind` usage), flagged.
 */
export interface DecisionRow {
  readonly id: string;
  readonly at: number;
  readonly kind: "hold" | "usage";
  readonly code: string;
  /** The pool where the hold failed (or whose allow-list the usage's model is not on). */
  readonly poolId: string;
  /** The pool the hold asked at, or the usage was recorded at. */
  readonly holdPoolId: string;
  readonly amount: bigint;
  readonly memberId: string | null;
  readonly keyId: string | null;
  readonly model: string | null;
  readonly rateCardVersion: string | null;
  readonly retryAfterMs: number | null;
  /** JSON: the path's limits and balances, and the cap, bucket or list that refused. */
  readonly evidence: string;
}

export const decisionColumns = [
  "organization_id",
  "id",
  "at",
  "kind",
  "code",
  "pool_id",
  "hold_pool_id",
  "amount",
  "member_id",
  "key_id",
  "model",
  "rate_card_version",
  "retry_after_ms",
  "evidence",
] as const;

export function decisionToRow(organizationId: string, d: DecisionRow): Cell[] {
  return [
    organizationId,
    d.id,
    d.at,
    d.kind,
    d.code,
    d.poolId,
    d.holdPoolId,
    d.amount,
    d.memberId,
    d.keyId,
    d.model,
    d.rateCardVersion,
    d.retryAfterMs,
    d.evidence,
  ];
}

export function rowToDecision(row: Row): DecisionRow {
  return {
    id: text(row.id),
    at: int(row.at),
    kind: text(row.kind) as DecisionRow["kind"],
    code: text(row.code),
    poolId: text(row.pool_id),
    holdPoolId: text(row.hold_pool_id),
    amount: big(row.amount),
    memberId: textOrNull(row.member_id),
    keyId: textOrNull(row.key_id),
    model: textOrNull(row.model),
    rateCardVersion: textOrNull(row.rate_card_version),
    retryAfterMs: intOrNull(row.retry_after_ms),
    evidence: text(row.evidence),
  };
}

/** Filters of `GET /v1/decisions`; every one optional. */
export interface DecisionFilter {
  readonly code?: string;
  /** The pool where the hold failed, or the pool it asked at. */
  readonly poolId?: string;
  readonly memberId?: string;
  readonly keyId?: string;
  readonly fromAt?: number;
  readonly toAt?: number;
}

/** The conditions of a decision query after the organization, as SQL fragments and values. */
export function decisionConditions(filter: DecisionFilter): [string, string | number][] {
  const conditions: [string, string | number | undefined][] = [
    ["code = ?", filter.code],
    ["(pool_id = ? OR hold_pool_id = ?)", filter.poolId],
    ["member_id = ?", filter.memberId],
    ["key_id = ?", filter.keyId],
    ["at >= ?", filter.fromAt],
    ["at < ?", filter.toAt],
  ];
  return conditions.filter((entry): entry is [string, string | number] => entry[1] !== undefined);
}

export function decisionMatches(decision: DecisionRow, filter: DecisionFilter): boolean {
  if (filter.code !== undefined && decision.code !== filter.code) return false;
  if (
    filter.poolId !== undefined &&
    decision.poolId !== filter.poolId &&
    decision.holdPoolId !== filter.poolId
  )
    return false;
  if (filter.memberId !== undefined && decision.memberId !== filter.memberId) return false;
  if (filter.keyId !== undefined && decision.keyId !== filter.keyId) return false;
  if (filter.fromAt !== undefined && decision.at < filter.fromAt) return false;
  if (filter.toAt !== undefined && decision.at >= filter.toAt) return false;
  return true;
}

/**
 * An approver's answer to an approval request (a decision `approval_required`): approved until
 * `expiresAt`, or denied. Written once: the first answer stands.
 */
export interface ApprovalRow {
  readonly decisionId: string;
  readonly status: "approved" | "denied";
  /** The key that decided. */
  readonly decidedBy: string;
  readonly decidedAt: number;
  /** An approved hold must be made before this time. */
  readonly expiresAt: number;
  readonly note: string | null;
}

function rowToApproval(row: Row): ApprovalRow {
  return {
    decisionId: text(row.decision_id),
    status: text(row.status) as ApprovalRow["status"],
    decidedBy: text(row.decided_by),
    decidedAt: int(row.decided_at),
    expiresAt: int(row.expires_at),
    note: textOrNull(row.note),
  };
}

/** The decision records' part of the store port. */
export interface DecisionStore {
  /** Stores the answer unless one is stored already; answers the one that stands. */
  /**
   * Stores the first answer to an approval request, with its audit record when it is the one
   * stored; answers the answer that stands.
   */
  decideApproval(
    organizationId: string,
    approval: ApprovalRow,
    audit?: AuditEntry | null,
  ): Promise<ApprovalRow>;
  readApprovals(organizationId: string, decisionIds: readonly string[]): Promise<ApprovalRow[]>;
  /** Newest first: ids are ULIDs, so `starting_after` pages back in time. */
  listDecisions(organizationId: string, filter: DecisionFilter, page: Page): Promise<DecisionRow[]>;
  readDecision(organizationId: string, id: string): Promise<DecisionRow | null>;
  /** Forgets at most `limit` decisions made before `before`; answers how many. */
  pruneDecisions(before: number, limit: number): Promise<number>;
}

export class SqlDecisions implements DecisionStore {
  constructor(private readonly sql: SqlRunner) {}

  async listDecisions(
    organizationId: string,
    filter: DecisionFilter,
    page: Page,
  ): Promise<DecisionRow[]> {
    const where = ["organization_id = ?"];
    const params: Cell[] = [organizationId];
    if (page.startingAfter !== undefined) {
      where.push("id < ?");
      params.push(page.startingAfter);
    }
    for (const [condition, value] of decisionConditions(filter)) {
      where.push(condition);
      for (let i = 0; i < condition.split("?").length - 1; i += 1) params.push(value);
    }
    const rows = await this.sql.all(
      `SELECT * FROM decisions WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ?`,
      [...params, page.limit],
    );
    return rows.map(rowToDecision);
  }

  async decideApproval(
    organizationId: string,
    a: ApprovalRow,
    audit: AuditEntry | null = null,
  ): Promise<ApprovalRow> {
    return this.sql.inTransaction(async (run) => {
      const inserted = await run(
        `INSERT INTO approvals (organization_id, decision_id, status, decided_by, decided_at,
          expires_at, note) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
          RETURNING decision_id`,
        [organizationId, a.decisionId, a.status, a.decidedBy, a.decidedAt, a.expiresAt, a.note],
      );
      if (inserted.length > 0 && audit !== null) await appendAudit(run, [audit]);
      const [row] = await run(
        "SELECT * FROM approvals WHERE organization_id = ? AND decision_id = ?",
        [organizationId, a.decisionId],
      );
      if (row === undefined) throw new Error(`approval of ${a.decisionId} was not stored`);
      return rowToApproval(row);
    });
  }

  async readApprovals(organizationId: string, decisionIds: readonly string[]) {
    const found: ApprovalRow[] = [];
    for (const id of decisionIds) {
      const [row] = await this.sql.all(
        "SELECT * FROM approvals WHERE organization_id = ? AND decision_id = ?",
        [organizationId, id],
      );
      if (row !== undefined) found.push(rowToApproval(row));
    }
    return found;
  }

  async readDecision(organizationId: string, id: string): Promise<DecisionRow | null> {
    const [row] = await this.sql.all(
      "SELECT * FROM decisions WHERE organization_id = ? AND id = ?",
      [organizationId, id],
    );
    return row === undefined ? null : rowToDecision(row);
  }

  async pruneDecisions(before: number, limit: number): Promise<number> {
    return this.sql.inTransaction(async (run) => {
      const rows = await run(
        `SELECT organization_id, id FROM decisions WHERE at < ? ORDER BY at LIMIT ?`,
        [before, limit],
      );
      for (const row of rows)
        await run("DELETE FROM decisions WHERE organization_id = ? AND id = ?", [
          text(row.organization_id),
          text(row.id),
        ]);
      return rows.length;
    });
  }
}
