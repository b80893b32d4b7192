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

import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { openStore } from "../packages/server/src/store/open-store.ts";
import { describeMachine } from "./machine.ts";
import {
  analyzeDatabase,
  createBenchDatabase,
  defaultServerUrl,
  redact,
} from "./postgres-database.ts";
import { Progress } from "./progress.ts";
import type { UsageDatabase, UsageOptions, UsageRow } from "./usage-events.ts";
import { UsageLedger } from "./usage-ledger.ts";
import { RawPostgres, RawRowSource, RawSqlite, type RawTarget, rawRun } from "./usage-raw.ts";
import { usageReport } from "./usage-report.ts";

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
  const progress = new Progress();
  const log = progress.log;
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
    progress.total(),
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
