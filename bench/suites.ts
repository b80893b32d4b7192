/**
 * The benchmark per database: for each caller count, the engine then the naive baseline on the
 * same database; on PostgreSQL, pgbench last. Every run leaves its books checked.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openStore } from "../packages/server/src/store/open-store.ts";
import type { LoadOptions, LoadResult } from "./closed-loop.ts";
import { runClosedLoop } from "./closed-loop.ts";
import { captureMicros, HotPool, holdMicros } from "./engine-bench.ts";
import type { DatabaseName, Measurement } from "./measurement.ts";
import { judgeNaive, type NaiveCheck } from "./naive-check.ts";
import { NaivePostgres } from "./naive-postgres.ts";
import { NaiveSqlite } from "./naive-sqlite.ts";
import { pgbenchVersion, preparePgbenchTable, runPgbench } from "./pgbench.ts";
import { analyzeDatabase, createBenchDatabase } from "./postgres-database.ts";

export interface SuiteOptions {
  readonly callers: readonly number[];
  readonly warmupMs: number;
  readonly measureMs: number;
  /** Seconds per pgbench run. */
  readonly pgbenchSeconds: number;
  /** PostgreSQL: refresh planner statistics before each engine run (see `analyzeDatabase`). */
  readonly analyze?: boolean;
  readonly log: (line: string) => void;
}

export interface SuiteResult {
  readonly measurements: Measurement[];
  /** Versions and settings seen while running, for the report. */
  readonly facts: Record<string, string>;
}

