/**
 * End to end: the real `creditpool serve` process on loopback, driven by the SDK through the
 * five-minute tour and by the command line's client commands. It runs on a SQLite file, and on
 * a fresh PostgreSQL database when TEST_DATABASE_URL is set; with the variable set, a server
 * that cannot be reached fails the suite instead of skipping it.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { CreditpoolClient, CreditpoolError, type Fetch } from "@creditpool/sdk";
import { type ScratchDatabase, scratchDatabase } from "../src/store/postgres/scratch-database.ts";
import { testDatabaseUrl } from "./support/stores.ts";

const bin = fileURLToPath(new URL("../bin/creditpool.js", import.meta.url));
const operatorKey = "cpk_e2eOperatorKeyForTheTour0000000";

interface Target {
  readonly name: string;
  /** A database location for `serve --database`, fresh and empty. */
  database(): Promise<string>;
  cleanup(): Promise<void>;
}

function sqliteTarget(): Target {
  const directory = mkdtempSync(join(tmpdir(), "creditpool-e2e-"));
  return {
    name: "sqlite",
    database: async () => join(directory, "ledger.db"),
    cleanup: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

function postgresTarget(adminUrl: string): Target {
  let scratch: ScratchDatabase | null = null;
  return {
    name: "postgres",
    async database() {
      scratch = await scratchDatabase(adminUrl, `creditpool_e2e_${process.pid}`);
      return scratch.url;
    },
    cleanup: async () => scratch?.drop(),
  };
}

/** A port that was free a moment ago: bind to port 0, read it, let it go. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(typeof address === "object" && address !== null);
  return address.port;
}

interface Served {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts `creditpool serve` and waits until `/healthz` answers. */
async function serve(database: string): Promise<Served> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [bin, "serve", "--database", database, "--port", String(port), "--host", "127.0.0.1"],
    {
      env: { ...process.env, CREDITPOOL_OPERATOR_KEY: operatorKey },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  // The server logs every request: read its output as it comes, keeping the tail for failures.
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (!(await healthy(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`creditpool serve did not start (exit ${child.exitCode}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop: () => stop(child) };
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(url: string, key: string, args: readonly string[]): CliRun {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, CREDITPOOL_URL: url, CREDITPOOL_KEY: key },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What the tour leaves behind for the command line to look at. */
interface Toured {
  readonly ownerKey: string;
  readonly rootPool: string;
  readonly research: string;
  readonly capturedHold: string;
}

/** The README's five-minute tour, with every number checked. */
async function tour(url: string): Promise<Toured> {
  const operator = new CreditpoolClient({ baseUrl: url, apiKey: operatorKey });
  const created = await operator.organizations.create({ name: "Acme" });
  const ownerKey = created.owner_key.secret ?? "";
  assert.match(ownerKey, /^cpk_/);
  const client = new CreditpoolClient({ baseUrl: url, apiKey: ownerKey });
  const rootPool = (await client.organization.get()).root_pool;
  assert.equal(rootPool, created.organization.root_pool);

  const research = await client.pools.create({
    parent: rootPool,
    name: "Research",
    limit: { amount: "500", kind: "hard", period: "month" },
  });
  assert.deepEqual([research.available, research.draws_from_parent], ["0", true]);

  const plan = await client.grants.create({ pool: rootPool, amount: "1000", source: "plan" });
  const purchase = await client.grants.create({
    pool: rootPool,
    amount: "250.5",
    source: "purchase",
    priority: 50,
    cost_basis: "0.02",
  });
  assert.deepEqual([plan.priority, purchase.cost_basis], [100, "0.02"]);
  assert.equal((await client.pools.get(research.id)).available, "500");

  const first = await client.holds.create({ pool: research.id, amount: "100" });
  const second = await client.holds.create({ pool: research.id, amount: "30", ttl_seconds: 120 });
  assert.ok(first.allowed && second.allowed);
  const refused = await client.holds.create({ pool: research.id, amount: "400" });
  assert.ok(!refused.allowed);
  assert.deepEqual([refused.code, refused.pool], ["pool_limit_exceeded", research.id]);
  assert.deepEqual(await pick(client.pools.get(research.id), ["available", "held"]), [
    "370",
    "130",
  ]);

  const captured = await client.holds.capture(first.hold.id, { amount: "42.5" });
  assert.deepEqual([captured.status, captured.captured], ["captured", "42.5"]);
  const released = await client.holds.release(second.hold.id);
  assert.deepEqual([released.status, released.captured], ["released", null]);

  const poolFields = ["available", "held", "consumed_this_period", "debt"] as const;
  assert.deepEqual(await pick(client.pools.get(research.id), poolFields), [
    "457.5",
    "0",
    "42.5",
    "0",
  ]);
  assert.deepEqual(await pick(client.pools.get(rootPool), poolFields), ["1208", "0", "42.5", "0"]);
  assert.deepEqual(await pick(client.grants.get(purchase.id), ["remaining", "status"]), [
    "208",
    "active",
  ]);
  assert.equal((await client.grants.get(plan.id)).remaining, "1000");

  const journal = await client.transfers.list({ pool: research.id });
  assert.deepEqual(
    journal.data.map((t) => [t.kind, t.amount, t.hold === first.hold.id ? "first" : "second"]),
    [
      ["hold", "100", "first"],
      ["hold", "30", "second"],
      ["capture", "42.5", "first"],
      ["release", "57.5", "first"],
      ["release", "30", "second"],
    ],
  );
  assert.deepEqual(
    [journal.data[0]?.debit_account, journal.data[0]?.credit_account],
    [`grant:${purchase.id}`, `hold:${first.hold.id}`],
  );
  const everything = await client.transfers.list({});
  assert.deepEqual(
    everything.data.map((t) => t.sequence),
    [1, 2, 3, 4, 5, 6, 7],
  );

  const usage = await client.usage.record({
    events: [
      { id: "run-1", pool: research.id, amount: "1.5" },
      { id: "run-2", pool: research.id, amount: "2" },
      { id: "run-1", pool: research.id, amount: "1.5" },
    ],
  });
  assert.deepEqual(
    usage.data.map((r) => [r.id, r.status]),
    [
      ["run-1", "recorded"],
      ["run-2", "recorded"],
      ["run-1", "duplicate"],
    ],
  );
  const again = await client.usage.record({
    events: [
      { id: "run-2", pool: research.id, amount: "2" },
      { id: "run-1", pool: research.id, amount: "9" },
    ],
  });
  assert.deepEqual(
    again.data.map((r) => [r.status, r.code]),
    [
      ["duplicate", "ok"],
      ["refused", "idempotency_key_reused"],
    ],
  );
  assert.deepEqual(await pick(client.pools.get(research.id), poolFields), ["454", "0", "46", "0"]);
  assert.deepEqual(await pick(client.pools.get(rootPool), ["available", "granted"]), [
    "1204.5",
    "1204.5",
  ]);
  assert.equal((await client.grants.get(purchase.id)).remaining, "204.5");
  return { ownerKey, rootPool, research: research.id, capturedHold: first.hold.id };
}

async function pick<T extends object, K extends keyof T>(
  object: Promise<T>,
  keys: readonly K[],
): Promise<T[K][]> {
  const resolved = await object;
  return keys.map((key) => resolved[key]);
}

function suite(target: Target): void {
  let served: Served;
  let toured: Toured;

  before(async () => {
    served = await serve(await target.database());
  });

  after(async () => {
    await served?.stop();
    await target.cleanup();
  });

  it("takes the five-minute tour through the SDK, every number exact", async () => {
    toured = await tour(served.url);
  });

  it("retries a POST whose answer was lost, with its key, and applies it once", async () => {
    let lost = false;
    const losing: Fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (lost || init?.method !== "POST") return response;
      lost = true;
      await response.arrayBuffer();
      throw new TypeError("the connection closed before the answer arrived");
    };
    const client = new CreditpoolClient({
      baseUrl: served.url,
      apiKey: toured.ownerKey,
      fetch: losing,
    });
    const grant = await client.grants.create({
      pool: toured.research,
      amount: "10",
      source: "seat",
    });
    assert.equal(lost, true);
    const grants = await client.grants.list({ pool: toured.research });
    assert.deepEqual(
      grants.data.map((g) => [g.id, g.amount]),
      [[grant.id, "10"]],
    );
    const reused = await client.grants
      .create({ pool: toured.research, amount: "11", source: "seat" }, { idempotencyKey: "seat-1" })
      .then(() =>
        client.grants.create(
          { pool: toured.research, amount: "12", source: "seat" },
          { idempotencyKey: "seat-1" },
        ),
      )
      .catch((error: unknown) => error);
    assert.ok(reused instanceof CreditpoolError);
    assert.deepEqual(
      [reused.status, reused.code, reused.param],
      [409, "idempotency_key_reused", "Idempotency-Key"],
    );
  });

  it("types the API's errors", async () => {
    const client = new CreditpoolClient({ baseUrl: served.url, apiKey: toured.ownerKey });
    await assert.rejects(client.holds.get("hold_01NOSUCHHOLD"), {
      status: 404,
      code: "hold_not_found",
      param: "id",
      retryable: false,
    });
    const stranger = new CreditpoolClient({ baseUrl: served.url, apiKey: "cpk_unknown" });
    await assert.rejects(stranger.organization.get(), { status: 401, code: "unauthenticated" });
  });

  it("refuses to release a captured hold with 409 hold_not_held", async () => {
    const client = new CreditpoolClient({ baseUrl: served.url, apiKey: toured.ownerKey });
    await assert.rejects(client.holds.release(toured.capturedHold), {
      status: 409,
      code: "hold_not_held",
      retryable: false,
    });
  });

  it("answers client commands as JSON for scripts and as tables for people", async () => {
    const { url } = served;
    const key = toured.ownerKey;
    const client = new CreditpoolClient({ baseUrl: url, apiKey: key });

    const json = cli(url, key, ["pools", "get", toured.research, "--json"]);
    assert.equal(json.status, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), await client.pools.get(toured.research));

    const list = cli(url, key, ["pools", "list"]);
    assert.equal(list.status, 0, list.stderr);
    const [header = "", ...rows] = list.stdout.trimEnd().split("\n");
    assert.match(header, /^ID +NAME +PARENT +AVAILABLE +HELD +CONSUMED +GRANTED +DEBT +LIMIT$/);
    const row = rows.find((line) => line.startsWith(toured.research)) ?? "";
    // The list is the tree: Research, a child of the root pool, is indented one level.
    assert.equal(row.indexOf("Research"), header.indexOf("NAME") + 2);
    assert.match(row, /Research +\S+ +454 +0 +46 +21 +0 +500 hard\/month$/);

    const flags = ["organization", "--url", url, "--key", key];
    const organization = spawnSync(process.execPath, [bin, ...flags], { encoding: "utf8" });
    assert.equal(organization.status, 0, organization.stderr);
    assert.match(organization.stdout, new RegExp(`^root pool +${toured.rootPool}$`, "m"));

    const refused = cli(url, key, [
      "holds",
      "create",
      "--pool",
      toured.research,
      "--amount",
      "1000",
    ]);
    assert.equal(refused.status, 2);
    assert.match(refused.stdout, /^refused +pool_limit_exceeded$/m);

    const event = [
      "usage",
      "record",
      "--pool",
      toured.research,
      "--amount",
      "0.5",
      "--id",
      "cli-1",
    ];
    assert.match(cli(url, key, event).stdout, /^cli-1 +recorded +ok/m);
    assert.match(cli(url, key, event).stdout, /^cli-1 +duplicate +ok/m);
    assert.equal((await client.pools.get(toured.research)).consumed_this_period, "46.5");

    const journal = cli(url, key, ["transfers", "list", "--hold", toured.capturedHold, "--json"]);
    const kinds = (JSON.parse(journal.stdout) as { data: { kind: string }[] }).data;
    assert.deepEqual(
      kinds.map((t) => t.kind),
      ["hold", "capture", "release"],
    );

    const made = await client.grants.create({ pool: toured.research, amount: "1", source: "seat" });
    const expiry = ["grants", "expiry", made.id, "--expires-at", "2199-01-01T00:00:00Z", "--json"];
    const moved = cli(url, key, expiry);
    assert.equal(moved.status, 0, moved.stderr);
    assert.equal(JSON.parse(moved.stdout).expires_at, "2199-01-01T00:00:00.000Z");
    const never = cli(url, key, ["grants", "expiry", made.id, "--never", "--json"]);
    assert.equal(JSON.parse(never.stdout).expires_at, null);
    assert.equal(cli(url, key, ["grants", "expiry", made.id]).status, 1);

    const missing = cli(url, key, ["grants", "get", "grant_01NOSUCHGRANT"]);
    assert.deepEqual(
      [missing.status, missing.stdout, missing.stderr],
      [1, "", "error grant_not_found: No such grant in the organization. (id)\n"],
    );
  });
}

describe("SDK and CLI end to end: sqlite", () => suite(sqliteTarget()));

const postgresUrl = testDatabaseUrl();
describe("SDK and CLI end to end: postgres", {
  skip: postgresUrl === undefined ? "TEST_DATABASE_URL is not set" : false,
}, () => {
  if (postgresUrl !== undefined) suite(postgresTarget(postgresUrl));
});
