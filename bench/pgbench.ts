/**
 * PostgreSQL's own client on the simplest durable hot-row write there is: one conditional
 * decrement of a one-row table per transaction (`-M prepared`). It is the ceiling of "one commit
 * per operation" on this server, with no client library or application code in the way.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { type Percentiles, percentiles } from "./latency.ts";

const run = promisify(execFile);

const script = "UPDATE acct SET balance = balance - 1 WHERE id = 1 AND balance >= 1;\n";

export interface PgbenchResult {
  readonly clients: number;
  readonly tps: number;
  /** Per transaction, from pgbench's own log (`-l`), in milliseconds. */
  readonly latency: Percentiles;
}

/** The pgbench version, or null when the binary is missing. */
export async function pgbenchVersion(): Promise<string | null> {
  try {
    const { stdout } = await run("pgbench", ["--version"]);
    return stdout.trim();
  } catch {
    return null;
  }
}

export async function preparePgbenchTable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS acct;
      CREATE TABLE acct (id int PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0));
      INSERT INTO acct VALUES (1, 1000000000000000)`);
  } finally {
    await client.end();
  }
}

export async function runPgbench(
  url: string,
  clients: number,
  seconds: number,
): Promise<PgbenchResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "creditpool-pgbench-"));
  try {
    const file = path.join(dir, "hot-row.sql");
    await writeFile(file, script);
    const args = [
      "-n",
      "-M",
      "prepared",
      "-f",
      file,
      "-T",
      String(Math.max(1, Math.round(seconds))),
    ];
    args.push("-c", String(clients), "-j", String(Math.min(clients, 2)));
    args.push("-l", `--log-prefix=${path.join(dir, "log")}`, url);
    const { stdout } = await run("pgbench", args, { cwd: dir });
    const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    if (match?.[1] === undefined) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return { clients, tps: Number(match[1]), latency: await logLatencies(dir) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Each log line is `client transaction latency_us script epoch epoch_us`. */
async function logLatencies(dir: string): Promise<Percentiles> {
  const samples: number[] = [];
  for (const name of await readdir(dir)) {
    if (!name.startsWith("log.")) continue;
    for (const line of (await readFile(path.join(dir, name), "utf8")).split("\n")) {
      const micros = Number(line.split(" ")[2]);
      if (line !== "" && Number.isFinite(micros)) samples.push(micros / 1000);
    }
  }
  return percentiles(samples);
}
