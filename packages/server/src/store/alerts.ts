/**
 * Alert rules and the alerts they raise. A rule watches one figure of one pool; an alert is one
 * crossing of one of its thresholds in one period, written once: its `dedupeKey` (rule, threshold,
 * period start) is unique per organization, so of two nodes raising the same crossing one writes
 * and the other writes nothing. An alert's event (`alert.raised`, `alert.resolved`) is written in
 * the transaction of the row it tells of, so webhooks hear of exactly the alerts that exist.
 *
 * Figures are micro-units, like credits: a percentage of 80 is 80,000,000, a balance of 200
 * credits is 200,000,000. Rules and alerts change by compare-and-set on their `version`.
 */
import { invariant, limits } from "@creditpool/core";
import { type AuditEntry, appendAudit } from "./audit.ts";
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
import { type EventDraft, writeEvents } from "./events.ts";
import type { StoredAnswer } from "./records.ts";
import { big, bool, type Cell, int, intOrNull, type Row, text, textOrNull } from "./rows.ts";

export const alertMetrics = [
  "limit",
  "grants",
  "balance",
  "forecast",
  "key_spread",
  "burn_spike",
  "outcome_split",
] as const;
export type AlertMetric = (typeof alertMetrics)[number];

/** The metrics that watch for abuse over a trailing window rather than a figure of the pool. */
export const signalMetrics = ["key_spread", "burn_spike", "outcome_split"] as const;
export type SignalMetric = (typeof signalMetrics)[number];

export function isSignal(metric: AlertMetric): metric is SignalMetric {
  return (signalMetrics as readonly string[]).includes(metric);
}

export const alertStatuses = ["open", "acknowledged", "resolved"] as const;
export type AlertStatus = (typeof alertStatuses)[number];

export interface AlertRuleRow {
  readonly organizationId: string;
  readonly id: string;
  readonly poolId: string;
  readonly metric: AlertMetric;
  /**
   * Ascending, in micro-units: percentages for `limit` and `grants`, credits for `balance`
   * (raised at or below each); none for `forecast`.
   */
  readonly thresholds: readonly bigint[];
  /** `forecast` and the signals: the trailing hours the figure is measured over. */
  readonly windowHours: number | null;
  /** `outcome_split` only: the largest outcome, in micro-credits, that counts as small. */
  readonly smallAtMost: bigint | null;
  readonly enabled: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly version: number;
}

export interface AlertRow {
  readonly organizationId: string;
  readonly id: string;
  readonly ruleId: string;
  readonly poolId: string;
  readonly metric: AlertMetric;
  /** The threshold crossed, in the rule's micro-units; null for a forecast. */
  readonly threshold: bigint | null;
  /** Unique per organization: the rule, the threshold and the period's start. */
  readonly dedupeKey: string;
  readonly periodStart: number;
  readonly periodEnd: number;
  /** The figure when raised: a percentage or credits (a forecast's: credits available). */
  readonly observed: bigint;
  readonly observedAt: number;
  /** A forecast's: when the pool runs out at its burn rate, the rate per day, the window. */
  readonly forecastAt: number | null;
  readonly burnPerDay: bigint | null;
  readonly windowHours: number | null;
  /** What a signal names, when it names one (the key of a `key_spread`); else null. */
  readonly subject: string | null;
  /** A signal's evidence, as JSON text; null for the other metrics. */
  readonly evidence: string | null;
  readonly status: AlertStatus;
  /** A key's id, or `system` for what the evaluator did. */
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: number | null;
  readonly resolvedBy: string | null;
  readonly resolvedAt: number | null;
  readonly version: number;
}

export interface AlertFilter {
  readonly status?: AlertStatus;
  readonly poolId?: string;
  readonly ruleId?: string;
}

/**
 * The alerts' part of the store port. Writes given an answer are idempotent as in the directory:
 * they write nothing when the answer's key is taken.
 */
