/**
 * `creditpool owner-key`: an organization whose owner lost every key gets a new owner key, made
 * in the database by whoever can open it, as `creditpool operator-key` makes operator keys.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pino from "pino";
import { startServer } from "../src/server.ts";
import { openStore } from "../src/store/open-store.ts";
import { runCli } from "./support/cli.ts";

const directory = mkdtempSync(join(tmpdir(), "creditpool-owner-"));
after(() => rmSync(directory, { recursive: true, force: true }));

describe("creditpool owner-key", () => {
  const database = join(directory, "owner.db");
  const operatorKey = `cpk_${"O".repeat(36)}`;
  let organization = "";
  let firstOwner = "";

  before(async () => {
    const server = await startServer({
      database,
      port: 0,
      operatorKey,
      logger: pino({ level: "silent" }),
    });
    try {
      const response = await fetch(`${server.url}/v1/organizations`, {
        method: "POST",
        headers: { authorization: `Bearer ${operatorKey}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "Acme" }),
      });
      const body = (await response.json()) as {
        organization: { id: string };
        owner_key: { id: string };
      };
      organization = body.organization.id;
      firstOwner = body.owner_key.id;
    } finally {
      await server.close();
    }
  });

  /** GET with `key` on a server over the database: the status and the body. */
  async function read(key: string, path: string): Promise<[number, unknown]> {
    const server = await startServer({ database, port: 0, logger: pino({ level: "silent" }) });
    try {
      const response = await fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      return [response.status, await response.json()];
    } finally {
      await server.close();
    }
  }

  it("makes a new owner key for the organization, printed once, the other keys kept", async () => {
    const run = runCli("owner-key", "--organization", organization, "--database", database);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, new RegExp(`A new owner key for ${organization}`));
    const secret = run.stdout.trim();
    assert.match(secret, /^cpk_[0-9A-Za-z]{32}$/);
    const [status, body] = await read(secret, "/v1/organization");
    assert.equal(status, 200);
    assert.equal((body as { id: string }).id, organization);
    const [, keys] = await read(secret, "/v1/keys");
    const listed = (keys as { data: { id: string; role: string; revoked_at: unknown }[] }).data;
    assert.deepEqual(
      listed.map((key) => [key.role, key.revoked_at]),
      [
        ["owner", null],
        ["owner", null],
      ],
    );
    assert.ok(listed.some((key) => key.id === firstOwner));
  });

  it("refuses an organization that is not there, in one line, and writes nothing", async () => {
    const run = runCli("owner-key", "--organization", "org_missing", "--database", database);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /^creditpool: no organization org_missing in .+\n$/);
    const store = await openStore(database);
    try {
      assert.deepEqual(await store.listKeys("org_missing", { limit: 10 }), []);
    } finally {
      await store.close();
    }
  });
});
