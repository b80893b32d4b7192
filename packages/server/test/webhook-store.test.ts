/**
 * The webhooks' idempotent and audited writes, a part of the store contract run against every
 * adapter: an endpoint's insert, a rotation's update, a replay's deliveries and a test event each
 * claim their answer's key and write nothing when it is taken; the audit record an answer carries
 * is appended with it, once; an update or delete given an audit record appends it only when the
 * change took; a test event and its delivery are written together or not at all.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { ScopedAnswer } from "../src/store/directory.ts";
import type { AuditEntry, DeliveryRow, EventRow, Store } from "../src/store/port.ts";
import type { WebhookEndpointRow } from "../src/store/webhooks.ts";
import { contractKinds } from "./support/stores.ts";

const at = 1_800_000_000_000;
const org = "org_a";

function endpoint(id: string, changes: Partial<WebhookEndpointRow> = {}): WebhookEndpointRow {
  return {
    organizationId: org,
    id,
    url: "https://example.com/hooks",
    description: "",
    eventTypes: '["*"]',
    enabled: true,
    secret: "whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0",
    previousSecret: null,
    previousSecretUntil: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...changes,
  };
}

function delivery(id: string, eventId = "evt_1"): DeliveryRow {
  return {
    organizationId: org,
    id,
    endpointId: "we_1",
    eventId,
    status: "pending",
    attempts: 0,
    nextAttemptAt: at,
    leaseUntil: null,
    lastStatusCode: null,
    lastError: null,
    responseExcerpt: null,
    createdAt: at,
    updatedAt: at,
  };
}

function audit(id: string, action: string): AuditEntry {
  return {
    id,
    organizationId: org,
    at,
    actor: { type: "key", id: "key_1", role: "owner" },
    requestId: null,
    action,
    targetType: "webhook_endpoint",
    targetId: "we_1",
    before: null,
    after: { id: "we_1" },
  };
}

function answer(key: string, body: unknown, entry?: AuditEntry): ScopedAnswer {
  const row = { scope: org, key, fingerprint: `f:${key}`, answer: JSON.stringify(body) };
  return { ...row, createdAt: at, ...(entry === undefined ? {} : { audit: [entry] }) };
}

async function actions(store: Store): Promise<string[]> {
  const records = await store.listAuditRecords(org, { afterSequence: 0, limit: 50 });
  return records.map((record) => record.action);
}

for (const kind of contractKinds()) {
  describe(`store contract, idempotent and audited webhook writes: ${kind.name}`, () => {
    after(() => kind.cleanup());

    it("inserts an endpoint once per key, its audit record with it", async () => {
      const store = await kind.open();
      const first = answer("request:a", { id: "we_1" }, audit("aud_1", "webhook_endpoint.created"));
      assert.equal(await store.insertWebhookEndpoint(endpoint("we_1"), first), null);
      const again = answer("request:a", { id: "we_2" }, audit("aud_2", "webhook_endpoint.created"));
      const stored = await store.insertWebhookEndpoint(endpoint("we_2"), again);
      assert.deepEqual(stored, { fingerprint: "f:request:a", answer: '{"id":"we_1"}' });
      assert.equal(await store.readWebhookEndpoint(org, "we_2"), null);
      assert.deepEqual(await actions(store), ["webhook_endpoint.created"]);
      await store.close();
    });

    it("updates with an answer only while the key is new and the version stands", async () => {
      const store = await kind.open();
      await store.insertWebhookEndpoint(endpoint("we_1"));
      const next = endpoint("we_1", { secret: "whsec_bmV3", version: 2 });
      const rotated = answer("request:r", {}, audit("aud_1", "webhook_endpoint.secret_rotated"));
      assert.equal(await store.updateWebhookEndpoint(next, 1, rotated), true);
      const later = endpoint("we_1", { secret: "whsec_bGF0ZXI=", version: 3 });
      const taken = answer("request:r", {}, audit("aud_2", "webhook_endpoint.secret_rotated"));
      assert.equal(await store.updateWebhookEndpoint(later, 2, taken), false, "key taken");
      const stale = answer("request:s", {}, audit("aud_3", "webhook_endpoint.secret_rotated"));
      const moved = { ...later, version: 2 };
      assert.equal(await store.updateWebhookEndpoint(moved, 1, stale), false, "version moved");
      assert.equal(await store.findAnswer(org, "request:s"), null, "rolled back with it");
      assert.deepEqual(await store.readWebhookEndpoint(org, "we_1"), next);
      assert.deepEqual(await actions(store), ["webhook_endpoint.secret_rotated"]);
      await store.close();
    });

    it("records an update's or a delete's audit record only when the change took", async () => {
      const store = await kind.open();
      await store.insertWebhookEndpoint(endpoint("we_1"));
      const next = endpoint("we_1", { enabled: false, version: 2 });
      const updated = audit("aud_1", "webhook_endpoint.updated");
      assert.equal(await store.updateWebhookEndpoint(next, 1, null, updated), true);
      const stale = audit("aud_2", "webhook_endpoint.updated");
      assert.equal(await store.updateWebhookEndpoint(next, 1, null, stale), false);
      const deleted: WebhookEndpointRow[] = [];
      const record = (row: WebhookEndpointRow) => {
        deleted.push(row);
        return { ...audit(`aud_d${deleted.length}`, "webhook_endpoint.deleted"), after: null };
      };
      assert.deepEqual(await store.deleteWebhookEndpoint(org, "we_1", record), next);
      assert.equal(await store.deleteWebhookEndpoint(org, "we_1", record), null);
      assert.deepEqual(deleted, [next], "made from the row deleted, once");
      assert.deepEqual(await actions(store), [
        "webhook_endpoint.updated",
        "webhook_endpoint.deleted",
      ]);
      await store.close();
    });

    it("inserts a replay's deliveries once per key", async () => {
      const store = await kind.open();
      const first = answer("request:p", ["wdel_1"]);
      assert.equal(await store.insertDeliveries([delivery("wdel_1")], first), null);
      const stored = await store.insertDeliveries([delivery("wdel_2")], answer("request:p", []));
      assert.equal(stored?.answer, '["wdel_1"]');
      assert.equal(await store.readDelivery(org, "wdel_2"), null);
      await store.close();
    });

    it("writes a test event with its delivery and its answer, or nothing", async () => {
      const store = await kind.open();
      const draft = {
        organizationId: org,
        type: "webhook_endpoint.test" as const,
        data: '{"endpoint":"we_1"}',
        createdAt: at,
      };
      const answered = (key: string) => ({
        scope: org,
        key,
        answer: (event: EventRow) => answer(key, { id: event.id, sequence: event.sequence }),
      });
      const sent = await store.insertTestEvent(
        draft,
        (event) => delivery("wdel_1", event.id),
        answered("request:t"),
      );
      assert.ok("event" in sent);
      assert.equal(sent.event.sequence, 1);
      assert.equal((await store.readDelivery(org, "wdel_1"))?.eventId, sent.event.id);
      const again = await store.insertTestEvent(
        draft,
        (event) => delivery("wdel_2", event.id),
        answered("request:t"),
      );
      assert.ok("stored" in again);
      assert.deepEqual(JSON.parse(again.stored.answer), { id: sent.event.id, sequence: 1 });
      assert.equal(await store.readDelivery(org, "wdel_2"), null);
      const events = await store.listEvents(org, { afterSequence: 0, limit: 10 });
      assert.deepEqual(
        events.map((event) => event.sequence),
        [1],
        "the replay took no number",
      );
      const next = await store.insertTestEvent(
        draft,
        (event) => delivery("wdel_3", event.id),
        null,
      );
      assert.ok("event" in next);
      assert.equal(next.event.sequence, 2, "dense after a rolled back write");
      await store.close();
    });
  });
}
