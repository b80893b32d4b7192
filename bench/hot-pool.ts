/**
 * `npm run bench`: hold+capture pairs on one hot pool, durable, on SQLite and PostgreSQL; the
 * engine against the naive one-transaction-per-operation design and against pgbench. Prints
 * progress, then the results as Markdown; exits 1 on any overspend or verifier violation.
 *
 *   npm run bench -- --seconds 5 --callers 1,8,64,256 --only sqlite|postgres
 *                    --database-url postgres://postgres@127.0.0.1:5432/postgres
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { describeMachine } from "./machine.ts";
import type { Measurement } from "./measurement.ts";
import { defaultServerUrl, redact } from "./postgres-database.ts";
import { Progress } from "./progress.ts";
import { phaseTable, ratios, ratioTable, resultsTable } from "./report.ts";
import { runPostgresSuite, runSqliteSuite, type SuiteOptions } from "./suites.ts";

const usage = `usage: npm run bench -- [--seconds 5] [--warmup 1] [--callers 1,8,64,256]
  [--only sqlite|postgres] [--database-url URL] [--pool-size 8] [--pgbench-seconds S]
  [--skip-analyze]`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "5" },
      warmup: { type: "string", default: "1" },
      callers: { type: "string", default: "1,8,64,256" },
      only: { type: "string" },
      "database-url": { type: "string", default: process.env.DATABASE_URL ?? defaultServerUrl },
      "pool-size": { type: "string", default: "8" },
      "pgbench-seconds": { type: "string" },
      "skip-analyze": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const callers = values.callers.split(",").map(Number);
  const poolSize = Number(values["pool-size"]);
  const pgbenchSeconds = Number(values["pgbench-seconds"] ?? values.seconds);
  const only = values.only;
  const valid =
    seconds > 0 &&
    warmup >= 0 &&
    pgbenchSeconds > 0 &&
    Number.isInteger(poolSize) &&
    poolSize > 0 &&
    callers.every((c) => Number.isInteger(c) && c > 0) &&
    (only === undefined || only === "sqlite" || only === "postgres");
  if (!valid || values.help) {
    process.stderr.write(`${usage}\n`);
    process.exit(values.help ? 0 : 2);
  }
  return {
    seconds,
    warmup,
    callers,
    poolSize,
    pgbenchSeconds,
    databases: only === undefined ? ["sqlite", "postgres"] : [only],
    serverUrl: values["database-url"],
    analyze: !values["skip-analyze"],
  };
}

async function main(): Promise<void> {
  const options = parseOptions();
  const progress = new Progress();
  const log = progress.log;
  const suite: SuiteOptions = {
    callers: options.callers,
    warmupMs: options.warmup * 1000,
    measureMs: options.seconds * 1000,
    pgbenchSeconds: options.pgbenchSeconds,
    analyze: options.analyze,
    log,
  };
  const args = process.argv.slice(2);
  const facts: Record<string, string> = {
    date: new Date().toISOString(),
    command: ["npm run bench", ...(args.length > 0 ? ["--", ...args] : [])].join(" "),
    ...describeMachine(),
    "load average (1, 5, 15 min) at the start": os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", "),
  };
  for (const [name, value] of Object.entries(facts)) log(`${name}: ${value}`);

  const measurements: Measurement[] = [];
  if (options.databases.includes("sqlite")) {
    const result = await runSqliteSuite(suite);
    measurements.push(...result.measurements);
    Object.assign(facts, result.facts);
  }
  if (options.databases.includes("postgres")) {
    log(`postgres server: ${redact(options.serverUrl)}`);
    const result = await runPostgresSuite(options.serverUrl, options.poolSize, suite);
    measurements.push(...result.measurements);
    Object.assign(facts, result.facts);
  }

  facts["load average (1, 5, 15 min) at the end"] = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");
  const failed = measurements.filter((m) => !m.ok);
  const out = [
    "",
    "## Machine and settings",
    "",
    ...Object.entries(facts).map(([name, value]) => `- ${name}: ${value}`),
    `- window: ${options.warmup} s warm-up + ${options.seconds} s measured per run`,
    "",
    "## Results",
    "",
    resultsTable(measurements),
    "",
    "## Engine batches (ms per batch by phase)",
    "",
    phaseTable(measurements),
    "",
    "## Ratios",
    "",
    ratioTable(ratios(measurements)),
    "",
    failed.length === 0
      ? "Books: no overspend and no verifier violation in any run."
      : `FAILED: ${failed.length} run(s) with overspend, violations or errors.`,
    progress.total(),
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