export interface AlertStore {
  insertAlertRule(row: AlertRuleRow, answer?: ScopedAnswer | null): Promise<StoredAnswer | null>;
  readAlertRule(organizationId: string, id: string): Promise<AlertRuleRow | null>;
  /** An organization's rules by id, after `startingAfter`, at most `limit`. */
  listAlertRules(organizationId: string, page: Page): Promise<AlertRuleRow[]>;
  countAlertRules(organizationId: string): Promise<number>;
  /**
   * Writes `next` only at `expectedVersion`, with the answer and the audit record if any;
   * answers whether it did.
   */
  updateAlertRule(
    next: AlertRuleRow,
    expectedVersion: number,
    answer?: ScopedAnswer | null,
    audit?: AuditEntry | null,
  ): Promise<boolean>;
  /** Deletes the rule only at `expectedVersion`, with its audit record if any; its alerts stay. */
  deleteAlertRule(
    organizationId: string,
    id: string,
    expectedVersion: number,
    answer?: ScopedAnswer | null,
    audit?: AuditEntry | null,
  ): Promise<boolean>;
  /** Organizations with an enabled rule, by id after `after`, at most `limit`. */
  alertRuleOrganizations(after: string, limit: number): Promise<string[]>;
  /**
   * Writes the alert and its event unless the organization has an alert with its dedupe key;
   * answers whether it wrote.
   */
  raiseAlert(row: AlertRow, event: EventDraft): Promise<boolean>;
  readAlert(organizationId: string, id: string): Promise<AlertRow | null>;
  /** Newest first: ids are ULIDs, so `startingAfter` pages back in time. */
  listAlerts(organizationId: string, filter: AlertFilter, page: Page): Promise<AlertRow[]>;
  /** The organization's open and acknowledged alerts, at most `limit`. */
  unresolvedAlerts(organizationId: string, limit: number): Promise<AlertRow[]>;
  /**
   * Writes `next` (and its event, if any) only at `expectedVersion`, with the answer if any;
   * answers whether it wrote.
   */
  updateAlert(
    next: AlertRow,
    expectedVersion: number,
    event: EventDraft | null,
    answer?: ScopedAnswer | null,
  ): Promise<boolean>;
  /** Forgets at most `limit` of its alerts resolved before `before`, oldest first. */
  pruneAlerts(organizationId: string, before: number, limit: number): Promise<number>;
}

/** What every store checks of a rule before it writes it: programmer errors, not input. */
export function checkAlertRule(row: AlertRuleRow, expectedVersion?: number): void {
  const { thresholds } = row;
  invariant(thresholds.length <= limits.alertThresholdsPerRuleMax, "a rule's thresholds bound");
  invariant(
    thresholds.every((value, index) => index === 0 || (thresholds[index - 1] ?? 0n) < value),
    "a rule's thresholds ascend",
  );
  invariant(
    (row.metric === "forecast") === (thresholds.length === 0),
    "a forecast alone has no thresholds",
  );
  invariant(
    (row.metric === "forecast" || isSignal(row.metric)) === (row.windowHours !== null),
    "a forecast or a signal has a window",
  );
  invariant(
    (row.metric === "outcome_split") === (row.smallAtMost !== null),
    "an outcome split alone has its small amount",
  );
  if (expectedVersion !== undefined)
    invariant(row.version === expectedVersion + 1, "an alert rule's next version follows");
}

export function checkAlert(row: AlertRow, expectedVersion?: number): void {
  invariant(row.periodStart < row.periodEnd, "an alert's period is not empty");
  invariant((row.status === "resolved") === (row.resolvedAt !== null), "resolved when resolved");
  invariant((row.metric === "forecast") === (row.forecastAt !== null), "a forecast has its time");
  if (expectedVersion !== undefined)
    invariant(row.version === expectedVersion + 1, "an alert's next version follows");
}

const bigOrNull = (cell: Cell | undefined) =>
  cell === null || cell === undefined ? null : big(cell);

const ruleColumns: Columns<AlertRuleRow> = {
  organizationId: ["organization_id", text],
  id: ["id", text],
  poolId: ["pool_id", text],
  metric: ["metric", (cell) => text(cell) as AlertMetric],
  thresholds: [
    "thresholds",
    (cell) => (JSON.parse(text(cell)) as string[]).map((value) => BigInt(value)),
  ],
  windowHours: ["window_hours", intOrNull],
  smallAtMost: ["small_at_most", bigOrNull],
  enabled: ["enabled", bool],
  createdAt: ["created_at", int],
  updatedAt: ["updated_at", int],
  version: ["version", int],
};

const alertColumns: Columns<AlertRow> = {
  organizationId: ["organization_id", text],
  id: ["id", text],
  ruleId: ["rule_id", text],
  poolId: ["pool_id", text],
  metric: ["metric", (cell) => text(cell) as AlertMetric],
  threshold: ["threshold", bigOrNull],
  dedupeKey: ["dedupe_key", text],
  periodStart: ["period_start", int],
  periodEnd: ["period_end", int],
  observed: ["observed", big],
  observedAt: ["observed_at", int],
  forecastAt: ["forecast_at", intOrNull],
  burnPerDay: ["burn_per_day", bigOrNull],
  windowHours: ["window_hours", intOrNull],
  subject: ["subject", textOrNull],
  evidence: ["evidence", textOrNull],
  status: ["status", (cell) => text(cell) as AlertStatus],
  acknowledgedBy: ["acknowledged_by", textOrNull],
  acknowledgedAt: ["acknowledged_at", intOrNull],
  resolvedBy: ["resolved_by", textOrNull],
  resolvedAt: ["resolved_at", intOrNull],
  version: ["version", int],
};

