/** The raw baseline of the usage benchmark: the same rows, inserted without pricing or engine. */

import { formatDecimal } from "@creditpool/core";
import Database from "better-sqlite3";
import pg from "pg";
import { percentiles } from "./latency.ts";
import { eventAt, timedLoop, type UsageOptions, type UsageRow } from "./usage-events.ts";

/** The cells of one event's rows, the engine's columns, without pricing or the engine. */
export interface RawRows {
  readonly transfer: (string | number | null)[];
  readonly answer: (string | number)[];
}

/** What the raw baseline writes for event `n`: one transfers row and one idempotency row. */
export class RawRowSource {
  private sequence = 0;
  private readonly grantAccount: string;
  private readonly consumedAccount: string;

  constructor(
    private readonly organizationId: string,
    private readonly poolId: string,
    private readonly grantId: string,
    private readonly rateCardId: string,
  ) {
    this.grantAccount = `grant:${grantId}`;
    this.consumedAccount = `consumed:${poolId}`;
  }

  rows(prefix: string, n: number, at: number): RawRows {
    const event = eventAt(prefix, n);
    const amount = event.quantities.input_tokens + event.quantities.output_tokens;
    this.sequence += 1;
    const answer = `{"code":"ok","body":{"object":"usage","pool":"${this.poolId}","amount":"${formatDecimal(BigInt(amount))}"}}`;
    return {
      transfer: [
        this.organizationId,
        this.sequence,
        `tr_${prefix}_${n}`,
        "usage",
        this.grantAccount,
        this.consumedAccount,
        amount,
        this.poolId,
        this.grantId,
        null,
        this.rateCardId,
        at,
      ],
      answer: [
        this.organizationId,
        `event:${event.id}`,
        `fp${event.id.padEnd(41, "x")}`,
        answer,
        at,
      ],
    };
  }
}

const transferColumnList =
  "organization_id, sequence, id, kind, debit_account, credit_account, amount, pool_id, " +
  "grant_id, hold_id, rate_card_version, at";
const answerColumnList = "organization_id, key, fingerprint, answer, created_at";

/**
 * Raw inserts on SQLite: `raw_transfers` and `raw_idempotency`, made from the engine's own DDL
 * (same columns, keys and indexes), one `BEGIN IMMEDIATE` transaction per batch, WAL,
 * synchronous=FULL.
 */
export class RawSqlite {
  private readonly db: Database.Database;
  private readonly write: (rows: readonly RawRows[]) => void;

  constructor(file: string) {
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("busy_timeout = 5000");
    const ddl = db
      .prepare(
        `SELECT sql FROM sqlite_master WHERE tbl_name IN ('transfers', 'idempotency')
          AND sql IS NOT NULL ORDER BY type DESC`,
      )
      .all() as { sql: string }[];
    for (const { sql } of ddl) {
      db.exec(sql.replace(/\b(transfers|idempotency)(\w*)/g, "raw_$1$2"));
    }
    const insertTransfer = db.prepare(
      `INSERT INTO raw_transfers (${transferColumnList}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertAnswer = db.prepare(
      `INSERT INTO raw_idempotency (${answerColumnList}) VALUES (?, ?, ?, ?, ?)`,
    );
    const batch = db.transaction((rows: readonly RawRows[]) => {
      for (const row of rows) {
        insertTransfer.run(row.transfer);
        insertAnswer.run(row.answer);
      }
    });
    this.db = db;
    this.write = (rows) => batch.immediate(rows);
  }

  async writeBatch(rows: readonly RawRows[]): Promise<void> {
    this.write(rows);
  }

  settings(): Record<string, string> {
    const version = this.db.prepare("SELECT sqlite_version() AS v").get() as { v: string };
    return {
      "sqlite version": version.v,
      journal_mode: String(this.db.pragma("journal_mode", { simple: true })),
      synchronous:
        ["OFF", "NORMAL", "FULL", "EXTRA"][
          Number(this.db.pragma("synchronous", { simple: true }))
        ] ?? "unknown",
    };
  }

  count(): number {
    const row = this.db.prepare("SELECT count(*) AS n FROM raw_transfers").get() as { n: number };
    return row.n;
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Raw inserts on PostgreSQL: tables `LIKE` the engine's (columns, keys and indexes), one
 * statement per batch (two data-modifying inserts over `unnest` arrays, one implicit
 * transaction), prepared, on one connection, `synchronous_commit=on`.
 */
export class RawPostgres {
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<RawPostgres> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`CREATE TABLE IF NOT EXISTS raw_transfers (LIKE transfers INCLUDING ALL);
      CREATE TABLE IF NOT EXISTS raw_idempotency (LIKE idempotency INCLUDING ALL)`);
    return new RawPostgres(client);
  }

  async writeBatch(rows: readonly RawRows[]): Promise<void> {
    const transferTypes = [
      "text",
      "bigint",
      "text",
      "text",
      "text",
      "text",
      "bigint",
      "text",
      "text",
      "text",
      "text",
      "bigint",
    ];
    const answerTypes = ["text", "text", "text", "text", "bigint"];
    const transferArrays = transferTypes.map((_, i) => rows.map((r) => r.transfer[i] ?? null));
    const answerArrays = answerTypes.map((_, i) => rows.map((r) => r.answer[i] ?? null));
    const unnest = (types: string[], offset: number) =>
      types.map((type, i) => `$${offset + i + 1}::${type}[]`).join(", ");
    await this.client.query({
      name: "raw_usage_batch",
      text: `WITH t AS (INSERT INTO raw_transfers (${transferColumnList})
          SELECT * FROM unnest(${unnest(transferTypes, 0)}))
        INSERT INTO raw_idempotency (${answerColumnList})
          SELECT * FROM unnest(${unnest(answerTypes, transferTypes.length)})`,
      values: [...transferArrays, ...answerArrays],
    });
  }

  async count(): Promise<number> {
    const { rows } = await this.client.query<{ n: string }>(
      "SELECT count(*) AS n FROM raw_transfers",
    );
    return Number(rows[0]?.n ?? 0);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

export interface RawTarget {
  writeBatch(rows: readonly RawRows[]): Promise<void>;
}

export async function rawRun(
  target: RawTarget,
  source: RawRowSource,
  prefix: string,
  batchSize: number,
  options: UsageOptions,
): Promise<Omit<UsageRow, "database" | "check" | "ok">> {
  const load = await timedLoop(
    batchSize,
    async (first) => {
      const at = Date.now();
      const rows: RawRows[] = [];
      for (let i = 0; i < batchSize; i += 1) rows.push(source.rows(prefix, first + i, at));
      await target.writeBatch(rows);
    },
    options.warmupMs,
    options.measureMs,
  );
  return {
    system: "raw",
    batchSize,
    batches: load.batches,
    events: load.events,
    eventsPerSecond: load.eventsPerSecond,
    ...percentiles(load.latencies),
    cpuCores: load.cpuCores,
    detail: null,
  };
}
