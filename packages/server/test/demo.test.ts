/**
 * `creditpool demo` end to end on a small organization and one simulated week: what it makes is
 * read back through the served API and the store, its journal verifies clean, the admin key it
 * prints works over real HTTP, and its members' calls replay through the AI gateway.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { holdStatus } from "@creditpool/core";
import pino from "pino";
import { type RunningDemo, runDemo } from "../src/cli/demo.ts";
import { verifyDatabase } from "../src/verify/verify-database.ts";

type Row = Record<string, unknown>;

describe("creditpool demo", () => {
  let dir = "";
  let demo: RunningDemo | null = null;
  const lines: string[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "creditpool-demo-"));
    demo = await runDemo(
      {
        database: path.join(dir, "demo.db"),
        port: 0,
        weeks: 1,
        seed: 7,
        size: "small",
        logger: pino({ level: "silent" }),
        gateway: 12,
      },
      (line) => lines.push(line),
    );
  });

  after(async () => {
    await demo?.server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const running = (): RunningDemo => {
    assert.ok(demo !== null, "the demo did not start");
    return demo;
  };

  const printedKey = (role: string): string => {
    const key = new RegExp(`${role} key:\\s+(cpk_[0-9A-Za-z]+)`).exec(lines.join("\n"))?.[1];
    assert.ok(key !== undefined, `no ${role} key printed`);
    return key;
  };

  /** Every row of a list route, read with the printed admin key over real HTTP. */
  const list = async (route: string): Promise<Row[]> => {
    const response = await fetch(`${running().server.url}${route}?limit=100`, {
      headers: { authorization: `Bearer ${printedKey("admin")}` },
    });
    assert.equal(response.status, 200, route);
    const body = (await response.json()) as { data: Row[]; has_more: boolean };
    assert.equal(body.has_more, false, `${route} has more than one page`);
    return body.data;
  };

  it("prints the revenue of the simulated weeks, as the report answers it", () => {
    assert.ok(lines.some((line) => /revenue over the weeks: \$[\d,]+\.\d\d bought, /.test(line)));
  });

  it("watches Tier 1's limit and the wallet's forecast, and shows an alert", async () => {
    const alerts = await list("/v1/alerts");
    assert.ok(
      alerts.some((alert) => alert.status === "open"),
      "the demo shows an alert",
    );
    // The server's own evaluator may have moved on since: the count printed is the demo's.
    const printed = `${running().result.alerts} alert(s) open`;
    assert.ok(lines.some((line) => line.includes(printed)));
    const rules = await list("/v1/alert-rules");
    assert.deepEqual(rules.map((rule) => rule.metric).sort(), ["forecast", "key_spread", "limit"]);
  });

  it("governs: a reservation, a member cap, kept refusals, audit records, an endpoint", async () => {
    const pools = await list("/v1/pools");
    const byName = new Map(pools.map((pool) => [pool.name, pool]));
    assert.deepEqual(byName.get("Support")?.reserved, {
      amount: "2000",
      period: "month",
      unused: (byName.get("Support")?.reserved as Row | undefined)?.unused,
    });
    assert.deepEqual(byName.get("Platform")?.member_cap, { amount: "6000", period: "month" });
    const { result } = running();
    assert.ok(result.governance.decisions > 0, "the demo keeps refusals");
    assert.ok(result.governance.auditRecords > 0, "the demo's changes are audited");
    const endpoints = await list("/v1/webhook-endpoints");
    assert.deepEqual(
      endpoints.map((endpoint) => endpoint.enabled),
      [false],
    );
    assert.ok(lines.some((line) => line.includes("governance: Support reserves 2,000")));
  });

  it("prints an admin key that authenticates against the served API", async () => {
    const { server, result } = running();
    for (const role of ["admin", "owner"]) {
      const response = await fetch(`${server.url}/v1/organization`, {
        headers: { authorization: `Bearer ${printedKey(role)}` },
      });
      assert.equal(response.status, 200);
      const body = (await response.json()) as Row;
      assert.equal(body.name, "Acme AI");
      assert.equal(body.id, result.organizationId);
    }
    assert.ok(lines.some((line) => line.includes(`${server.url}/docs`)));
  });

  it("prints where its console is and the key to sign in with, and serves the console there", async () => {
    const { server } = running();
    const console = lines.find((line) => line.includes("console: open"));
    assert.equal(
      console?.trim(),
      `console: open ${server.url}/ and sign in with the admin key ${printedKey("admin")}`,
    );
    const page = await fetch(`${server.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(await page.text(), /<div id="root">/);
  });

  it("makes the pool tree, Research funded on its own, monthly limits on teams", async () => {
    const pools = await list("/v1/pools");
    const byName = new Map(pools.map((pool) => [pool.name, pool]));
    assert.deepEqual([...byName.keys()].sort(), [
      "Acme AI",
      "Engineering",
      "Models",
      "Platform",
      "Research",
      "Support",
      "Tier 1",
    ]);
    const idOf = (name: string) => byName.get(name)?.id;
    assert.equal(byName.get("Platform")?.parent, idOf("Engineering"));
    assert.equal(byName.get("Tier 1")?.parent, idOf("Support"));
    assert.equal(byName.get("Models")?.parent, idOf("Research"));
    assert.equal(byName.get("Research")?.draws_from_parent, false);
    assert.equal(byName.get("Engineering")?.draws_from_parent, true);
    const limitOf = (name: string) => byName.get(name)?.limit as Row | null | undefined;
    assert.deepEqual([limitOf("Platform")?.kind, limitOf("Platform")?.period], ["soft", "month"]);
    assert.deepEqual([limitOf("Tier 1")?.kind, limitOf("Tier 1")?.period], ["hard", "month"]);
    assert.ok(pools.every((pool) => pool.debt === "0"));
  });

  it("grants credits from plans, seats, purchases, a promotion and a commitment", async () => {
    const grants = await list("/v1/grants");
    const sources = new Set(grants.map((grant) => grant.source));
    for (const source of ["plan", "seat", "purchase", "promotion", "commitment"]) {
      assert.ok(sources.has(source), `no ${source} grant`);
    }
    const promotion = grants.find((grant) => grant.source === "promotion");
    assert.equal(typeof promotion?.expires_at, "string");
    assert.ok(grants.some((grant) => grant.status === "voided"));
  });

  it("runs on a plan: the month's included credits, a new hire's seat, the pack on the invoice", async () => {
    const [subscription, ...others] = await list("/v1/subscriptions");
    assert.equal(others.length, 0);
    assert.equal(subscription?.plan, "acme-business");
    // The simulated week may straddle the 1st: then a month is finalized and the next drafted.
    const invoices = await list("/v1/invoices");
    assert.equal(invoices.filter((invoice) => invoice.status === "draft").length, 1);
    const lines = invoices.flatMap((invoice) => invoice.lines as Row[]);
    const kinds = new Set(lines.map((line) => line.kind));
    // Overage is billed at a month's end, when the month had any.
    assert.deepEqual([...kinds].filter((kind) => kind !== "overage").sort(), [
      "base",
      "seats",
      "seats_added",
      "top_up",
    ]);
    const rule = subscription?.auto_top_up as Row | null | undefined;
    assert.equal(rule?.pack, "pack");
  });

  it("adds people and agents, with keys of every role, some bound to team pools", async () => {
    const members = await list("/v1/members");
    assert.deepEqual([...new Set(members.map((member) => member.kind))].sort(), [
      "agent",
      "person",
    ]);
    const keys = await list("/v1/keys");
    assert.deepEqual([...new Set(keys.map((key) => key.role))].sort(), [
      "admin",
      "agent",
      "billing",
      "member",
      "owner",
      "viewer",
    ]);
    assert.ok(keys.some((key) => key.role === "agent" && typeof key.pool === "string"));
    assert.ok(keys.some((key) => key.role === "admin" && key.pool === null));
  });

  it("leaves holds in every end state and a journal that verifies clean", async () => {
    const { server, result } = running();
    const snapshot = await server.parts.store.readSnapshot(result.organizationId);
    const statuses = new Set(snapshot.holds.map((hold) => holdStatus(hold, Date.now())));
    assert.deepEqual([...statuses].sort(), ["captured", "expired", "held", "released"]);
    assert.ok(snapshot.transfers.some((transfer) => transfer.kind === "usage"));
    const report = await verifyDatabase(server.parts.store, [result.organizationId]);
    assert.equal(report.violations, 0);
    assert.ok((report.organizations[0]?.counts.transfers ?? 0) > 1000);
  });

  it("replays the members' calls through the gateway: each settled or refused, none lost", async () => {
    const replay = running().replay;
    assert.ok(replay !== null);
    const refused = [...replay.refused.values()].reduce((sum, n) => sum + n, 0);
    assert.equal(replay.settled + refused, 12);
    assert.ok(replay.settled > 0, `settled ${replay.settled}`);
    assert.equal(replay.upstreamRequests, replay.settled, "refused calls never reached upstream");
    assert.ok(lines.some((line) => line.startsWith("  gateway: replayed 12 member calls")));
    const models = await fetch(`${running().server.url}/gateway/openai/v1/models`, {
      headers: { authorization: `Bearer ${printedKey("admin")}` },
    });
    const listed = (await models.json()) as { data: { id: string }[] };
    assert.ok(listed.data.some((model) => model.id === "gpt-5-mini"));
  });
});
