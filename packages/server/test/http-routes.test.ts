/**
 * Every route of the HTTP API through `app.request`, one outcome per test: the success shape and
 * status, each error the route documents, idempotent replays, paging, and what a key bound to a
 * pool can reach. The organization routes run on the memory store and on SQLite.
 */
import assert from "node:assert/strict";
import { after, before, describe, it, type TestContext } from "node:test";
import { limits } from "@creditpool/core";
import {
  type Answer,
  type ApiHarness,
  apiHarness,
  at,
  expectError,
  ids,
  type Method,
  type OrganizationFixture,
  type StoreName,
  storeNames,
  text,
} from "./support/api.ts";
import {
  finalizedInvoice,
  pastPeriodMs,
  publishOperatorPlans,
  subscribe,
  teamPlan,
  teamPlusPlan,
} from "./support/billing-world.ts";
import { start } from "./support/ledger.ts";

/** Well-formed ids that name nothing. */
const unknown = {
  pool: "pool_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  grant: "grant_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  hold: "hold_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  member: "mem_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  key: "key_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  subscription: "sub_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  invoice: "inv_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
  recurringGrant: "rgr_01JD2Z8Y3K4M5N6P7Q8R9S0T1V",
};

/** Every operation of the API, as /openapi.json names them. */
const operations = [
  "DELETE /v1/alert-rules/{id}",
  "DELETE /v1/keys/{id}",
  "DELETE /v1/pools/{id}/boost",
  "DELETE /v1/routing-policies/{id}",
  "DELETE /v1/subscriptions/{id}/assignments/{member}",
  "DELETE /v1/upstreams/{id}",
  "DELETE /v1/webhook-endpoints/{id}",
  "GET /v1/alert-rules",
  "GET /v1/alert-rules/{id}",
  "GET /v1/alerts",
  "GET /v1/alerts/{id}",
  "GET /v1/approvals",
  "GET /v1/approvals/{id}",
  "GET /v1/audit-records",
  "GET /v1/audit-records/export",
  "GET /v1/decisions",
  "GET /v1/decisions/{id}",
  "GET /v1/events",
  "GET /v1/events/{id}",
  "GET /v1/gateway-calls",
  "GET /v1/gateway-calls/{id}",
  "GET /v1/grants",
  "GET /v1/grants/{id}",
  "GET /v1/holds/{id}",
  "GET /v1/invoices",
  "GET /v1/invoices/{id}",
  "GET /v1/invoices/{id}/html",
  "GET /v1/keys",
  "GET /v1/members",
  "GET /v1/members/{id}",
  "GET /v1/organization",
  "GET /v1/plans",
  "GET /v1/plans/{id}",
  "GET /v1/pools",
  "GET /v1/pools/{id}",
  "GET /v1/rate-cards",
  "GET /v1/recurring-grants",
  "GET /v1/recurring-grants/{id}",
  "GET /v1/reports/buyers-math",
  "GET /v1/reports/chargeback",
  "GET /v1/reports/forecast",
  "GET /v1/reports/margin",
  "GET /v1/reports/pooling",
  "GET /v1/reports/revenue",
  "GET /v1/reports/top-consumers",
  "GET /v1/reports/usage",
  "GET /v1/routing-policies",
  "GET /v1/routing-policies/{id}",
  "GET /v1/subscriptions",
  "GET /v1/subscriptions/{id}",
  "GET /v1/subscriptions/{id}/assignments",
  "GET /v1/test-clocks",
  "GET /v1/test-clocks/{id}",
  "GET /v1/transfers",
  "GET /v1/upstreams",
  "GET /v1/upstreams/{id}",
  "GET /v1/webhook-endpoints",
  "GET /v1/webhook-endpoints/{id}",
  "GET /v1/webhook-endpoints/{id}/deliveries",
  "PATCH /v1/alert-rules/{id}",
  "PATCH /v1/pools/{id}",
  "PATCH /v1/routing-policies/{id}",
  "PATCH /v1/upstreams/{id}",
  "PATCH /v1/webhook-endpoints/{id}",
  "POST /v1/alert-rules",
  "POST /v1/alerts/{id}/acknowledge",
  "POST /v1/alerts/{id}/resolve",
  "POST /v1/approvals/{id}/approve",
  "POST /v1/approvals/{id}/deny",
  "POST /v1/events/{id}/replay",
  "POST /v1/grants",
  "POST /v1/grants/{id}/expiry",
  "POST /v1/grants/{id}/reallocate",
  "POST /v1/grants/{id}/undo-reallocation",
  "POST /v1/grants/{id}/void",
  "POST /v1/holds",
  "POST /v1/holds/{id}/capture",
  "POST /v1/holds/{id}/release",
  "POST /v1/invoices/{id}/pay",
  "POST /v1/invoices/{id}/void",
  "POST /v1/keys",
  "POST /v1/members",
  "POST /v1/organizations",
  "POST /v1/plans",
  "POST /v1/pools",
  "POST /v1/pools/{id}/archive",
  "POST /v1/pools/{id}/boost",
  "POST /v1/quotes",
  "POST /v1/rate-cards",
  "POST /v1/recurring-grants",
  "POST /v1/recurring-grants/{id}/cancel",
  "POST /v1/routing-policies",
  "POST /v1/subscriptions",
  "POST /v1/subscriptions/{id}/assignments",
  "POST /v1/subscriptions/{id}/auto-top-up",
  "POST /v1/subscriptions/{id}/cancel",
  "POST /v1/subscriptions/{id}/plan",
  "POST /v1/subscriptions/{id}/resume",
  "POST /v1/subscriptions/{id}/seats",
  "POST /v1/test-clocks",
  "POST /v1/test-clocks/{id}/advance",
  "POST /v1/top-ups",
  "POST /v1/upstreams",
  "POST /v1/usage",
  "POST /v1/webhook-deliveries/{id}/retry",
  "POST /v1/webhook-endpoints",
  "POST /v1/webhook-endpoints/{id}/rotate-secret",
  "POST /v1/webhook-endpoints/{id}/test",
];

const startIso = new Date(start).toISOString();

/** A request as "METHOD /path" and an optional JSON body. */
type Call = readonly [spec: string, body?: unknown];

interface World {
  readonly api: ApiHarness;
  readonly org: OrganizationFixture;
  /** The owner key. */
  readonly key: string;
  send(
    request: Call,
    options?: { key?: string; headers?: Record<string, string> },
  ): Promise<Answer>;
}

/** A fresh API with one organization, “Acme”, whose root pool has 100 credits when `funded`. */
async function world(t: TestContext, store: StoreName, funded = true): Promise<World> {
  const api = await apiHarness({ store });
  t.after(() => api.close());
  const org = await api.newOrganization("Acme");
  if (funded) await api.grant(org, org.rootPoolId, "100");
  return {
    api,
    org,
    key: org.ownerKey,
    send: ([spec, body], options = {}) => {
      const [method, path] = parse(spec);
      const key = options.key ?? org.ownerKey;
      return api.call(method, path, { key, body, headers: options.headers ?? {} });
    },
  };
}

function parse(spec: string): [Method, string] {
  const [method = "", path = ""] = spec.split(" ");
  assert.ok(["GET", "POST", "PATCH", "DELETE"].includes(method), spec);
  return [method as Method, path];
}

const idempotent = (key: string) => ({ "idempotency-key": key });
const fields = (body: unknown, names: string[]) => names.map((name) => at(body, name));

describe("authentication", () => {
  let api: ApiHarness;
  let revoked = "";
  before(async () => {
    api = await apiHarness();
    const org = await api.newOrganization("Acme");
    revoked = await api.keyFor(org, "admin");
    await api.ok("DELETE", `/v1/keys/${await keyIdOf(api, org, revoked)}`, { key: org.ownerKey });
  });
  after(() => api.close());

  it("the table below names every operation of /openapi.json", async () => {
    assert.deepEqual(await api.operations(), operations);
  });

  const keys = [
    ["without a key", () => undefined],
    ["with an unknown key", () => "cpk_00000000000000000000000000000000"],
    ["with a revoked key", () => revoked],
  ] as const;
  for (const operation of operations) {
    const [method, template] = parse(operation);
    const path = template.replace("{id}", "x_01JD2Z8Y3K4M5N6P7Q8R9S0T1V");
    const body = method === "POST" || method === "PATCH" ? {} : undefined;
    for (const [how, key] of keys) {
      it(`${operation} ${how} answers 401 unauthenticated`, async () => {
        expectError(await api.call(method, path, { key: key(), body }), 401, "unauthenticated");
      });
    }
  }

  it("an Authorization header that is not Bearer answers 401 unauthenticated", async () => {
    const headers = { authorization: "Basic YWxhZGRpbjpvcGVuc2VzYW1l" };
    expectError(await api.call("GET", "/v1/organization", { headers }), 401, "unauthenticated");
  });

  it("the operator key may not use an organization's routes: 403", async () => {
    const answer = await api.call("GET", "/v1/organization", { key: api.operatorKey });
    expectError(answer, 403, "permission_denied");
  });

  it("an organization's key may not create organizations: 403, none created", async () => {
    const org = await api.newOrganization("Other");
    const count = (await api.store.listOrganizationIds()).length;
    const body = { name: "X" };
    const answer = await api.call("POST", "/v1/organizations", { key: org.ownerKey, body });
    expectError(answer, 403, "permission_denied");
    assert.equal((await api.store.listOrganizationIds()).length, count);
  });
});

describe("service routes", () => {
  let api: ApiHarness;
  before(async () => {
    api = await apiHarness();
  });
  after(() => api.close());

  it("GET /healthz answers 200 ok without a key", async () => {
    const answer = await api.call("GET", "/healthz");
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { status: "ok", version: "0.1.0" });
  });

  it("GET /metrics counts requests by route and holds by result code", async () => {
    const org = await api.newOrganization("Metered");
    await api.grant(org, org.rootPoolId, "1");
    await api.hold(org, org.rootPoolId, "1");
    const body = { pool: org.rootPoolId, amount: "5" };
    await api.ok("POST", "/v1/holds", { key: org.ownerKey, body });
    const answer = await api.call("GET", "/metrics");
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get("content-type") ?? "", /^text\/plain/);
    const metrics = String(answer.body);
    assert.match(metrics, /creditpool_holds_total\{code="ok"\} 1\n/);
    assert.match(metrics, /creditpool_holds_total\{code="insufficient_credits"\} 1\n/);
    const requests =
      'creditpool_http_requests_total{method="POST",route="/v1/holds",status="200"} 2';
    assert.ok(metrics.includes(`${requests}\n`), metrics);
  });

  it("GET /openapi.json answers an OpenAPI 3.1 document", async () => {
    const answer = await api.call("GET", "/openapi.json");
    assert.equal(answer.status, 200);
    assert.deepEqual(fields(answer.body, ["openapi", "info.title"]), ["3.1.0", "creditpool"]);
    assert.equal(at(answer.body, "components.securitySchemes.bearerAuth.scheme"), "bearer");
  });

  it("GET /docs answers the API reference page over /openapi.json", async () => {
    const answer = await api.call("GET", "/docs");
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(String(answer.body), /url: "\/openapi\.json"/);
  });

  for (const [asset, type] of [
    ["swagger-ui.css", /^text\/css/],
    ["swagger-ui-bundle.js", /^text\/javascript/],
  ] as const) {
    it(`GET /docs/${asset} answers the asset the page loads`, async () => {
      const page = await api.call("GET", "/docs");
      assert.ok(String(page.body).includes(`"/docs/${asset}"`));
      const answer = await api.call("GET", `/docs/${asset}`);
      assert.equal(answer.status, 200);
      assert.match(answer.headers.get("content-type") ?? "", type);
      assert.ok(String(answer.body).length > 10_000);
    });
  }

  it("an unknown route answers 404 route_not_found", async () => {
    expectError(await api.call("GET", "/v2/pools"), 404, "route_not_found");
  });

  it("GET /v1/organizations is not a route: organizations are not listed", async () => {
    const answer = await api.call("GET", "/v1/organizations", { key: api.operatorKey });
    expectError(answer, 404, "route_not_found");
  });
});

