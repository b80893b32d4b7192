/**
 * The usage reports from the command line, against the real `creditpool serve` on loopback: a
 * root with 100 credits at 0.5, 30 consumed by "Sales, EMEA" and 10 by the root itself; each
 * command's table, CSV or JSON checked by hand, and a refused query on stderr with exit code 1.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { CreditpoolClient } from "@creditpool/sdk";
import { type Served, serveForTest } from "./support/served.ts";

const bin = fileURLToPath(new URL("../bin/creditpool.js", import.meta.url));
const operatorKey = "cpk_cliReportsOperatorKey000000000";
const dayMs = 86_400_000;

describe("usage reports from the command line", () => {
  let served: Served;
  let url = "";
  let ownerKey = "";
  let rootPool = "";
  let sales = "";
  const span = [
    "--from",
    new Date(Date.now() - dayMs).toISOString(),
    "--to",
    new Date(Date.now() + dayMs).toISOString(),
  ];

  const cli = (...args: string[]) => {
    const result = spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, CREDITPOOL_URL: url, CREDITPOOL_KEY: ownerKey },
      encoding: "utf8",
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const ok = (...args: string[]): string => {
    const run = cli(...args);
    assert.equal(run.status, 0, run.stderr);
    return run.stdout;
  };
  const json = (...args: string[]) => JSON.parse(ok(...args, "--json")) as Record<string, unknown>;

  before(async () => {
    served = await serveForTest(operatorKey);
    url = served.url;
    const operator = new CreditpoolClient({ baseUrl: url, apiKey: operatorKey });
    const created = await operator.organizations.create({ name: "Reported" });
    ownerKey = created.owner_key.secret ?? "";
    rootPool = created.organization.root_pool;
    const client = new CreditpoolClient({ baseUrl: url, apiKey: ownerKey });
    await client.grants.create({
      pool: rootPool,
      amount: "100",
      source: "purchase",
      cost_basis: "0.5",
    });
    sales = (await client.pools.create({ parent: rootPool, name: "Sales, EMEA" })).id;
    await client.usage.record({
      events: [
        { id: "use-1", pool: sales, amount: "30" },
        { id: "use-2", pool: rootPool, amount: "10" },
      ],
    });
  });
  after(() => served.close());

  it("usage as CSV: one line per department and day, the name quoted", () => {
    const csv = ok("reports", "usage", ...span, "--interval", "month", "--format", "csv");
    const lines = csv.trim().split("\n");
    assert.equal(lines[0], "start,end,group,name,credits,money,uncovered");
    assert.match(lines[1] ?? "", new RegExp(`,${sales},"Sales, EMEA",30,15,0$`));
    assert.match(lines[2] ?? "", new RegExp(`,${rootPool},[^,]*,10,5,0$`));
    assert.equal(lines.length, 3);
  });

  it("chargeback as a table: the department, then the root's own as (direct)", () => {
    const text = ok("reports", "chargeback", ...span);
    assert.match(text, /^Sales, EMEA +30 +15 +0 +75$/m);
    assert.match(text, /^\(direct\) +10 +5 +0 +25$/m);
  });

  it("margin by pool as a table: revenue at the cost basis, no provider cost known", () => {
    const text = ok("reports", "margin", ...span, "--group-by", "pool");
    assert.match(text, /^Sales, EMEA +30 +15 +0 +15 +100 +0 +30$/m);
    assert.match(text, /^\(direct\) +10 +5 +0 +5 +100 +0 +10$/m);
    assert.match(text, /^\(total\) +40 +20 +0 +20 +100 +0 +40$/m);
  });

  it("top consumers by pool, as JSON", () => {
    const report = json("reports", "top-consumers", ...span, "--by", "pool", "--limit", "1");
    assert.deepEqual(report.consumers, [
      { id: sales, name: "Sales, EMEA", credits: "30", money: "15", uncovered: "0", share: "75" },
    ]);
  });

  it("forecast: 40 consumed over a day's window, 60 left", () => {
    const text = ok("reports", "forecast", "--window", "1");
    assert.match(text, /^available +60$/m);
    assert.match(text, /^burn per day +40$/m);
    assert.match(text, /^days left +1\.5$/m);
  });

  it("buyer's math: 40 credits at 0.5 cost 20 by the credit", () => {
    const report = json("reports", "buyers-math", ...span, "--credit-price", "0.5");
    assert.equal((report.costs as Record<string, string>).credit_based, "20");
    assert.equal(report.members, 1);
  });

  it("pooling: a shared pool of 40 serves all 40", () => {
    const text = ok("reports", "pooling", ...span, "--capacity", "40");
    assert.match(text, /^pooled: served +40$/m);
    assert.match(text, /^siloed: blocked +0$/m);
  });

  it("a refused query prints the error on stderr and exits 1", () => {
    const run = cli("reports", "usage", ...span, "--interval", "day", "--group-by", "tag");
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^error invalid_request: .*\(tag\)$/m);
  });
});
