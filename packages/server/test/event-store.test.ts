/**
 * The events' and webhooks' part of the store contract, run against every adapter: events are
 * numbered densely per organization in the writing transaction, a dedupe key writes once, a
 * checkpoint moves only from where its writer read it (and its events with it, or nothing), a key
 * and a subscription's writes carry their events, deliveries are claimed within their bounds and
 * once, an outcome lands only under its lease, and no organization reads another's rows.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { EventDraft } from "../src/store/events.ts";
import type { DeliveryRow, WebhookEndpointRow } from "../src/store/webhooks.ts";
import { contractKinds } from "./support/stores.ts";

const at = 1_800_000_000_000;

const draft = (organizationId: string, changes: Partial<EventDraft> = {}): EventDraft => ({
  organizationId,
  type: "grant.issued",
  data: '{"grant":"grant_1"}',
  createdAt: at,
  ...changes,
});

function endpoint(organizationId: string, id: string): WebhookEndpointRow {
  return {
    organizationId,
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
  };
}

function delivery(organizationId: string, id: string, changes: Partial<DeliveryRow> = {}) {
  return {
    organizationId,
    id,
    endpointId: "we_1",
    eventId: "evt_1",
    status: "pending",
    attempts: 0,
    nextAttemptAt: at,
    leaseUntil: null,
    lastStatusCode: null,
    lastError: null,
    responseExcerpt: null,
    createdAt: at,
    updatedAt: at,
    ...changes,
  } satisfies DeliveryRow;
}

for (const kind of contractKinds()) {
  describe(`store contract, events and webhooks: ${kind.name}`, () => {
    after(() => kind.cleanup());

    it("numbers each organization's events densely, in the order written", async () => {
      const store = await kind.open();
      const written = await store.appendEvents([
        draft("org_a"),
        draft("org_b"),
        draft("org_a", { type: "pool.debt" }),
      ]);
      assert.deepEqual(
        written.map((e) => [e.organizationId, e.sequence, e.type]),
        [
          ["org_a", 1, "grant.issued"],
          ["org_a", 2, "pool.debt"],
          ["org_b", 1, "grant.issued"],
        ],
      );
      await store.appendEvents([draft("org_a", { type: "key.created" })]);
      const listed = await store.listEvents("org_a", { afterSequence: 0, limit: 10 });
      assert.deepEqual(
        listed.map((e) => e.sequence),
        [1, 2, 3],
      );
      const first = listed[0];
      assert.ok(first !== undefined);
      assert.match(first.id, /^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
      assert.deepEqual(await store.readEvent("org_a", first.id), first);
      assert.equal(await store.readEvent("org_b", first.id), null, "another organization's");
      const debts = await store.listEvents("org_a", {
        afterSequence: 0,
        limit: 10,
        type: "pool.debt",
      });
      assert.deepEqual(
        debts.map((e) => e.sequence),
        [2],
      );
      await store.close();
    });

    it("writes an event with a dedupe key once, and takes no number for a repeat", async () => {
      const store = await kind.open();
      const once = { dedupeKey: "grant.expiring_soon:grant_1" };
      await store.appendEvents([draft("org_a", once), draft("org_a", once)]);
      await store.appendEvents([draft("org_a", once), draft("org_a")]);
      const listed = await store.listEvents("org_a", { afterSequence: 0, limit: 10 });
      assert.deepEqual(
        listed.map((e) => e.sequence),
        [1, 2],
      );
      await store.close();
    });

    it("moves a checkpoint only from where it was, with its events or not at all", async () => {
      const store = await kind.open();
      assert.equal(await store.eventCheckpoint("org_a", "journal"), 0);
      assert.equal(await store.appendEventsAt("org_a", "journal", 0, 5, [draft("org_a")]), true);
      assert.equal(await store.appendEventsAt("org_a", "journal", 0, 7, [draft("org_a")]), false);
      assert.equal(await store.appendEventsAt("org_a", "journal", 5, 9, [draft("org_a")]), true);
      assert.equal(await store.eventCheckpoint("org_a", "journal"), 9);
      assert.equal(await store.eventCheckpoint("org_a", "deliveries"), 0);
      const listed = await store.listEvents("org_a", { afterSequence: 0, limit: 10 });
      assert.equal(listed.length, 2, "the refused step wrote nothing");
      const behind = await store.eventsBehind("deliveries", 10);
      assert.deepEqual(behind, [{ organizationId: "org_a", position: 0 }]);
      await store.close();
    });

    it("writes key.created and key.revoked with the key's own writes", async () => {
      const store = await kind.open();
      const key = {
        id: "key_1",
        organizationId: "org_k",
        prefix: "cp_live_abc",
        hash: "h1",
        role: "viewer" as const,
        poolId: null,
        memberId: null,
        name: "reporting",
        createdAt: at,
        revokedAt: null,
      };
      await store.insertKey(key, null);
      await store.revokeKey("org_k", "key_1", at + 1);
      await store.revokeKey("org_k", "key_1", at + 2);
      const listed = await store.listEvents("org_k", { afterSequence: 0, limit: 10 });
      assert.deepEqual(
        listed.map((e) => e.type),
        ["key.created", "key.revoked"],
      );
      assert.equal(JSON.parse(listed[1]?.data ?? "{}").id, "key_1");
      await store.close();
    });

    it("stores endpoints by version, and deletes one with its deliveries", async () => {
      const store = await kind.open();
      const row = endpoint("org_a", "we_1");
      await store.insertWebhookEndpoint(row);
      assert.deepEqual(await store.readWebhookEndpoint("org_a", "we_1"), row);
      assert.equal(await store.readWebhookEndpoint("org_b", "we_1"), null);
      assert.equal(await store.countWebhookEndpoints("org_a"), 1);
      const next = { ...row, enabled: false, version: 2 };
      assert.equal(await store.updateWebhookEndpoint(next, 1), true);
      assert.equal(await store.updateWebhookEndpoint({ ...next, version: 2 }, 1), false);
      assert.deepEqual(await store.listWebhookEndpoints("org_a", { limit: 10 }), [next]);
      await store.insertDeliveries([delivery("org_a", "wdel_1")]);
      assert.deepEqual(await store.deleteWebhookEndpoint("org_a", "we_1"), next);
      assert.equal(await store.readDelivery("org_a", "wdel_1"), null);
      assert.equal(await store.deleteWebhookEndpoint("org_a", "we_1"), null);
      await store.close();
    });

    it("dispatches deliveries with the checkpoint, once", async () => {
      const store = await kind.open();
      await store.appendEvents([draft("org_a")]);
      const rows = [delivery("org_a", "wdel_1")];
      assert.equal(await store.dispatchEvents("org_a", 0, 1, rows), true);
      assert.equal(await store.dispatchEvents("org_a", 0, 1, [delivery("org_a", "wdel_2")]), false);
      assert.equal(await store.readDelivery("org_a", "wdel_2"), null);
      assert.deepEqual(await store.eventsBehind("deliveries", 10), []);
      await store.close();
    });

    it("claims due deliveries within their bounds, once, and records outcomes under the lease", async () => {
      const store = await kind.open();
      await store.insertDeliveries([
        delivery("org_a", "wdel_1"),
        delivery("org_a", "wdel_2"),
        delivery("org_a", "wdel_3", { endpointId: "we_2" }),
        delivery("org_b", "wdel_4"),
        delivery("org_b", "wdel_5", { nextAttemptAt: at + 60_000 }),
      ]);
      const bounds = { total: 10, perEndpoint: 1, perOrganization: 10 };
      const claimed = await store.claimDeliveries(at, at + 1000, bounds);
      assert.deepEqual(claimed.map((row) => row.id).sort(), ["wdel_1", "wdel_3", "wdel_4"]);
      const again = await store.claimDeliveries(at, at + 1000, bounds);
      assert.deepEqual(again, [], "an endpoint at its bound gets nothing more");
      const done = {
        ...delivery("org_a", "wdel_1"),
        status: "succeeded" as const,
        attempts: 1,
        nextAttemptAt: null,
        lastStatusCode: 204,
        updatedAt: at + 10,
      };
      assert.equal(await store.finishDelivery(done, at + 999), false, "not its lease");
      assert.equal(await store.finishDelivery(done, at + 1000), true);
      assert.deepEqual(await store.readDelivery("org_a", "wdel_1"), done);
      const next = await store.claimDeliveries(at + 1, at + 2000, bounds);
      assert.deepEqual(
        next.map((row) => row.id),
        ["wdel_2"],
      );
      // A lapsed lease is claimed again.
      const lapsed = await store.claimDeliveries(at + 1500, at + 3000, bounds);
      assert.deepEqual(lapsed.map((row) => row.id).sort(), ["wdel_3", "wdel_4"]);
      const page = await store.listDeliveries("org_a", { endpointId: "we_1", limit: 10 });
      assert.deepEqual(
        page.map((row) => row.id),
        ["wdel_2", "wdel_1"],
      );
      await store.close();
    });

    it("prunes events older than a cutoff, a bounded batch at a time", async () => {
      const store = await kind.open();
      await store.appendEvents([
        draft("org_a", { createdAt: at - 3 }),
        draft("org_a", { createdAt: at - 2 }),
        draft("org_a", { createdAt: at }),
      ]);
      assert.equal(await store.pruneEvents(at, 1), 1);
      assert.equal(await store.pruneEvents(at, 10), 1);
      const left = await store.listEvents("org_a", { afterSequence: 0, limit: 10 });
      assert.deepEqual(
        left.map((e) => e.sequence),
        [3],
      );
      await store.appendEvents([draft("org_a")]);
      const after = await store.listEvents("org_a", { afterSequence: 3, limit: 10 });
      assert.deepEqual(
        after.map((e) => e.sequence),
        [4],
        "numbers never repeat",
      );
      await store.close();
    });
  });
}
