/**
 * Upstream accounts: the provider credentials the gateway calls through, and the usage of their
 * quota windows.
 *
 * An account's row has two parts. What an administrator sets (provider, name, base URL, the
 * sealed credential, windows, enabled) changes only by compare-and-set on `version`, with its
 * audit record in the same transaction. What the gateway sets as it works (`cooling_until`,
 * `last_used_at`) changes by single conditional statements that never touch `version`, so a
 * busy account never makes an administrator's change retry.
 *
 * A window's usage row (per account and window duration) holds when the current window started
 * and its requests and tokens. Recording a use is one transaction that first updates the account
 * row (on PostgreSQL this locks it, so a concurrent delete waits) and then upserts each window's
 * row in one statement that either adds to the current window or, when its duration has passed,
 * starts a new one at the use: two nodes recording at once sum exactly.
 *
 * The credential is kept sealed (`services/secret-box.ts`): this file never sees it in the clear.
 */
import { invariant, limits } from "@creditpool/core";
import { type AuditEntry, appendAudit } from "./audit.ts";
import { type Columns, cellsOf, insertSql, rowOf, updateCells, updateSql } from "./columns.ts";
import type { Page, ScopedAnswer, SqlRunner } from "./directory.ts";
import { writeOnce } from "./directory.ts";
import type { StoredAnswer } from "./records.ts";
import { bool, type Cell, int, intOrNull, type Row, text } from "./rows.ts";

export type UpstreamProvider = "openai" | "anthropic";
export const upstreamProviders: readonly UpstreamProvider[] = ["openai", "anthropic"];

/** A quota window: rolling from its first use, reset once `durationSeconds` have passed. */
export interface UpstreamWindow {
  readonly durationSeconds: number;
  readonly maxRequests: number | null;
  readonly maxTokens: number | null;
}

export interface UpstreamAccountRow {
  readonly organizationId: string;
  readonly id: string;
  readonly provider: UpstreamProvider;
  readonly name: string;
  readonly baseUrl: string;
  /** The credential, sealed with the row's organization and id as its context. */
  readonly credentialSealed: string;
  readonly credentialLast4: string;
  /** At most `limits.upstreamWindowsPerAccountMax`, each duration once. */
  readonly windows: readonly UpstreamWindow[];
  readonly enabled: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly version: number;
  /** Set by the gateway (a provider's 429): no choice of the account before this. */
  readonly coolingUntil: number | null;
  /** Set by each recorded use. */
  readonly lastUsedAt: number | null;
}

/** The usage of one window of an account: the current window's start and what it used. */
export interface UpstreamUsageRow {
  readonly organizationId: string;
  readonly accountId: string;
  readonly durationSeconds: number;
  readonly startedAt: number;
  readonly requests: number;
  readonly tokens: number;
}

export interface UpstreamUse {
  readonly requests: number;
  readonly tokens: number;
}

/**
 * The upstream accounts' part of the store port. A create given an answer is idempotent as in
 * the directory: it writes nothing when the answer's key is taken, and answers the stored one.
 */
