/**
 * The audit trail from the command line, against the real `creditpool serve` on loopback: an
 * owner lists the records its changes left, filtered, and exports them as JSON Lines whose chain
 * holds line by line; a key without `audit.read` is refused with the code.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { CreditpoolClient } from "@creditpool/sdk";
import { bin } from "./support/cli.ts";
import { type Served, serveForTest } from "./support/served.ts";

const operatorKey = "cpk_cliAuditOperatorKey00000000000";

describe("the audit trail from the command line", () => {
  let served: Served;
  let ownerKey = "";
  let poolId = "";

  const cli = (key: string, ...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, CREDITPOOL_URL: served.url, CREDITPOOL_KEY: key },
      encoding: "utf8",
    });

  before(async () => {
    served = await serveForTest(operatorKey);
    const operator = new CreditpoolClient({ baseUrl: served.url, apiKey: operatorKey });
    const created = await operator.organizations.create({ name: "Audited" });
    ownerKey = created.owner_key.secret ?? "";
    const owner = new CreditpoolClient({ baseUrl: served.url, apiKey: ownerKey });
    const pool = await owner.pools.create({
      parent: created.organization.root_pool,
      name: "research",
    });
    poolId = pool.id;
    await owner.pools.update(pool.id, { name: "lab" });
  });
  after(() => served.close());

  it("lists the records, filtered by action, target and actor", () => {
    const all = cli(ownerKey, "audit", "list");
    assert.equal(all.status, 0, all.stderr);
    assert.match(all.stdout, /^1 +\S+ +organization\.created +org_\S+ +operator$/m);
    assert.match(all.stdout, /^3 +\S+ +pool\.updated +pool_\S+ +key_\S+$/m);
    const updated = cli(ownerKey, "audit", "list", "--action", "pool.updated", "--json");
    const page = JSON.parse(updated.stdout) as { data: { target: { id: string } }[] };
    assert.deepEqual(
      page.data.map((record) => record.target.id),
      [poolId],
    );
    const byTarget = cli(ownerKey, "audit", "list", "--target", poolId, "--json");
    assert.equal((JSON.parse(byTarget.stdout) as { data: unknown[] }).data.length, 2);
    const bySystem = cli(ownerKey, "audit", "list", "--actor", "system", "--json");
    assert.equal((JSON.parse(bySystem.stdout) as { data: unknown[] }).data.length, 0);
    const paged = cli(ownerKey, "audit", "list", "--limit", "1", "--starting-after", "1");
    assert.match(paged.stdout, /More: --starting-after 2/);
  });

  it("exports a span as JSON Lines, each line naming the hash before it", () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const exported = cli(ownerKey, "audit", "export", "--from", from, "--to", to);
    assert.equal(exported.status, 0, exported.stderr);
    const lines = exported.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { sequence: number; prev_hash: string; hash: string });
    assert.deepEqual(
      lines.map((line) => line.sequence),
      [1, 2, 3],
    );
    for (const [index, line] of lines.entries())
      assert.equal(line.prev_hash, index === 0 ? "0".repeat(64) : lines[index - 1]?.hash);
  });

  it("refuses a span too long, and a key without audit.read, naming the code", async () => {
    const long = cli(
      ownerKey,
      "audit",
      "export",
      "--from",
      "2020-01-01T00:00:00Z",
      "--to",
      "2020-06-01T00:00:00Z",
    );
    assert.equal(long.status, 1);
    assert.match(long.stderr, /^error invalid_request: .*\(to\)$/m);
    const owner = new CreditpoolClient({ baseUrl: served.url, apiKey: ownerKey });
    const viewer = await owner.keys.create({ name: "reader", role: "viewer" });
    const refused = cli(viewer.secret ?? "", "audit", "list");
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^error permission_denied: /m);
  });
});
