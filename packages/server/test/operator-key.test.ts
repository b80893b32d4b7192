/**
 * The operator key: a configured one shorter than the minimum is refused before anything starts;
 * only its hash and a short prefix are stored; a new configured key revokes every previous one;
 * a revoked key never comes back; and `creditpool operator-key` mints a working key in the
 * database, revoking the previous ones.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import pino from "pino";
import { hashKey, operatorKeyLengthMin } from "../src/access/keys.ts";
import { OperatorKeyRefused } from "../src/operator-key.ts";
import { type RunningServer, startServer } from "../src/server.ts";
import { openStore } from "../src/store/open-store.ts";
import { bin, runCli } from "./support/cli.ts";

const directory = mkdtempSync(join(tmpdir(), "creditpool-operator-"));
let files = 0;
const freshDatabase = () => {
  files += 1;
  return join(directory, `operator-${files}.db`);
};
const keyA = `cpk_${"A".repeat(36)}`;
const keyB = `cpk_${"B".repeat(36)}`;

async function serve(database: string, operatorKey?: string): Promise<RunningServer> {
  return startServer({
    database,
    port: 0,
    logger: pino({ level: "silent" }),
    announce: () => {},
    ...(operatorKey === undefined ? {} : { operatorKey }),
  });
}

/** The status of POST /v1/organizations with `key`: 201 for an operator key in force. */
async function createWith(server: RunningServer, key: string): Promise<number> {
  const response = await fetch(`${server.url}/v1/organizations`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "Acme" }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function storedRow(database: string, secret: string) {
  const store = await openStore(database);
  try {
    return await store.findKeyByHash(hashKey(secret));
  } finally {
    await store.close();
  }
}

after(() => rmSync(directory, { recursive: true, force: true }));

describe("the operator key", () => {
  it(`a configured key shorter than ${operatorKeyLengthMin} characters is refused`, async () => {
    const database = freshDatabase();
    await assert.rejects(serve(database, "x"), OperatorKeyRefused);
    await assert.rejects(serve(database, keyA.slice(0, operatorKeyLengthMin - 1)), (error) => {
      assert.ok(error instanceof OperatorKeyRefused);
      assert.match(error.message, /at least 32 characters/);
      return true;
    });
    const server = await serve(database, keyA.slice(0, operatorKeyLengthMin));
    await server.close();
    assert.equal(server.operatorKey, null);
  });

  it("creditpool serve refuses a short key with a clear message and exit code 1", () => {
    const result = spawnSync(
      process.execPath,
      [bin, "serve", "--database", freshDatabase(), "--port", "0"],
      {
        encoding: "utf8",
        env: { ...process.env, CREDITPOOL_OPERATOR_KEY: "short" },
        timeout: 60_000,
      },
    );
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /CREDITPOOL_OPERATOR_KEY must be at least 32 characters/);
    assert.doesNotMatch(result.stderr, /short/);
  });

  it("only a short prefix of it is stored: at most 8 characters and a quarter of the key", async () => {
    const database = freshDatabase();
    const server = await serve(database, keyA);
    await server.close();
    const made = await serve(freshDatabase());
    const minted = made.operatorKey;
    await made.close();
    assert.ok(minted !== null);
    for (const [secret, where] of [
      [keyA, database],
      [minted, null],
    ] as const) {
      const row = where === null ? null : await storedRow(where, secret);
      const prefix = row?.prefix ?? secret.slice(0, 8);
      assert.ok(prefix.length <= 8 && prefix.length <= secret.length / 4, prefix);
      assert.ok(secret.startsWith(prefix));
      if (row !== null) assert.equal(row.hash, hashKey(secret));
    }
  });

  it("a new configured key revokes the previous one: the old key answers 401", async () => {
    const database = freshDatabase();
    const first = await serve(database, keyA);
    assert.equal(await createWith(first, keyA), 201);
    await first.close();
    const second = await serve(database, keyB);
    try {
      assert.equal(await createWith(second, keyA), 401);
      assert.equal(await createWith(second, keyB), 201);
      assert.equal(await second.parts.store.countOperatorKeys(), 1);
    } finally {
      await second.close();
    }
    assert.notEqual((await storedRow(database, keyA))?.revokedAt, null);
  });

  it("a revoked key configured again is refused, never brought back", async () => {
    const database = freshDatabase();
    await (await serve(database, keyA)).close();
    await (await serve(database, keyB)).close();
    await assert.rejects(serve(database, keyA), (error) => {
      assert.ok(error instanceof OperatorKeyRefused);
      assert.match(error.message, /revoked/);
      return true;
    });
    const server = await serve(database, keyB);
    try {
      assert.equal(await createWith(server, keyA), 401);
    } finally {
      await server.close();
    }
  });

  it("creditpool operator-key mints a working key and revokes the previous ones", async () => {
    const database = freshDatabase();
    const made = await serve(database);
    const previous = made.operatorKey;
    await made.close();
    assert.ok(previous !== null);
    const result = runCli("operator-key", "--database", database);
    assert.equal(result.status, 0, result.stderr);
    const minted = result.stdout.trim();
    assert.match(minted, /^cpk_[0-9A-Za-z]{32}$/);
    assert.match(result.stderr, /revoked/);
    const server = await serve(database);
    try {
      assert.equal(server.operatorKey, null, "a key is in force: none is made at start");
      assert.equal(await createWith(server, previous), 401);
      assert.equal(await createWith(server, minted), 201);
    } finally {
      await server.close();
    }
    assert.ok(((await storedRow(database, minted))?.prefix.length ?? 99) <= 8);
  });
});