export async function runSqliteSuite(options: SuiteOptions): Promise<SuiteResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "creditpool-bench-"));
  const file = path.join(dir, "bench.db");
  const store = await openStore(file);
  const naive = new NaiveSqlite(file);
  const measurements: Measurement[] = [];
  const hot = await HotPool.open(store);
  try {
    const facts: Record<string, string> = {
      ...naive.settings(),
      "sqlite file": "a fresh file in os.tmpdir()",
    };
    options.log(
      `sqlite ${facts["sqlite version"]}: journal_mode=${facts.journal_mode}, ` +
        `synchronous=${facts.synchronous}`,
    );
    for (const callers of options.callers) {
      measurements.push(await engineRow("sqlite", hot, callers, options));
      const target = naive.reset(holdMicros, captureMicros);
      const load = await runClosedLoop(target, loadOptions("sqlite naive", callers, options));
      measurements.push(naiveRow("sqlite", load, naive.check(), options));
    }
    return { measurements, facts };
  } finally {
    await hot.close();
    naive.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runPostgresSuite(
  serverUrl: string,
  poolSize: number,
  options: SuiteOptions,
): Promise<SuiteResult> {
  const database = await createBenchDatabase(serverUrl);
  const measurements: Measurement[] = [];
  try {
    options.log(
      `postgres: ${database.serverVersion}, database ${database.name}, ` +
        `synchronous_commit=${database.synchronousCommit}, max_connections=${database.maxConnections}`,
    );
    if (database.synchronousCommit !== "on") {
      throw new Error(`synchronous_commit is ${database.synchronousCommit}: not durable`);
    }
    const facts: Record<string, string> = {
      "postgres version": database.serverVersion,
      synchronous_commit: database.synchronousCommit,
      "engine pool size": String(poolSize),
      "ANALYZE before each engine run": options.analyze === false ? "no" : "yes",
    };
    const store = await openStore(database.url, { poolSize });
    try {
      const hot = await HotPool.open(store);
      for (const callers of options.callers) {
        if (options.analyze !== false) await analyzeDatabase(database.url);
        measurements.push(await engineRow("postgres", hot, callers, options));
        const naive = await NaivePostgres.open(database.url, callers);
        try {
          const target = naive.target(holdMicros, captureMicros);
          const load = await runClosedLoop(target, loadOptions("postgres naive", callers, options));
          measurements.push(naiveRow("postgres", load, await naive.check(), options));
        } finally {
          await naive.close();
        }
      }
      await hot.close();
    } finally {
      await store.close();
    }
    const version = await pgbenchVersion();
    if (version === null) {
      options.log("pgbench: not found, skipped (apt-get install postgresql-client)");
    } else {
      facts.pgbench = version;
      await preparePgbenchTable(database.url);
      for (const clients of [1, 64]) {
        options.log(`postgres pgbench -c ${clients}: ${options.pgbenchSeconds} s`);
        const result = await runPgbench(database.url, clients, options.pgbenchSeconds);
        measurements.push({
          database: "postgres",
          system: "pgbench",
          callers: clients,
          rate: result.tps,
          pair: null,
          op: result.latency,
          cpuCores: null,
          batches: null,
          check: "single-row UPDATE, balance kept >= 0 by its CHECK",
          ok: true,
        });
        options.log(`  ${result.tps.toFixed(0)} tps, p50 ${result.latency.p50.toFixed(2)} ms`);
      }
    }
    return { measurements, facts };
  } finally {
    await database.drop();
  }
}

async function engineRow(
  database: DatabaseName,
  hot: HotPool,
  callers: number,
  options: SuiteOptions,
): Promise<Measurement> {
  const run = await hot.run(loadOptions(`${database} engine`, callers, options));
  const ok =
    run.ledger.ok && run.violations === 0 && run.load.errors === 0 && run.load.refused === 0;
  const errors = problems(run.load);
  options.log(`  ${summaryLine(run.load)}`);
  options.log(
    `  batches: ${run.batches.commandsPerBatch.toFixed(1)} commands, ` +
      `${run.batches.batchMs.toFixed(2)} ms each, busy ${(run.batches.busy * 100).toFixed(0)}%`,
  );
  options.log(`  overspend: ${run.ledger.detail}`);
  options.log(`  verify: ${run.verdict}${errors}`);
  return {
    database,
    system: "engine",
    callers,
    rate: run.load.pairsPerSecond,
    pair: run.load.pair,
    op: run.load.op,
    cpuCores: run.load.cpuCores,
    batches: run.batches,
    check: `overspend ${run.ledger.ok ? "none" : "FOUND"}; verify ${run.verdict}${errors}`,
    ok,
  };
}

function naiveRow(
  database: DatabaseName,
  load: LoadResult,
  books: NaiveCheck,
  options: SuiteOptions,
): Measurement {
  const verdict = judgeNaive(books);
  const errors = problems(load);
  options.log(`  ${summaryLine(load)}`);
  options.log(`  overspend: ${verdict.detail}${errors}`);
  return {
    database,
    system: "naive",
    callers: load.callers,
    rate: load.pairsPerSecond,
    pair: load.pair,
    op: load.op,
    cpuCores: load.cpuCores,
    batches: null,
    check: `overspend ${verdict.ok ? "none" : "FOUND"}${errors}`,
    ok: verdict.ok && load.errors === 0 && load.refused === 0,
  };
}

function loadOptions(label: string, callers: number, options: SuiteOptions): LoadOptions {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  options.log(
    `${label}, ${callers} callers: ${options.warmupMs / 1000} s warm-up + ` +
      `${options.measureMs / 1000} s (load average ${load})`,
  );
  return {
    callers,
    warmupMs: options.warmupMs,
    measureMs: options.measureMs,
    onProgress: (elapsedMs, pairs) =>
      options.log(
        `  ${label} C=${callers}: ${(elapsedMs / 1000).toFixed(0)} s, ${pairs} pairs measured`,
      ),
  };
}

function summaryLine(load: LoadResult): string {
  const refused = load.refused === 0 ? "" : `, ${load.refused} refused`;
  return (
    `${load.pairsPerSecond.toFixed(0)} pairs/s; pair p50 ${load.pair.p50.toFixed(2)} ms ` +
    `p99 ${load.pair.p99.toFixed(2)} ms; op p50 ${load.op.p50.toFixed(2)} ms ` +
    `p99 ${load.op.p99.toFixed(2)} ms; cpu ${load.cpuCores.toFixed(2)} cores${refused}`
  );
}

/** Errors and refusals: none is expected, since the pool never runs dry. */
function problems(load: LoadResult): string {
  const errors = load.errors === 0 ? "" : `; ${load.errors} errors: ${load.firstError}`;
  return load.refused === 0 ? errors : `${errors}; ${load.refused} refused`;
}
