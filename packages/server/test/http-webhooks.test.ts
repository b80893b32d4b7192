/**
 * Webhook endpoints and events over HTTP, one outcome per test: every POST answers a replay of
 * its Idempotency-Key with the first answer (a create's and a rotation's secret included) and
 * writes once; endpoint changes leave audit records that never show a secret; bad input names
 * its field and writes nothing; another organization's key reaches nothing; billing writes tell
 * their events as the routes make them.
 */
import assert from "node:assert/strict";
import { describe, it, type TestContext } from "node:test";
import { type ApiHarness, apiHarness, at, type OrganizationFixture, text } from "./support/api.ts";
import { pastPeriodMs, publishOperatorPlans, subscribe } from "./support/billing-world.ts";

const hookUrl = "https://hooks.example.com/creditpool";

async function world(t: TestContext): Promise<{ api: ApiHarness; org: OrganizationFixture }> {
  const api = await apiHarness();
  t.after(() => api.close());
  return { api, org: await api.newOrganization("Hooked") };
}

function post(api: ApiHarness, org: OrganizationFixture, path: string, body?: unknown, key = "") {
  return api.call("POST", path, {
    key: org.ownerKey,
    ...(body === undefined ? {} : { body }),
    ...(key === "" ? {} : { headers: { "idempotency-key": key } }),
  });
}

async function endpointOf(api: ApiHarness, org: OrganizationFixture): Promise<string> {
  const made = await post(api, org, "/v1/webhook-endpoints", { url: hookUrl });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return text(made.body, "id");
}

/** What a refused request must leave as it was: endpoints, events, deliveries, audit records. */
async function written(api: ApiHarness, org: OrganizationFixture): Promise<string> {
  const id = org.organizationId;
  const endpoints = await api.store.listWebhookEndpoints(id, { limit: 100 });
  const deliveries = await Promise.all(
    endpoints.map((e) => api.store.listDeliveries(id, { endpointId: e.id, limit: 100 })),
  );
  const events = await api.store.listEvents(id, { afterSequence: 0, limit: 1000 });
  const audit = await api.store.listAuditRecords(id, { afterSequence: 0, limit: 1000 });
  return JSON.stringify({ endpoints, deliveries, events, audit });
}

describe("webhook POSTs are idempotent", () => {
  it("a create replayed answers the first answer, its secret included, and makes one", async (t) => {
    const { api, org } = await world(t);
    const body = { url: hookUrl, event_types: ["grant.issued"] };
    const first = await post(api, org, "/v1/webhook-endpoints", body, "make-1");
    const again = await post(api, org, "/v1/webhook-endpoints", body, "make-1");
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(again.body, first.body);
    assert.match(text(again.body, "secret"), /^whsec_/);
    assert.equal(await api.store.countWebhookEndpoints(org.organizationId), 1);
    const other = await post(api, org, "/v1/webhook-endpoints", { url: hookUrl }, "make-1");
    assert.equal(other.status, 409);
    assert.equal(text(other.body, "error.code"), "idempotency_key_reused");
  });

  it("a rotation, a test, a retry and a replay each write once per key", async (t) => {
    const { api, org } = await world(t);
    const id = await endpointOf(api, org);
    const paths = [`/v1/webhook-endpoints/${id}/rotate-secret`, `/v1/webhook-endpoints/${id}/test`];
    for (const path of paths) {
      const first = await post(api, org, path, undefined, `once ${path}`);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.deepEqual((await post(api, org, path, undefined, `once ${path}`)).body, first.body);
    }
    const events = await api.store.listEvents(org.organizationId, {
      afterSequence: 0,
      limit: 100,
      type: "webhook_endpoint.test",
    });
    assert.equal(events.length, 1);
    const [event] = events;
    const log = await api.ok("GET", `/v1/webhook-endpoints/${id}/deliveries`, {
      key: org.ownerKey,
    });
    const delivery = text(log, "data.0.id");
    const retry = `/v1/webhook-deliveries/${delivery}/retry`;
    const retried = await post(api, org, retry, undefined, "retry-1");
    assert.deepEqual((await post(api, org, retry, undefined, "retry-1")).body, retried.body);
    const replay = `/v1/events/${event?.id}/replay?endpoint=${id}`;
    const replayed = await post(api, org, replay, undefined, "replay-1");
    assert.deepEqual((await post(api, org, replay, undefined, "replay-1")).body, replayed.body);
    const all = await api.store.listDeliveries(org.organizationId, { endpointId: id, limit: 10 });
    assert.equal(all.length, 3, "the test's, the retry's and the replay's");
  });
});

