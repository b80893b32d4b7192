/**
 * `npm run bench:usage`: usage events priced with a rate card and posted through the engine (no
 * HTTP), durable, on SQLite and PostgreSQL, against the raw insert rate of the same rows on the
 * same database. Each batch of events is priced as `POST /v1/usage` prices it (`RateCards.price`:
 * `rateCardAt` then `priceUsage`) and submitted concurrently as `record_usage` with the idempotency
 * key `event:<id>`; the batch is awaited, then the next one starts. Prints progress, then the
 * results as Markdown; exits 1 when a ledger check or the verifier fails.
 *
 *   npm run bench:usage -- --seconds 4 --warmup 1 --batch-sizes 100,1000 --only sqlite|postgres
 *                          --database-url postgres://postgres@127.0.0.1:5432/postgres
 */
import crypto from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  formatDecimal,
  poolBalances,
  type RateCard,
  rational,
  type UsageDescription,
} from "@creditpool/core";
import Database from "better-sqlite3";
import pg from "pg";
import type { Json } from "../packages/server/src/engine/answers.ts";
import { type BatchStats, Engine } from "../packages/server/src/engine/engine.ts";
import { ulidIdSource } from "../packages/server/src/engine/ids.ts";
import { fingerprintOf } from "../packages/server/src/engine/requests.ts";
import { RateCards } from "../packages/server/src/http/rate-cards.ts";
import { openStore } from "../packages/server/src/store/open-store.ts";
import type { Store } from "../packages/server/src/store/port.ts";
import { verifyDatabase } from "../packages/server/src/verify/verify-database.ts";
import { percentiles } from "./latency.ts";
import { describeMachine } from "./machine.ts";
import {
  analyzeDatabase,
  createBenchDatabase,
  defaultServerUrl,
  redact,
} from "./postgres-database.ts";
import { emptyPhases, type PhaseTotals, phaseNames, TimedStore } from "./timed-store.ts";

export type UsageDatabase = "sqlite" | "postgres";

export interface UsageOptions {
  readonly batchSizes: readonly number[];
  readonly warmupMs: number;
  readonly measureMs: number;
  readonly databases: readonly UsageDatabase[];
  /** The PostgreSQL server on which a throwaway database is made. */
  readonly serverUrl: string;
  /** The engine's PostgreSQL connections. */
  readonly poolSize: number;
  readonly log: (line: string) => void;
}

export interface UsageRow {
  readonly database: UsageDatabase;
  readonly system: "engine" | "raw";
  readonly batchSize: number;
  /** Batches counted in the window (started after the warm-up, ended inside the window). */
  readonly batches: number;
  readonly events: number;
  readonly eventsPerSecond: number;
  /** Milliseconds per batch of events, from its first event to its last answer. */
  readonly p50: number;
  readonly p99: number;
  readonly cpuCores: number;
  /** Engine only: where a batch of events spends its time. */
  readonly detail: EngineDetail | null;
  readonly check: string;
  readonly ok: boolean;
}

export interface EngineDetail {
  /** Pricing and fingerprints: batch start to the last event submitted, ms per event batch. */
  readonly prepareMs: number;
  /** Engine batches (commits) per batch of events. */
  readonly engineBatches: number;
  /** Milliseconds per batch of events in each phase of the engine's transactions. */
  readonly phases: PhaseTotals;
}

/** Big enough that no run comes near it, small enough for a 64-bit column. */
const grantMicros = 10n ** 15n;
const models = ["large", "medium", "small"] as const;

/** Idempotency keys for setup commands, time-ordered as the SDK makes them. */
const setupKeys = ulidIdSource(Date.now, (bytes) => crypto.randomFillSync(bytes));

/**
 * The rate card of the bench: input and output tokens per model, exact rationals in
 * micro-credits per token, a graduated tier on the large model's input, a catch-all price for
 * other models and a minimum charge of one micro-credit.
 */