export interface UpstreamStore {
  insertUpstreamAccount(
    row: UpstreamAccountRow,
    answer?: ScopedAnswer | null,
  ): Promise<StoredAnswer | null>;
  readUpstreamAccount(organizationId: string, id: string): Promise<UpstreamAccountRow | null>;
  /** By id, after `startingAfter`, at most `limit`. */
  listUpstreamAccounts(organizationId: string, page: Page): Promise<UpstreamAccountRow[]>;
  countUpstreamAccounts(organizationId: string): Promise<number>;
  /**
   * Writes what an administrator sets of `next` only at `expectedVersion`, with `audit`, and
   * forgets the usage of windows `next` no longer has; answers whether it wrote.
   */
  updateUpstreamAccount(
    next: UpstreamAccountRow,
    expectedVersion: number,
    audit: AuditEntry | null,
  ): Promise<boolean>;
  /** Deletes the account and its usage; the row deleted, or null. `audit` is made from it. */
  deleteUpstreamAccount(
    organizationId: string,
    id: string,
    audit: ((deleted: UpstreamAccountRow) => AuditEntry) | null,
  ): Promise<UpstreamAccountRow | null>;
  /** The usage rows of the organization's accounts (at most accounts × windows). */
  listUpstreamUsage(organizationId: string): Promise<UpstreamUsageRow[]>;
  /**
   * Adds a use to every window of the account at `now` (starting a window anew where its
   * duration has passed) and sets its last use; the windows' rows after, or null when there is
   * no such account.
   */
  recordUpstreamUse(
    organizationId: string,
    id: string,
    use: UpstreamUse,
    now: number,
  ): Promise<UpstreamUsageRow[] | null>;
  /** Cools the account down until `until`, unless it already is until later; false if absent. */
  coolUpstreamAccount(organizationId: string, id: string, until: number): Promise<boolean>;
}

/** What every store checks of an account before it writes it: programmer errors, not input. */
export function checkUpstreamAccount(row: UpstreamAccountRow, expectedVersion?: number): void {
  const durations = row.windows.map((window) => window.durationSeconds);
  invariant(durations.length <= limits.upstreamWindowsPerAccountMax, "an account's windows bound");
  invariant(new Set(durations).size === durations.length, "an account's windows differ");
  invariant(row.credentialLast4.length <= 4, "only the last four of a credential are shown");
  if (expectedVersion !== undefined)
    invariant(row.version === expectedVersion + 1, "an upstream account's next version follows");
}

export function checkUpstreamUse(use: UpstreamUse): void {
  invariant(Number.isSafeInteger(use.requests) && use.requests >= 0, "requests are a count");
  invariant(Number.isSafeInteger(use.tokens) && use.tokens >= 0, "tokens are a count");
}

/** Whether a window's row is still the current window at `now`. */
export function windowCurrent(usage: UpstreamUsageRow, now: number): boolean {
  return usage.startedAt + usage.durationSeconds * 1000 > now;
}

type WindowJson = { d: number; r: number | null; t: number | null };

export function encodeWindows(windows: readonly UpstreamWindow[]): string {
  return JSON.stringify(
    windows.map((w): WindowJson => ({ d: w.durationSeconds, r: w.maxRequests, t: w.maxTokens })),
  );
}

export function decodeWindows(encoded: string): UpstreamWindow[] {
  return (JSON.parse(encoded) as WindowJson[]).map((w) => ({
    durationSeconds: w.d,
    maxRequests: w.r,
    maxTokens: w.t,
  }));
}

type AdminRow = Omit<UpstreamAccountRow, "coolingUntil" | "lastUsedAt">;
type StoredRow = Omit<UpstreamAccountRow, "windows"> & { readonly windows: string };

const adminColumns: Columns<Omit<AdminRow, "windows"> & { readonly windows: string }> = {
  organizationId: ["organization_id", text],
  id: ["id", text],
  provider: ["provider", (cell) => text(cell) as UpstreamProvider],
  name: ["name", text],
  baseUrl: ["base_url", text],
  credentialSealed: ["credential_sealed", text],
  credentialLast4: ["credential_last4", text],
  windows: ["windows", text],
  enabled: ["enabled", bool],
  createdAt: ["created_at", int],
  updatedAt: ["updated_at", int],
  version: ["version", int],
};

const accountColumns: Columns<StoredRow> = {
  ...adminColumns,
  coolingUntil: ["cooling_until", intOrNull],
  lastUsedAt: ["last_used_at", intOrNull],
};

const usageColumns: Columns<UpstreamUsageRow> = {
  organizationId: ["organization_id", text],
  accountId: ["account_id", text],
  durationSeconds: ["duration_seconds", int],
  startedAt: ["started_at", int],
  requests: ["requests", int],
  tokens: ["tokens", int],
};

