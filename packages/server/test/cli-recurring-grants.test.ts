/**
 * Recurring grants from the command line, against the real `creditpool serve` on loopback: an
 * owner makes a monthly grant that expires at each month's end, reads and lists it, and cancels
 * it; the first period's grant is in the pool at once.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { CreditpoolClient } from "@creditpool/sdk";
import { bin } from "./support/cli.ts";
import { type Served, serveForTest } from "./support/served.ts";

const operatorKey = "cpk_cliRecurringOperatorKey0000000";

describe("recurring grants from the command line", () => {
  let served: Served;
  let ownerKey = "";
  let rootPool = "";

  const cli = (...args: string[]) => {
    const result = spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, CREDITPOOL_URL: served.url, CREDITPOOL_KEY: ownerKey },
      encoding: "utf8",
    });
    return result;
  };

  before(async () => {
    served = await serveForTest(operatorKey);
    const operator = new CreditpoolClient({ baseUrl: served.url, apiKey: operatorKey });
    const created = await operator.organizations.create({ name: "Monthly" });
    ownerKey = created.owner_key.secret ?? "";
    rootPool = created.organization.root_pool;
  });
  after(() => served.close());

  it("creates, reads, lists and cancels a recurring grant", () => {
    const made = cli(
      "recurring-grants",
      "create",
      "--pool",
      rootPool,
      "--amount",
      "1000",
      "--source",
      "promotion",
      "--expiry",
      "period_end",
      "--rollover-cap",
      "100",
      "--rollover-days",
      "30",
      "--periods",
      "12",
      "--json",
    );
    assert.equal(made.status, 0, made.stderr);
    const row = JSON.parse(made.stdout) as { id: string; grants: string[] };
    assert.equal(row.grants.length, 1);
    const shown = cli("recurring-grants", "get", row.id);
    assert.match(shown.stdout, /^status +active$/m);
    assert.match(shown.stdout, /^periods_issued +1$/m);
    assert.match(cli("recurring-grants", "list").stdout, /rgr_\S+ +pool_\S+ +1000 +month +active/);
    const canceled = cli("recurring-grants", "cancel", row.id);
    assert.match(canceled.stdout, /^status +canceled$/m);
    assert.match(cli("grants", "get", row.grants[0] ?? "").stdout, /^amount +1000$/m);
  });

  it("refuses an expiry that is none, naming the option", () => {
    const refused = cli(
      "recurring-grants",
      "create",
      "--pool",
      rootPool,
      "--amount",
      "1",
      "--source",
      "promotion",
      "--expiry",
      "soon",
    );
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /--expiry/);
  });
});