/** A rule's cells: thresholds as a JSON list of decimal strings (a bigint is no JSON). */
function ruleCells(row: AlertRuleRow): Cell[] {
  const stored = { ...row, thresholds: JSON.stringify(row.thresholds.map(String)) };
  return cellsOf(ruleColumns as unknown as Columns<typeof stored>, stored);
}

const rowToRule = (row: Row) => rowOf(ruleColumns, row);
const rowToAlert = (row: Row) => rowOf(alertColumns, row);
const insertRuleSql = insertSql("alert_rules", ruleColumns);
const updateRuleSql = updateSql("alert_rules", ruleColumns);
const insertAlertSql = `${insertSql("alerts", alertColumns)}
  ON CONFLICT (organization_id, dedupe_key) DO NOTHING RETURNING id`;
const updateAlertSql = updateSql("alerts", alertColumns);

/** Rolls a transaction back when the version moved or the answer's key is taken. */
class Refused extends Error {}

/** Runs `work`; false when it threw `Refused` or met a unique key, so nothing was written. */
async function conditionally(sql: SqlRunner, work: (run: SqlRun) => Promise<void>) {
  try {
    await sql.inTransaction(work);
    return true;
  } catch (error) {
    if (error instanceof Refused || isUniqueViolation(error)) return false;
    throw error;
  }
}

async function claimed(run: SqlRun, answer: ScopedAnswer | null): Promise<void> {
  if (answer !== null && (await claimAnswer(run, answer)) !== null) throw new Refused();
}

export class SqlAlerts implements AlertStore {
  constructor(private readonly sql: SqlRunner) {}

  insertAlertRule(row: AlertRuleRow, answer: ScopedAnswer | null = null) {
    checkAlertRule(row);
    return this.sql.inTransaction((run) =>
      writeOnce(run, answer, () => run(insertRuleSql, ruleCells(row))),
    );
  }

  async readAlertRule(organizationId: string, id: string) {
    const sql = "SELECT * FROM alert_rules WHERE organization_id = ? AND id = ?";
    const [row] = await this.sql.all(sql, [organizationId, id]);
    return row === undefined ? null : rowToRule(row);
  }

  async listAlertRules(organizationId: string, page: Page) {
    const sql =
      "SELECT * FROM alert_rules WHERE organization_id = ? AND id > ? ORDER BY id LIMIT ?";
    const rows = await this.sql.all(sql, [organizationId, page.startingAfter ?? "", page.limit]);
    return rows.map(rowToRule);
  }

  async countAlertRules(organizationId: string) {
    const sql = "SELECT count(*) AS n FROM alert_rules WHERE organization_id = ?";
    const [row] = await this.sql.all(sql, [organizationId]);
    return int(row?.n ?? 0);
  }

  updateAlertRule(
    next: AlertRuleRow,
    expectedVersion: number,
    answer: ScopedAnswer | null = null,
    audit: AuditEntry | null = null,
  ) {
    checkAlertRule(next, expectedVersion);
    const cells = updateCells(ruleCells(next), expectedVersion);
    return conditionally(this.sql, async (run) => {
      if ((await run(updateRuleSql, cells)).length === 0) throw new Refused();
      await claimed(run, answer);
      if (audit !== null) await appendAudit(run, [audit]);
    });
  }

  deleteAlertRule(
    organizationId: string,
    id: string,
    expectedVersion: number,
    answer: ScopedAnswer | null = null,
    audit: AuditEntry | null = null,
  ) {
    return conditionally(this.sql, async (run) => {
      const deleted = await run(
        `DELETE FROM alert_rules WHERE organization_id = ? AND id = ? AND version = ?
          RETURNING id`,
        [organizationId, id, expectedVersion],
      );
      if (deleted.length === 0) throw new Refused();
      await claimed(run, answer);
      if (audit !== null) await appendAudit(run, [audit]);
    });
  }

  async alertRuleOrganizations(after: string, limit: number) {
    const rows = await this.sql.all(
      `SELECT DISTINCT organization_id FROM alert_rules WHERE enabled = 1 AND organization_id > ?
        ORDER BY organization_id LIMIT ?`,
      [after, limit],
    );
    return rows.map((row) => text(row.organization_id));
  }

