/**
 * `npm run bench:disk`: bytes on disk per hold+capture pair. 256 callers hold and capture on one
 * hot pool through the engine until the journal holds `--transfers` transfers (a pair makes three:
 * hold, capture, release of the rest), then the database's size is read back per table and index:
 * SQLite after a WAL checkpoint (its `dbstat` table), PostgreSQL after a VACUUM
 * (`pg_total_relation_size`). Prints progress, then Markdown.
 *
 *   npm run bench:disk -- --transfers 1000000 --only sqlite|postgres --database-url URL
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { resultId } from "../packages/server/src/engine/results.ts";
import { openStore } from "../packages/server/src/store/open-store.ts";
import type { Store } from "../packages/server/src/store/port.ts";
import { captureMicros, holdMicros } from "./engine-bench.ts";
import { idempotencyKeys, openFundedOrganization } from "./funded-organization.ts";
import { describeMachine } from "./machine.ts";
import { createBenchDatabase, defaultServerUrl, redact } from "./postgres-database.ts";
import { Progress } from "./progress.ts";

const callers = 256;

interface Usage {
  readonly name: string;
  readonly bytes: number;
}

interface DiskResult {
  readonly database: string;
  readonly pairs: number;
  readonly transfers: number;
  readonly seconds: number;
  readonly total: number;
  readonly parts: readonly Usage[];
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      transfers: { type: "string", default: "1000000" },
      only: { type: "string" },
      "database-url": { type: "string", default: process.env.DATABASE_URL ?? defaultServerUrl },
      help: { type: "boolean", default: false },
    },
  });
  const transfers = Number(values.transfers);
  const only = values.only;
  const valid =
    Number.isInteger(transfers) &&
    transfers >= 3 &&
    (only === undefined || only === "sqlite" || only === "postgres");
  if (!valid || values.help) {
    process.stderr.write(
      "usage: npm run bench:disk -- [--transfers 1000000] [--only sqlite|postgres] [--database-url URL]\n",
    );
    process.exit(values.help ? 0 : 2);
  }
  return {
    transfers,
    databases: only === undefined ? ["sqlite", "postgres"] : [only],
    serverUrl: values["database-url"],
  };
}

const progress = new Progress();
const log = progress.log;

/** Holds and captures until the journal holds `transfers`; answers the pairs made. */
async function fill(store: Store, name: string, transfers: number): Promise<number> {
  const { engine, organizationId, poolId } = await openFundedOrganization(store, name, () => {});
  const pairsWanted = Math.ceil(transfers / 3);
  let pairs = 0;
  let claimed = 0;
  let lastLog = performance.now();
  const caller = async () => {
    while (claimed < pairsWanted) {
      claimed += 1;
      const held = await engine.submit(
        organizationId,
        { type: "create_hold", poolId, amount: holdMicros, ttlSeconds: 600 },
        { idempotencyKey: idempotencyKeys.next("key") },
      );
      const holdId = resultId(held.result);
      if (held.code !== "ok" || holdId === null) throw new Error(`hold refused: ${held.code}`);
      const captured = await engine.submit(
        organizationId,
        { type: "capture_hold", holdId, amount: captureMicros },
        { idempotencyKey: idempotencyKeys.next("key") },
      );
      if (captured.code !== "ok") throw new Error(`capture refused: ${captured.code}`);
      pairs += 1;
      if (performance.now() - lastLog > 5_000) {
        lastLog = performance.now();
        log(`${name}: ${pairs.toLocaleString("en")} of ${pairsWanted.toLocaleString("en")} pairs`);
      }
    }
  };
  await Promise.all(Array.from({ length: callers }, caller));
  await engine.close();
  return pairs;
}

async function sqliteDisk(transfers: number): Promise<DiskResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "creditpool-disk-"));
  const file = path.join(dir, "disk.db");
  try {
    const store = await openStore(file);
    const begun = performance.now();
    const pairs = await fill(store, "sqlite", transfers);
    const seconds = (performance.now() - begun) / 1000;
    await store.close();
    const db = new Database(file);
    db.pragma("wal_checkpoint(TRUNCATE)");
    const rows = db
      .prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC")
      .all() as { name: string; bytes: number }[];
    db.close();
    const total = (await stat(file)).size;
    return { database: "sqlite", pairs, transfers: pairs * 3, seconds, total, parts: rows };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function postgresDisk(serverUrl: string, transfers: number): Promise<DiskResult> {
  const database = await createBenchDatabase(serverUrl);
  try {
    const store = await openStore(database.url, { poolSize: 8 });
    const begun = performance.now();
    const pairs = await fill(store, "postgres", transfers);
    const seconds = (performance.now() - begun) / 1000;
    await store.close();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query("VACUUM");
      const { rows } = await client.query<{ name: string; bytes: string }>(
        `SELECT c.relname AS name, pg_relation_size(c.oid) AS bytes FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 't')
          ORDER BY pg_relation_size(c.oid) DESC`,
      );
      const parts = rows.map((row) => ({ name: row.name, bytes: Number(row.bytes) }));
      const total = parts.reduce((sum, part) => sum + part.bytes, 0);
      return { database: "postgres", pairs, transfers: pairs * 3, seconds, total, parts };
    } finally {
      await client.end();
    }
  } finally {
    await database.drop();
  }
}

function report(results: readonly DiskResult[]): string {
  const lines = [
    "| database | pairs | transfers | fill s | total MiB | bytes per pair |",
    "|---|--:|--:|--:|--:|--:|",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.database} | ${r.pairs.toLocaleString("en")} | ${r.transfers.toLocaleString("en")} | ` +
        `${r.seconds.toFixed(0)} | ${(r.total / 2 ** 20).toFixed(1)} | ${Math.round(r.total / r.pairs)} |`,
    );
  }
  for (const r of results) {
    lines.push(
      "",
      `${r.database}, by table and index (bytes per pair; parts under 1 byte left out):`,
      "",
    );
    lines.push("| table or index | bytes per pair |", "|---|--:|");
    for (const part of r.parts) {
      const perPair = part.bytes / r.pairs;
      if (perPair >= 1) lines.push(`| ${part.name} | ${perPair.toFixed(0)} |`);
    }
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions();
  const args = process.argv.slice(2);
  const facts = {
    date: new Date().toISOString(),
    command: ["npm run bench:disk", ...(args.length > 0 ? ["--", ...args] : [])].join(" "),
    ...describeMachine(),
  };
  for (const [name, value] of Object.entries(facts)) log(`${name}: ${value}`);
  const results: DiskResult[] = [];
  if (options.databases.includes("sqlite")) results.push(await sqliteDisk(options.transfers));
  if (options.databases.includes("postgres")) {
    log(`postgres server: ${redact(options.serverUrl)}`);
    results.push(await postgresDisk(options.serverUrl, options.transfers));
  }
  const out = [
    "",
    "## Machine and settings",
    "",
    ...Object.entries(facts).map(([name, value]) => `- ${name}: ${value}`),
    "",
    "## Bytes on disk per hold+capture pair",
    "",
    report(results),
    "",
    progress.total(),
  ];
  process.stdout.write(`${out.join("\n")}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
