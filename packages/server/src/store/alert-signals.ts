/**
 * What abuse signals read: the newest keyed holds and the newest outcome-keyed usage answers of
 * one organization within a window, each read bounded by a `limit` and by an index that starts
 * with the organization, so one organization's volume never lengthens another's evaluation.
 *
 * Migration 21 widens alert rules to the signal metrics (`key_spread`, `burn_spike`,
 * `outcome_split`), gives a rule its `small_at_most` amount, gives an alert its `subject` (the key
 * a signal names) and its `evidence`, and adds the two indexes the reads walk.
 */

import type { SqlRunner } from "./directory.ts";
import type { Row } from "./rows.ts";
import { int, text } from "./rows.ts";

/** One keyed hold as a signal reads it. */
export interface KeyedHold {
  readonly keyId: string;
  readonly memberId: string | null;
  readonly poolId: string;
}

/** One stored answer to an outcome-keyed usage event: its outcome key, the answer's JSON text. */
export interface OutcomeAnswer {
  /** The outcome key, without its `outcome:` prefix. */
  readonly outcomeKey: string;
  readonly answer: string;
  readonly createdAt: number;
}

export interface SignalReads {
  /** The organization's holds made by a key in [from, to), newest first, at most `limit`. */
  keyedHolds(organizationId: string, from: number, to: number, limit: number): Promise<KeyedHold[]>;
  /** Its outcome-keyed usage answers stored in [from, to), newest first, at most `limit`. */
  outcomeAnswers(
    organizationId: string,
    from: number,
    to: number,
    limit: number,
  ): Promise<OutcomeAnswer[]>;
}

/** The outcome keys' predicate, word for word in the index and the query that walks it. */
const outcomeKeySql = "substr(key, 1, 8) = 'outcome:'";

export class SqlSignalReads implements SignalReads {
  constructor(private readonly sql: SqlRunner) {}

  async keyedHolds(organizationId: string, from: number, to: number, limit: number) {
    const rows = await this.sql.all(
      `SELECT key_id, member_id, pool_id FROM holds
        WHERE organization_id = ? AND key_id IS NOT NULL AND created_at >= ? AND created_at < ?
        ORDER BY created_at DESC LIMIT ?`,
      [organizationId, from, to, limit],
    );
    return rows.map((row: Row) => ({
      keyId: text(row.key_id),
      memberId: row.member_id === null ? null : text(row.member_id),
      poolId: text(row.pool_id),
    }));
  }

  async outcomeAnswers(organizationId: string, from: number, to: number, limit: number) {
    const rows = await this.sql.all(
      `SELECT key, answer, created_at FROM idempotency
        WHERE organization_id = ? AND ${outcomeKeySql} AND created_at >= ? AND created_at < ?
        ORDER BY created_at DESC LIMIT ?`,
      [organizationId, from, to, limit],
    );
    return rows.map((row: Row) => ({
      outcomeKey: text(row.key).slice("outcome:".length),
      answer: text(row.answer),
      createdAt: int(row.created_at),
    }));
  }
}

/**
 * Migration 21. SQLite cannot change a CHECK in place, so the rules' table is rebuilt (on both
 * dialects alike, so they keep the same columns); alerts gain two nullable columns.
 */
export const alertSignalTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE alert_rules_next (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  pool_id ${t.text} NOT NULL,
  metric ${t.text} NOT NULL CHECK (metric IN ('limit', 'grants', 'balance', 'forecast',
    'key_spread', 'burn_spike', 'outcome_split')),
  thresholds ${t.text} NOT NULL,
  window_hours ${t.big},
  small_at_most ${t.big},
  enabled ${t.big} NOT NULL CHECK (enabled IN (0, 1)),
  created_at ${t.big} NOT NULL,
  updated_at ${t.big} NOT NULL,
  version ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, id)
)${t.clustered};
INSERT INTO alert_rules_next (organization_id, id, pool_id, metric, thresholds, window_hours,
  small_at_most, enabled, created_at, updated_at, version)
  SELECT organization_id, id, pool_id, metric, thresholds, window_hours, NULL, enabled,
    created_at, updated_at, version FROM alert_rules;
DROP TABLE alert_rules;
ALTER TABLE alert_rules_next RENAME TO alert_rules;
CREATE INDEX alert_rules_enabled ON alert_rules (organization_id) WHERE enabled = 1;
ALTER TABLE alerts ADD COLUMN subject ${t.text};
ALTER TABLE alerts ADD COLUMN evidence ${t.text};
CREATE INDEX holds_keyed ON holds (organization_id, created_at) WHERE key_id IS NOT NULL;
CREATE INDEX idempotency_outcomes ON idempotency (organization_id, created_at)
  WHERE ${outcomeKeySql};
`;

/** The newest first of what lies in [from, to), at most `limit`, for the memory store. */
export function newestWithin<T>(
  rows: Iterable<T>,
  at: (row: T) => number,
  from: number,
  to: number,
  limit: number,
): T[] {
  const within = [...rows].filter((row) => at(row) >= from && at(row) < to);
  return within.sort((a, b) => at(b) - at(a)).slice(0, limit);
}