for (const store of storeNames) {
  describe(`success answers (${store})`, () => {
    it("POST /v1/organizations answers 201 with the organization and an owner key", async (t) => {
      const { api } = await world(t, store, false);
      const answer = await api.call("POST", "/v1/organizations", {
        key: api.operatorKey,
        body: { name: "Globex" },
      });
      assert.equal(answer.status, 201);
      const organization = text(answer.body, "organization.id");
      const secret = text(answer.body, "owner_key.secret");
      assert.match(organization, /^org_[0-9A-Z]{26}$/);
      assert.match(text(answer.body, "organization.root_pool"), /^pool_[0-9A-Z]{26}$/);
      assert.deepEqual(
        fields(answer.body, ["organization.name", "organization.created_at", "owner_key.role"]),
        ["Globex", startIso, "owner"],
      );
      assert.match(secret, /^cpk_[0-9A-Za-z]{32}$/);
      const read = await api.ok("GET", "/v1/organization", { key: secret });
      assert.equal(at(read, "id"), organization);
    });

    it("GET /v1/organization answers the key's organization, its root pool and the key", async (t) => {
      const w = await world(t, store, false);
      const answer = await w.send(["GET /v1/organization"]);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, {
        id: w.org.organizationId,
        object: "organization",
        name: "Acme",
        root_pool: w.org.rootPoolId,
        created_at: startIso,
        key: { id: text(answer.body, "key.id"), role: "owner", pool: null, member: null },
      });
      assert.match(text(answer.body, "key.id"), /^key_[0-9A-Z]{26}$/);
    });

    it("GET /v1/organization tells a key bound to a pool its role and pool", async (t) => {
      const w = await world(t, store, false);
      const pool = await w.api.ok("POST", "/v1/pools", {
        key: w.org.ownerKey,
        body: { parent: w.org.rootPoolId, name: "Team" },
      });
      const made = await w.api.ok("POST", "/v1/keys", {
        key: w.org.ownerKey,
        body: { name: "lead", role: "pool_admin", pool: at(pool, "id") },
      });
      const read = await w.api.ok("GET", "/v1/organization", { key: text(made, "secret") });
      assert.deepEqual(at(read, "key"), {
        id: at(made, "id"),
        role: "pool_admin",
        pool: at(pool, "id"),
        member: null,
      });
    });

    it("POST /v1/pools answers 201 with the new pool and its balances", async (t) => {
      const w = await world(t, store);
      const limit = { amount: "40", kind: "hard", period: "month" };
      const body = { parent: w.org.rootPoolId, name: "Research", limit };
      const answer = await w.send(["POST /v1/pools", body]);
      assert.equal(answer.status, 201);
      assert.deepEqual(answer.body, {
        id: text(answer.body, "id"),
        object: "pool",
        ...body,
        draws_from_parent: true,
        overage_limit: null,
        reserved: null,
        member_cap: null,
        key_cap: null,
        rate_limits: [],
        allowed_models: null,
        soft_throttle: null,
        approval_above: null,
        available: "40",
        held: "0",
        consumed_this_period: "0",
        granted: "0",
        debt: "0",
        overage_used_this_period: "0",
        created_at: startIso,
        archived_at: null,
        boost: null,
      });
    });

    it("GET /v1/pools lists every pool, by id", async (t) => {
      const w = await world(t, store);
      const team = await w.api.pool(w.org, w.org.rootPoolId);
      const made = [w.org.rootPoolId, team, await w.api.pool(w.org, team)];
      const answer = await w.send(["GET /v1/pools"]);
      assert.equal(answer.status, 200);
      assert.deepEqual(ids(answer.body), [...made].sort());
      assert.deepEqual(fields(answer.body, ["object", "has_more"]), ["list", false]);
    });

    it("GET /v1/pools/{id} answers the pool's balances as of now", async (t) => {
      const w = await world(t, store);
      await w.api.hold(w.org, w.org.rootPoolId, "30");
      const answer = await w.send([`GET /v1/pools/${w.org.rootPoolId}`]);
      assert.equal(answer.status, 200);
      assert.deepEqual(
        fields(answer.body, ["available", "held", "consumed_this_period", "granted"]),
        ["70", "30", "0", "70"],
      );
    });

    it("PATCH /v1/pools/{id} renames a pool and sets its limit from now on", async (t) => {
      const w = await world(t, store);
      const pool = await w.api.pool(w.org, w.org.rootPoolId);
      const limit = { amount: "10", kind: "hard", period: "day" };
      const answer = await w.send([`PATCH /v1/pools/${pool}`, { name: "Renamed", limit }]);
      assert.equal(answer.status, 200);
      assert.deepEqual(fields(answer.body, ["name", "limit", "available", "parent"]), [
        "Renamed",
        limit,
        "10",
        w.org.rootPoolId,
      ]);
    });

    it("POST /v1/grants answers 201 with an active grant and journals it", async (t) => {
      const w = await world(t, store, false);
      const body = { pool: w.org.rootPoolId, amount: "250.5", source: "plan", cost_basis: "0.01" };
      const answer = await w.send(["POST /v1/grants", body]);
      assert.equal(answer.status, 201);
      const id = text(answer.body, "id");
      assert.deepEqual(answer.body, {
        id,
        object: "grant",
        ...body,
        remaining: "250.5",
        held: "0",
        priority: limits.grantPriorityDefault,
        effective_at: startIso,
        expires_at: null,
        rollover: null,
        reallocated_from: null,
        status: "active",
        created_at: startIso,
      });
      const journal = await w.api.journal(w.org.organizationId);
      assert.deepEqual(
        journal.map((transfer) => [transfer.kind, transfer.amount, transfer.grantId]),
        [["grant", 250_500_000n, id]],
      );
    });

    it("POST /v1/grants effective later answers a scheduled grant", async (t) => {
      const w = await world(t, store, false);
      const effective = "2026-12-01T00:00:00Z";
      const body = { pool: w.org.rootPoolId, amount: "5", source: "seat", effective_at: effective };
      const answer = await w.send(["POST /v1/grants", body]);
      assert.equal(answer.status, 201);
      assert.deepEqual(fields(answer.body, ["status", "effective_at"]), [
        "scheduled",
        "2026-12-01T00:00:00.000Z",
      ]);
    });

    it("GET /v1/grants lists grants by id", async (t) => {
      const w = await world(t, store, false);
      const pool = await w.api.pool(w.org, w.org.rootPoolId);
      const made = [
        await w.api.grant(w.org, w.org.rootPoolId, "1"),
        await w.api.grant(w.org, pool, "2"),
      ];
      const answer = await w.send(["GET /v1/grants"]);
      assert.equal(answer.status, 200);
      assert.deepEqual(ids(answer.body), [...made].sort());
      assert.equal(at(answer.body, "has_more"), false);
    });

    it("GET /v1/grants?pool= lists only that pool's grants", async (t) => {
      const w = await world(t, store);
      const pool = await w.api.pool(w.org, w.org.rootPoolId);
      const inPool = await w.api.grant(w.org, pool, "2");
      const answer = await w.send([`GET /v1/grants?pool=${pool}`]);
      assert.equal(answer.status, 200);
      assert.deepEqual(ids(answer.body), [inPool]);
    });

    it("GET /v1/grants/{id} answers the grant as of now: expired past expires_at", async (t) => {
      const w = await world(t, store, false);
      const expires = "2026-11-02T10:00:00Z";
      const body = {
        pool: w.org.rootPoolId,
        amount: "5",
        source: "promotion",
        expires_at: expires,
      };
      const grant = text((await w.send(["POST /v1/grants", body])).body, "id");
      w.api.clock.advance(2 * 3_600_000);
      const answer = await w.send([`GET /v1/grants/${grant}`]);
      assert.equal(answer.status, 200);
      assert.deepEqual(fields(answer.body, ["status", "remaining", "expires_at"]), [
        "expired",
        "0",
        "2026-11-02T10:00:00.000Z",
      ]);
    });

    it("GET /v1/grants/{id} answers the grant as of now: a hold past its TTL holds nothing", {}, async (t) => {
      const w = await world(t, store, false);
      const grant = await w.api.grant(w.org, w.org.rootPoolId, "100");
      await w.api.hold(w.org, w.org.rootPoolId, "5", 60);
      w.api.clock.advance(61_000);
      const pool = await w.send([`GET /v1/pools/${w.org.rootPoolId}`]);
      assert.deepEqual(fields(pool.body, ["held", "granted"]), ["0", "100"]);
      const answer = await w.send([`GET /v1/grants/${grant}`]);
      assert.deepEqual(fields(answer.body, ["remaining", "held"]), ["100", "0"]);
    });

    it("POST /v1/grants/{id}/void forfeits the unheld remainder", async (t) => {
      const w = await world(t, store, false);
      const grant = await w.api.grant(w.org, w.org.rootPoolId, "100");
      await w.api.hold(w.org, w.org.rootPoolId, "30");
      const answer = await w.send([`POST /v1/grants/${grant}/void`, {}]);
      assert.equal(answer.status, 200);
      assert.deepEqual(fields(answer.body, ["status", "remaining", "held"]), ["voided", "0", "30"]);
      const last = (await w.api.journal(w.org.organizationId)).at(-1);
      assert.deepEqual([last?.kind, last?.amount, last?.grantId], ["void", 70_000_000n, grant]);
    });

    it("POST /v1/recurring-grants answers 201 and issues the first period at once", async (t) => {
      const w = await world(t, store, false);
      const body = { pool: w.org.rootPoolId, amount: "50", source: "promotion", interval: "month" };
      const answer = await w.send(["POST /v1/recurring-grants", body]);
      assert.equal(answer.status, 201);
      const [grant] = at(answer.body, "grants") as string[];
      assert.deepEqual(fields(answer.body, ["object", "status", "periods_issued", "anchor_at"]), [
        "recurring_grant",
        "active",
        1,
        startIso,
      ]);
      const issued = await w.send([`GET /v1/grants/${grant}`]);
      assert.deepEqual(fields(issued.body, ["amount", "source", "expires_at"]), [
        "50",
        "promotion",
        null,
      ]);
    });

    it("GET /v1/recurring-grants lists them by id", async (t) => {
      const w = await world(t, store, false);
      const body = { pool: w.org.rootPoolId, amount: "5", source: "promotion", interval: "year" };
      const made = [];
      for (let count = 0; count < 2; count += 1)
        made.push(text((await w.send(["POST /v1/recurring-grants", body])).body, "id"));
      const answer = await w.send(["GET /v1/recurring-grants"]);
      assert.equal(answer.status, 200);
      assert.deepEqual(ids(answer.body), made.sort());
    });

    it("GET /v1/recurring-grants/{id} issues what came due and names its grants", async (t) => {
      const w = await world(t, store, false);
      const body = { pool: w.org.rootPoolId, amount: "5", source: "promotion", interval: "month" };
      const id = text((await w.send(["POST /v1/recurring-grants", body])).body, "id");
      w.api.clock.advance(40 * 86_400_000);
      const answer = await w.send([`GET /v1/recurring-grants/${id}`]);
      assert.equal(answer.status, 200);
      assert.equal(at(answer.body, "periods_issued"), 2);
      assert.equal((at(answer.body, "grants") as string[]).length, 2);
      const pool = await w.send([`GET /v1/pools/${w.org.rootPoolId}`]);
      assert.equal(at(pool.body, "available"), "10");
    });

    it("POST /v1/recurring-grants/{id}/cancel stops it and keeps its grants", async (t) => {
      const w = await world(t, store, false);
      const body = { pool: w.org.rootPoolId, amount: "5", source: "promotion", interval: "month" };
      const id = text((await w.send(["POST /v1/recurring-grants", body])).body, "id");
      const answer = await w.send([`POST /v1/recurring-grants/${id}/cancel`]);
      assert.equal(answer.status, 200);
      assert.deepEqual(fields(answer.body, ["status", "next_issue_at", "periods_issued"]), [
        "canceled",
        null,
        1,
      ]);
      w.api.clock.advance(40 * 86_400_000);
      const pool = await w.send([`GET /v1/pools/${w.org.rootPoolId}`]);
      assert.equal(at(pool.body, "available"), "5");
    });

    it("POST /v1/holds answers 200 allowed with the hold", async (t) => {
      const w = await world(t, store);
      const body = { pool: w.org.rootPoolId, amount: 12.5, ttl_seconds: 60 };
      const answer = await w.send(["POST /v1/holds", body]);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, {
        allowed: true,
        hold: {
          id: text(answer.body, "hold.id"),
          object: "hold",
          pool: w.org.rootPoolId,
          member: null,
          amount: "12.5",
          status: "held",
          captured: null,
          rate_card_version: null,
          expires_at: new Date(start + 60_000).toISOString(),
          created_at: startIso,
        },
      });
      const pool = await w.send([`GET /v1/pools/${w.org.rootPoolId}`]);
      assert.equal(at(pool.body, "held"), "12.5");
    });

    it("POST /v1/holds without Idempotency-Key answers the key the server made", async (t) => {
      const w = await world(t, store);
      const answer = await w.send(["POST /v1/holds", { pool: w.org.rootPoolId, amount: "1" }]);
      assert.match(answer.headers.get("idempotency-key") ?? "", /^srv_[0-9A-Z]{26}$/);
    });

    it("GET /v1/holds/{id} answers the hold", async (t) => {
      const w = await world(t, store);
      const hold = await w.api.hold(w.org, w.org.rootPoolId, "5");
      const answer = await w.send([`GET /v1/holds/${hold}`]);
      assert.equal(answer.status, 200);
      assert.deepEqual(fields(answer.body, ["id", "status", "amount"]), [hold, "held", "5"]);
    });

    it("GET /v1/holds/{id} past its TTL answers expired before any sweep", async (t) => {
      const w = await world(t, store);
      const hold = await w.api.hold(w.org, w.org.rootPoolId, "5", 30);
      w.api.clock.advance(30_000);
      const answer = await w.send([`GET /v1/holds/${hold}`]);
      assert.equal(answer.status, 200);
      assert.equal(at(answer.body, "status"), "expired");
    });

    it("POST /v1/holds/{id}/capture settles the hold and returns the rest", async (t) => {
      const w = await world(t, store);
      const hold = await w.api.hold(w.org, w.org.rootPoolId, "5");
      const answer = await w.send([`POST /v1/holds/${hold}/capture`, { amount: "3.25" }]);
      assert.equal(answer.status, 200);
      assert.deepEqual(fields(answer.body, ["status", "captured", "amount"]), [
        "captured",
        "3.25",
        "5",
      ]);
      const pool = await w.send([`GET /v1/pools/${w.org.rootPoolId}`]);
      assert.deepEqual(fields(pool.body, ["held", "consumed_this_period", "available"]), [
        "0",
        "3.25",
        "96.75",
      ]);
    });

    it("POST /v1/holds/{id}/capture above the hold records the excess as usage", async (t) => {
      const w = await world(t, store);
      const hold = await w.api.hold(w.org, w.org.rootPoolId, "5");
      const answer = await w.send([`POST /v1/holds/${hold}/capture`, { amount: "7" }]);
      assert.equal(answer.status, 200);
      const journal = await w.api.journal(w.org.organizationId);
      assert.deepEqual(
        journal.slice(-2).map((transfer) => [transfer.kind, transfer.amount]),
        [
          ["capture", 5_000_000n],
          ["usage", 2_000_000n],
        ],
      );
    });

    for (const body of [{}, undefined]) {
      it(`POST /v1/holds/{id}/release ${body ? "with {}" : "without a body"} returns the credits`, async (t) => {
        const w = await world(t, store);
        const hold = await w.api.hold(w.org, w.org.rootPoolId, "5");
        const answer = await w.send([`POST /v1/holds/${hold}/release`, body]);
        assert.equal(answer.status, 200);
        assert.deepEqual(fields(answer.body, ["status", "captured"]), ["released", null]);
        const pool = await w.send([`GET /v1/pools/${w.org.rootPoolId}`]);
        assert.deepEqual(fields(pool.body, ["held", "available"]), ["0", "100"]);
      });
    }

    it("POST /v1/usage records every event and debits the pool", async (t) => {
      const w = await world(t, store);
      const pool = w.org.rootPoolId;
      const events = [
        { id: "evt-1", pool, amount: "2" },
        { id: "evt-2", pool, amount: 0.5, time: "2026-11-02T08:00:00Z" },
      ];
      const answer = await w.send(["POST /v1/usage", { events }]);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, {
        object: "list",
        data: [
          { id: "evt-1", status: "recorded", code: "ok" },
          { id: "evt-2", status: "recorded", code: "ok" },
        ],
      });
      const read = await w.send([`GET /v1/pools/${pool}`]);
      assert.equal(at(read.body, "consumed_this_period"), "2.5");
    });

    it("GET /v1/transfers answers the journal in sequence order", async (t) => {
      const w = await world(t, store, false);
      const grant = await w.api.grant(w.org, w.org.rootPoolId, "100");
      const team = await w.api.pool(w.org, w.org.rootPoolId);
      const hold = await w.api.hold(w.org, team, "5");
      await w.send([`POST /v1/holds/${hold}/capture`, { amount: "2" }]);
      const answer = await w.send(["GET /v1/transfers"]);
      assert.equal(answer.status, 200);
      const data = at(answer.body, "data") as unknown[];
      assert.deepEqual(
        data.map((row) => fields(row, ["sequence", "kind", "amount", "pool"])),
        [
          [1, "grant", "100", w.org.rootPoolId],
          [2, "hold", "5", team],
          [3, "capture", "2", team],
          [4, "release", "3", team],
        ],
      );
      assert.deepEqual(data[1], {
        id: text(data[1], "id"),
        object: "transfer",
        sequence: 2,
        kind: "hold",
        debit_account: `grant:${grant}`,
        credit_account: `hold:${hold}`,
        amount: "5",
        pool: team,
        grant,
        hold,
        rate_card_version: null,
        at: startIso,
      });
    });

    for (const filter of ["pool", "grant", "hold"] as const) {
      it(`GET /v1/transfers?${filter}= answers only that ${filter}'s transfers`, async (t) => {
        const w = await world(t, store, false);
        const grant = await w.api.grant(w.org, w.org.rootPoolId, "100");
        const team = await w.api.pool(w.org, w.org.rootPoolId);
        const hold = await w.api.hold(w.org, team, "5");
        await w.send([`POST /v1/holds/${hold}/release`, {}]);
        await w.api.hold(w.org, w.org.rootPoolId, "1");
        await w.api.grant(w.org, team, "1");
        const value = { pool: team, grant, hold }[filter];
        const answer = await w.send([`GET /v1/transfers?${filter}=${value}`]);
        const field = ({ pool: "poolId", grant: "grantId", hold: "holdId" } as const)[filter];
        const journal = await w.api.journal(w.org.organizationId);
        const expected = journal.filter((transfer) => transfer[field] === value);
        assert.ok(expected.length >= 2 && expected.length < journal.length);
        assert.deepEqual(
          ids(answer.body),
          expected.map((transfer) => transfer.id),
        );
      });
    }

    it("POST /v1/members answers 201 with the member", async (t) => {
      const w = await world(t, store, false);
      const body = {
        name: "Ada",
        kind: "person",
        role: "billing",
        pool: w.org.rootPoolId,
        email: "ada@example.com",
      };
      const answer = await w.send(["POST /v1/members", body]);
      assert.equal(answer.status, 201);
      const id = text(answer.body, "id");
      assert.match(id, /^mem_/);
      assert.deepEqual(answer.body, { id, object: "member", ...body, created_at: startIso });
    });

    it("POST /v1/members defaults to a person with the member role", async (t) => {
      const w = await world(t, store, false);
      const answer = await w.send(["POST /v1/members", { name: "Bo" }]);
      assert.equal(answer.status, 201);
      assert.deepEqual(fields(answer.body, ["kind", "role", "pool", "email"]), [
        "person",
        "member",
        null,
        null,
      ]);
    });

    it("GET /v1/members lists members by id", async (t) => {
      const w = await world(t, store, false);
      const made: string[] = [];
      for (const name of ["A", "B", "C"]) {
        made.push(text((await w.send(["POST /v1/members", { name }])).body, "id"));
      }
      const answer = await w.send(["GET /v1/members"]);
      assert.equal(answer.status, 200);
      assert.deepEqual(ids(answer.body), [...made].sort());
    });

    it("GET /v1/members/{id} answers the member", async (t) => {
      const w = await world(t, store, false);
      const made = await w.send(["POST /v1/members", { name: "Hal", kind: "agent" }]);
      const answer = await w.send([`GET /v1/members/${text(made.body, "id")}`]);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, made.body);
    });

    it("POST /v1/keys answers 201 with the secret, which then authenticates", async (t) => {
      const w = await world(t, store, false);
      const member = text((await w.send(["POST /v1/members", { name: "Ivy" }])).body, "id");
      const answer = await w.send(["POST /v1/keys", { name: "ci", role: "viewer", member }]);
      assert.equal(answer.status, 201);
      const secret = text(answer.body, "secret");
      assert.match(secret, /^cpk_[0-9A-Za-z]{32}$/);
      assert.deepEqual(answer.body, {
        id: text(answer.body, "id"),
        object: "key",
        name: "ci",
        prefix: secret.slice(0, 12),
        role: "viewer",
        pool: null,
        member,
        created_at: startIso,
        revoked_at: null,
        secret,
      });
      const read = await w.send(["GET /v1/organization"], { key: secret });
      assert.equal(at(read.body, "id"), w.org.organizationId);
    });

    it("GET /v1/keys lists keys without their secrets", async (t) => {
      const w = await world(t, store, false);
      await w.api.keyFor(w.org, "viewer");
      const answer = await w.send(["GET /v1/keys"]);
      assert.equal(answer.status, 200);
      const data = at(answer.body, "data") as unknown[];
      assert.deepEqual(data.map((row) => at(row, "role")).sort(), ["owner", "viewer"]);
      assert.ok(data.every((row) => at(row, "secret") === undefined));
      assert.ok(!JSON.stringify(answer.body).includes(w.key));
    });

    it("DELETE /v1/keys/{id} answers the revoked key", async (t) => {
      const w = await world(t, store, false);
      const agent = await keyIdOf(w.api, w.org, await w.api.keyFor(w.org, "agent"));
      w.api.clock.advance(1_000);
      const answer = await w.send([`DELETE /v1/keys/${agent}`]);
      assert.equal(answer.status, 200);
      assert.deepEqual(fields(answer.body, ["id", "role", "revoked_at"]), [
        agent,
        "agent",
        new Date(start + 1_000).toISOString(),
      ]);
    });

    const periodEndIso = "2026-12-02T09:00:00.000Z";
    const teamView = {
      id: "team",
      object: "plan",
      version: 1,
      scope: "operator",
      name: "Team",
      currency: "USD",
      interval: "month",
      base_price: "0",
      seat_price: "3000",
      credits_per_seat: "1000",
      seat_name: null,
      seat_tiers: [],
      credits_per_organization: "0",
      overage_price: "0",
      rollover: null,
      seat_removal: "keep",
      top_ups: [{ id: "boost", credits: "500", price: "1000" }],
      top_up_price: "2",
      commitment: null,
      created_at: startIso,
    };

    it("POST /v1/plans with the operator key answers 201 with a catalog plan; again, its next version", async (t) => {
      const { api } = await world(t, store, false);
      const first = await api.call("POST", "/v1/plans", { key: api.operatorKey, body: teamPlan });
      assert.equal(first.status, 201);
      assert.deepEqual(first.body, teamView);
      const body = { ...teamPlan, seat_price: "4000" };
      const second = await api.call("POST", "/v1/plans", { key: api.operatorKey, body });
      assert.equal(second.status, 201);
      assert.deepEqual(fields(second.body, ["id", "version", "seat_price"]), ["team", 2, "4000"]);
    });

    it("POST /v1/plans with an organization's key answers 201 with its own plan and every term", async (t) => {
      const w = await world(t, store, false);
      const body = {
        id: "team-plus",
        name: "Team plus",
        currency: "EUR",
        interval: "year",
        base_price: "120000",
        seat_price: 30000,
        credits_per_seat: 1000,
        seat_name: "Core",
        seat_tiers: [
          { id: "premium", name: "Premium", seat_price: 150000, credits_per_seat: 5000 },
        ],
        credits_per_organization: "500.5",
        overage_price: "0.40",
        rollover: { cap: { percent: 25 }, lifetime_days: 30 },
        seat_removal: "claw_back",
        top_ups: [{ id: "boost", credits: "100", price: 1000 }],
        top_up_price: "0.25",
        commitment: { minimum: "500000", discount_percent: 10 },
      };
      const answer = await w.send(["POST /v1/plans", body]);
      assert.equal(answer.status, 201);
      assert.deepEqual(answer.body, {
        ...body,
        object: "plan",
        version: 1,
        scope: "organization",
        base_price: "120000",
        seat_price: "30000",
        credits_per_seat: "1000",
        seat_tiers: [
          { id: "premium", name: "Premium", seat_price: "150000", credits_per_seat: "5000" },
        ],
        overage_price: "0.4",
        top_ups: [{ id: "boost", credits: "100", price: "1000" }],
        created_at: startIso,
      });
    });

    it("GET /v1/plans lists the latest version of each plan by id, its own before the operator's", async (t) => {
      const w = await world(t, store, false);
      const operator = (body: object) =>
        w.api.ok("POST", "/v1/plans", { key: w.api.operatorKey, body: { ...teamPlan, ...body } });
      await operator({});
      await operator({ name: "Team, version 2" });
      await operator({ id: "basic", name: "Basic" });
      for (const [id, name] of [
        ["zeta", "Zeta"],
        ["team", "Acme's team"],
      ]) {
        await w.send(["POST /v1/plans", { ...teamPlan, id, name }]);
      }
      const answer = await w.send(["GET /v1/plans"]);
      assert.equal(answer.status, 200);
      assert.deepEqual(
        (at(answer.body, "data") as unknown[]).map((plan) =>
          fields(plan, ["id", "scope", "version", "name"]),
        ),
        [
          ["basic", "operator", 1, "Basic"],
          ["team", "organization", 1, "Acme's team"],
          ["zeta", "organization", 1, "Zeta"],
        ],
      );
      assert.equal(at(answer.body, "has_more"), false);
    });

    it("GET /v1/plans/{id} answers the latest version, or the one named by version", async (t) => {
      const w = await world(t, store, false);
      await publishOperatorPlans(w.api);
      const body = { ...teamPlan, seat_price: 4000 };
      await w.api.ok("POST", "/v1/plans", { key: w.api.operatorKey, body });
      const latest = await w.send([`GET /v1/plans/${teamPlan.id}`]);
      assert.equal(latest.status, 200);
      assert.deepEqual(fields(latest.body, ["version", "seat_price"]), [2, "4000"]);
      const first = await w.send([`GET /v1/plans/${teamPlan.id}?version=1`]);
      assert.equal(first.status, 200);
      assert.deepEqual(first.body, teamView);
    });

    it("POST /v1/subscriptions answers 201 and grants the period's credits to the pool", async (t) => {
      const w = await world(t, store, false);
      await publishOperatorPlans(w.api);
      const answer = await w.send(["POST /v1/subscriptions", { plan: teamPlan.id, seats: 2 }]);
      assert.equal(answer.status, 201);
      const id = text(answer.body, "id");
      assert.match(id, /^sub_[0-9A-Z]{26}$/);
      const grants = at((await w.send(["GET /v1/grants"])).body, "data") as unknown[];
      assert.deepEqual(
        grants.map((grant) => fields(grant, ["pool", "amount", "source", "expires_at"])),
        [[w.org.rootPoolId, "2000", "plan", periodEndIso]],
      );
      assert.deepEqual(answer.body, {
        id,
        object: "subscription",
        plan: teamPlan.id,
        plan_version: 1,
        pool: w.org.rootPoolId,
        seats: 2,
        tier_seats: {},
        seat_access: "open",
        seats_assigned: 0,
        status: "active",
        cancel_at_period_end: false,
        pending_plan: null,
        anchor_at: startIso,
        time_zone: "UTC",
        interval: "month",
        auto_top_up: null,
        current_period: {
          index: 0,
          start: startIso,
          end: periodEndIso,
          included_credits: "2000",
          grants: ids({ data: grants }),
          invoice: text(answer.body, "current_period.invoice"),
        },
        created_at: startIso,
      });
      const pool = await w.send([`GET /v1/pools/${w.org.rootPoolId}`]);
      assert.equal(at(pool.body, "available"), "2000");
    });

    it("GET /v1/subscriptions lists subscriptions by id", async (t) => {
      const w = await world(t, store, false);
      await publishOperatorPlans(w.api);
      const made: string[] = [];
      for (let index = 0; index < 3; index += 1) {
        made.push((await subscribe(w.api, w.org)).subscription);
      }
      const answer = await w.send(["GET /v1/subscriptions"]);
      assert.equal(answer.status, 200);
      assert.deepEqual(ids(answer.body), [...made].sort());
      assert.equal(at(answer.body, "has_more"), false);
    });

    it("GET /v1/subscriptions/{id} answers the subscription and its period's grant", async (t) => {
      const w = await world(t, store, false);
      await publishOperatorPlans(w.api);
      const { subscription, pool, invoice } = await subscribe(w.api, w.org, { seats: 2 });
      const answer = await w.send([`GET /v1/subscriptions/${subscription}`]);
      assert.equal(answer.status, 200);
      const [grant] = at(answer.body, "current_period.grants") as string[];
      assert.deepEqual(
        fields(answer.body, [
          "id",
          "pool",
          "seats",
          "current_period.index",
          "current_period.invoice",
        ]),
        [subscription, pool, 2, 0, invoice],
      );
      const read = await w.send([`GET /v1/grants/${grant}`]);
      assert.deepEqual(fields(read.body, ["pool", "amount", "source"]), [pool, "2000", "plan"]);
    });

    it("GET /v1/subscriptions/{id} past its period's end renews it: the next period, the invoice finalized", async (t) => {
      const w = await world(t, store, false);
      await publishOperatorPlans(w.api);
      const { subscription, invoice } = await subscribe(w.api, w.org, { seats: 2 });
      w.api.clock.advance(pastPeriodMs);
      const answer = await w.send([`GET /v1/subscriptions/${subscription}`]);
      assert.equal(answer.status, 200);
      assert.deepEqual(
        fields(answer.body, [
          "status",
          "current_period.index",
          "current_period.start",
          "current_period.included_credits",
        ]),
        ["active", 1, periodEndIso, "2000"],
      );
      assert.notEqual(at(answer.body, "current_period.invoice"), invoice);
      const ended = await w.send([`GET /v1/invoices/${invoice}`]);
      assert.deepEqual(fields(ended.body, ["status", "total"]), ["finalized", "6000"]);
    });

    it("POST /v1/subscriptions/{id}/seats mid-period adds prorated credits and a prorated line", async (t) => {
      const w = await world(t, store, false);
      await publishOperatorPlans(w.api);
      const { subscription, invoice } = await subscribe(w.api, w.org, { seats: 1 });
      // Halfway through a 30-day period: two seats more bring half their credits and price.
      w.api.clock.advance(15 * 86_400_000);
      const answer = await w.send([`POST /v1/subscriptions/${subscription}/seats`, { seats: 3 }]);
      assert.equal(answer.status, 200);
      assert.deepEqual(fields(answer.body, ["id", "seats", "current_period.invoice"]), [
        subscription,
        3,
        invoice,
      ]);
      const read = await w.send([`GET /v1/invoices/${invoice}`]);
      assert.deepEqual(
        (at(read.body, "lines") as unknown[]).map((line) =>
          fields(line, ["kind", "quantity", "amount"]),
        ),
        [
          ["seats", 1, "3000"],
          ["seats_added", 2, "3000"],
        ],
      );
      assert.equal(at(read.body, "total"), "6000");
      const pool = await w.send([`GET /v1/pools/${text(answer.body, "pool")}`]);
      assert.equal(at(pool.body, "available"), "2000");
    });

    it("POST /v1/subscriptions/{id}/plan to a dearer plan upgrades now: prorated lines and credits", async (t) => {
      const w = await world(t, store, false);
      await publishOperatorPlans(w.api);
      const { subscription, invoice, pool } = await subscribe(w.api, w.org, { seats: 2 });
      w.api.clock.advance(15 * 86_400_000);
      const body = { plan: teamPlusPlan.id };
      const answer = await w.send([`POST /v1/subscriptions/${subscription}/plan`, body]);
      assert.equal(answer.status, 200);
      assert.deepEqual(fields(answer.body, ["plan", "plan_version", "pending_plan", "seats"]), [
        teamPlusPlan.id,
        1,
        null,
        2,
      ]);
      // Half the period left: half of 2 seats at $30.00 back, half of 2 seats at $60.00 charged.
      const read = await w.send([`GET /v1/invoices/${invoice}`]);
      assert.deepEqual(
        (at(read.body, "lines") as unknown[]).map((line) =>
          fields(line, ["kind", "quantity", "amount"]),
        ),
        [
          ["seats", 2, "6000"],
          ["plan_credit", 2, "-3000"],
          ["plan_charge", 2, "6000"],
        ],
      );
      // And half of the 2 × 2,000 credits a seat more.
      const after = await w.send([`GET /v1/pools/${pool}`]);
      assert.equal(at(after.body, "available"), "4000");
    });

    it("POST /v1/subscriptions/{id}/plan to a cheaper plan waits for the period's end", async (t) => {
      const w = await world(t, store, false);
      await publishOperatorPlans(w.api);
      const { subscription, pool } = await subscribe(w.api, w.org, { seats: 2 });
      const up = { plan: teamPlusPlan.id };
      await w.api.ok("POST", `/v1/subscriptions/${subscription}/plan`, { key: w.key, body: up });
      const body = { plan: teamPlan.id };
      const answer = await w.send([`POST /v1/subscriptions/${subscription}/plan`, body]);
      assert.equal(answer.status, 200);
      assert.deepEqual(fields(answer.body, ["plan", "pending_plan"]), [
        teamPlusPlan.id,
        { plan: teamPlan.id, plan_version: 1 },
      ]);
      w.api.clock.advance(pastPeriodMs);
      const renewed = await w.send([`GET /v1/subscriptions/${subscription}`]);
      assert.deepEqual(
        fields(renewed.body, ["plan", "pending_plan", "current_period.included_credits"]),
        [teamPlan.id, null, "2000"],
      );
      const read = await w.send([`GET /v1/pools/${pool}`]);
      assert.equal(at(read.body, "available"), "2000");
    });

    for (const [what, purchase, credits, price] of [
      ["one of the plan's packs", { pack: "boost" }, "500", "1000"],
      ["an amount at the plan's top-up price", { credits: "250" }, "250", "500"],
    ] as const) {
      it(`POST /v1/top-ups of ${what} answers 201: credits now, a line of the invoice`, async (t) => {
        const w = await world(t, store, false);
        await publishOperatorPlans(w.api);
        const { subscription, invoice, pool } = await subscribe(w.api, w.org);
        const answer = await w.send(["POST /v1/top-ups", { subscription, ...purchase }]);
        assert.equal(answer.status, 201);
        const grant = text(answer.body, "grant");
        assert.deepEqual(answer.body, {
          object: "top_up",
          subscription,
          grant,
          credits,
          price,
          currency: "USD",
          invoice,
          created_at: startIso,
        });
        const granted = await w.send([`GET /v1/grants/${grant}`]);
        assert.deepEqual(fields(granted.body, ["pool", "amount", "source", "expires_at"]), [
          pool,
          credits,
          "purchase",
          null,
        ]);
        const read = await w.send([`GET /v1/invoices/${invoice}`]);
        const lines = at(read.body, "lines") as unknown[];
        assert.deepEqual(fields(lines.at(-1), ["kind", "amount"]), ["top_up", price]);
        assert.equal(at(read.body, "total"), `${3000 + Number(price)}`);
      });
    }

    it("POST /v1/subscriptions/{id}/cancel ends the subscription at its period's end", async (t) => {
      const w = await world(t, store, false);
      await publishOperatorPlans(w.api);
      const { subscription } = await subscribe(w.api, w.org);
      const answer = await w.send([`POST /v1/subscriptions/${subscription}/cancel`]);
      assert.equal(answer.status, 200);
      assert.deepEqual(fields(answer.body, ["status", "cancel_at_period_end"]), ["active", true]);
      w.api.clock.advance(pastPeriodMs);
      const read = await w.send([`GET /v1/subscriptions/${subscription}`]);
      assert.deepEqual(fields(read.body, ["status", "current_period.index"]), ["canceled", 0]);
    });

    it("POST /v1/subscriptions/{id}/resume undoes a cancellation: it renews", async (t) => {
      const w = await world(t, store, false);
      await publishOperatorPlans(w.api);
      const { subscription } = await subscribe(w.api, w.org, { canceled: true });
      const answer = await w.send([`POST /v1/subscriptions/${subscription}/resume`]);
      assert.equal(answer.status, 200);
      assert.deepEqual(fields(answer.body, ["status", "cancel_at_period_end"]), ["active", false]);
      w.api.clock.advance(pastPeriodMs);
      const read = await w.send([`GET /v1/subscriptions/${subscription}`]);
      assert.deepEqual(fields(read.body, ["status", "current_period.index"]), ["active", 1]);
    });

    it("GET /v1/invoices lists invoices by id; ?subscription= only that subscription's", async (t) => {
      const w = await world(t, store, false);
      await publishOperatorPlans(w.api);
      const first = await subscribe(w.api, w.org);
      const second = await subscribe(w.api, w.org);
      const answer = await w.send(["GET /v1/invoices"]);
      assert.equal(answer.status, 200);
      assert.deepEqual(ids(answer.body), [first.invoice, second.invoice].sort());
      const only = await w.send([`GET /v1/invoices?subscription=${second.subscription}`]);
      assert.equal(only.status, 200);
      assert.deepEqual(ids(only.body), [second.invoice]);
    });

    it("POST /v1/subscriptions/{id}/auto-top-up sets the rule, shown on the subscription", async (t) => {
      const w = await world(t, store, false);
      await publishOperatorPlans(w.api);
      const { subscription } = await subscribe(w.api, w.org);
      const rule = { threshold: "250", pack: teamPlan.top_ups[0].id, max_per_period: 3 };
      const set = await w.send([
        `POST /v1/subscriptions/${subscription}/auto-top-up`,
        { auto_top_up: rule },
      ]);
      assert.equal(set.status, 200);
      assert.deepEqual(at(set.body, "auto_top_up"), {
        threshold: "250",
        pack: rule.pack,
        credits: null,
        max_per_period: 3,
        purchases_this_period: 0,
        armed: true,
      });
      const read = await w.send([`GET /v1/subscriptions/${subscription}`]);
      assert.deepEqual(at(read.body, "auto_top_up"), at(set.body, "auto_top_up"));
      const off = await w.send([
        `POST /v1/subscriptions/${subscription}/auto-top-up`,
        { auto_top_up: null },
      ]);
      assert.equal(at(off.body, "auto_top_up"), null);
    });

    it("POST /v1/test-clocks, GET, advance: an empty organization's time, moved on", async (t) => {
      const w = await world(t, store, false);
      const made = await w.send(["POST /v1/test-clocks"]);
      assert.equal(made.status, 201);
      const id = text(made.body, "id");
      assert.deepEqual(fields(made.body, ["object", "organization", "time"]), [
        "test_clock",
        w.org.organizationId,
        startIso,
      ]);
      const listed = await w.send(["GET /v1/test-clocks"]);
      assert.deepEqual(ids(listed.body), [id]);
      const to = new Date(start + 3_600_000).toISOString();
      const moved = await w.send([`POST /v1/test-clocks/${id}/advance`, { to }]);
      assert.equal(moved.status, 200);
      assert.equal(at(moved.body, "time"), to);
      const read = await w.send([`GET /v1/test-clocks/${id}`]);
      assert.equal(at(read.body, "time"), to);
    });

    it("GET /v1/reports/revenue answers per pool and department, as JSON or CSV", async (t) => {
      const w = await world(t, store);
      const from = new Date(start - 3_600_000).toISOString();
      const to = new Date(start + 3_600_000).toISOString();
      const answer = await w.send([`GET /v1/reports/revenue?from=${from}&to=${to}`]);
      assert.equal(answer.status, 200);
      assert.deepEqual(
        fields(answer.body, [
          "object",
          "currency",
          "complete",
          "organization.pool",
          "organization.purchased.credits",
          "organization.deferred_closing.credits",
        ]),
        ["revenue_report", null, true, w.org.rootPoolId, "100", "100"],
      );
      const csv = await w.api.call("GET", `/v1/reports/revenue?from=${from}&to=${to}&format=csv`, {
        key: w.key,
      });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
      const lines = String(csv.body).trim().split("\r\n");
      assert.equal(lines.length, 3);
      assert.match(lines[0] ?? "", /^level,pool,parent,deferred_opening_credits,/);
      assert.match(lines[2] ?? "", new RegExp(`^organization,${w.org.rootPoolId},,0,0,100,0,`));
    });

    it("GET /v1/invoices/{id} answers the period's draft and its lines", async (t) => {
      const w = await world(t, store, false);
      await publishOperatorPlans(w.api);
      const { subscription, invoice } = await subscribe(w.api, w.org, { seats: 2 });
      const answer = await w.send([`GET /v1/invoices/${invoice}`]);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, {
        id: invoice,
        object: "invoice",
        subscription,
        number: null,
        status: "draft",
        currency: "USD",
        period_start: startIso,
        period_end: periodEndIso,
        lines: [
          {
            id: "seats",
            kind: "seats",
            description: "2 seats",
            quantity: 2,
            tier: null,
            amount: "6000",
            from: startIso,
            to: periodEndIso,
          },
        ],
        total: "6000",
        created_at: startIso,
        finalized_at: null,
      });
    });

    for (const [action, status] of [
      ["pay", "paid"],
      ["void", "void"],
    ] as const) {
      it(`POST /v1/invoices/{id}/${action} marks a finalized invoice ${status}`, async (t) => {
        const w = await world(t, store, false);
        await publishOperatorPlans(w.api);
        const invoice = await finalizedInvoice(w.api, w.org);
        const finalized = await w.send([`GET /v1/invoices/${invoice}`]);
        const answer = await w.send([`POST /v1/invoices/${invoice}/${action}`]);
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body, { ...(finalized.body as object), status });
        assert.match(text(answer.body, "number"), /-0001$/);
        const read = await w.send([`GET /v1/invoices/${invoice}`]);
        assert.deepEqual(read.body, answer.body);
      });
    }
  });

  describe(`not found (${store})`, () => {
    const { pool, grant, hold, member, key, subscription, invoice, recurringGrant } = unknown;
    const rows: [Call, string, string][] = [
      [["POST /v1/pools", { parent: pool, name: "Orphan" }], "pool_not_found", "parent"],
      [[`GET /v1/pools/${pool}`], "pool_not_found", "id"],
      [[`PATCH /v1/pools/${pool}`, { name: "N" }], "pool_not_found", "id"],
      [["POST /v1/grants", { pool, amount: "5", source: "purchase" }], "pool_not_found", "pool"],
      [[`GET /v1/grants?pool=${pool}`], "pool_not_found", "pool"],
      [[`GET /v1/grants/${grant}`], "grant_not_found", "id"],
      [[`POST /v1/grants/${grant}/void`, {}], "grant_not_found", "id"],
      [[`POST /v1/grants/${grant}/expiry`, { expires_at: null }], "grant_not_found", "id"],
      [["POST /v1/holds", { pool, amount: "1" }], "pool_not_found", "pool"],
      [[`GET /v1/holds/${hold}`], "hold_not_found", "id"],
      [[`POST /v1/holds/${hold}/capture`, { amount: "1" }], "hold_not_found", "id"],
      [[`POST /v1/holds/${hold}/release`, {}], "hold_not_found", "id"],
      [["POST /v1/members", { name: "Cy", pool }], "pool_not_found", "pool"],
      [[`GET /v1/members/${member}`], "member_not_found", "id"],
      [["POST /v1/keys", { name: "m", role: "agent", member }], "member_not_found", "member"],
      [["POST /v1/keys", { name: "p", role: "agent", pool }], "pool_not_found", "pool"],
      [[`DELETE /v1/keys/${key}`], "key_not_found", "id"],
      // A plan not found is named `plan` (the field of a subscription), or `plan_version`.
      [["GET /v1/plans/nope"], "plan_not_found", "id"],
      [[`GET /v1/plans/${teamPlan.id}?version=2`], "plan_not_found", "version"],
      [["POST /v1/subscriptions", { plan: "nope" }], "plan_not_found", "plan"],
      [
        ["POST /v1/subscriptions", { plan: teamPlan.id, plan_version: 2 }],
        "plan_not_found",
        "plan_version",
      ],
      [["POST /v1/subscriptions", { plan: teamPlan.id, pool }], "pool_not_found", "pool"],
      [[`GET /v1/subscriptions/${subscription}`], "subscription_not_found", "id"],
      [
        [`POST /v1/subscriptions/${subscription}/seats`, { seats: 2 }],
        "subscription_not_found",
        "id",
      ],
      [
        [`POST /v1/subscriptions/${subscription}/plan`, { plan: teamPlusPlan.id }],
        "subscription_not_found",
        "id",
      ],
      [
        ["POST /v1/top-ups", { subscription, pack: "boost" }],
        "subscription_not_found",
        "subscription",
      ],
      [[`POST /v1/subscriptions/${subscription}/cancel`], "subscription_not_found", "id"],
      [[`POST /v1/subscriptions/${subscription}/resume`], "subscription_not_found", "id"],
      [[`GET /v1/invoices/${invoice}`], "invoice_not_found", "id"],
      [[`POST /v1/invoices/${invoice}/pay`], "invoice_not_found", "id"],
      [[`POST /v1/invoices/${invoice}/void`], "invoice_not_found", "id"],
      [
        [
          "POST /v1/recurring-grants",
          { pool, amount: "5", source: "promotion", interval: "month" },
        ],
        "pool_not_found",
        "pool",
      ],
      [[`GET /v1/recurring-grants/${recurringGrant}`], "recurring_grant_not_found", "id"],
      [[`POST /v1/recurring-grants/${recurringGrant}/cancel`], "recurring_grant_not_found", "id"],
    ];
    for (const [request, code, param] of rows) {
      const name = request[0].replace(/[a-z]+_01JD2Z8Y3K4M5N6P7Q8R9S0T1V/, "{unknown}");
      it(`${name} ${JSON.stringify(request[1] ?? "")} answers 404 ${code} on ${param}`, async (t) => {
        const w = await world(t, store);
        // The operator's catalog is not the organization's: publishing writes nothing of it.
        await publishOperatorPlans(w.api);
        const before = await w.api.snapshot(w.org);
        expectError(await w.send(request), 404, code, param);
        assert.equal(await w.api.snapshot(w.org), before);
      });
    }
  });

  describe(`refusals and conflicts (${store})`, () => {
    /** Prepares with `setup`, then sends its request; asserts that nothing was written. */
    async function refused(t: TestContext, setup: (w: World) => Promise<Call>) {
      const w = await world(t, store, false);
      const request = await setup(w);
      const before = await w.api.snapshot(w.org);
      const answer = await w.send(request);
      assert.equal(await w.api.snapshot(w.org), before);
      return { ...w, answer };
    }
    const decision = (body: unknown) => fields(body, ["allowed", "code", "pool", "hold"]);
    const hard = (amount: string) => ({ limit: { amount, kind: "hard", period: "month" } });

    it("POST /v1/holds past a hard limit answers 200 pool_limit_exceeded at the nearest pool", async (t) => {
      let team = "";
      const { answer } = await refused(t, async ({ api, org }) => {
        await api.grant(org, org.rootPoolId, "100");
        team = await api.pool(org, await api.pool(org, org.rootPoolId, hard("50")), hard("10"));
        return ["POST /v1/holds", { pool: await api.pool(org, team), amount: "60" }];
      });
      assert.equal(answer.status, 200);
      assert.deepEqual(decision(answer.body), [false, "pool_limit_exceeded", team, undefined]);
    });

    it("POST /v1/holds beyond the grants answers 200 insufficient_credits at the carrier", async (t) => {
      const { answer, org } = await refused(t, async ({ api, org }) => {
        await api.grant(org, org.rootPoolId, "10");
        return ["POST /v1/holds", { pool: await api.pool(org, org.rootPoolId), amount: "11" }];
      });
      assert.equal(answer.status, 200);
      assert.deepEqual(decision(answer.body), [
        false,
        "insufficient_credits",
        org.rootPoolId,
        undefined,
      ]);
    });

    it("POST /v1/holds while the carrier has debt answers 200 pool_in_debt", async (t) => {
      const { answer, org } = await refused(t, async ({ api, org, send }) => {
        await api.grant(org, org.rootPoolId, "10");
        const team = await api.pool(org, org.rootPoolId);
        await send(["POST /v1/usage", { events: [{ id: "evt-1", pool: team, amount: "15" }] }]);
        await api.grant(org, team, "100");
        return ["POST /v1/holds", { pool: team, amount: "1" }];
      });
      assert.equal(answer.status, 200);
      assert.deepEqual(decision(answer.body), [false, "pool_in_debt", org.rootPoolId, undefined]);
    });

    it("POST /v1/pools below the deepest level answers 422 pool_depth_exceeded", async (t) => {
      const { answer } = await refused(t, async ({ api, org }) => {
        let parent = org.rootPoolId;
        for (let depth = 2; depth <= limits.poolDepthMax; depth += 1) {
          parent = await api.pool(org, parent);
        }
        return ["POST /v1/pools", { parent, name: "Deep" }];
      });
      expectError(answer, 422, "pool_depth_exceeded");
    });

    for (const action of ["capture", "release"] as const) {
      const body = action === "capture" ? { amount: "1" } : {};
      it(`POST /v1/holds/{id}/${action} of a settled hold answers 409 hold_not_held`, async (t) => {
        const { answer } = await refused(t, async ({ api, org, send }) => {
          await api.grant(org, org.rootPoolId, "100");
          const hold = await api.hold(org, org.rootPoolId, "5");
          await send([`POST /v1/holds/${hold}/${action}`, body]);
          return [`POST /v1/holds/${hold}/${action}`, body];
        });
        expectError(answer, 409, "hold_not_held");
      });
    }

    it("POST /v1/holds/{id}/release past the TTL answers 409 hold_expired, changing nothing", async (t) => {
      const w = await world(t, store);
      const hold = await w.api.hold(w.org, w.org.rootPoolId, "5", 60);
      w.api.clock.advance(60_000);
      const pool = [`GET /v1/pools/${w.org.rootPoolId}`] as const;
      const before = await w.send(pool);
      const answer = await w.send([`POST /v1/holds/${hold}/release`, {}]);
      expectError(answer, 409, "hold_expired");
      assert.deepEqual((await w.send(pool)).body, before.body);
      const kinds = (await w.api.journal(w.org.organizationId)).map((transfer) => transfer.kind);
      assert.deepEqual(kinds, ["grant", "hold", "expire"]);
    });

    it("POST /v1/holds/{id}/capture past the TTL answers 409 hold_expired, recording the usage", async (t) => {
      const w = await world(t, store);
      const hold = await w.api.hold(w.org, w.org.rootPoolId, "5", 60);
      w.api.clock.advance(60_000);
      const answer = await w.send([`POST /v1/holds/${hold}/capture`, { amount: "4" }]);
      expectError(answer, 409, "hold_expired");
      const pool = await w.send([`GET /v1/pools/${w.org.rootPoolId}`]);
      assert.deepEqual(fields(pool.body, ["consumed_this_period", "held"]), ["4", "0"]);
    });

    it("POST /v1/subscriptions for a pool on a plan already answers 409 subscription_exists on pool", async (t) => {
      const { answer } = await refused(t, async ({ api, org }) => {
        await publishOperatorPlans(api);
        const { pool } = await subscribe(api, org);
        return ["POST /v1/subscriptions", { plan: teamPlan.id, seats: 5, pool }];
      });
      expectError(answer, 409, "subscription_exists", "pool");
    });

    for (const action of ["seats", "cancel", "resume"] as const) {
      const body = action === "seats" ? { seats: 2 } : undefined;
      it(`POST /v1/subscriptions/{id}/${action} of an ended subscription answers 409 subscription_canceled on id`, async (t) => {
        const { answer } = await refused(t, async ({ api, org, send }) => {
          await publishOperatorPlans(api);
          const { subscription } = await subscribe(api, org, { canceled: true });
          api.clock.advance(pastPeriodMs);
          const ended = await send([`GET /v1/subscriptions/${subscription}`]);
          assert.equal(at(ended.body, "status"), "canceled");
          return [`POST /v1/subscriptions/${subscription}/${action}`, body];
        });
        expectError(answer, 409, "subscription_canceled", "id");
      });
    }

    it("POST /v1/subscriptions/{id}/plan to a plan it does not know answers 404 plan_not_found on plan", async (t) => {
      const { answer } = await refused(t, async ({ api, org }) => {
        await publishOperatorPlans(api);
        const { subscription } = await subscribe(api, org);
        return [`POST /v1/subscriptions/${subscription}/plan`, { plan: "nope" }];
      });
      expectError(answer, 404, "plan_not_found", "plan");
    });

    it("POST /v1/subscriptions/{id}/plan to a plan in another currency answers 400 on plan", async (t) => {
      const { answer } = await refused(t, async ({ api, org }) => {
        await publishOperatorPlans(api);
        const euro = { ...teamPlusPlan, id: "euro", currency: "EUR" };
        await api.ok("POST", "/v1/plans", { key: api.operatorKey, body: euro });
        const { subscription } = await subscribe(api, org);
        return [`POST /v1/subscriptions/${subscription}/plan`, { plan: euro.id }];
      });
      expectError(answer, 400, "invalid_request", "plan");
    });

    it("POST /v1/top-ups of a pack the plan does not sell answers 400 on pack", async (t) => {
      const { answer } = await refused(t, async ({ api, org }) => {
        await publishOperatorPlans(api);
        const { subscription } = await subscribe(api, org);
        return ["POST /v1/top-ups", { subscription, pack: "mega" }];
      });
      expectError(answer, 400, "invalid_request", "pack");
    });

    it("POST /v1/top-ups of an amount on a plan sold in packs only answers 400 on credits", async (t) => {
      const { answer } = await refused(t, async ({ api, org }) => {
        const packsOnly = { ...teamPlan, id: "packs-only", top_up_price: null };
        await api.ok("POST", "/v1/plans", { key: api.operatorKey, body: packsOnly });
        const body = { plan: packsOnly.id, seats: 1 };
        const started = await api.ok("POST", "/v1/subscriptions", { key: org.ownerKey, body });
        return ["POST /v1/top-ups", { subscription: text(started, "id"), credits: "100" }];
      });
      expectError(answer, 400, "invalid_request", "credits");
    });

    for (const action of ["pay", "void"] as const) {
      it(`POST /v1/invoices/{id}/${action} of a draft answers 409 invoice_not_open on id`, async (t) => {
        const { answer } = await refused(t, async ({ api, org }) => {
          await publishOperatorPlans(api);
          const { invoice } = await subscribe(api, org);
          return [`POST /v1/invoices/${invoice}/${action}`];
        });
        expectError(answer, 409, "invoice_not_open", "id");
      });

      const first = action === "pay" ? "void" : "pay";
      it(`POST /v1/invoices/{id}/${action} of an invoice marked already answers 409 invoice_not_open`, async (t) => {
        const { answer } = await refused(t, async ({ api, org, send }) => {
          await publishOperatorPlans(api);
          const invoice = await finalizedInvoice(api, org);
          assert.equal((await send([`POST /v1/invoices/${invoice}/${first}`])).status, 200);
          return [`POST /v1/invoices/${invoice}/${action}`];
        });
        expectError(answer, 409, "invoice_not_open", "id");
      });
    }

    it("POST /v1/keys of a role the caller may not grant answers 403 on role", async (t) => {
      const w = await world(t, store, false);
      const admin = await w.api.keyFor(w.org, "admin");
      const before = await w.api.snapshot(w.org);
      const answer = await w.send(["POST /v1/keys", { name: "up", role: "owner" }], { key: admin });
      expectError(answer, 403, "permission_denied", "role");
      assert.equal(await w.api.snapshot(w.org), before);
    });
  });

  describe(`idempotency (${store})`, () => {
    /** Each route that takes Idempotency-Key: its request, and another body for the same key. */
    const rows: [string, (w: World) => Promise<Call>, unknown][] = [
      [
        "POST /v1/pools",
        async (w) => ["POST /v1/pools", { parent: w.org.rootPoolId, name: "A" }],
        { name: "B" },
      ],
      [
        "PATCH /v1/pools/{id}",
        async (w) => [`PATCH /v1/pools/${w.org.rootPoolId}`, { name: "A" }],
        { name: "B" },
      ],
      [
        "POST /v1/grants",
        async (w) => ["POST /v1/grants", { pool: w.org.rootPoolId, amount: "5", source: "plan" }],
        { amount: "6" },
      ],
      [
        "POST /v1/grants/{id}/void",
        async (w) => [
          `POST /v1/grants/${await w.api.grant(w.org, w.org.rootPoolId, "5")}/void`,
          {},
        ],
        null,
      ],
      [
        "POST /v1/grants/{id}/expiry",
        async (w) => [
          `POST /v1/grants/${await w.api.grant(w.org, w.org.rootPoolId, "5")}/expiry`,
          { expires_at: new Date(start + 86_400_000).toISOString() },
        ],
        { expires_at: null },
      ],
      [
        "POST /v1/holds",
        async (w) => ["POST /v1/holds", { pool: w.org.rootPoolId, amount: "5" }],
        { amount: "6" },
      ],
      [
        "POST /v1/holds/{id}/capture",
        async (w) => [
          `POST /v1/holds/${await w.api.hold(w.org, w.org.rootPoolId, "5")}/capture`,
          { amount: "2" },
        ],
        { amount: "3" },
      ],
      [
        "POST /v1/holds/{id}/release",
        async (w) => [
          `POST /v1/holds/${await w.api.hold(w.org, w.org.rootPoolId, "5")}/release`,
          {},
        ],
        null,
      ],
      ["POST /v1/members", async () => ["POST /v1/members", { name: "A" }], { name: "B" }],
      ["POST /v1/keys", async () => ["POST /v1/keys", { name: "A", role: "agent" }], { name: "B" }],
      [
        "POST /v1/plans",
        async () => ["POST /v1/plans", { ...teamPlan, id: "own", name: "A" }],
        { name: "B" },
      ],
      [
        "POST /v1/subscriptions",
        async (w) => {
          await publishOperatorPlans(w.api);
          return ["POST /v1/subscriptions", { plan: teamPlan.id, seats: 1 }];
        },
        { seats: 2 },
      ],
      [
        "POST /v1/subscriptions/{id}/seats",
        async (w) => {
          await publishOperatorPlans(w.api);
          const { subscription } = await subscribe(w.api, w.org);
          return [`POST /v1/subscriptions/${subscription}/seats`, { seats: 2 }];
        },
        { seats: 3 },
      ],
      [
        "POST /v1/subscriptions/{id}/plan",
        async (w) => {
          await publishOperatorPlans(w.api);
          const { subscription } = await subscribe(w.api, w.org);
          return [`POST /v1/subscriptions/${subscription}/plan`, { plan: teamPlusPlan.id }];
        },
        { plan: teamPlan.id },
      ],
      [
        "POST /v1/top-ups",
        async (w) => {
          await publishOperatorPlans(w.api);
          const { subscription } = await subscribe(w.api, w.org);
          return ["POST /v1/top-ups", { subscription, credits: "100" }];
        },
        { credits: "200" },
      ],
      [
        "POST /v1/subscriptions/{id}/cancel",
        async (w) => {
          await publishOperatorPlans(w.api);
          const { subscription } = await subscribe(w.api, w.org);
          return [`POST /v1/subscriptions/${subscription}/cancel`];
        },
        null,
      ],
      [
        "POST /v1/subscriptions/{id}/resume",
        async (w) => {
          await publishOperatorPlans(w.api);
          const { subscription } = await subscribe(w.api, w.org, { canceled: true });
          return [`POST /v1/subscriptions/${subscription}/resume`];
        },
        null,
      ],
      [
        "POST /v1/recurring-grants",
        async (w) => [
          "POST /v1/recurring-grants",
          { pool: w.org.rootPoolId, amount: "5", source: "promotion", interval: "month" },
        ],
        { amount: "6" },
      ],
      [
        "POST /v1/recurring-grants/{id}/cancel",
        async (w) => {
          const body = {
            pool: w.org.rootPoolId,
            amount: "5",
            source: "promotion",
            interval: "month",
          };
          const made = await w.send(["POST /v1/recurring-grants", body]);
          return [`POST /v1/recurring-grants/${text(made.body, "id")}/cancel`];
        },
        null,
      ],
      ...(["pay", "void"] as const).map((action): [string, (w: World) => Promise<Call>, null] => [
        `POST /v1/invoices/{id}/${action}`,
        async (w) => {
          await publishOperatorPlans(w.api);
          return [`POST /v1/invoices/${await finalizedInvoice(w.api, w.org)}/${action}`];
        },
        null,
      ]),
    ];
    const headers = idempotent("once");

    for (const [route, prepare, other] of rows) {
      it(`${route} replays the first answer for the same Idempotency-Key`, async (t) => {
        const w = await world(t, store);
        const request = await prepare(w);
        const first = await w.send(request, { headers });
        assert.ok(first.status < 300, JSON.stringify(first.body));
        const before = await w.api.snapshot(w.org);
        const second = await w.send(request, { headers });
        assert.equal(await w.api.snapshot(w.org), before);
        assert.equal(second.status, first.status);
        assert.equal(second.headers.get("idempotent-replayed"), "true");
        const { secret: _secret, ...shown } = first.body as Record<string, unknown>;
        assert.deepEqual(second.body, shown);
      });

      // Routes whose body has nothing to change are tried with another route's request.
      const what = other === null ? "another route" : "another body";
      it(`${route} with a used Idempotency-Key and ${what} answers 409`, async (t) => {
        const w = await world(t, store);
        const request = await prepare(w);
        assert.ok((await w.send(request, { headers })).status < 300);
        const before = await w.api.snapshot(w.org);
        const changed: Call =
          other === null
            ? ["POST /v1/pools", { parent: w.org.rootPoolId, name: "Other" }]
            : [request[0], { ...(request[1] as object), ...(other as object) }];
        const answer = await w.send(changed, { headers });
        expectError(answer, 409, "idempotency_key_reused", "Idempotency-Key");
        assert.equal(await w.api.snapshot(w.org), before);
      });
    }

    it("a JSON number and its decimal string are the same request", async (t) => {
      const w = await world(t, store);
      const body = { pool: w.org.rootPoolId, amount: "5.5" };
      const first = await w.send(["POST /v1/holds", body], { headers });
      const second = await w.send(["POST /v1/holds", { ...body, amount: 5.5 }], { headers });
      assert.equal(second.headers.get("idempotent-replayed"), "true");
      assert.deepEqual(second.body, first.body);
    });

    it("an Idempotency-Key never sent before is a new request, whatever it looks like", {}, async (t) => {
      const w = await world(t, store);
      const events = [{ id: "evt-1", pool: w.org.rootPoolId, amount: "1" }];
      await w.send(["POST /v1/usage", { events }]);
      const body = { pool: w.org.rootPoolId, amount: "1" };
      const answer = await w.send(["POST /v1/holds", body], { headers: idempotent("usage:evt-1") });
      assert.deepEqual([answer.status, at(answer.body, "allowed")], [200, true]);
    });

    it("POST /v1/organizations replays the first answer, without the secret", async (t) => {
      const { api } = await world(t, store, false);
      const request = { key: api.operatorKey, body: { name: "Twice" }, headers };
      const first = await api.call("POST", "/v1/organizations", request);
      const second = await api.call("POST", "/v1/organizations", request);
      assert.equal((await api.store.listOrganizationIds()).length, 2);
      assert.deepEqual([second.status, second.headers.get("idempotent-replayed")], [201, "true"]);
      const shown = at(first.body, "owner_key") as Record<string, unknown>;
      const { secret: _secret, ...ownerKey } = shown;
      assert.deepEqual(second.body, {
        organization: at(first.body, "organization"),
        owner_key: ownerKey,
      });
    });

    it("POST /v1/organizations with a used Idempotency-Key and another name answers 409", async (t) => {
      const { api } = await world(t, store, false);
      const key = api.operatorKey;
      await api.ok("POST", "/v1/organizations", { key, body: { name: "First" }, headers });
      const answer = await api.call("POST", "/v1/organizations", {
        key,
        body: { name: "Other" },
        headers,
      });
      expectError(answer, 409, "idempotency_key_reused", "Idempotency-Key");
      assert.equal((await api.store.listOrganizationIds()).length, 2);
    });
  });

  describe(`paging (${store})`, () => {
    const rows: [string, (w: World) => Promise<unknown>][] = [
      ["/v1/pools", (w) => w.api.pool(w.org, w.org.rootPoolId)],
      ["/v1/grants", (w) => w.api.grant(w.org, w.org.rootPoolId, "1")],
      ["/v1/members", (w) => w.send(["POST /v1/members", { name: "M" }])],
      ["/v1/keys", (w) => w.api.keyFor(w.org, "agent")],
      ["/v1/subscriptions", (w) => subscribe(w.api, w.org)],
      // Each subscription drafts its period's invoice.
      ["/v1/invoices", (w) => subscribe(w.api, w.org)],
    ];
    for (const [path, make] of rows) {
      it(`GET ${path} pages with limit, starting_after and has_more`, async (t) => {
        const w = await world(t, store, false);
        await publishOperatorPlans(w.api);
        while (ids((await w.send([`GET ${path}?limit=100`])).body).length < 5) await make(w);
        const all = ids((await w.send([`GET ${path}?limit=100`])).body);
        assert.deepEqual(await pageThrough(w, `${path}?limit=2`), {
          ids: all,
          hasMore: [true, true, false],
        });
      });
    }

    it("GET /v1/transfers pages by sequence with limit, starting_after and has_more", async (t) => {
      const w = await world(t, store);
      for (let index = 0; index < 4; index += 1) await w.api.grant(w.org, w.org.rootPoolId, "1");
      const sequences: unknown[] = [];
      const hasMore: unknown[] = [];
      let after = 0;
      for (let page = 0; page < 5; page += 1) {
        const answer = await w.send([`GET /v1/transfers?limit=2&starting_after=${after}`]);
        const data = at(answer.body, "data") as unknown[];
        sequences.push(...data.map((row) => at(row, "sequence")));
        hasMore.push(at(answer.body, "has_more"));
        if (at(answer.body, "has_more") !== true) break;
        after = Number(at(data.at(-1), "sequence"));
      }
      assert.deepEqual(sequences, [1, 2, 3, 4, 5]);
      assert.deepEqual(hasMore, [true, true, false]);
    });
  });

  describe(`usage events, one answer each (${store})`, () => {
    type Event = { id: string; pool: string; amount: string; time?: string };
    /** Records `first`, then sends `then`; answers the second answer and whether it wrote. */
    async function usage(
      t: TestContext,
      first: (root: string) => Event[],
      then: (root: string) => Event[],
    ) {
      const w = await world(t, store, false);
      await w.api.grant(w.org, w.org.rootPoolId, "10");
      const earlier = first(w.org.rootPoolId);
      if (earlier.length > 0) await w.send(["POST /v1/usage", { events: earlier }]);
      const before = await w.api.snapshot(w.org);
      const answer = await w.send(["POST /v1/usage", { events: then(w.org.rootPoolId) }]);
      assert.equal(answer.status, 200);
      return { ...w, answer, unchanged: (await w.api.snapshot(w.org)) === before };
    }
    const one = (pool: string, amount = "2"): Event => ({ id: "evt-1", pool, amount });
    const result = (body: unknown, index = 0) =>
      fields(
        body,
        ["status", "code", "param"].map((field) => `data.${index}.${field}`),
      );
    const none = () => [];

    it("a repeated event answers duplicate and writes nothing", async (t) => {
      const same = (root: string) => [one(root)];
      const { answer, unchanged } = await usage(t, same, same);
      assert.deepEqual(result(answer.body), ["duplicate", "ok", undefined]);
      assert.ok(unchanged);
    });

    it("an event id used with another body is refused and writes nothing", async (t) => {
      const { answer, unchanged } = await usage(
        t,
        (root) => [one(root)],
        (root) => [one(root, "3")],
      );
      assert.deepEqual(result(answer.body).slice(0, 2), ["refused", "idempotency_key_reused"]);
      assert.ok(unchanged);
    });

    it("an event id used with another body is refused on events[0].id", {}, async (t) => {
      const { answer } = await usage(
        t,
        (root) => [one(root)],
        (root) => [one(root, "3")],
      );
      assert.equal(result(answer.body)[2], "events[0].id");
    });

    it("an event in an unknown pool is refused and the others are recorded", async (t) => {
      const { answer, api, org } = await usage(t, none, (root) => [
        one(unknown.pool),
        { ...one(root), id: "evt-2" },
      ]);
      assert.deepEqual(result(answer.body), ["refused", "pool_not_found", "events[0].pool"]);
      assert.deepEqual(result(answer.body, 1), ["recorded", "ok", undefined]);
      const journal = await api.journal(org.organizationId);
      assert.deepEqual(
        journal.map((transfer) => [transfer.kind, transfer.amount]),
        [
          ["grant", 10_000_000n],
          ["usage", 2_000_000n],
        ],
      );
    });

    for (const [when, moment] of [
      ["older than 35 days", start - limits.usageEventAgeMsMax - 1_000],
      ["more than 5 minutes ahead", start + limits.usageEventFutureMsMax + 1_000],
    ] as const) {
      it(`an event ${when} is refused on its time and writes nothing`, async (t) => {
        const time = new Date(moment).toISOString();
        const { answer, unchanged } = await usage(t, none, (root) => [{ ...one(root), time }]);
        assert.deepEqual(result(answer.body), ["refused", "invalid_request", "events[0].time"]);
        assert.ok(unchanged);
      });
    }

    it("usage beyond the credits is recorded and leaves debt on the carrier", async (t) => {
      const { answer, send, org } = await usage(t, none, (root) => [one(root, "15")]);
      assert.deepEqual(result(answer.body), ["recorded", "ok", undefined]);
      const root = await send([`GET /v1/pools/${org.rootPoolId}`]);
      assert.deepEqual(fields(root.body, ["debt", "available"]), ["5", "0"]);
    });
  });

  describe(`a key bound to a pool (${store})`, () => {
    /** Root with 100 credits; `team` with a grant and a child `sub` with a hold; `other`. */
    async function bound(t: TestContext) {
      const w = await world(t, store);
      const team = await w.api.pool(w.org, w.org.rootPoolId);
      const sub = await w.api.pool(w.org, team);
      const other = await w.api.pool(w.org, w.org.rootPoolId);
      const otherGrant = await w.api.grant(w.org, other, "10");
      const otherHold = await w.api.hold(w.org, other, "1");
      // Made later, so its id sorts after every grant the bound key cannot see.
      w.api.clock.advance(1_000);
      const teamGrant = await w.api.grant(w.org, team, "5");
      const subHold = await w.api.hold(w.org, sub, "1");
      const teamKey = await w.api.keyFor(w.org, "admin", { pool: team });
      return { ...w, team, sub, other, otherGrant, otherHold, teamGrant, subHold, teamKey };
    }
    type Bound = Awaited<ReturnType<typeof bound>>;
    const list = (body: unknown, names: string[]) =>
      (at(body, "data") as unknown[]).map((row) => fields(row, names));

    const reaches: [string, (b: Bound) => Call, (body: unknown, b: Bound) => void][] = [
      [
        "holds in its subtree",
        (b) => ["POST /v1/holds", { pool: b.sub, amount: "2" }],
        (body) => assert.equal(at(body, "allowed"), true),
      ],
      [
        "captures a hold in its subtree",
        (b) => [`POST /v1/holds/${b.subHold}/capture`, { amount: "1" }],
        (body) => assert.equal(at(body, "status"), "captured"),
      ],
      [
        "releases a hold in its subtree",
        (b) => [`POST /v1/holds/${b.subHold}/release`, {}],
        (body) => assert.equal(at(body, "status"), "released"),
      ],
      [
        "reads a hold in its subtree",
        (b) => [`GET /v1/holds/${b.subHold}`],
        (body, b) => assert.equal(at(body, "id"), b.subHold),
      ],
      [
        "reads a pool in its subtree",
        (b) => [`GET /v1/pools/${b.sub}`],
        (body) => assert.equal(at(body, "held"), "1"),
      ],
      [
        "creates a pool in its subtree",
        (b) => ["POST /v1/pools", { parent: b.sub, name: "Leaf" }],
        (body, b) => assert.equal(at(body, "parent"), b.sub),
      ],
      [
        "changes the limit of a pool below its own",
        (b) => [
          `PATCH /v1/pools/${b.sub}`,
          { limit: { amount: "50", kind: "hard", period: "month" } },
        ],
        (body) => assert.equal(at(body, "limit.amount"), "50"),
      ],
      [
        "reads a grant in its subtree",
        (b) => [`GET /v1/grants/${b.teamGrant}`],
        (body) => assert.equal(at(body, "amount"), "5"),
      ],
      [
        "lists only the pools of its subtree",
        () => ["GET /v1/pools"],
        (body, b) => assert.deepEqual(ids(body), [b.team, b.sub].sort()),
      ],
      [
        "lists only the grants of its subtree",
        () => ["GET /v1/grants"],
        (body, b) => assert.deepEqual(ids(body), [b.teamGrant]),
      ],
      [
        "reads the transfers of its own pool by default",
        () => ["GET /v1/transfers"],
        (body, b) => assert.deepEqual(list(body, ["kind", "grant"]), [["grant", b.teamGrant]]),
      ],
      [
        "reads the transfers of a pool in its subtree",
        (b) => [`GET /v1/transfers?pool=${b.sub}`],
        (body, b) => assert.deepEqual(list(body, ["kind", "hold"]), [["hold", b.subHold]]),
      ],
      [
        "makes keys bound to its own pool",
        () => ["POST /v1/keys", { name: "child", role: "agent" }],
        (body, b) => assert.equal(at(body, "pool"), b.team),
      ],
    ];
    for (const [name, request, check] of reaches) {
      it(name, async (t) => {
        const b = await bound(t);
        const answer = await b.send(request(b), { key: b.teamKey });
        assert.ok(answer.status === 200 || answer.status === 201, JSON.stringify(answer.body));
        check(answer.body, b);
      });
    }

    const outside: [string, (b: Bound) => Call, string, string][] = [
      [
        "hold outside its subtree",
        (b) => ["POST /v1/holds", { pool: b.other, amount: "1" }],
        "pool_not_found",
        "pool",
      ],
      [
        "hold at an ancestor of its pool",
        (b) => ["POST /v1/holds", { pool: b.org.rootPoolId, amount: "1" }],
        "pool_not_found",
        "pool",
      ],
      [
        "capture a hold outside its subtree",
        (b) => [`POST /v1/holds/${b.otherHold}/capture`, { amount: "1" }],
        "hold_not_found",
        "id",
      ],
      [
        "release a hold outside its subtree",
        (b) => [`POST /v1/holds/${b.otherHold}/release`, {}],
        "hold_not_found",
        "id",
      ],
      [
        "read a hold outside its subtree",
        (b) => [`GET /v1/holds/${b.otherHold}`],
        "hold_not_found",
        "id",
      ],
      [
        "read a pool outside its subtree",
        (b) => [`GET /v1/pools/${b.other}`],
        "pool_not_found",
        "id",
      ],
      [
        "read an ancestor of its pool",
        (b) => [`GET /v1/pools/${b.org.rootPoolId}`],
        "pool_not_found",
        "id",
      ],
      [
        "create a pool outside its subtree",
        (b) => ["POST /v1/pools", { parent: b.other, name: "Sneaky" }],
        "pool_not_found",
        "parent",
      ],
      [
        "change a pool outside its subtree",
        (b) => [`PATCH /v1/pools/${b.other}`, { name: "Mine" }],
        "pool_not_found",
        "id",
      ],
      [
        "read a grant outside its subtree",
        (b) => [`GET /v1/grants/${b.otherGrant}`],
        "grant_not_found",
        "id",
      ],
      [
        "list the grants of a pool outside its subtree",
        (b) => [`GET /v1/grants?pool=${b.other}`],
        "pool_not_found",
        "pool",
      ],
      [
        "read the transfers of a pool outside its subtree",
        (b) => [`GET /v1/transfers?pool=${b.other}`],
        "pool_not_found",
        "pool",
      ],
      [
        "add a member to a pool outside its subtree",
        (b) => ["POST /v1/members", { name: "Out", pool: b.other }],
        "pool_not_found",
        "pool",
      ],
      [
        "make a key bound outside its subtree",
        (b) => ["POST /v1/keys", { name: "Out", role: "agent", pool: b.other }],
        "pool_not_found",
        "pool",
      ],
    ];
    for (const [name, request, code, param] of outside) {
      it(`cannot ${name}: 404 ${code} on ${param}, nothing written`, async (t) => {
        const b = await bound(t);
        const before = await b.api.snapshot(b.org);
        expectError(await b.send(request(b), { key: b.teamKey }), 404, code, param);
        assert.equal(await b.api.snapshot(b.org), before);
      });
    }

    // Inside its subtree, but past what a delegated admin may do: bounds are set from above.
    const beyond: [string, (b: Bound) => Call, string | undefined][] = [
      [
        "remove its own pool's hard limit",
        (b) => [`PATCH /v1/pools/${b.team}`, { limit: null }],
        "id",
      ],
      ["rename its own pool", (b) => [`PATCH /v1/pools/${b.team}`, { name: "Mine" }], "id"],
      [
        "grant credits to its own pool",
        (b) => ["POST /v1/grants", { pool: b.team, amount: "1000000", source: "purchase" }],
        undefined,
      ],
      [
        "grant credits to a pool below its own",
        (b) => ["POST /v1/grants", { pool: b.sub, amount: "1", source: "purchase" }],
        undefined,
      ],
      [
        "void a grant of its own pool",
        (b) => [`POST /v1/grants/${b.teamGrant}/void`, {}],
        undefined,
      ],
      [
        "change the expiry of a grant of its own pool",
        (b) => [`POST /v1/grants/${b.teamGrant}/expiry`, { expires_at: null }],
        undefined,
      ],
      [
        "give a pool below it an overage allowance",
        (b) => [`PATCH /v1/pools/${b.sub}`, { overage_limit: { amount: "5", period: "month" } }],
        "overage_limit",
      ],
      [
        "create a pool with an overage allowance",
        (b) => [
          "POST /v1/pools",
          {
            parent: b.team,
            name: "Self-funded",
            draws_from_parent: false,
            overage_limit: { amount: "5", period: "month" },
          },
        ],
        "overage_limit",
      ],
      [
        "publish a rate card, which prices the whole organization",
        () => [
          "POST /v1/rate-cards",
          { prices: [{ meter: "input_tokens", credits_per_unit: "0" }] },
        ],
        undefined,
      ],
    ];
    for (const [name, request, param] of beyond) {
      it(`cannot ${name}: 403, nothing written`, async (t) => {
        const b = await bound(t);
        const before = await b.api.snapshot(b.org);
        expectError(await b.send(request(b), { key: b.teamKey }), 403, "permission_denied", param);
        assert.equal(await b.api.snapshot(b.org), before);
      });
    }

    it("cannot record usage outside its subtree: the event is refused, nothing written", async (t) => {
      const b = await bound(t);
      const before = await b.api.snapshot(b.org);
      const events = [{ id: "evt-1", pool: b.other, amount: "1" }];
      const answer = await b.send(["POST /v1/usage", { events }], { key: b.teamKey });
      assert.equal(answer.status, 200);
      assert.deepEqual(fields(answer.body, ["data.0.status", "data.0.code"]), [
        "refused",
        "pool_not_found",
      ]);
      assert.equal(await b.api.snapshot(b.org), before);
    });

    it("pages its grants without losing those behind grants it cannot see", {}, async (t) => {
      const b = await bound(t);
      const answer = await b.send(["GET /v1/grants?limit=1"], { key: b.teamKey });
      assert.deepEqual(ids(answer.body), [b.teamGrant]);
    });

    it("cannot revoke a key outside its subtree: 404", {}, async (t) => {
      const b = await bound(t);
      const owner = await keyIdOf(b.api, b.org, b.key);
      const answer = await b.send([`DELETE /v1/keys/${owner}`], { key: b.teamKey });
      expectError(answer, 404, "key_not_found", "id");
    });

    it("lists only the keys of its subtree", {}, async (t) => {
      const b = await bound(t);
      await b.api.keyFor(b.org, "agent", { pool: b.other });
      const answer = await b.send(["GET /v1/keys"], { key: b.teamKey });
      assert.deepEqual(list(answer.body, ["pool"]), [[b.team]]);
    });

    it("cannot read a member of a pool outside its subtree: 404", {}, async (t) => {
      const b = await bound(t);
      const made = await b.send(["POST /v1/members", { name: "Elsewhere", pool: b.other }]);
      const answer = await b.send([`GET /v1/members/${text(made.body, "id")}`], { key: b.teamKey });
      expectError(answer, 404, "member_not_found", "id");
    });
  });
}

/** The id of the key whose secret is `secret`, found by its prefix. */
async function keyIdOf(api: ApiHarness, org: OrganizationFixture, secret: string) {
  const keys = at(await api.ok("GET", "/v1/keys?limit=100", { key: org.ownerKey }), "data");
  assert.ok(Array.isArray(keys));
  const row: unknown = keys.find((key: unknown) => at(key, "prefix") === secret.slice(0, 12));
  return text(row, "id");
}

/** Follows `starting_after` from the first page; answers every id and each page's has_more. */
async function pageThrough(w: World, path: string) {
  const all: string[] = [];
  const hasMore: unknown[] = [];
  for (let page = 0; page < 5; page += 1) {
    const after = all.at(-1);
    const answer = await w.send([
      after === undefined ? `GET ${path}` : `GET ${path}&starting_after=${after}`,
    ]);
    all.push(...ids(answer.body));
    hasMore.push(at(answer.body, "has_more"));
    if (at(answer.body, "has_more") !== true) break;
  }
  return { ids: all, hasMore };
}