  async raiseAlert(row: AlertRow, event: EventDraft): Promise<boolean> {
    checkAlert(row);
    invariant(
      event.organizationId === row.organizationId,
      "an alert's event is its organization's",
    );
    return this.sql.inTransaction(async (run) => {
      // On PostgreSQL a second node's insert waits on the first's key, then does nothing.
      if ((await run(insertAlertSql, cellsOf(alertColumns, row))).length === 0) return false;
      await writeEvents(run, [event], limits.eventDataBytesMax);
      return true;
    });
  }

  async readAlert(organizationId: string, id: string) {
    const sql = "SELECT * FROM alerts WHERE organization_id = ? AND id = ?";
    const [row] = await this.sql.all(sql, [organizationId, id]);
    return row === undefined ? null : rowToAlert(row);
  }

  async listAlerts(organizationId: string, filter: AlertFilter, page: Page) {
    const conditions: [string, string | undefined][] = [
      ["id < ?", page.startingAfter],
      ["status = ?", filter.status],
      ["pool_id = ?", filter.poolId],
      ["rule_id = ?", filter.ruleId],
    ];
    const where = ["organization_id = ?"];
    const params: Cell[] = [organizationId];
    for (const [condition, value] of conditions) {
      if (value === undefined) continue;
      where.push(condition);
      params.push(value);
    }
    const rows = await this.sql.all(
      `SELECT * FROM alerts WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ?`,
      [...params, page.limit],
    );
    return rows.map(rowToAlert);
  }

  async unresolvedAlerts(organizationId: string, limit: number) {
    const rows = await this.sql.all(
      `SELECT * FROM alerts WHERE organization_id = ? AND status <> 'resolved'
        ORDER BY id LIMIT ?`,
      [organizationId, limit],
    );
    return rows.map(rowToAlert);
  }

  updateAlert(
    next: AlertRow,
    expectedVersion: number,
    event: EventDraft | null,
    answer: ScopedAnswer | null = null,
  ) {
    checkAlert(next, expectedVersion);
    const cells = updateCells(cellsOf(alertColumns, next), expectedVersion);
    return conditionally(this.sql, async (run) => {
      if ((await run(updateAlertSql, cells)).length === 0) throw new Refused();
      await claimed(run, answer);
      if (event !== null) await writeEvents(run, [event], limits.eventDataBytesMax);
    });
  }

  pruneAlerts(organizationId: string, before: number, limit: number): Promise<number> {
    return this.sql.inTransaction(async (run) => {
      const rows = await run(
        `SELECT id FROM alerts WHERE organization_id = ? AND status = 'resolved'
          AND resolved_at < ? ORDER BY resolved_at, id LIMIT ?`,
        [organizationId, before, limit],
      );
      for (const row of rows)
        await run("DELETE FROM alerts WHERE organization_id = ? AND id = ?", [
          organizationId,
          text(row.id),
        ]);
      return rows.length;
    });
  }
}

/** Migration 18: alert rules, and alerts with their unique dedupe key. */
export const alertTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE alert_rules (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  pool_id ${t.text} NOT NULL,
  metric ${t.text} NOT NULL CHECK (metric IN ('limit', 'grants', 'balance', 'forecast')),
  thresholds ${t.text} NOT NULL,
  window_hours ${t.big},
  enabled ${t.big} NOT NULL CHECK (enabled IN (0, 1)),
  created_at ${t.big} NOT NULL,
  updated_at ${t.big} NOT NULL,
  version ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, id)
)${t.clustered};
CREATE INDEX alert_rules_enabled ON alert_rules (organization_id) WHERE enabled = 1;

CREATE TABLE alerts (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  rule_id ${t.text} NOT NULL,
  pool_id ${t.text} NOT NULL,
  metric ${t.text} NOT NULL,
  threshold ${t.big},
  dedupe_key ${t.text} NOT NULL,
  period_start ${t.big} NOT NULL,
  period_end ${t.big} NOT NULL CHECK (period_end > period_start),
  observed ${t.big} NOT NULL,
  observed_at ${t.big} NOT NULL,
  forecast_at ${t.big},
  burn_per_day ${t.big},
  window_hours ${t.big},
  status ${t.text} NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
  acknowledged_by ${t.text},
  acknowledged_at ${t.big},
  resolved_by ${t.text},
  resolved_at ${t.big},
  version ${t.big} NOT NULL,
  PRIMARY KEY (organization_id, id)
)${t.clustered};
CREATE UNIQUE INDEX alerts_dedupe ON alerts (organization_id, dedupe_key);
CREATE INDEX alerts_unresolved ON alerts (organization_id) WHERE status <> 'resolved';
CREATE INDEX alerts_resolved ON alerts (organization_id, resolved_at) WHERE status = 'resolved';
`;
