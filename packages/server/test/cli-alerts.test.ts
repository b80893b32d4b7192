/**
 * Alerts from the command line, against the real `creditpool serve` on loopback: an owner makes
 * a balance rule and lists it; the server's own evaluator raises its alert within seconds; the
 * owner lists, acknowledges and resolves it, and deletes the rule.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { CreditpoolClient } from "@creditpool/sdk";
import { bin } from "./support/cli.ts";
import { type Served, serveForTest } from "./support/served.ts";

const operatorKey = "cpk_cliAlertsOperatorKey0000000000";

describe("alerts from the command line", () => {
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
    const created = await operator.organizations.create({ name: "Watched" });
    ownerKey = created.owner_key.secret ?? "";
    rootPool = created.organization.root_pool;
  });
  after(() => served.close());

  it("a rule made here raises an alert in the server, acknowledged and resolved here", async () => {
    const made = cli(
      "alert-rules",
      "create",
      "--pool",
      rootPool,
      "--metric",
      "balance",
      "--below",
      "100",
      "--json",
    );
    assert.equal(made.status, 0, made.stderr);
    const rule = JSON.parse(made.stdout) as { id: string };
    assert.match(cli("alert-rules", "list").stdout, /arule_\S+ +pool_\S+ +balance +<=100 +yes/);
    // The pool has no credits: the server's evaluator raises the alert within a pass or two.
    const client = new CreditpoolClient({ baseUrl: served.url, apiKey: ownerKey });
    let alert = "";
    for (let wait = 0; wait < 100 && alert === ""; wait += 1) {
      alert = (await client.alerts.list({ rule: rule.id })).data[0]?.id ?? "";
      if (alert === "") await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.notEqual(alert, "", "raised by the server's job");
    assert.match(cli("alerts", "list", "--status", "open").stdout, /alert_\S+ +pool_\S+ +balance/);
    assert.match(cli("alerts", "ack", alert).stdout, /^status +acknowledged$/m);
    assert.match(cli("alerts", "resolve", alert).stdout, /^status +resolved$/m);
    assert.equal(cli("alert-rules", "delete", rule.id).status, 0);
  });

  it("makes an abuse signal rule and lists it with its counts", () => {
    const made = cli(
      "alert-rules",
      "create",
      "--pool",
      rootPool,
      "--metric",
      "outcome_split",
      "--outcomes",
      "100,500",
      "--small-at-most",
      "0.5",
      "--window-hours",
      "2",
      "--json",
    );
    assert.equal(made.status, 0, made.stderr);
    const rule = JSON.parse(made.stdout) as { outcomes: number[]; small_at_most: string };
    assert.deepEqual(rule.outcomes, [100, 500]);
    assert.equal(rule.small_at_most, "0.5");
    assert.match(
      cli("alert-rules", "list").stdout,
      /outcome_split +100 outcomes <=0\.5,500 outcomes <=0\.5 +yes/,
    );
    const refused = cli("alert-rules", "create", "--pool", rootPool, "--metric", "key_spread");
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /members/);
  });

  it("refuses thresholds that are not whole percentages, naming the option", () => {
    const refused = cli(
      "alert-rules",
      "create",
      "--pool",
      rootPool,
      "--metric",
      "limit",
      "--thresholds",
      "half",
    );
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /--thresholds/);
  });
});
