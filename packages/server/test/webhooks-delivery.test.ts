/**
 * Events and webhooks end to end over real HTTP: a scripted ledger's journal becomes exactly the
 * expected events; a receiver (a `node:http` server) that first fails, then times out, then
 * recovers gets every event, each with a signature `Webhook.verify` accepts, and its set of
 * `webhook-id`s is the events'; after a rotation both secrets verify; without the allowance a
 * private address is refused.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it, type TestContext } from "node:test";
import { Webhook } from "standardwebhooks";
import type { Principal } from "../src/access/principal.ts";
import { endpointView, eventView } from "../src/http/routes/events.ts";
import { seededRandomFill, ulidIdSource } from "../src/ids.ts";
import type { Written } from "../src/services/idempotency.ts";
import { createServices, type Services } from "../src/services/services.ts";
import { httpWebhookPost } from "../src/services/webhook-client.ts";
import type { EndpointInput } from "../src/services/webhooks.ts";
import { type ApiHarness, apiHarness, type OrganizationFixture } from "./support/api.ts";

interface Received {
  readonly headers: Record<string, string>;
  readonly body: string;
}

type Behaviour = "fail" | "hang" | "ok";

/** A receiver whose answer to each request is the next behaviour, then "ok" for good. */
async function receiver(t: TestContext, behaviours: Behaviour[]) {
  const received: Received[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const behaviour = behaviours.shift() ?? "ok";
      if (behaviour === "hang") return;
      received.push({
        headers: request.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      response.writeHead(behaviour === "fail" ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  t.after(() => server.closeAllConnections());
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received };
}

async function world(
  t: TestContext,
  allowPrivate = true,
): Promise<{ api: ApiHarness; org: OrganizationFixture; services: Services; owner: Principal }> {
  const api = await apiHarness();
  t.after(() => api.close());
  const org = await api.newOrganization("Acme");
  // The real clock: a receiver checks a signature's timestamp against its own.
  const clock = () => Date.now();
  const services = createServices({
    engine: api.engine,
    store: api.store,
    clock,
    ids: ulidIdSource(clock, seededRandomFill(77)),
    fillRandom: seededRandomFill(78),
    webhooks: {
      allowPrivate,
      post: httpWebhookPost(allowPrivate, 300),
      scheduleMs: [10, 10, 10, 10, 10],
    },
  });
  const owner: Principal = {
    keyId: "key_owner",
    organizationId: org.organizationId,
    role: "owner",
    poolId: null,
    memberId: null,
  };
  return { api, org, services, owner };
}

let requests = 0;
/** A new idempotency key for each request the test makes. */
function requestKey(): string {
  requests += 1;
  return `request:test-${requests}`;
}

async function madeOf<T>(written: Promise<Written<T>>): Promise<T> {
  const answer = await written;
  if (!("made" in answer)) throw new Error("a new request makes what it asks");
  return answer.made;
}

function createEndpoint(services: Services, owner: Principal, input: EndpointInput) {
  return madeOf(services.webhooks.create(owner, input, requestKey(), endpointView));
}

function sendTest(services: Services, owner: Principal, id: string) {
  return madeOf(services.webhooks.sendTest(owner, id, requestKey(), eventView));
}

/** Passes of every job until nothing is pending, the receiver's failures waited out. */
async function drain(services: Services): Promise<void> {
  for (let pass = 0; pass < 40; pass += 1) {
    await services.events.projectAll();
    await services.webhooks.dispatchAll();
    await services.webhookSender.sendDue();
    await services.webhookSender.settle();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("events from the journal", () => {
  it("a scripted ledger's transfers become exactly the expected events", async (t) => {
    const { api, org, services } = await world(t);
    const grant = await api.grant(org, org.rootPoolId, "10");
    const hold = await api.hold(org, org.rootPoolId, "4");
    await api.ok("POST", `/v1/holds/${hold}/capture`, {
      key: org.ownerKey,
      body: { amount: "4" },
    });
    // Usage past the credits left: 6 consumed, 3 owed as debt.
    await api.ok("POST", "/v1/usage", {
      key: org.ownerKey,
      body: { events: [{ id: "u1", pool: org.rootPoolId, amount: "9" }] },
    });
    await api.grant(org, org.rootPoolId, "5");
    await services.events.projectAll();
    await services.events.projectAll();
    const events = await api.store.listEvents(org.organizationId, { afterSequence: 0, limit: 50 });
    assert.deepEqual(
      events.filter((e) => e.type !== "key.created").map((e) => e.type),
      // A depletion is told after the page of the journal it happened in.
      ["grant.issued", "pool.debt", "grant.issued", "pool.debt_paid", "grant.depleted"],
    );
    const depleted = events.find((e) => e.type === "grant.depleted");
    assert.equal(JSON.parse(depleted?.data ?? "{}").grant, grant);
    assert.deepEqual(
      events.map((e) => e.sequence),
      events.map((_, index) => index + 1),
      "dense",
    );
  });
});

describe("webhooks over real HTTP", () => {
  it("a receiver that fails, times out, then recovers gets every event, signed", async (t) => {
    const { api, org, services, owner } = await world(t);
    const hook = await receiver(t, ["fail", "hang", "fail"]);
    const made = await createEndpoint(services, owner, {
      url: hook.url,
      eventTypes: ["*"],
      description: "billing",
      enabled: true,
    });
    assert.match(made.secret, /^whsec_[A-Za-z0-9+/]{32}$/);
    await api.grant(org, org.rootPoolId, "10");
    await api.grant(org, org.rootPoolId, "20");
    await drain(services);
    const events = await api.store.listEvents(org.organizationId, { afterSequence: 0, limit: 50 });
    const wanted = events.filter((e) => e.type === "grant.issued").map((e) => e.id);
    assert.equal(wanted.length, 2);
    const verifier = new Webhook(made.secret);
    for (const delivery of hook.received) {
      const payload = verifier.verify(delivery.body, delivery.headers) as { type: string };
      assert.equal(payload.type, "grant.issued");
    }
    const ids = new Set(hook.received.map((d) => d.headers["webhook-id"]));
    assert.deepEqual([...ids].sort(), [...wanted].sort());
    const log = await services.webhooks.deliveries(owner, made.endpoint.id, { limit: 10 });
    assert.ok(log.every((d) => d.status === "succeeded"));
    const attempts = log.map((d) => d.attempts).reduce((a, b) => a + b, 0);
    assert.ok(attempts >= 5, `three failures and two successes, at least: ${attempts}`);
  });

  it("after a rotation a delivery carries two signatures, and both secrets verify", async (t) => {
    const { services, owner } = await world(t);
    const hook = await receiver(t, []);
    const made = await createEndpoint(services, owner, {
      url: hook.url,
      eventTypes: ["webhook_endpoint.test"],
      description: "",
      enabled: true,
    });
    const rotated = await madeOf(
      services.webhooks.rotateSecret(owner, made.endpoint.id, requestKey(), endpointView),
    );
    await sendTest(services, owner, made.endpoint.id);
    await drain(services);
    const [delivery] = hook.received;
    assert.ok(delivery !== undefined);
    assert.equal(delivery.headers["webhook-signature"]?.split(" ").length, 2);
    for (const secret of [made.secret, rotated.secret])
      new Webhook(secret).verify(delivery.body, delivery.headers);
  });

  it("refuses a private address, at create for an IP literal and at delivery for a name", async (t) => {
    const { services, owner } = await world(t, false);
    await assert.rejects(
      createEndpoint(services, owner, {
        url: "http://169.254.169.254/latest",
        eventTypes: ["*"],
        description: "",
        enabled: true,
      }),
      (error: { code?: string; param?: string }) =>
        error.code === "invalid_request" && error.param === "url",
    );
    const named = await createEndpoint(services, owner, {
      url: "http://localhost:9/hooks",
      eventTypes: ["*"],
      description: "",
      enabled: true,
    });
    await sendTest(services, owner, named.endpoint.id);
    await services.webhookSender.sendDue();
    await services.webhookSender.settle();
    const [delivery] = await services.webhooks.deliveries(owner, named.endpoint.id, { limit: 1 });
    assert.match(delivery?.lastError ?? "", /^refused: localhost resolves to/);
  });
});
