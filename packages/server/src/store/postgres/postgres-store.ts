/**
 * PostgreSQL, for several creditpool nodes sharing one database. A batch locks its organizations'
 * rows `FOR UPDATE` in ascending id order (so two nodes never deadlock) and writes every table in
 * one statement of data-modifying CTEs over `unnest` arrays: one round trip, whatever the batch size.
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
import { invariant } from "@creditpool/core";
import { appendAudit } from "../audit.ts";
import {
  claimAnswer,
  insertKeySql,
  keyParams,
  type OrganizationOwner,
  type SqlRun,
  type SqlRunner,
} from "../directory.ts";
import { rowToTally } from "../governance.ts";
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
  type Row,
  rowToGrant,
  rowToHold,
  rowToOrganization,
  rowToPool,
  rowToTransfer,
  text,
  textOrNull,
} from "../rows.ts";
import { eventKeySql, keptKeySql, postgresMigrations } from "../schema.ts";
import { SqlStoreBase } from "../sql-store-base.ts";
import {
  batchValues,
  param,
  uniqueViolation,
  writeBatch,
  writeBatchIfUnchanged,
} from "./batch-sql.ts";

/** What the store needs of a connection: `pg`'s pooled client and the PGlite adapter both fit. */
export interface PgSession {
  query(
    sql: string | { name: string; text: string; values: unknown[] },
    values?: unknown[],
  ): Promise<{ rows: Row[] }>;
  /** `true` when the session is unusable and must be closed rather than reused. */
  release(destroy?: boolean): void;
}

export interface PgConnector {
  connect(): Promise<PgSession>;
  end(): Promise<void>;
}

/** `?` placeholders become `$1`, `$2`, …; the shared SQL has no `?` inside literals. */
function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

/** The shared SQL on one session. */
function pgRun(session: PgSession): SqlRun {
  return async (sql, params) => (await session.query(numbered(sql), param([...params]))).rows;
}

function pgRunner(connector: PgConnector): SqlRunner {
  return {
    async all(sql, params) {
      const session = await connector.connect();
      try {
        return await pgRun(session)(sql, params);
      } finally {
        session.release();
      }
    },
    async inTransaction(work) {
      const session = await connector.connect();
      let broken = false;
      try {
        await session.query("BEGIN");
        const result = await work(pgRun(session));
        await session.query("COMMIT");
        return result;
      } catch (error) {
        await session.query("ROLLBACK").catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        session.release(broken);
      }
    },
  };
}

export class PostgresStore extends SqlStoreBase implements Store {
  readonly dialect = "postgres" as const;

  private constructor(private readonly connector: PgConnector) {
    super(pgRunner(connector), true);
  }

  static async open(connector: PgConnector): Promise<PostgresStore> {
    const store = new PostgresStore(connector);
    await store.migrate();
    return store;
  }

