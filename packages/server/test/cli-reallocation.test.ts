/**
 * `creditpool grants reallocate` and `undo-reallocation` move credits between pools of one
 * carrier and back; `creditpool pools boost` raises a hard limit until a time, `--end` ends it.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CreditpoolClient } from "@creditpool/sdk";
import pino from "pino";
import { type RunningServer, startServer } from "../src/server.ts";

const bin = fileURLToPath(new URL("../bin/creditpool.js", import.meta.url));
const directory = mkdtempSync(join(tmpdir(), "creditpool-moves-"));
const operatorKey = `cpk_${"R".repeat(36)}`;
let server: RunningServer;
let ownerKey = "";
let root = "";
let team = "";

before(async () => {
  server = await startServer({
    database: join(directory, "moves.db"),
    port: 0,
    operatorKey,
    logger: pino({ level: "silent" }),
  });
  const operator = new CreditpoolClient({ baseUrl: server.url, apiKey: operatorKey });
  const created = await operator.organizations.create({ name: "Acme" });
  ownerKey = created.owner_key.secret ?? "";
  root = created.organization.root_pool;
  const client = new CreditpoolClient({ baseUrl: server.url, apiKey: ownerKey });
  const limit = { amount: "10", kind: "hard" as const, period: "month" as const };
  team = (await client.pools.create({ parent: root, name: "Team", limit })).id;
});

after(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<Record<string, unknown>> {
  const run = await promisify(execFile)(process.execPath, [bin, ...args, "--json"], {
    env: { ...process.env, CREDITPOOL_URL: server.url, CREDITPOOL_KEY: ownerKey },
  });
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

it("grants reallocate answers the new grant; undo-reallocation moves it back", async () => {
  const client = new CreditpoolClient({ baseUrl: server.url, apiKey: ownerKey });
  const source = await client.grants.create({ pool: root, amount: "20", source: "purchase" });
  const moved = await cli("grants", "reallocate", source.id, "--pool", team, "--amount", "5");
  assert.equal(moved.pool, team);
  assert.equal(moved.reallocated_from, source.id);
  const undone = await cli("grants", "undo-reallocation", String(moved.id));
  assert.equal(undone.remaining, "0");
  assert.equal((await client.grants.get(source.id)).remaining, "20");
});

it("pools boost raises the limit until a time, and --end ends it", async () => {
  const until = new Date(Date.now() + 3_600_000).toISOString();
  const boosted = await cli("pools", "boost", team, "--amount", "5", "--until", until);
  assert.deepEqual(boosted.boost, { amount: "5", until });
  const ended = await cli("pools", "boost", team, "--end");
  assert.equal(ended.boost, null);
});
