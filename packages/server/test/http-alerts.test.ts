/**
 * Alert rules and alerts over HTTP, one outcome per test: a rule is made, listed, changed and
 * removed; bad input names its field and writes nothing; acknowledging and resolving are
 * idempotent; a key bound to a pool sees only its subtree's rules and alerts. Then beyond one
 * request: two evaluators on one database raise each alert once, and a raised alert reaches a
 * webhook receiver as an `alert.raised` event.
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, it, type TestContext } from "node:test";
import { limits } from "@creditpool/core";
import type { Principal } from "../src/access/principal.ts";
import { seededRandomFill, ulidIdSource } from "../src/ids.ts";
import { createServices } from "../src/services/services.ts";
import { httpWebhookPost } from "../src/services/webhook-client.ts";
import { raisedAlert } from "./support/alerts.ts";
import { apiHarness, at, expectError, ids, text } from "./support/api.ts";
import { TestClock } from "./support/ledger.ts";
import { operator, testNode } from "./support/node.ts";
import { postgresKind, type StoreKind, sqliteKind, testDatabaseUrl } from "./support/stores.ts";

async function world(t: TestContext) {
  const api = await apiHarness();
  t.after(() => api.close());
  const org = await api.newOrganization("Acme");
  const team = await api.pool(org, org.rootPoolId);
  return { api, org, team, key: org.ownerKey };
}

describe("alert rules over HTTP", () => {
  it("POST /v1/alert-rules answers 201 with the rule; a replay answers it again", async (t) => {
    const { api, team, key } = await world(t);
    const body = { pool: team, metric: "limit", thresholds: [100, 50, 80, 80] };
    const headers = { "idempotency-key": "rule-1" };
    const made = await api.call("POST", "/v1/alert-rules", { key, body, headers });
    assert.equal(made.status, 201);
    assert.deepEqual(at(made.body, "thresholds"), [50, 80, 100], "sorted, once each");
    assert.equal(at(made.body, "below"), null);
    const again = await api.call("POST", "/v1/alert-rules", { key, body, headers });
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(again.body, made.body);
    const listed = await api.ok("GET", "/v1/alert-rules", { key });
    assert.deepEqual(ids(listed), [text(made.body, "id")]);
  });

  it("a balance rule takes credit amounts in `below`, a forecast its window", async (t) => {
    const { api, team, key } = await world(t);
    const balance = await api.ok("POST", "/v1/alert-rules", {
      key,
      body: { pool: team, metric: "balance", below: ["100", 12.5] },
    });
    assert.deepEqual(at(balance, "below"), ["12.5", "100"]);
    const forecast = await api.ok("POST", "/v1/alert-rules", {
      key,
      body: { pool: team, metric: "forecast" },
    });
    assert.equal(at(forecast, "window_hours"), limits.alertForecastWindowHoursDefault);
  });

  const refusals: [string, object, string][] = [
    ["limit without thresholds", { metric: "limit" }, "thresholds"],
    ["balance with percentages", { metric: "balance", thresholds: [50] }, "thresholds"],
    ["balance without amounts", { metric: "balance" }, "below"],
    ["forecast with amounts", { metric: "forecast", below: ["1"] }, "below"],
    [
      "grants with a window",
      { metric: "grants", thresholds: [5], window_hours: 3 },
      "window_hours",
    ],
    [
      "eleven thresholds",
      { metric: "limit", thresholds: [...Array(11).keys()].map((i) => i + 1) },
      "thresholds",
    ],
    ["a percentage of 0", { metric: "grants", thresholds: [0] }, "thresholds[0]"],
    ["a window of 0 hours", { metric: "forecast", window_hours: 0 }, "window_hours"],
    ["an unknown metric", { metric: "mood", thresholds: [1] }, "metric"],
  ];
  for (const [what, body, param] of refusals) {
    it(`${what}: 400 on ${param}, nothing written`, async (t) => {
      const { api, org, team, key } = await world(t);
      const before = await api.snapshot(org);
      const answer = await api.call("POST", "/v1/alert-rules", {
        key,
        body: { pool: team, ...body },
      });
      expectError(answer, 400, "invalid_request", param);
      assert.equal(await api.snapshot(org), before);
    });
  }

  it("a pool the key does not reach: 404 pool_not_found on pool", async (t) => {
    const { api, key } = await world(t);
    const body = { pool: "pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V", metric: "forecast" };
    expectError(
      await api.call("POST", "/v1/alert-rules", { key, body }),
      404,
      "pool_not_found",
      "pool",
    );
  });

  it("past 200 rules: 422 alert_rule_count_exceeded", async (t) => {
    const { api, team, key } = await world(t);
    for (let index = 0; index < limits.alertRulesPerOrganizationMax; index += 1)
      await api.ok("POST", "/v1/alert-rules", { key, body: { pool: team, metric: "forecast" } });
    const answer = await api.call("POST", "/v1/alert-rules", {
      key,
      body: { pool: team, metric: "forecast" },
    });
    expectError(answer, 422, "alert_rule_count_exceeded");
  });

  it("PATCH changes thresholds and enabled; thresholds in the wrong field name it", async (t) => {
    const { api, team, key } = await world(t);
    const made = await api.ok("POST", "/v1/alert-rules", {
      key,
      body: { pool: team, metric: "balance", below: ["5"] },
    });
    const path = `/v1/alert-rules/${text(made, "id")}`;
    const changed = await api.ok("PATCH", path, { key, body: { below: ["7"], enabled: false } });
    assert.deepEqual([at(changed, "below"), at(changed, "enabled")], [["7"], false]);
    const wrong = await api.call("PATCH", path, { key, body: { thresholds: [50] } });
    expectError(wrong, 400, "invalid_request", "thresholds");
    const window = await api.call("PATCH", path, { key, body: { window_hours: 5 } });
    expectError(window, 400, "invalid_request", "window_hours");
  });

  it("DELETE removes the rule and keeps its alerts", async (t) => {
    const { api, org, team, key } = await world(t);
    const alert = await raisedAlert(api, org, team);
    const rule = text(await api.ok("GET", `/v1/alerts/${alert}`, { key }), "rule");
    await api.ok("DELETE", `/v1/alert-rules/${rule}`, { key });
    expectError(
      await api.call("GET", `/v1/alert-rules/${rule}`, { key }),
      404,
      "alert_rule_not_found",
      "id",
    );
    assert.equal(text(await api.ok("GET", `/v1/alerts/${alert}`, { key }), "status"), "open");
  });
});

describe("alerts over HTTP", () => {
  it("an alert shows its rule, pool, threshold, figure and period", async (t) => {
    const { api, org, team, key } = await world(t);
    const alert = await api.ok("GET", `/v1/alerts/${await raisedAlert(api, org, team)}`, { key });
    assert.deepEqual(
      ["pool", "metric", "unit", "threshold", "observed", "status", "forecast"].map((field) =>
        at(alert, field),
      ),
      [team, "balance", "credits", "1000000000", "0", "open", null],
    );
    assert.equal(at(alert, "period.start"), "2026-11-01T00:00:00.000Z");
  });

  it("acknowledge: acknowledged by the key; a replay answers the first answer", async (t) => {
    const { api, org, team, key } = await world(t);
    const alert = await raisedAlert(api, org, team);
    const headers = { "idempotency-key": "ack-1" };
    const path = `/v1/alerts/${alert}/acknowledge`;
    const first = await api.call("POST", path, { key, headers });
    assert.equal(at(first.body, "status"), "acknowledged");
    assert.match(String(at(first.body, "acknowledged_by")), /^key_/);
    const again = await api.call("POST", path, { key, headers });
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(again.body, first.body);
    const other = await api.call("POST", `/v1/alerts/${alert}/resolve`, { key, headers });
    expectError(other, 409, "idempotency_key_reused", "Idempotency-Key");
  });

  it("resolve: by the key, told as alert.resolved; acknowledged later, unchanged", async (t) => {
    const { api, org, team, key } = await world(t);
    const alert = await raisedAlert(api, org, team);
    const resolved = await api.ok("POST", `/v1/alerts/${alert}/resolve`, { key });
    assert.equal(at(resolved, "status"), "resolved");
    const acknowledged = await api.ok("POST", `/v1/alerts/${alert}/acknowledge`, { key });
    assert.deepEqual(acknowledged, resolved);
    const events = await api.store.listEvents(org.organizationId, { afterSequence: 0, limit: 50 });
    const told = events.filter((event) => event.type.startsWith("alert."));
    assert.deepEqual(
      told.map((event) => [event.type, JSON.parse(event.data).alert]),
      [
        ["alert.raised", alert],
        ["alert.resolved", alert],
      ],
    );
  });

  it("lists filter by status, pool and rule", async (t) => {
    const { api, org, team, key } = await world(t);
    const first = await raisedAlert(api, org, team);
    // Ids order alerts by time to the millisecond only.
    api.clock.advance(1_000);
    const second = await raisedAlert(api, org, org.rootPoolId);
    await api.ok("POST", `/v1/alerts/${first}/resolve`, { key });
    const list = async (query: string) => ids(await api.ok("GET", `/v1/alerts?${query}`, { key }));
    assert.deepEqual(await list("status=resolved"), [first]);
    assert.deepEqual(await list("status=open"), [second]);
    assert.deepEqual(await list(`pool=${team}`), [first]);
    const rule = text(await api.ok("GET", `/v1/alerts/${second}`, { key }), "rule");
    assert.deepEqual(await list(`rule=${rule}`), [second]);
    assert.deepEqual(await list("limit=1"), [second], "newest first");
  });

  it("a key bound to a pool sees only its subtree's rules and alerts", async (t) => {
    const { api, org, team } = await world(t);
    const inside = await raisedAlert(api, org, team);
    const outside = await raisedAlert(api, org, org.rootPoolId);
    const bound = await api.keyFor(org, "admin", { pool: team });
    assert.deepEqual(ids(await api.ok("GET", "/v1/alerts", { key: bound })), [inside]);
    assert.equal(
      ((await api.ok("GET", "/v1/alert-rules", { key: bound })) as { data: unknown[] }).data.length,
      1,
    );
    expectError(
      await api.call("POST", `/v1/alerts/${outside}/resolve`, { key: bound }),
      404,
      "alert_not_found",
      "id",
    );
  });
});

function kinds(): StoreKind[] {
  const url = testDatabaseUrl();
  return url === undefined ? [sqliteKind()] : [sqliteKind(), postgresKind(url)];
}

for (const kind of kinds()) {
  describe(`two evaluators on one database raise each alert once (${kind.name})`, () => {
    after(() => kind.cleanup());

    it("both at once, round after round: three crossings, three alerts, three events", async () => {
      const clock = new TestClock();
      const first = testNode(await kind.open(), clock, 501);
      const sibling = await kind.openSibling?.();
      assert.ok(sibling !== undefined);
      const second = testNode(sibling, clock, 601);
      try {
        const made = await first.services.organizations.create(operator, "Two", "org", () => ({}));
        assert.ok("made" in made);
        const { id: organizationId, rootPoolId } = made.made.organization;
        const owner: Principal = {
          keyId: "key_owner",
          organizationId,
          role: "owner",
          poolId: null,
          memberId: null,
        };
        // A pool with no credits: available 0 is at or below every amount.
        const input = {
          pool: rootPoolId,
          metric: "balance" as const,
          thresholds: [1_000_000n, 5_000_000n, 9_000_000n],
          windowHours: null,
          smallAtMost: null,
          enabled: true,
        };
        await first.services.alerts.createRule(owner, input, "rule", () => ({}));
        for (let round = 0; round < 5; round += 1)
          await Promise.all([
            first.services.alertEvaluator.evaluate(organizationId),
            second.services.alertEvaluator.evaluate(organizationId),
            first.services.alertEvaluator.evaluateAll(),
            second.services.alertEvaluator.evaluateAll(),
          ]);
        const alerts = await first.store.listAlerts(organizationId, {}, { limit: 100 });
        assert.deepEqual(alerts.map((alert) => alert.threshold).sort(), [
          1_000_000n,
          5_000_000n,
          9_000_000n,
        ]);
        const events = await first.store.listEvents(organizationId, {
          afterSequence: 0,
          limit: 100,
        });
        assert.equal(events.filter((event) => event.type === "alert.raised").length, 3);
      } finally {
        for (const node of [first, second]) {
          await node.close();
          await node.store.close();
        }
      }
    });
  });
}

describe("an alert reaches a webhook receiver", () => {
  it("as a signed alert.raised event, with the alert's figures", async (t) => {
    const bodies: string[] = [];
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      request.on("end", () => {
        bodies.push(body);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const { api, org, team } = await world(t);
    // The wall clock: a delivery is due by the time it was made.
    const clock = () => Date.now();
    const services = createServices({
      engine: api.engine,
      store: api.store,
      clock,
      ids: ulidIdSource(clock, seededRandomFill(31)),
      fillRandom: seededRandomFill(32),
      webhooks: { allowPrivate: true, post: httpWebhookPost(true, 2_000) },
    });
    const owner: Principal = {
      keyId: "key_owner",
      organizationId: org.organizationId,
      role: "owner",
      poolId: null,
      memberId: null,
    };
    // Made by services that may deliver to this machine, as the API's may not.
    await services.webhooks.create(
      owner,
      {
        url: `http://127.0.0.1:${port}/hooks`,
        eventTypes: ["alert.raised"],
        description: "",
        enabled: true,
      },
      "alerts-endpoint",
      (endpoint) => endpoint,
    );
    const alert = await raisedAlert(api, org, team);
    for (let pass = 0; pass < 20 && bodies.length === 0; pass += 1) {
      await services.webhooks.dispatchAll();
      await services.webhookSender.sendDue();
      await services.webhookSender.settle();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(bodies.length, 1);
    const delivered = JSON.parse(bodies[0] ?? "{}");
    assert.equal(delivered.type, "alert.raised");
    assert.deepEqual(
      [delivered.data.alert, delivered.data.pool, delivered.data.metric, delivered.data.status],
      [alert, team, "balance", "open"],
    );
  });
});