export function benchRateCard(id: string, effectiveAt: number): RateCard {
  const flat = (numerator: bigint, denominator = 1n) => [
    { upTo: null, price: rational(numerator, denominator) },
  ];
  return {
    id,
    effectiveAt,
    minimumCharge: 1n,
    prices: [
      {
        meter: "input_tokens",
        dimensions: { model: "large" },
        tiers: [
          { upTo: 2_000n, price: rational(3n) },
          { upTo: null, price: rational(5n, 2n) },
        ],
      },
      { meter: "output_tokens", dimensions: { model: "large" }, tiers: flat(15n) },
      { meter: "input_tokens", dimensions: { model: "medium" }, tiers: flat(3n, 5n) },
      { meter: "output_tokens", dimensions: { model: "medium" }, tiers: flat(12n, 5n) },
      { meter: "input_tokens", dimensions: {}, tiers: flat(3n, 20n) },
      { meter: "output_tokens", dimensions: {}, tiers: flat(3n, 5n) },
    ],
  };
}

export interface UsageEvent {
  readonly id: string;
  /** As the API receives them: JSON numbers. */
  readonly quantities: { readonly input_tokens: number; readonly output_tokens: number };
  readonly dimensions: { readonly model: string };
}

/** The n-th event of a run: deterministic quantities and model, its own id. */
export function eventAt(prefix: string, n: number): UsageEvent {
  return {
    id: `${prefix}-${n.toString().padStart(10, "0")}`,
    quantities: {
      input_tokens: 200 + ((n * 7_919) % 3_800),
      output_tokens: 20 + ((n * 104_729) % 900),
    },
    dimensions: { model: models[n % models.length] ?? "small" },
  };
}

function usageOf(event: UsageEvent): UsageDescription {
  return {
    quantities: {
      input_tokens: BigInt(event.quantities.input_tokens),
      output_tokens: BigInt(event.quantities.output_tokens),
    },
    dimensions: event.dimensions,
  };
}

interface LoopResult {
  readonly batches: number;
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly latencies: number[];
  readonly cpuCores: number;
}

interface LoopHooks {
  /** The first batch of the measured window is about to start. */
  readonly onWindowStart?: () => void;
  /** A batch inside the window has ended (the window's figures end here so far). */
  readonly onCounted?: () => void;
}

/**
 * One caller, batch after batch, for the warm-up then the measured window. A batch counts when it
 * starts after the warm-up and ends inside the window; the rate is over the exact span from the
 * first counted batch's start to the last one's end.
 */
async function timedLoop(
  batchSize: number,
  runBatch: (first: number) => Promise<void>,
  warmupMs: number,
  measureMs: number,
  hooks: LoopHooks = {},
): Promise<LoopResult> {
  const begin = performance.now();
  const measureStart = begin + warmupMs;
  const measureEnd = measureStart + measureMs;
  const latencies: number[] = [];
  let next = 0;
  let firstStart: number | null = null;
  let lastEnd = 0;
  let cpuStart: NodeJS.CpuUsage | null = null;
  let cpuEnd: NodeJS.CpuUsage | null = null;
  for (;;) {
    const started = performance.now();
    if (started >= measureEnd) break;
    const inWindow = started >= measureStart;
    if (inWindow && firstStart === null) {
      hooks.onWindowStart?.();
      firstStart = performance.now();
      cpuStart = process.cpuUsage();
    }
    const from = firstStart !== null && inWindow ? Math.max(started, firstStart) : started;
    await runBatch(next);
    next += batchSize;
    const ended = performance.now();
    if (inWindow && ended <= measureEnd) {
      latencies.push(ended - from);
      lastEnd = ended;
      cpuEnd = process.cpuUsage(cpuStart ?? undefined);
      hooks.onCounted?.();
    }
  }
  const spanMs = firstStart === null ? 0 : lastEnd - firstStart;
  const events = latencies.length * batchSize;
  const cpuMs = cpuEnd === null ? 0 : (cpuEnd.user + cpuEnd.system) / 1000;
  return {
    batches: latencies.length,
    events,
    eventsPerSecond: spanMs > 0 ? (events / spanMs) * 1000 : 0,
    latencies,
    cpuCores: spanMs > 0 ? cpuMs / spanMs : 0,
  };
}

/**
 * One organization and its root pool on one database, with a big grant and its own rate card,
 * kept for every run on it as a long-lived organization is; one engine serves every run.
 */
class UsageLedger {
  /** Sum of the priced amounts of events answered `ok` (not replayed), over every run. */
  private expectedConsumed = 0n;
  private recorded = 0;
  private batchStats: BatchStats[] | null = null;

  private constructor(
    private readonly store: Store,
    private readonly timed: TimedStore,
    private readonly engine: Engine,
    private readonly rateCards: RateCards,
    readonly organizationId: string,
    readonly poolId: string,
    readonly grantId: string,
    readonly rateCardId: string,
  ) {}