  async transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    const session = await this.connector.connect();
    let broken = false;
    try {
      await session.query("BEGIN");
      const result = await work(new PostgresTransaction(session));
      await session.query("COMMIT");
      return result;
    } catch (error) {
      await session.query("ROLLBACK").catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      session.release(broken);
    }
  }

  async readOrganization(id: string): Promise<OrganizationRow | null> {
    return this.withSession(async (session) => readOrganization(session, id, ""));
  }

  async readState(organizationId: string): Promise<LedgerState | null> {
    return this.readConsistently(async (session) => {
      const organization = await readOrganization(session, organizationId, "");
      return organization === null ? null : loadState(session, organization);
    });
  }

  async readView(organizationId: string, now: number): Promise<LedgerState | null> {
    return this.readConsistently(async (session) => {
      const organization = await readOrganization(session, organizationId, "");
      return organization === null ? null : loadState(session, organization, now);
    });
  }

  async readPoolParents(organizationId: string): Promise<Map<string, string | null>> {
    return this.withSession(async (session) => {
      const { rows } = await session.query(
        "SELECT id, parent_id FROM pools WHERE organization_id = $1",
        [organizationId],
      );
      return new Map(rows.map((row) => [text(row.id), textOrNull(row.parent_id)]));
    });
  }

  async readSnapshot(organizationId: string): Promise<LedgerSnapshot> {
    return this.readConsistently(async (session) => {
      const organization = await readOrganization(session, organizationId, "");
      if (organization === null) throw new Error(`organization ${organizationId} does not exist`);
      const all = async (table: string, order: string) =>
        (
          await session.query(
            `SELECT * FROM ${table} WHERE organization_id = $1 ORDER BY ${order}`,
            [organizationId],
          )
        ).rows;
      return {
        organizationId,
        nextSequence: organization.nextSequence,
        pools: (await all("pools", "depth, id")).map(rowToPool),
        grants: (await all("grants", "id")).map(rowToGrant),
        holds: (await all("holds", "id")).map(rowToHold),
        transfers: (await all("transfers", "sequence")).map(rowToTransfer),
      };
    });
  }

  async listOrganizationIds(): Promise<string[]> {
    return this.withSession(async (session) => {
      const { rows } = await session.query("SELECT id FROM organizations ORDER BY id");
      return rows.map((row) => text(row.id));
    });
  }

  async pruneAnswers(cutoffs: AnswerCutoffs, limit: number): Promise<number> {
    return this.withSession(async (session) => {
      // Usage event ids and outcome keys first, then every other key, each over its own index.
      const prune = async (keys: string, before: number, most: number) => {
        const { rows } = await session.query(
          // By row address: a join on the key would let the planner scan the whole table.
          `DELETE FROM idempotency WHERE ctid = ANY(ARRAY(
             SELECT ctid FROM idempotency
             WHERE ${keys} AND created_at < $1 ORDER BY created_at LIMIT $2
           )) RETURNING 1`,
          [before, most],
        );
        return rows.length;
      };
      const events = await prune(eventKeySql, cutoffs.eventsBefore, limit);
      if (events >= limit) return events;
      const requests = `NOT ${eventKeySql} AND NOT ${keptKeySql}`;
      return events + (await prune(requests, cutoffs.requestsBefore, limit - events));
    });
  }

  async dueOrganizationIds(now: number, limit: number): Promise<string[]> {
    return this.withSession(async (session) => {
      const { rows } = await session.query(
        "SELECT id FROM organizations WHERE next_due_at <= $1 ORDER BY next_due_at LIMIT $2",
        [now, limit],
      );
      return rows.map((row) => text(row.id));
    });
  }

  async listTransfers(organizationId: string, query: TransferQuery): Promise<Transfer[]> {
    const filters = ["organization_id = $1", "sequence > $2"];
    const values: unknown[] = [organizationId, query.afterSequence];
    for (const [condition, value] of transferConditions(query)) {
      values.push(value);
      filters.push(`${condition} $${values.length}`);
    }
    values.push(query.limit);
    const sql = `SELECT * FROM transfers WHERE ${filters.join(" AND ")} ORDER BY sequence LIMIT $${values.length}`;
    return this.withSession(async (session) =>
      (await session.query(sql, values)).rows.map(rowToTransfer),
    );
  }

  /**
   * One round trip, one atomic statement in autocommit mode: the batch is written only if the
   * organization is still at `expectedVersion` and none of its idempotency keys exists yet.
   * Otherwise nothing is written and the answer is false.
   */
  async writeIfUnchanged(batch: BatchWrite, expectedVersion: number): Promise<boolean> {
    invariant(batch.audit === undefined || batch.audit.length === 0, "audit takes the lock");
    return this.withSession(async (session) => {
      try {
        const values = [...batchValues(batch), expectedVersion];
        const { rows } = await session.query({ ...writeBatchIfUnchanged, values });
        return Number(rows[0]?.written ?? 0) === 1;
      } catch (error) {
        if ((error as { code?: unknown }).code === uniqueViolation) return false;
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.connector.end();
  }

  private async withSession<T>(work: (session: PgSession) => Promise<T>): Promise<T> {
    const session = await this.connector.connect();
    try {
      return await work(session);
    } finally {
      session.release();
    }
  }

  /** Several statements over one snapshot: a read-only repeatable-read transaction. */
  private async readConsistently<T>(work: (session: PgSession) => Promise<T>): Promise<T> {
    return this.withSession(async (session) => {
      await session.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        return await work(session);
      } finally {
        await session.query("ROLLBACK");
      }
    });
  }

  private async migrate(): Promise<void> {
    const session = await this.connector.connect();
    try {
      await session.query("BEGIN");
      await session.query("SELECT pg_advisory_xact_lock(7355608)");
      await session.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      const { rows } = await session.query("SELECT version FROM schema_migrations");
      const applied = new Set(rows.map((row) => Number(row.version)));
      for (const migration of postgresMigrations) {
        if (applied.has(migration.version)) continue;
        await session.query(migration.sql);
        await session.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
          migration.version,
          migration.name,
        ]);
      }
      await session.query("COMMIT");
    } catch (error) {
      await session.query("ROLLBACK");
      throw error;
    } finally {
      session.release();
    }
  }
}

