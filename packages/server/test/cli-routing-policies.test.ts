/**
 * Routing policies from the command line, against the real `creditpool serve` on loopback: an
 * owner makes a policy, lists and reads it, changes a tier and the low-balance rule, and deletes
 * it; a second policy on the same pool is refused with its code.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { CreditpoolClient } from "@creditpool/sdk";
import { bin } from "./support/cli.ts";
import { type Served, serveForTest } from "./support/served.ts";

const operatorKey = "cpk_cliRoutingOperatorKey000000000";

describe("routing policies from the command line", () => {
  let served: Served;
  let ownerKey = "";
  let rootPool = "";

  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, CREDITPOOL_URL: served.url, CREDITPOOL_KEY: ownerKey },
      encoding: "utf8",
    });

  before(async () => {
    served = await serveForTest(operatorKey);
    const operator = new CreditpoolClient({ baseUrl: served.url, apiKey: operatorKey });
    const created = await operator.organizations.create({ name: "Routed" });
    ownerKey = created.owner_key.secret ?? "";
    rootPool = created.organization.root_pool;
  });
  after(() => served.close());

  it("creates, lists, reads, changes and deletes a policy", () => {
    const tiers = ["--light", "gpt-5-nano,gpt-4o-mini", "--standard", "gpt-5-mini"];
    const made = cli(
      "routing-policies",
      "create",
      "--pool",
      rootPool,
      ...tiers,
      "--heavy",
      "gpt-5",
      "--low-balance-below",
      "50",
      "--json",
    );
    assert.equal(made.status, 0, made.stderr);
    const policy = JSON.parse(made.stdout) as { id: string; low_balance: { below: string } };
    assert.equal(policy.low_balance.below, "50");
    assert.match(
      cli("routing-policies", "list").stdout,
      /rpol_\S+ +pool_\S+ +gpt-5-nano,gpt-4o-mini +gpt-5-mini +gpt-5 +light +auto +<50 +end_stream/,
    );
    assert.match(cli("routing-policies", "get", policy.id).stdout, /^on_limit +end_stream$/m);
    const again = cli("routing-policies", "create", "--pool", rootPool, ...tiers, "--heavy", "o3");
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /routing_policy_exists/);
    const changed = cli(
      "routing-policies",
      "update",
      policy.id,
      "--heavy",
      "o3,gpt-5",
      "--without-low-balance",
      "--route-all",
      "--json",
    );
    assert.equal(changed.status, 0, changed.stderr);
    const next = JSON.parse(changed.stdout) as {
      tiers: { light: string[]; heavy: string[] };
      low_balance: unknown;
      route_all: boolean;
    };
    assert.deepEqual(
      [next.tiers.heavy, next.tiers.light, next.low_balance, next.route_all],
      [["o3", "gpt-5"], ["gpt-5-nano", "gpt-4o-mini"], null, true],
    );
    assert.equal(cli("routing-policies", "delete", policy.id).status, 0);
    const gone = cli("routing-policies", "get", policy.id);
    assert.match(gone.stderr, /routing_policy_not_found/);
  });
});