function storedOf(row: UpstreamAccountRow): StoredRow {
  return { ...row, windows: encodeWindows(row.windows) };
}

function rowToAccount(row: Row): UpstreamAccountRow {
  const stored = rowOf(accountColumns, row);
  return { ...stored, windows: decodeWindows(stored.windows) };
}

const rowToUsage = (row: Row) => rowOf(usageColumns, row);
const insertAccountSql = insertSql("upstream_accounts", accountColumns);
const updateAccountSql = updateSql("upstream_accounts", adminColumns);

/** Last use: set to `now` unless a later use (on a node whose clock runs ahead) set it already. */
const touchSql = `UPDATE upstream_accounts SET last_used_at = CASE
    WHEN last_used_at IS NULL OR last_used_at < ? THEN ? ELSE last_used_at END
  WHERE organization_id = ? AND id = ? RETURNING windows`;

/** Adds to the current window, or starts a new one at this use once the last one has passed. */
const addUseSql = `INSERT INTO upstream_usage
    (organization_id, account_id, duration_seconds, started_at, requests, tokens)
  VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (organization_id, account_id, duration_seconds) DO UPDATE SET
    requests = CASE WHEN upstream_usage.started_at + upstream_usage.duration_seconds * 1000
        <= excluded.started_at THEN excluded.requests
      ELSE upstream_usage.requests + excluded.requests END,
    tokens = CASE WHEN upstream_usage.started_at + upstream_usage.duration_seconds * 1000
        <= excluded.started_at THEN excluded.tokens
      ELSE upstream_usage.tokens + excluded.tokens END,
    started_at = CASE WHEN upstream_usage.started_at + upstream_usage.duration_seconds * 1000
        <= excluded.started_at THEN excluded.started_at ELSE upstream_usage.started_at END
  RETURNING *`;

const coolSql = `UPDATE upstream_accounts SET cooling_until = CASE
    WHEN cooling_until IS NULL OR cooling_until < ? THEN ? ELSE cooling_until END
  WHERE organization_id = ? AND id = ? RETURNING id`;

/** Rolls an update back when the version moved. */
class Refused extends Error {}

export class SqlUpstreams implements UpstreamStore {
  constructor(private readonly sql: SqlRunner) {}

  insertUpstreamAccount(row: UpstreamAccountRow, answer: ScopedAnswer | null = null) {
    checkUpstreamAccount(row);
    const cells = cellsOf(accountColumns, storedOf(row));
    return this.sql.inTransaction((run) =>
      writeOnce(run, answer, () => run(insertAccountSql, cells)),
    );
  }

  async readUpstreamAccount(organizationId: string, id: string) {
    const sql = "SELECT * FROM upstream_accounts WHERE organization_id = ? AND id = ?";
    const [row] = await this.sql.all(sql, [organizationId, id]);
    return row === undefined ? null : rowToAccount(row);
  }

  async listUpstreamAccounts(organizationId: string, page: Page) {
    const sql = `SELECT * FROM upstream_accounts WHERE organization_id = ? AND id > ?
      ORDER BY id LIMIT ?`;
    const rows = await this.sql.all(sql, [organizationId, page.startingAfter ?? "", page.limit]);
    return rows.map(rowToAccount);
  }

  async countUpstreamAccounts(organizationId: string) {
    const sql = "SELECT count(*) AS n FROM upstream_accounts WHERE organization_id = ?";
    const [row] = await this.sql.all(sql, [organizationId]);
    return int(row?.n ?? 0);
  }