describe("webhook endpoint changes are audited", () => {
  it("create, update, rotate and delete each leave one record, with no secret in any", async (t) => {
    const { api, org } = await world(t);
    const id = await endpointOf(api, org);
    const key = org.ownerKey;
    await api.ok("PATCH", `/v1/webhook-endpoints/${id}`, { key, body: { enabled: false } });
    await api.ok("POST", `/v1/webhook-endpoints/${id}/rotate-secret`, { key });
    await api.ok("DELETE", `/v1/webhook-endpoints/${id}`, { key });
    const records = await api.ok("GET", `/v1/audit-records?target=${id}`, { key });
    const data = (records as { data: { action: string; before: unknown; after: unknown }[] }).data;
    assert.deepEqual(
      data.map((record) => record.action),
      [
        "webhook_endpoint.created",
        "webhook_endpoint.updated",
        "webhook_endpoint.secret_rotated",
        "webhook_endpoint.deleted",
      ],
    );
    assert.doesNotMatch(JSON.stringify(records), /whsec_|"secret"/);
    assert.equal(at(data[1]?.before, "enabled"), true);
    assert.equal(at(data[1]?.after, "enabled"), false);
    assert.equal(data[3]?.after, null);
  });
});

describe("webhook input is checked before anything is written", () => {
  const refusals: [string, unknown, string][] = [
    ["no url", { event_types: ["*"] }, "url"],
    ["a url that is not http", { url: "ftp://hooks.example.com/x" }, "url"],
    ["a private address", { url: "http://10.0.0.8/hooks" }, "url"],
    ["an unknown event type", { url: hookUrl, event_types: ["grant.made"] }, "event_types[0]"],
    ["an unknown field", { url: hookUrl, secret: "whsec_mine" }, "secret"],
    ["a description too long", { url: hookUrl, description: "x".repeat(501) }, "description"],
  ];
  for (const [what, body, param] of refusals) {
    it(`refuses ${what}, naming ${param}`, async (t) => {
      const { api, org } = await world(t);
      const before = await written(api, org);
      const answer = await post(api, org, "/v1/webhook-endpoints", body, `bad ${what}`);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(text(answer.body, "error.param"), param);
      assert.equal(await written(api, org), before);
      const stored = await api.store.findAnswer(org.organizationId, `request:bad ${what}`);
      assert.equal(stored, null, "a refusal is not stored");
    });
  }

  it("refuses a bad update naming the field, and changes nothing", async (t) => {
    const { api, org } = await world(t);
    const id = await endpointOf(api, org);
    const before = await written(api, org);
    const answer = await api.call("PATCH", `/v1/webhook-endpoints/${id}`, {
      key: org.ownerKey,
      body: { event_types: ["*", 7] },
    });
    assert.equal(answer.status, 400);
    assert.equal(text(answer.body, "error.param"), "event_types[1]");
    assert.equal(await written(api, org), before);
  });
});

describe("webhooks across organizations", () => {
  it("another organization's key reaches no endpoint, event or delivery, and writes nothing", async (t) => {
    const { api, org } = await world(t);
    const id = await endpointOf(api, org);
    const test = await post(api, org, `/v1/webhook-endpoints/${id}/test`);
    const event = text(test.body, "id");
    const log = await api.ok("GET", `/v1/webhook-endpoints/${id}/deliveries`, {
      key: org.ownerKey,
    });
    const delivery = text(log, "data.0.id");
    const stranger = await api.newOrganization("Stranger");
    const before = await written(api, org);
    for (const path of [
      `/v1/webhook-endpoints/${id}/rotate-secret`,
      `/v1/webhook-endpoints/${id}/test`,
      `/v1/webhook-deliveries/${delivery}/retry`,
      `/v1/events/${event}/replay`,
    ]) {
      const answer = await post(api, stranger, path);
      assert.equal(answer.status, 404, `${path}: ${JSON.stringify(answer.body)}`);
    }
    const read = await api.call("GET", `/v1/events/${event}`, { key: stranger.ownerKey });
    assert.equal(read.status, 404);
    assert.equal(await written(api, org), before);
  });
});

describe("billing events", () => {
  it("a subscription's start, renewal and end tell their events as they happen", async (t) => {
    const { api, org } = await world(t);
    await publishOperatorPlans(api);
    const key = org.ownerKey;
    const types = async () => {
      const page = await api.ok("GET", "/v1/events?limit=100", { key });
      return (page as { data: { type: string }[] }).data
        .map((event) => event.type)
        .filter((type) => type.startsWith("subscription.") || type.startsWith("invoice."));
    };
    const { subscription } = await subscribe(api, org);
    assert.deepEqual(await types(), ["subscription.created", "invoice.created"]);
    api.clock.advance(pastPeriodMs);
    await api.ok("GET", `/v1/subscriptions/${subscription}`, { key });
    const renewed = await types();
    assert.ok(renewed.includes("subscription.renewed"), renewed.join());
    assert.ok(renewed.includes("invoice.finalized"), renewed.join());
    assert.equal(renewed.filter((type) => type === "invoice.created").length, 2);
    // A cancellation takes effect at the period's end: the subscription stops then.
    await api.ok("POST", `/v1/subscriptions/${subscription}/cancel`, { key });
    assert.ok(!(await types()).includes("subscription.canceled"));
    api.clock.advance(pastPeriodMs);
    await api.ok("GET", `/v1/subscriptions/${subscription}`, { key });
    const ended = await types();
    assert.equal(ended.filter((type) => type === "subscription.canceled").length, 1, ended.join());
  });
});
