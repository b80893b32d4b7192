/**
 * The embedded default: one SQLite file in WAL mode with `synchronous=FULL`, so an acknowledged
 * batch survives power loss. One connection writes (behind a lock shared by every store on the
 * same file in this process, in every thread, and `BEGIN IMMEDIATE` across processes); another
 * reads committed data.
 */
import type {
  Grant,
  Hold,
  LedgerSnapshot,
  LedgerState,
  PeriodCounter,
  Pool,
  Transfer,
} from "@creditpool/core";
import Database from "better-sqlite3";
import { appendAudit } from "../audit.ts";
import {
  claimAnswer,
  insertKeySql,
  keyParams,
  type OrganizationOwner,
  type SqlRun,
  type SqlRunner,
} from "../directory.ts";
import {
  decisionColumns,
  decisionToRow,
  rowToTally,
  tallyColumns,
  tallyToRow,
} from "../governance.ts";
import type { SharedMutex } from "../mutex.ts";
import type {
  AnswerCutoffs,
  BatchWrite,
  OrganizationRow,
  Store,
  StoredAnswer,
  StoreTransaction,
  TransferQuery,
} from "../port.ts";
import { transferConditions } from "../port.ts";
import {
  assembleState,
  type Cell,
  grantColumns,
  grantToRow,
  holdColumns,
  holdToRow,
  poolColumns,
  poolToRow,
  type Row,
  rowToGrant,
  rowToHold,
  rowToOrganization,
  rowToPool,
  rowToTransfer,
  text,
  textOrNull,
  transferColumns,
  transferToRow,
} from "../rows.ts";
import { eventKeySql, keptKeySql, sqliteMigrations } from "../schema.ts";
import { SqlStoreBase } from "../sql-store-base.ts";
import { writeLockFor } from "./write-lock.ts";

export { adoptSqliteWriteLock, sqliteWriteLock } from "./write-lock.ts";

function bind(cells: readonly Cell[]): (string | number | bigint | null)[] {
  return cells.map((cell) => (typeof cell === "boolean" ? (cell ? 1 : 0) : cell));
}