  async updateUpstreamAccount(
    next: UpstreamAccountRow,
    expectedVersion: number,
    audit: AuditEntry | null,
  ): Promise<boolean> {
    checkUpstreamAccount(next, expectedVersion);
    const cells = updateCells(cellsOf(adminColumns, storedOf(next)), expectedVersion);
    const durations = next.windows.map((window) => window.durationSeconds);
    const kept =
      durations.length === 0
        ? ""
        : ` AND duration_seconds NOT IN (${durations.map(() => "?").join(", ")})`;
    try {
      await this.sql.inTransaction(async (run) => {
        if ((await run(updateAccountSql, cells)).length === 0) throw new Refused();
        await run(
          `DELETE FROM upstream_usage WHERE organization_id = ? AND account_id = ?${kept}`,
          [next.organizationId, next.id, ...durations],
        );
        if (audit !== null) await appendAudit(run, [audit]);
      });
      return true;
    } catch (error) {
      if (error instanceof Refused) return false;
      throw error;
    }
  }

  deleteUpstreamAccount(
    organizationId: string,
    id: string,
    audit: ((deleted: UpstreamAccountRow) => AuditEntry) | null,
  ): Promise<UpstreamAccountRow | null> {
    return this.sql.inTransaction(async (run) => {
      const key = [organizationId, id];
      const [deleted] = await run(
        "DELETE FROM upstream_accounts WHERE organization_id = ? AND id = ? RETURNING *",
        key,
      );
      if (deleted === undefined) return null;
      await run("DELETE FROM upstream_usage WHERE organization_id = ? AND account_id = ?", key);
      const row = rowToAccount(deleted);
      if (audit !== null) await appendAudit(run, [audit(row)]);
      return row;
    });
  }

  async listUpstreamUsage(organizationId: string) {
    const sql = `SELECT * FROM upstream_usage WHERE organization_id = ?
      ORDER BY account_id, duration_seconds`;
    return (await this.sql.all(sql, [organizationId])).map(rowToUsage);
  }

  recordUpstreamUse(organizationId: string, id: string, use: UpstreamUse, now: number) {
    checkUpstreamUse(use);
    return this.sql.inTransaction(async (run) => {
      const [account] = await run(touchSql, [now, now, organizationId, id]);
      if (account === undefined) return null;
      const rows: UpstreamUsageRow[] = [];
      for (const window of decodeWindows(text(account.windows))) {
        const cells: Cell[] = [organizationId, id, window.durationSeconds, now];
        const [row] = await run(addUseSql, [...cells, use.requests, use.tokens]);
        invariant(row !== undefined, "an upsert answers its row");
        rows.push(rowToUsage(row));
      }
      return rows;
    });
  }

  async coolUpstreamAccount(organizationId: string, id: string, until: number) {
    const params = [until, until, organizationId, id];
    return (await this.sql.inTransaction((run) => run(coolSql, params))).length > 0;
  }
}

/** Migration 22: upstream accounts, and the usage of their quota windows. */
export const upstreamTables = (t: { big: string; text: string; clustered: string }) => `
CREATE TABLE upstream_accounts (
  organization_id ${t.text} NOT NULL,
  id ${t.text} NOT NULL,
  provider ${t.text} NOT NULL CHECK (provider IN ('openai', 'anthropic')),
  name ${t.text} NOT NULL,
  base_url ${t.text} NOT NULL,
  credential_sealed ${t.text} NOT NULL,
  credential_last4 ${t.text} NOT NULL,
  windows ${t.text} NOT NULL,
  enabled ${t.big} NOT NULL CHECK (enabled IN (0, 1)),
  created_at ${t.big} NOT NULL,
  updated_at ${t.big} NOT NULL,
  version ${t.big} NOT NULL,
  cooling_until ${t.big},
  last_used_at ${t.big},
  PRIMARY KEY (organization_id, id)
)${t.clustered};

CREATE TABLE upstream_usage (
  organization_id ${t.text} NOT NULL,
  account_id ${t.text} NOT NULL,
  duration_seconds ${t.big} NOT NULL CHECK (duration_seconds > 0),
  started_at ${t.big} NOT NULL,
  requests ${t.big} NOT NULL CHECK (requests >= 0),
  tokens ${t.big} NOT NULL CHECK (tokens >= 0),
  PRIMARY KEY (organization_id, account_id, duration_seconds)
)${t.clustered};
`;