async function readOrganization(
  session: PgSession,
  id: string,
  lock: string,
): Promise<OrganizationRow | null> {
  const { rows } = await session.query(`SELECT * FROM organizations WHERE id = $1${lock}`, [id]);
  const row = rows[0];
  return row === undefined ? null : rowToOrganization(row);
}

/** The organization's state; given `dueBy`, with only the open holds due by then. */
async function loadState(
  session: PgSession,
  organization: OrganizationRow,
  dueBy = Number.MAX_SAFE_INTEGER,
): Promise<LedgerState> {
  const id = organization.id;
  const pools = await session.query(
    "SELECT * FROM pools WHERE organization_id = $1 ORDER BY depth, id",
    [id],
  );
  const grants = await session.query("SELECT * FROM grants WHERE organization_id = $1 AND live", [
    id,
  ]);
  const holds = await session.query(
    "SELECT * FROM holds WHERE organization_id = $1 AND status = 'held' AND expires_at <= $2",
    [id, dueBy],
  );
  return assembleState(
    organization,
    pools.rows.map(rowToPool),
    grants.rows.map(rowToGrant),
    holds.rows.map(rowToHold),
  );
}

class PostgresTransaction implements StoreTransaction {
  constructor(private readonly session: PgSession) {}

  async lockOrganizations(ids: readonly string[]): Promise<Map<string, OrganizationRow>> {
    const { rows } = await this.session.query({
      name: "creditpool_lock_organizations",
      text: "SELECT * FROM organizations WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE",
      values: [[...ids]],
    });
    return new Map(rows.map((row) => [text(row.id), rowToOrganization(row)]));
  }

  async loadState(organization: OrganizationRow): Promise<LedgerState> {
    return loadState(this.session, organization);
  }

  async loadHolds(organizationId: string, ids: readonly string[]): Promise<Hold[]> {
    const { rows } = await this.session.query(
      "SELECT * FROM holds WHERE organization_id = $1 AND id = ANY($2::text[])",
      [organizationId, [...ids]],
    );
    return rows.map(rowToHold);
  }

  async loadGrants(organizationId: string, ids: readonly string[]): Promise<Grant[]> {
    const { rows } = await this.session.query(
      "SELECT * FROM grants WHERE organization_id = $1 AND id = ANY($2::text[])",
      [organizationId, [...ids]],
    );
    return rows.map(rowToGrant);
  }

  async findAnswers(
    organizationId: string,
    keys: readonly string[],
  ): Promise<Map<string, StoredAnswer>> {
    if (keys.length === 0) return new Map();
    const { rows } = await this.session.query({
      name: "creditpool_find_answers",
      text: "SELECT key, fingerprint, answer FROM idempotency WHERE organization_id = $1 AND key = ANY($2::text[])",
      values: [organizationId, [...keys]],
    });
    return new Map(
      rows.map((row) => [
        text(row.key),
        { fingerprint: text(row.fingerprint), answer: text(row.answer) },
      ]),
    );
  }

  async loadTallies(
    organizationId: string,
    keys: readonly string[],
  ): Promise<Map<string, PeriodCounter>> {
    if (keys.length === 0) return new Map();
    const { rows } = await this.session.query(
      "SELECT * FROM tallies WHERE organization_id = $1 AND key = ANY($2::text[])",
      [organizationId, [...keys]],
    );
    return new Map(rows.map((row) => [text(row.key), rowToTally(row)]));
  }

  async createOrganization(
    organization: OrganizationRow,
    root: Pool,
    owner?: OrganizationOwner,
  ): Promise<StoredAnswer | null> {
    const run = pgRun(this.session);
    const stored = owner === undefined ? null : await claimAnswer(run, owner.answer);
    if (stored !== null) return stored;
    const o = organization;
    await this.session.query(
      `INSERT INTO organizations (id, name, root_pool_id, version, last_now, next_sequence, next_due_at, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [o.id, o.name, o.rootPoolId, o.version, o.lastNow, o.nextSequence, o.nextDueAt, o.createdAt],
    );
    await this.write({
      organization: o,
      pools: [root],
      grants: [],
      holds: [],
      transfers: [],
      answers: [],
      tallies: [],
      decisions: [],
    });
    if (owner !== undefined) await run(insertKeySql, keyParams(owner.key));
    return null;
  }

  async write(batch: BatchWrite): Promise<void> {
    await this.session.query({ ...writeBatch, values: batchValues(batch) });
    if (batch.audit !== undefined && batch.audit.length > 0)
      await appendAudit(pgRun(this.session), batch.audit);
  }
}