function upsertSql(table: string, columns: readonly string[], key: readonly string[]): string {
  const updates = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})
    ON CONFLICT (${key.join(", ")}) DO UPDATE SET ${updates.join(", ")}`;
}

export interface SqliteStoreOptions {
  /** A file path, or ":memory:" for a private in-memory database (tests). */
  readonly file: string;
}

interface Connections {
  readonly writer: Database.Database;
  readonly reader: Database.Database;
  readonly lock: SharedMutex;
}

function openConnections(file: string): Connections {
  const writer = new Database(file);
  writer.pragma("journal_mode = WAL");
  writer.pragma("synchronous = FULL");
  writer.pragma("busy_timeout = 5000");
  writer.defaultSafeIntegers(true);
  migrate(writer);
  const reader = file === ":memory:" ? writer : new Database(file, { readonly: true });
  reader.defaultSafeIntegers(true);
  return { writer, reader, lock: writeLockFor(file) };
}

/** Prepares each statement once per connection. */
function preparer(db: Database.Database): (sql: string) => Database.Statement {
  const prepared = new Map<string, Database.Statement>();
  return (sql) => {
    let found = prepared.get(sql);
    if (found === undefined) {
      found = db.prepare(sql);
      prepared.set(sql, found);
    }
    return found;
  };
}

/** A statement on the writing connection: its rows, or none for a plain write. */
function sqliteRun(statement: (sql: string) => Database.Statement): SqlRun {
  return async (sql, params) => {
    const prepared = statement(sql);
    if (prepared.reader) return prepared.all(...bind(params)) as Row[];
    prepared.run(...bind(params));
    return [];
  };
}

/** Directory changes take the same write lock as batches; reads use the reading connection. */
function sqliteRunner({ writer, reader, lock }: Connections): SqlRunner {
  const read = preparer(reader);
  const run = sqliteRun(preparer(writer));
  return {
    all: async (sql, params) => read(sql).all(...bind(params)) as Row[],
    inTransaction: (work) =>
      lock.run(async () => {
        writer.exec("BEGIN IMMEDIATE");
        try {
          const result = await work(run);
          writer.exec("COMMIT");
          return result;
        } catch (error) {
          if (writer.inTransaction) writer.exec("ROLLBACK");
          throw error;
        }
      }),
  };
}

export class SqliteStore extends SqlStoreBase implements Store {
  readonly file: string;
  private readonly writer: Database.Database;
  private readonly reader: Database.Database;
  private readonly lock: SharedMutex;
  private readonly tx: SqliteTransaction;

  constructor(options: SqliteStoreOptions, connections = openConnections(options.file)) {
    super(sqliteRunner(connections));
    this.file = options.file;
    this.writer = connections.writer;
    this.reader = connections.reader;
    this.lock = connections.lock;
    this.tx = new SqliteTransaction(this.writer);
  }

  get dialect(): "sqlite" {
    return "sqlite";
  }

  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      this.writer.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(this.tx);
        this.writer.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.writer.inTransaction) this.writer.exec("ROLLBACK");
        throw error;
      }
    });
  }

  async pruneAnswers(cutoffs: AnswerCutoffs, limit: number): Promise<number> {
    return this.lock.run(async () => {
      const events = this.writer.prepare(pruneQueries.events).run(cutoffs.eventsBefore, limit);
      const left = limit - Number(events.changes);
      if (left <= 0) return limit;
      const requests = this.writer.prepare(pruneQueries.requests).run(cutoffs.requestsBefore, left);
      return limit - left + Number(requests.changes);
    });
  }

  async readOrganization(id: string): Promise<OrganizationRow | null> {
    const row = this.reader.prepare("SELECT * FROM organizations WHERE id = ?").get(id) as
      | Row
      | undefined;
    return row === undefined ? null : rowToOrganization(row);
  }

  async readState(organizationId: string): Promise<LedgerState | null> {
    return this.readConsistently(() => {
      const organization = this.readOrganizationSync(organizationId);
      return organization === null ? null : loadStateFrom(this.reader, organization);
    });
  }

  async readView(organizationId: string, now: number): Promise<LedgerState | null> {
    return this.readConsistently(() => {
      const organization = this.readOrganizationSync(organizationId);
      return organization === null ? null : loadStateFrom(this.reader, organization, now);
    });
  }

  async readPoolParents(organizationId: string): Promise<Map<string, string | null>> {
    const rows = this.reader
      .prepare("SELECT id, parent_id FROM pools WHERE organization_id = ?")
      .all(organizationId) as Row[];
    return new Map(rows.map((row) => [text(row.id), textOrNull(row.parent_id)]));
  }

  async readSnapshot(organizationId: string): Promise<LedgerSnapshot> {
    return this.readConsistently(() => {
      const organization = this.readOrganizationSync(organizationId);
      if (organization === null) throw new Error(`organization ${organizationId} does not exist`);
      const all = (table: string, order: string) =>
        this.reader
          .prepare(`SELECT * FROM ${table} WHERE organization_id = ? ORDER BY ${order}`)
          .all(organizationId) as Row[];
      return {
        organizationId,
        nextSequence: organization.nextSequence,
        pools: all("pools", "depth, id").map(rowToPool),
        grants: all("grants", "id").map(rowToGrant),
        holds: all("holds", "id").map(rowToHold),
        transfers: all("transfers", "sequence").map(rowToTransfer),
      };
    });
  }

  async listOrganizationIds(): Promise<string[]> {
    const rows = this.reader.prepare("SELECT id FROM organizations ORDER BY id").all() as Row[];
    return rows.map((row) => text(row.id));
  }

  async dueOrganizationIds(now: number, limit: number): Promise<string[]> {
    const rows = this.reader
      .prepare("SELECT id FROM organizations WHERE next_due_at <= ? ORDER BY next_due_at LIMIT ?")
      .all(now, limit) as Row[];
    return rows.map((row) => text(row.id));
  }

  async listTransfers(organizationId: string, query: TransferQuery): Promise<Transfer[]> {
    const filters = ["organization_id = ?", "sequence > ?"];
    const values: (string | number)[] = [organizationId, query.afterSequence];
    for (const [condition, value] of transferConditions(query)) {
      filters.push(`${condition} ?`);
      values.push(value);
    }
    const sql = `SELECT * FROM transfers WHERE ${filters.join(" AND ")} ORDER BY sequence LIMIT ?`;
    return (this.reader.prepare(sql).all(...values, query.limit) as Row[]).map(rowToTransfer);
  }

  async close(): Promise<void> {
    if (this.reader !== this.writer) this.reader.close();
    this.writer.close();
  }

  private readOrganizationSync(id: string): OrganizationRow | null {
    const row = this.reader.prepare("SELECT * FROM organizations WHERE id = ?").get(id) as
      | Row
      | undefined;
    return row === undefined ? null : rowToOrganization(row);
  }

  /** Several statements as one read snapshot (a deferred read transaction). */
  private readConsistently<T>(read: () => T): T {
    if (this.reader === this.writer) return read();
    return this.reader.transaction(read)();
  }
}

/** The organization's state; given `dueBy`, with only the open holds due by then. */
/**
 * What loading an organization's state reads: its live grants and its open holds due by a time.
 * Each names its partial index: without statistics SQLite's planner ties it with the primary key
 * (both match `organization_id = ?`) and picks the key, which reads every grant the organization
 * ever had, settled or not, so a load would cost the organization's history.
 */
export const stateQueries = {
  liveGrants: "SELECT * FROM grants INDEXED BY grants_live WHERE organization_id = ? AND live = 1",
  openHoldsDue:
    "SELECT * FROM holds INDEXED BY holds_due" +
    " WHERE organization_id = ? AND status = 'held' AND expires_at <= ?",
} as const;

/**
 * The oldest answers past their cutoff, at most `limit` of them: usage event ids and outcome keys,
 * then every other key but the kept ones (`keptKeySql`), each through its own partial index, so
 * only answers forgotten are read.
 */
export const pruneQueries = {
  events: pruneOneKind("idempotency_events_created", eventKeySql),
  requests: pruneOneKind(
    "idempotency_requests_created",
    `NOT ${eventKeySql} AND NOT ${keptKeySql}`,
  ),
};

function pruneOneKind(index: string, keys: string): string {
  return `