  static async open(store: Store): Promise<UsageLedger> {
    const timed = new TimedStore(store);
    let ledger: UsageLedger | null = null;
    const engine = new Engine({
      store: timed,
      clock: Date.now,
      ids: ulidIdSource(Date.now, (bytes) => crypto.randomFillSync(bytes)),
      onBatch: (stats) => ledger?.batchStats?.push(stats),
    });
    const organization = await engine.createOrganization("usage bench");
    const org = organization.id;
    const poolId = organization.rootPoolId;
    const granted = await engine.submit(
      org,
      {
        type: "create_grant",
        poolId,
        amount: grantMicros,
        source: "purchase",
        priority: 100,
        effectiveAt: null,
        expiresAt: null,
        costBasis: 0n,
      },
      { idempotencyKey: setupKeys.next("key") },
    );
    const grantId = stringField(granted.body, "id");
    if (granted.code !== "ok" || grantId === null) {
      throw new Error(`engine setup failed: ${granted.code}`);
    }
    const now = Date.now();
    const card = benchRateCard(`rc_usage_bench_${org}`, now - 1_000);
    await store.insertRateCard(org, card, now);
    const rateCards = new RateCards(store, Date.now);
    ledger = new UsageLedger(store, timed, engine, rateCards, org, poolId, grantId, card.id);
    return ledger;
  }

