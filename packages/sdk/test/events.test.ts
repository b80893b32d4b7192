/** Events, webhook endpoints and deliveries through the client, against the real API in process. */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CreditpoolClient, CreditpoolError } from "../src/index.ts";
import { baseUrl, type InProcessApi, inProcessApi, operatorKey } from "./support/in-process.ts";

describe("events and webhooks through the client", () => {
  let api: InProcessApi;
  let client: CreditpoolClient;

  before(async () => {
    api = await inProcessApi();
    const operator = new CreditpoolClient({ baseUrl, apiKey: operatorKey, fetch: api.fetch });
    const created = await operator.organizations.create({ name: "Hooked" });
    client = new CreditpoolClient({
      baseUrl,
      apiKey: created.owner_key.secret ?? "",
      fetch: api.fetch,
    });
  });
  after(() => api.close());

  it("creates an endpoint once per key, the secret in the replay too", async () => {
    const body = {
      url: "https://hooks.example.com/creditpool",
      event_types: ["grant.issued" as const],
    };
    const made = await client.webhookEndpoints.create(body, { idempotencyKey: "hook-1" });
    assert.match(made.secret ?? "", /^whsec_/);
    const again = await client.webhookEndpoints.create(body, { idempotencyKey: "hook-1" });
    assert.deepEqual(again, made);
    assert.deepEqual(
      (await client.webhookEndpoints.list()).data.map((each) => [each.id, each.secret]),
      [[made.id, undefined]],
      "a list never shows a secret",
    );
    const updated = await client.webhookEndpoints.update(made.id, { enabled: false });
    assert.equal(updated.enabled, false);
    assert.equal((await client.webhookEndpoints.get(made.id)).enabled, false);
    const rotated = await client.webhookEndpoints.rotateSecret(made.id);
    assert.notEqual(rotated.secret, made.secret);
    assert.ok(rotated.previous_secret_expires_at !== null);
    const deleted = await client.webhookEndpoints.delete(made.id);
    assert.equal(deleted.id, made.id);
    await assert.rejects(client.webhookEndpoints.get(made.id), (error: unknown) => {
      assert.ok(error instanceof CreditpoolError);
      assert.equal(error.code, "webhook_endpoint_not_found");
      return true;
    });
  });

  it("tests an endpoint, reads the event and its delivery, retries and replays it", async () => {
    const made = await client.webhookEndpoints.create({
      url: "https://hooks.example.com/test",
      event_types: ["*" as const],
    });
    const event = await client.webhookEndpoints.test(made.id, { idempotencyKey: "test-1" });
    assert.equal(event.type, "webhook_endpoint.test");
    assert.deepEqual(
      await client.webhookEndpoints.test(made.id, { idempotencyKey: "test-1" }),
      event,
    );
    assert.deepEqual(await client.events.get(event.id), event);
    const listed = await client.events.list({ type: "webhook_endpoint.test" });
    assert.deepEqual(
      listed.data.map((each) => each.id),
      [event.id],
    );
    const log = await client.webhookEndpoints.deliveries(made.id);
    assert.deepEqual(
      log.data.map((each) => [each.event, each.status]),
      [[event.id, "pending"]],
    );
    const [first] = log.data;
    const retried = await client.webhookDeliveries.retry(first?.id ?? "");
    assert.deepEqual([retried.event, retried.endpoint], [event.id, made.id]);
    const replayed = await client.events.replay(event.id, { endpoint: made.id });
    assert.deepEqual(
      replayed.data.map((each) => each.endpoint),
      [made.id],
    );
    assert.equal((await client.webhookEndpoints.deliveries(made.id)).data.length, 3);
  });
});