DELETE FROM idempotency WHERE (organization_id, key) IN (
  SELECT organization_id, key FROM idempotency INDEXED BY ${index}
  WHERE ${keys} AND created_at < ? ORDER BY created_at LIMIT ?
)`;
}

function loadStateFrom(
  db: Database.Database,
  organization: OrganizationRow,
  dueBy = Number.MAX_SAFE_INTEGER,
): LedgerState {
  const pools = db
    .prepare("SELECT * FROM pools WHERE organization_id = ? ORDER BY depth, id")
    .all(organization.id) as Row[];
  const grants = db.prepare(stateQueries.liveGrants).all(organization.id) as Row[];
  const holds = db.prepare(stateQueries.openHoldsDue).all(organization.id, dueBy) as Row[];
  return assembleState(
    organization,
    pools.map(rowToPool),
    grants.map(rowToGrant),
    holds.map(rowToHold),
  );
}

class SqliteTransaction implements StoreTransaction {
  private readonly statements;
  private readonly run: SqlRun;

  constructor(private readonly db: Database.Database) {
    this.run = sqliteRun(preparer(db));
    this.statements = {
      organization: db.prepare("SELECT * FROM organizations WHERE id = ?"),
      answer: db.prepare(
        "SELECT fingerprint, answer FROM idempotency WHERE organization_id = ? AND key = ?",
      ),
      hold: db.prepare("SELECT * FROM holds WHERE organization_id = ? AND id = ?"),
      grant: db.prepare("SELECT * FROM grants WHERE organization_id = ? AND id = ?"),
      insertOrganization: db.prepare(
        `INSERT INTO organizations (id, name, root_pool_id, version, last_now, next_sequence,
          next_due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updateOrganization: db.prepare(
        `UPDATE organizations SET version = ?, last_now = ?, next_sequence = ?, next_due_at = ?
          WHERE id = ?`,
      ),
      upsertPool: db.prepare(upsertSql("pools", poolColumns, ["organization_id", "id"])),
      upsertGrant: db.prepare(upsertSql("grants", grantColumns, ["organization_id", "id"])),
      upsertHold: db.prepare(upsertSql("holds", holdColumns, ["organization_id", "id"])),
      insertTransfer: db.prepare(
        `INSERT INTO transfers (${transferColumns.join(", ")})
          VALUES (${transferColumns.map(() => "?").join(", ")})`,
      ),
      insertAnswer: db.prepare(
        "INSERT INTO idempotency (organization_id, key, fingerprint, answer, created_at) VALUES (?, ?, ?, ?, ?)",
      ),
      tally: db.prepare("SELECT * FROM tallies WHERE organization_id = ? AND key = ?"),
      upsertTally: db.prepare(upsertSql("tallies", tallyColumns, ["organization_id", "key"])),
      insertDecision: db.prepare(
        `INSERT INTO decisions (${decisionColumns.join(", ")})
          VALUES (${decisionColumns.map(() => "?").join(", ")})`,
      ),
    };
  }

  async lockOrganizations(ids: readonly string[]): Promise<Map<string, OrganizationRow>> {
    // BEGIN IMMEDIATE already holds the database's write lock: every organization is locked.
    const found = new Map<string, OrganizationRow>();
    for (const id of [...ids].sort()) {
      const row = this.statements.organization.get(id) as Row | undefined;
      if (row !== undefined) found.set(id, rowToOrganization(row));
    }
    return found;
  }

  async loadState(organization: OrganizationRow): Promise<LedgerState> {
    return loadStateFrom(this.db, organization);
  }

  async loadHolds(organizationId: string, ids: readonly string[]): Promise<Hold[]> {
    const found: Hold[] = [];
    for (const id of ids) {
      const row = this.statements.hold.get(organizationId, id) as Row | undefined;
      if (row !== undefined) found.push(rowToHold(row));
    }
    return found;
  }

  async loadGrants(organizationId: string, ids: readonly string[]): Promise<Grant[]> {
    const found: Grant[] = [];
    for (const id of ids) {
      const row = this.statements.grant.get(organizationId, id) as Row | undefined;
      if (row !== undefined) found.push(rowToGrant(row));
    }
    return found;
  }

  async findAnswers(
    organizationId: string,
    keys: readonly string[],
  ): Promise<Map<string, StoredAnswer>> {
    const found = new Map<string, StoredAnswer>();
    for (const key of keys) {
      const row = this.statements.answer.get(organizationId, key) as Row | undefined;
      if (row !== undefined)
        found.set(key, { fingerprint: text(row.fingerprint), answer: text(row.answer) });
    }
    return found;
  }

  async loadTallies(
    organizationId: string,
    keys: readonly string[],
  ): Promise<Map<string, PeriodCounter>> {
    const found = new Map<string, PeriodCounter>();
    for (const key of keys) {
      const row = this.statements.tally.get(organizationId, key) as Row | undefined;
      if (row !== undefined) found.set(key, rowToTally(row));
    }
    return found;
  }

  async createOrganization(
    organization: OrganizationRow,
    root: Pool,
    owner?: OrganizationOwner,
  ): Promise<StoredAnswer | null> {
    const stored = owner === undefined ? null : await claimAnswer(this.run, owner.answer);
    if (stored !== null) return stored;
    const o = organization;
    this.statements.insertOrganization.run(
      o.id,
      o.name,
      o.rootPoolId,
      o.version,
      o.lastNow,
      o.nextSequence,
      o.nextDueAt,
      o.createdAt,
    );
    this.statements.upsertPool.run(...bind(poolToRow(o.id, root)));
    if (owner !== undefined) await this.run(insertKeySql, keyParams(owner.key));
    return null;
  }

  async write(batch: BatchWrite): Promise<void> {
    const organizationId = batch.organization.id;
    const s = this.statements;
    for (const pool of batch.pools) s.upsertPool.run(...bind(poolToRow(organizationId, pool)));
    for (const grant of batch.grants) s.upsertGrant.run(...bind(grantToRow(organizationId, grant)));
    for (const hold of batch.holds) s.upsertHold.run(...bind(holdToRow(organizationId, hold)));
    for (const transfer of batch.transfers) {
      s.insertTransfer.run(...bind(transferToRow(organizationId, transfer)));
    }
    for (const a of batch.answers)
      s.insertAnswer.run(organizationId, a.key, a.fingerprint, a.answer, a.createdAt);
    for (const [key, counter] of batch.tallies)
      s.upsertTally.run(...bind(tallyToRow(organizationId, key, counter)));
    for (const decision of batch.decisions)
      s.insertDecision.run(...bind(decisionToRow(organizationId, decision)));
    const o = batch.organization;
    s.updateOrganization.run(o.version, o.lastNow, o.nextSequence, o.nextDueAt, o.id);
    if (batch.audit !== undefined && batch.audit.length > 0)
      await appendAudit(this.run, batch.audit);
  }
}

function migrate(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    (db.prepare("SELECT version FROM schema_migrations").all() as Row[]).map((row) =>
      Number(row.version),
    ),
  );
  for (const migration of sqliteMigrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)",
      ).run(migration.version, migration.name);
    }).immediate();
  }
}