  /** One timed run of batches of `batchSize`, then the books and the verifier. */
  async run(
    prefix: string,
    batchSize: number,
    warmupMs: number,
    measureMs: number,
  ): Promise<Omit<UsageRow, "database">> {
    const { engine, rateCards, organizationId: org, poolId } = this;
    const stats: BatchStats[] = [];
    let prepareMs = 0;
    let counting = false;
    let prepareAtEnd = 0;
    let phasesAtEnd = emptyPhases();
    let statsAtEnd = 0;
    let problems = 0;
    const post = async (event: UsageEvent, now: number, prepared: () => void) => {
      const priced = await rateCards.price(org, usageOf(event), now, "usage");
      const fingerprint = fingerprintOf({
        id: event.id,
        pool: poolId,
        quantities: event.quantities,
        dimensions: event.dimensions,
        amount: undefined,
        time: undefined,
      });
      const answer = engine.submit(
        org,
        {
          type: "record_usage",
          poolId,
          amount: priced.amount,
          rateCardVersion: priced.rateCardId,
        },
        { idempotencyKey: `event:${event.id}`, fingerprint },
      );
      prepared();
      const done = await answer;
      if (done.code === "ok" && done.replayed !== true) {
        this.expectedConsumed += priced.amount;
        this.recorded += 1;
      } else problems += 1;
    };
    const runBatch = async (first: number) => {
      const started = performance.now();
      const now = Date.now();
      let left = batchSize;
      const prepared = () => {
        left -= 1;
        if (left === 0 && counting) prepareMs += performance.now() - started;
      };
      const events: Promise<void>[] = [];
      for (let i = 0; i < batchSize; i += 1) {
        events.push(post(eventAt(prefix, first + i), now, prepared));
      }
      await Promise.all(events);
    };
    const load = await timedLoop(batchSize, runBatch, warmupMs, measureMs, {
      onWindowStart: () => {
        counting = true;
        this.batchStats = stats;
        this.timed.resetPhases();
      },
      onCounted: () => {
        prepareAtEnd = prepareMs;
        phasesAtEnd = { ...this.timed.phases };
        statsAtEnd = stats.length;
      },
    });
    this.batchStats = null;
    await engine.drain();

    const perBatch = emptyPhases();
    for (const name of phaseNames) {
      perBatch[name] = load.batches === 0 ? 0 : phasesAtEnd[name] / load.batches;
    }
    const books = await this.checkBooks();
    const report = await verifyDatabase(this.store, [org]);
    const replayed = report.organizations[0]?.counts.transfers ?? 0;
    const verdict =
      report.violations === 0
        ? `verify clean (${replayed} transfers replayed)`
        : `verify FAILED: ${report.organizations
            .flatMap((o) => o.violations.map((v) => `[${v.rule}] ${v.subject}: ${v.detail}`))
            .slice(0, 5)
            .join("; ")}`;
    const refused = problems === 0 ? "" : `; ${problems} events not recorded`;
    return {
      system: "engine",
      batchSize,
      batches: load.batches,
      events: load.events,
      eventsPerSecond: load.eventsPerSecond,
      ...percentiles(load.latencies),
      cpuCores: load.cpuCores,
      detail: {
        prepareMs: load.batches === 0 ? 0 : prepareAtEnd / load.batches,
        engineBatches: load.batches === 0 ? 0 : statsAtEnd / load.batches,
        phases: perBatch,
      },
      check: `${books.detail}; ${verdict}${refused}`,
      ok: books.ok && report.violations === 0 && problems === 0,
    };
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  /**
   * The pool consumed exactly the sum of the priced amounts of every event recorded so far, and
   * the grant's remaining plus what was consumed is what was granted.
   */
  private async checkBooks(): Promise<{ ok: boolean; detail: string }> {
    const state = await this.engine.readState(this.organizationId);
    const pool = state?.pools.get(this.poolId);
    const grant = state?.grants.get(this.grantId);
    if (state === null || pool === undefined || grant === undefined) {
      return { ok: false, detail: "pool or grant not found after the run" };
    }
    const { consumedThisPeriod: consumed, held } = poolBalances(state, pool);
    const expected = this.expectedConsumed;
    const problems: string[] = [];
    if (consumed !== expected) problems.push(`consumed ${consumed} != priced ${expected}`);
    if (held !== 0n) problems.push(`held ${held} != 0`);
    if (grant.remaining + consumed !== grantMicros)
      problems.push(`grant remaining ${grant.remaining} + consumed != ${grantMicros}`);
    const detail =
      problems.length === 0
        ? `consumed = priced sum: ${formatDecimal(consumed)} credits over ${this.recorded} events`
        : problems.join("; ");
    return { ok: problems.length === 0, detail };
  }
}

function stringField(value: Json | undefined, field: string): string | null {
  if (value === null || value === undefined || typeof value !== "object" || Array.isArray(value))
    return null;
  const found = value[field];
  return typeof found === "string" ? found : null;
}

/** The cells of one event's rows, the engine's columns, without pricing or the engine. */
interface RawRows {
  readonly transfer: (string | number | null)[];
  readonly answer: (string | number)[];
}

/** What the raw baseline writes for event `n`: one transfers row and one idempotency row. */
class RawRowSource {
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
class RawSqlite {
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
class RawPostgres {
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

interface RawTarget {
  writeBatch(rows: readonly RawRows[]): Promise<void>;
}

async function rawRun(
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

function logRow(log: (line: string) => void, row: UsageRow): void {
  log(
    `  ${row.eventsPerSecond.toFixed(0)} events/s, batch p50 ${row.p50.toFixed(2)} ms, ` +
      `p99 ${row.p99.toFixed(2)} ms, ${row.cpuCores.toFixed(2)} cores; ${row.check}`,
  );
}

/** For each batch size: the engine, then the raw inserts, on the same database. */
async function runBoth(
  database: UsageDatabase,
  ledger: UsageLedger,
  raw: RawTarget & { count(): number | Promise<number> },
  source: RawRowSource,
  options: UsageOptions,
  beforeEngine: () => Promise<void>,
): Promise<UsageRow[]> {
  const rows: UsageRow[] = [];
  for (const [index, batchSize] of options.batchSizes.entries()) {
    await beforeEngine();
    options.log(`${database} engine, batches of ${batchSize}: ${windowText(options)}`);
    const engine = await ledger.run(`u${index}`, batchSize, options.warmupMs, options.measureMs);
    rows.push({ database, ...engine });
    logRow(options.log, rows[rows.length - 1] ?? { database, ...engine });
    options.log(`${database} raw inserts, batches of ${batchSize}: ${windowText(options)}`);
    const before = await raw.count();
    const measured = await rawRun(raw, source, `r${index}`, batchSize, options);
    const written = (await raw.count()) - before;
    const ok = written >= measured.events && written % batchSize === 0;
    const row: UsageRow = {
      database,
      ...measured,
      check: `${written} rows committed in whole batches`,
      ok,
    };
    rows.push(row);
    logRow(options.log, row);
  }
  return rows;
}

function windowText(options: UsageOptions): string {
  return `${options.warmupMs / 1000} s warm-up + ${options.measureMs / 1000} s`;
}

async function runSqlite(options: UsageOptions) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "creditpool-usage-"));
  const file = path.join(dir, "usage.db");
  const store = await openStore(file);
  try {
    const ledger = await UsageLedger.open(store);
    const raw = new RawSqlite(file);
    try {
      const facts: Record<string, string> = {
        ...raw.settings(),
        "sqlite file": "a fresh file in os.tmpdir()",
      };
      options.log(
        `sqlite ${facts["sqlite version"]}: journal_mode=${facts.journal_mode}, ` +
          `synchronous=${facts.synchronous}`,
      );
      const source = new RawRowSource(
        ledger.organizationId,
        ledger.poolId,
        ledger.grantId,
        ledger.rateCardId,
      );
      const rows = await runBoth("sqlite", ledger, raw, source, options, async () => {});
      return { rows, facts };
    } finally {
      await ledger.close();
      raw.close();
    }
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function runPostgres(options: UsageOptions) {
  const database = await createBenchDatabase(options.serverUrl);
  try {
    options.log(
      `postgres ${database.serverVersion}: database ${database.name}, ` +
        `synchronous_commit=${database.synchronousCommit}`,
    );
    if (database.synchronousCommit !== "on") {
      throw new Error(`synchronous_commit is ${database.synchronousCommit}: not durable`);
    }
    const facts: Record<string, string> = {
      "postgres version": database.serverVersion,
      synchronous_commit: database.synchronousCommit,
      "engine pool size": String(options.poolSize),
    };
    const store = await openStore(database.url, { poolSize: options.poolSize });
    try {
      const ledger = await UsageLedger.open(store);
      const raw = await RawPostgres.open(database.url);
      try {
        const source = new RawRowSource(
          ledger.organizationId,
          ledger.poolId,
          ledger.grantId,
          ledger.rateCardId,
        );
        const rows = await runBoth("postgres", ledger, raw, source, options, () =>
          analyzeDatabase(database.url),
        );
        return { rows, facts };
      } finally {
        await ledger.close();
        await raw.close();
      }
    } finally {
      await store.close();
    }
  } finally {
    await database.drop();
  }
}

export async function runUsageBench(
  options: UsageOptions,
): Promise<{ rows: UsageRow[]; facts: Record<string, string> }> {
  const rows: UsageRow[] = [];
  const facts: Record<string, string> = {};
  for (const database of options.databases) {
    const result = database === "sqlite" ? await runSqlite(options) : await runPostgres(options);
    rows.push(...result.rows);
    Object.assign(facts, result.facts);
  }
  return { rows, facts };
}

export interface UsageTarget {
  readonly name: string;
  readonly value: number;
  readonly target: string;
  readonly pass: boolean;
}

/** The targets: >= 100,000 events/s on SQLite, engine >= 30% of the raw insert rate. */
export function usageTargets(rows: readonly UsageRow[]): UsageTarget[] {
  const targets: UsageTarget[] = [];
  for (const engine of rows.filter((r) => r.system === "engine")) {
    const size = engine.batchSize.toLocaleString("en-US");
    if (engine.database === "sqlite") {
      targets.push({
        name: `sqlite engine events/s, batches of ${size}`,
        value: engine.eventsPerSecond,
        target: ">= 100,000",
        pass: engine.eventsPerSecond >= 100_000,
      });
    }
    const raw = rows.find(
      (r) =>
        r.system === "raw" && r.database === engine.database && r.batchSize === engine.batchSize,
    );
    if (raw === undefined || raw.eventsPerSecond === 0) continue;
    const ratio = engine.eventsPerSecond / raw.eventsPerSecond;
    targets.push({
      name: `${engine.database} engine / raw inserts, batches of ${size}`,
      value: ratio,
      target: ">= 0.30",
      pass: ratio >= 0.3,
    });
  }
  return targets;
}

export function usageReport(rows: readonly UsageRow[]): string {
  const fixed = (value: number, digits: number) =>
    Number.isFinite(value) ? value.toFixed(digits) : "n/a";
  const results = [
    "| database | system | events/batch | events/s | batch p50 ms | batch p99 ms | cpu cores | batches |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.database} | ${r.system} | ${r.batchSize} | ${Math.round(r.eventsPerSecond).toLocaleString("en-US")} | ` +
        `${fixed(r.p50, 2)} | ${fixed(r.p99, 2)} | ${fixed(r.cpuCores, 2)} | ${r.batches} |`,
    ),
  ];
  const phases = [
    `| database | events/batch | engine batches | prepare | ${phaseNames.join(" | ")} |`,
    `|---|---:|---:|---:|${phaseNames.map(() => "---:").join("|")}|`,
    ...rows.flatMap((r) =>
      r.detail === null
        ? []
        : [
            `| ${r.database} | ${r.batchSize} | ${fixed(r.detail.engineBatches, 2)} | ` +
              `${fixed(r.detail.prepareMs, 2)} | ` +
              `${phaseNames.map((name) => fixed(r.detail?.phases[name] ?? Number.NaN, 2)).join(" | ")} |`,
          ],
    ),
  ];
  const targets = [
    "| figure | value | target | verdict |",
    "|---|---:|---|---|",
    ...usageTargets(rows).map(
      (t) =>
        `| ${t.name} | ${t.value >= 100 ? Math.round(t.value).toLocaleString("en-US") : t.value.toFixed(2)} | ` +
        `${t.target} | ${t.pass ? "PASS" : "MISS"} |`,
    ),
  ];
  const checks = rows.map((r) => `- ${r.database} ${r.system} ${r.batchSize}: ${r.check}`);
  return [
    "## Results",
    "",
    ...results,
    "",
    "## Engine: ms per batch of events (prepare = pricing + fingerprints; phases as in timed-store.ts)",
    "",
    ...phases,
    "",
    "## Targets",
    "",
    ...targets,
    "",
    "## Checks",
    "",
    ...checks,
  ].join("\n");
}

const usageText = `usage: npm run bench:usage -- [--seconds 4] [--warmup 1] [--batch-sizes 100,1000]
  [--only sqlite|postgres] [--database-url URL] [--pool-size 8]`;

function parseOptions(log: (line: string) => void): UsageOptions {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "4" },
      warmup: { type: "string", default: "1" },
      "batch-sizes": { type: "string", default: "100,1000" },
      only: { type: "string" },
      "database-url": { type: "string", default: process.env.DATABASE_URL ?? defaultServerUrl },
      "pool-size": { type: "string", default: "8" },
      help: { type: "boolean", default: false },
    },
  });
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const batchSizes = values["batch-sizes"].split(",").map(Number);
  const poolSize = Number(values["pool-size"]);
  const only = values.only;
  const valid =
    seconds > 0 &&
    warmup >= 0 &&
    Number.isInteger(poolSize) &&
    poolSize > 0 &&
    batchSizes.every((b) => Number.isInteger(b) && b > 0) &&
    (only === undefined || only === "sqlite" || only === "postgres");
  if (!valid || values.help) {
    process.stderr.write(`${usageText}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const databases: UsageDatabase[] =
    only === "sqlite" ? ["sqlite"] : only === "postgres" ? ["postgres"] : ["sqlite", "postgres"];
  return {
    batchSizes,
    warmupMs: warmup * 1000,
    measureMs: seconds * 1000,
    databases,
    serverUrl: values["database-url"],
    poolSize,
    log,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const log = (line: string) => {
    const elapsed = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
    process.stdout.write(`[${elapsed} s] ${line}\n`);
  };
  const options = parseOptions(log);
  const args = process.argv.slice(2);
  const facts: Record<string, string> = {
    date: new Date().toISOString(),
    command: ["npm run bench:usage", ...(args.length > 0 ? ["--", ...args] : [])].join(" "),
    ...describeMachine(),
  };
  for (const [name, value] of Object.entries(facts)) log(`${name}: ${value}`);
  if (options.databases.includes("postgres")) log(`postgres server: ${redact(options.serverUrl)}`);
  const result = await runUsageBench(options);
  Object.assign(facts, result.facts);
  const failed = result.rows.filter((r) => !r.ok);
  const out = [
    "",
    "## Machine and settings",
    "",
    ...Object.entries(facts).map(([name, value]) => `- ${name}: ${value}`),
    `- window: ${windowText(options)} measured per run, one batch at a time`,
    "",
    usageReport(result.rows),
    "",
    failed.length === 0
      ? "Books: every engine run consumed exactly the priced sum and verified clean."
      : `FAILED: ${failed.length} run(s) with a ledger, verifier or row-count failure.`,
    `Total time: ${((performance.now() - started) / 1000).toFixed(0)} s`,
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    process.exit(1);
  });
}
