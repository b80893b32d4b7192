/**
 * `creditpool pools list` draws the tree: parents before their children, siblings by name, each
 * name indented by its depth, over as many pages as the pools take; a key bound to a pool sees
 * its subtree with that pool on top; `pools archive` closes an empty pool.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { limits } from "@creditpool/core";
import { CreditpoolClient } from "@creditpool/sdk";
import pino from "pino";
import { type RunningServer, startServer } from "../src/server.ts";

const bin = fileURLToPath(new URL("../bin/creditpool.js", import.meta.url));
const directory = mkdtempSync(join(tmpdir(), "creditpool-pools-"));
const operatorKey = `cpk_${"P".repeat(36)}`;
let server: RunningServer;
let ownerKey = "";
const ids = new Map<string, string>();

before(async () => {
  server = await startServer({
    database: join(directory, "pools.db"),
    port: 0,
    operatorKey,
    logger: pino({ level: "silent" }),
  });
  const operator = new CreditpoolClient({ baseUrl: server.url, apiKey: operatorKey });
  const created = await operator.organizations.create({ name: "Acme" });
  ownerKey = created.owner_key.secret ?? "";
  const client = new CreditpoolClient({ baseUrl: server.url, apiKey: ownerKey });
  ids.set("Acme", created.organization.root_pool);
  // Made in an order whose ids sort neither by tree nor by name.
  const under = async (parent: string, name: string) => {
    const pool = await client.pools.create({ parent: ids.get(parent) ?? "", name });
    ids.set(name, pool.id);
  };
  await under("Acme", "Zeta");
  await under("Zeta", "Alpha");
  await under("Acme", "Beta");
  await under("Alpha", "Gamma");
  // Enough pools under Beta for the list to take two pages.
  for (let index = 0; index < limits.pageSizeMax; index += 1) {
    await under("Beta", `b${String(index).padStart(3, "0")}`);
  }
});

after(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

/** The command's output; run without blocking, since the server answers in this process. */
async function poolsList(key: string, ...flags: string[]): Promise<string> {
  const run = await promisify(execFile)(process.execPath, [bin, "pools", "list", ...flags], {
    env: { ...process.env, CREDITPOOL_URL: server.url, CREDITPOOL_KEY: key },
    encoding: "utf8",
  });
  return run.stdout;
}

/** The NAME column of each row, its indentation kept. */
function names(output: string): string[] {
  const [header = "", ...rows] = output.trimEnd().split("\n");
  const start = header.indexOf("NAME");
  const end = header.indexOf("PARENT");
  return rows.map((row) => row.slice(start, end).trimEnd());
}

it("shows the tree, parents first, names indented by depth, every page of it", async () => {
  const output = await poolsList(ownerKey);
  const beta = Array.from(
    { length: limits.pageSizeMax },
    (_, index) => `    b${String(index).padStart(3, "0")}`,
  );
  assert.deepEqual(names(output), [
    "Acme",
    "  Beta",
    ...beta,
    "  Zeta",
    "    Alpha",
    "      Gamma",
  ]);
  const rows = output.trimEnd().split("\n").slice(1);
  assert.ok(rows[0]?.startsWith(ids.get("Acme") ?? "-"), rows[0]);
  assert.doesNotMatch(output, /More: --starting-after/);
});

it("as JSON: every pool, in the same order", async () => {
  const answer = JSON.parse(await poolsList(ownerKey, "--json")) as {
    data: { id: string; name: string }[];
    has_more: boolean;
  };
  assert.equal(answer.has_more, false);
  assert.equal(answer.data.length, limits.pageSizeMax + 5);
  assert.deepEqual(
    answer.data.slice(-3).map((pool) => pool.name),
    ["Zeta", "Alpha", "Gamma"],
  );
});

it("a key bound to a pool sees its subtree, that pool on top", async () => {
  const client = new CreditpoolClient({ baseUrl: server.url, apiKey: ownerKey });
  const bound = await client.keys.create({ name: "zeta", role: "admin", pool: ids.get("Zeta") });
  assert.deepEqual(names(await poolsList(bound.secret ?? "")), ["Zeta", "  Alpha", "    Gamma"]);
});

it("pools archive closes an empty pool; the list shows it again with --include-archived", async () => {
  const gamma = ids.get("Gamma") ?? "";
  const run = await promisify(execFile)(
    process.execPath,
    [bin, "pools", "archive", gamma, "--json"],
    { env: { ...process.env, CREDITPOOL_URL: server.url, CREDITPOOL_KEY: ownerKey } },
  );
  const archived = JSON.parse(run.stdout) as { id: string; archived_at: string | null };
  assert.equal(archived.id, gamma);
  assert.equal(typeof archived.archived_at, "string");
  assert.deepEqual(names(await poolsList(ownerKey)).slice(-2), ["  Zeta", "    Alpha"]);
  const all = names(await poolsList(ownerKey, "--include-archived"));
  assert.deepEqual(all.slice(-3), ["  Zeta", "    Alpha", "      Gamma"]);
});
