/**
 * The governance commands against a running server: `pools update --policy` sets an approval
 * gate, a hold above it is refused, `approvals list` shows the request, `approvals approve`
 * answers it, and `decisions list --by-key` and `decisions get` show why holds were refused.
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
const directory = mkdtempSync(join(tmpdir(), "creditpool-governance-"));
const operatorKey = `cpk_${"G".repeat(36)}`;
let server: RunningServer;
let ownerKey = "";
let root = "";

before(async () => {
  server = await startServer({
    database: join(directory, "governance.db"),
    port: 0,
    operatorKey,
    logger: pino({ level: "silent" }),
  });
  const operator = new CreditpoolClient({ baseUrl: server.url, apiKey: operatorKey });
  const created = await operator.organizations.create({ name: "Acme" });
  ownerKey = created.owner_key.secret ?? "";
  root = created.organization.root_pool;
  const client = new CreditpoolClient({ baseUrl: server.url, apiKey: ownerKey });
  await client.grants.create({ pool: root, amount: "1000", source: "purchase" });
});

after(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<string> {
  const run = await promisify(execFile)(process.execPath, [bin, ...args], {
    env: { ...process.env, CREDITPOOL_URL: server.url, CREDITPOOL_KEY: ownerKey },
    encoding: "utf8",
  });
  return run.stdout;
}

async function json(...args: string[]): Promise<Record<string, unknown>> {
  return JSON.parse(await cli(...args, "--json")) as Record<string, unknown>;
}

it("sets a gate with --policy, lists the request, approves it, and the hold passes", async () => {
  const pool = await json("pools", "create", "--parent", root, "--name", "Research");
  const id = String(pool.id);
  const updated = await json("pools", "update", id, "--policy", '{"approval_above":"100"}');
  assert.equal(updated.approval_above, "100");
  const client = new CreditpoolClient({ baseUrl: server.url, apiKey: ownerKey });
  const refused = await client.holds.create({ pool: id, amount: "150" });
  assert.ok(!refused.allowed);
  assert.equal(refused.code, "approval_required");
  const request = refused.decision_id ?? "";
  assert.match(await cli("approvals", "list", "--status", "pending"), new RegExp(request));
  const approved = await json("approvals", "approve", request, "--note", "budgeted");
  assert.equal(approved.status, "approved");
  assert.equal(approved.note, "budgeted");
  const hold = await client.holds.create({ pool: id, amount: "150", approval: request });
  assert.equal(hold.allowed, true);
});

it("lists decisions by the key that asked, and shows one with its evidence", async () => {
  const client = new CreditpoolClient({ baseUrl: server.url, apiKey: ownerKey });
  const refused = await client.holds.create({ pool: root, amount: "100000" });
  assert.ok(!refused.allowed);
  const keys = await client.keys.list();
  const owner = keys.data.find((key) => key.role === "owner")?.id ?? "";
  const listed = await json(
    "decisions",
    "list",
    "--by-key",
    owner,
    "--code",
    "insufficient_credits",
  );
  const data = listed.data as { id: string }[];
  assert.deepEqual(
    data.map((row) => row.id),
    [refused.decision_id],
  );
  const shown = await cli("decisions", "get", refused.decision_id ?? "");
  assert.match(shown, /insufficient_credits/);
  assert.match(shown, /"drawable_from_grants"/);
});

it("refuses --policy that is not a JSON object, naming the option", async () => {
  await assert.rejects(cli("pools", "update", root, "--policy", "[1]"), /--policy/);
});
