/**
 * Billing from the command line, against the real `creditpool serve` on loopback: the operator
 * publishes a plan from a file, an organization subscribes with seats, adds one, reads the
 * draft invoice with its prorated line, and reads the revenue report.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CreditpoolClient } from "@creditpool/sdk";
import { bin } from "./support/cli.ts";
import { type Served, serveForTest } from "./support/served.ts";

const operatorKey = "cpk_cliBillingOperatorKey000000000";

describe("billing from the command line", () => {
  const directory = mkdtempSync(join(tmpdir(), "creditpool-cli-billing-"));
  let served: Served;
  let ownerKey = "";

  const cli = (key: string, ...args: string[]) => {
    const result = spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, CREDITPOOL_URL: served.url, CREDITPOOL_KEY: key },
      encoding: "utf8",
    });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout;
  };
  const json = (key: string, ...args: string[]) =>
    JSON.parse(cli(key, ...args, "--json")) as Record<string, unknown>;

  before(async () => {
    served = await serveForTest(operatorKey);
    const operator = new CreditpoolClient({ baseUrl: served.url, apiKey: operatorKey });
    ownerKey = (await operator.organizations.create({ name: "Seats" })).owner_key.secret ?? "";
  });
  after(async () => {
    await served.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("publishes a plan from a file and lists it", () => {
    const file = join(directory, "plan.json");
    const plan = {
      id: "team",
      name: "Team",
      currency: "USD",
      interval: "month",
      seat_price: 3000,
      credits_per_seat: "1000",
      top_up_price: "3",
    };
    writeFileSync(file, JSON.stringify(plan));
    assert.match(cli(operatorKey, "plans", "publish", "--file", file), /team +1 +Team/);
    assert.match(cli(ownerKey, "plans", "list"), /team +1 +Team +USD +month +3000 +1000/);
  });

  it("starts with premium seats beside standard ones, and adds a premium seat", async () => {
    const file = join(directory, "tiered.json");
    const plan = {
      id: "claude-team",
      name: "Claude Team",
      currency: "USD",
      interval: "month",
      seat_price: 3000,
      credits_per_seat: "1000",
      seat_tiers: [{ id: "premium", name: "Premium", seat_price: 15000, credits_per_seat: "5000" }],
    };
    writeFileSync(file, JSON.stringify(plan));
    cli(operatorKey, "plans", "publish", "--file", file);
    const operator = new CreditpoolClient({ baseUrl: served.url, apiKey: operatorKey });
    const key = (await operator.organizations.create({ name: "Tiers" })).owner_key.secret ?? "";
    const started = json(
      key,
      "subscriptions",
      "start",
      "--plan",
      "claude-team",
      "--seats",
      "10",
      "--tier-seats",
      "premium=3",
    );
    assert.deepEqual(started.tier_seats, { premium: 3 });
    const changed = cli(
      key,
      "subscriptions",
      "seats",
      String(started.id),
      "--seats",
      "4",
      "--tier",
      "premium",
    );
    assert.match(changed, /^premium seats +4$/m);
    assert.match(changed, /^seats +10$/m);
    const invoice = /^invoice +(inv_\S+)$/m.exec(changed)?.[1] ?? "";
    const shown = cli(key, "invoices", "get", invoice);
    assert.match(shown, /10 Standard seats +10 +\S+ +30000/);
    assert.match(shown, /3 Premium seats +3 +\S+ +45000/);
    assert.match(shown, /1 Premium seat added +1 +\S+ +\d+/);
  });

  it("starts a subscription, adds a seat and shows the invoice's lines", () => {
    const started = json(ownerKey, "subscriptions", "start", "--plan", "team", "--seats", "2");
    const id = String(started.id);
    assert.match(cli(ownerKey, "subscriptions", "get", id), /^seats +2$/m);
    const changed = cli(ownerKey, "subscriptions", "seats", id, "--seats", "3");
    assert.match(changed, /^seats +3$/m);
    const invoice = /^invoice +(inv_\S+)$/m.exec(changed)?.[1] ?? "";
    const shown = cli(ownerKey, "invoices", "get", invoice);
    assert.match(shown, /^status +draft$/m);
    assert.match(shown, /2 seats +2 +\S+ +6000/);
    assert.match(shown, /1 seat added +1 +\S+ +\d+/);
    assert.match(cli(ownerKey, "invoices", "list", "--subscription", id), /draft/);
    const bought = json(ownerKey, "top-ups", "buy", "--subscription", id, "--credits", "250");
    assert.deepEqual([bought.credits, bought.price], ["250", "750"]);
    const moved = cli(
      ownerKey,
      "subscriptions",
      "plan",
      id,
      "--plan",
      "team",
      "--plan-version",
      "1",
    );
    assert.match(moved, /^plan +team v1$/m);
  });

  it("assigns seats, lists them, and takes one back", async () => {
    const operator = new CreditpoolClient({ baseUrl: served.url, apiKey: operatorKey });
    const made = await operator.organizations.create({ name: "Seated" });
    const key = made.owner_key.secret ?? "";
    const args = ["--plan", "team", "--seats", "1", "--seat-access", "assigned"];
    const started = json(key, "subscriptions", "start", ...args);
    assert.equal(started.seat_access, "assigned");
    const id = String(started.id);
    const member = String(json(key, "members", "create", "--name", "Ann").id);
    const assigned = cli(key, "subscriptions", "assign", id, member);
    assert.match(assigned, new RegExp(`^${member} +${id} `, "m"));
    assert.match(cli(key, "subscriptions", "get", id), /^seats assigned +1$/m);
    assert.match(cli(key, "subscriptions", "assignments", id), new RegExp(`^${member} `, "m"));
    assert.equal(json(key, "subscriptions", "unassign", id, member).member, member);
    assert.deepEqual(json(key, "subscriptions", "assignments", id).data, []);
  });

  it("sets an auto top-up rule and removes it", () => {
    const [sub] = (json(ownerKey, "subscriptions", "list").data as { id: string }[]) ?? [];
    assert.ok(sub !== undefined);
    const args = ["--threshold", "100", "--credits", "50", "--max-per-period", "2"];
    const set = cli(ownerKey, "subscriptions", "auto-top-up", sub.id, ...args);
    assert.match(set, /^auto top-up +below 100, buy 50 credits \(0 of 2 this period\)$/m);
    const off = cli(ownerKey, "subscriptions", "auto-top-up", sub.id, "--off");
    assert.match(off, /^auto top-up +none$/m);
  });

  it("reports revenue per pool and department, as a table and as JSON", () => {
    const span = ["--from", "2000-01-01T00:00:00Z", "--to", "2199-01-01T00:00:00Z"];
    const report = json(ownerKey, "reports", "revenue", ...span);
    assert.equal(report.currency, "USD");
    const organization = report.organization as { pool: string; purchased: { money: string } };
    assert.ok(Number(organization.purchased.money) > 0);
    const shown = cli(ownerKey, "reports", "revenue", ...span);
    assert.match(shown, /^Revenue in USD, 2000-01-01T00:00:00.000Z to 2199-01-01T00:00:00.000Z$/m);
    const money = organization.purchased.money.replace(".", "\\.");
    assert.match(shown, new RegExp(`^organization +${organization.pool} +0 +${money} `, "m"));
  });

  it("prints an invoice as its HTML page", () => {
    const [invoice] = (json(ownerKey, "invoices", "list").data as { id: string }[]) ?? [];
    assert.ok(invoice !== undefined);
    const page = cli(ownerKey, "invoices", "html", invoice.id);
    assert.match(page, /^<!DOCTYPE html>\n/);
    assert.match(page, /<\/html>\n$/);
    assert.ok(page.includes(invoice.id));
  });

  it("moves a new organization forward in time with a test clock", async () => {
    const operator = new CreditpoolClient({ baseUrl: served.url, apiKey: operatorKey });
    const sandbox = (await operator.organizations.create({ name: "Sandbox" })).owner_key.secret;
    const made = json(sandbox ?? "", "test-clocks", "create");
    const id = String(made.id);
    const to = new Date(Date.parse(String(made.time)) + 40 * 86_400_000).toISOString();
    assert.match(
      cli(sandbox ?? "", "test-clocks", "advance", id, "--to", to),
      new RegExp(`^time +${to}$`, "m"),
    );
    assert.match(cli(sandbox ?? "", "test-clocks", "list"), new RegExp(`^${id} +${to} `, "m"));
  });
});
