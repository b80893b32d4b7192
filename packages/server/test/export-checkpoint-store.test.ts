/**
 * The export checkpoints' part of the store contract, run against every adapter: organizations
 * behind are listed from the journal's heads, a claim takes only a free or expired lease, a
 * checkpoint moves only from the value its mover read, and exporters and organizations never
 * share a checkpoint.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { Store } from "../src/store/port.ts";
import { grantRequest, holdRequest, testEngine } from "./support/ledger.ts";
import { contractKinds } from "./support/stores.ts";

const now = 1_800_000_000_000;

/** An organization with `holds` holds on one grant: 1 + `holds` transfers. */
async function organizationWith(store: Store, holds: number): Promise<string> {
  const { engine } = testEngine(store);
  const organization = await engine.createOrganization("Exported");
  await engine.submit(organization.id, grantRequest(organization.rootPoolId, "1000"));
  for (let hold = 0; hold < holds; hold += 1)
    await engine.submit(organization.id, holdRequest(organization.rootPoolId, "1"));
  await engine.close();
  return organization.id;
}

for (const kind of contractKinds()) {
  describe(`store contract, export checkpoints: ${kind.name}`, () => {
    after(() => kind.cleanup());

    it("lists the organizations behind by id, with their head and checkpoint", async () => {
      const store = await kind.open();
      try {
        const a = await organizationWith(store, 2);
        const b = await organizationWith(store, 0);
        const [first, second] = [a, b].sort();
        const behind = await store.exportsBehind("S", "transfers", now, 10);
        assert.deepEqual(
          behind.map((row) => row.organizationId),
          [first, second],
        );
        assert.deepEqual(
          behind.find((row) => row.organizationId === a),
          { organizationId: a, exportedTo: 0, head: 3 },
        );
        assert.deepEqual(
          (await store.exportsBehind("S", "transfers", now, 1)).map((row) => row.organizationId),
          [first],
        );
        assert.deepEqual(
          (await store.exportsBehind("S", "transfers", now, 10, first)).map(
            (r) => r.organizationId,
          ),
          [second],
        );
        await assert.rejects(store.exportsBehind("S", "nothing", now, 10), /no export source/);
      } finally {
        await store.close();
      }
    });

    it("a claim takes a free or expired lease only; a move frees it", async () => {
      const store = await kind.open();
      try {
        const organizationId = await organizationWith(store, 2);
        const key = { exporter: "S", source: "transfers", organizationId };
        assert.equal(await store.claimExport(key, "node_a", now, now + 1000), 0);
        assert.equal(await store.claimExport(key, "node_b", now + 999, now + 2000), null);
        assert.equal(await store.claimExport(key, "node_a", now + 10, now + 1000), 0, "its own");
        assert.deepEqual(
          await store.exportsBehind("S", "transfers", now, 10),
          [],
          "a leased organization is not listed",
        );
        assert.equal(await store.moveExportCheckpoint(key, "node_a", 0, 2, now), true);
        assert.equal(await store.exportCheckpoint(key), 2);
        assert.deepEqual(await store.exportsBehind("S", "transfers", now, 10), [
          { organizationId, exportedTo: 2, head: 3 },
        ]);
        assert.equal(await store.claimExport(key, "node_b", now, now + 1000), 2, "freed by move");
        assert.equal(await store.claimExport(key, "node_a", now + 1000, now + 2000), 2, "expired");
        await store.releaseExport(key, "node_b");
        assert.equal(await store.claimExport(key, "node_b", now + 1001, now + 2000), null);
        await store.releaseExport(key, "node_a");
        assert.equal(await store.claimExport(key, "node_b", now + 1001, now + 2000), 2);
      } finally {
        await store.close();
      }
    });

    it("moves a checkpoint only from the value read, never back", async () => {
      const store = await kind.open();
      try {
        const organizationId = await organizationWith(store, 3);
        const key = { exporter: "S", source: "transfers", organizationId };
        assert.equal(
          await store.moveExportCheckpoint(key, "node_a", 0, 2, now),
          false,
          "unclaimed",
        );
        await store.claimExport(key, "node_a", now, now + 1000);
        // A node whose lease ran out still moves it, from what it read; the other then cannot.
        await store.claimExport(key, "node_b", now + 1000, now + 2000);
        assert.equal(await store.moveExportCheckpoint(key, "node_a", 0, 3, now), true);
        assert.equal(await store.moveExportCheckpoint(key, "node_b", 0, 2, now), false);
        assert.equal(await store.exportCheckpoint(key), 3);
        assert.equal(
          await store.claimExport(key, "node_c", now + 1500, now + 3000),
          null,
          "node_b's lease is not freed by node_a's move",
        );
        assert.throws(() => store.moveExportCheckpoint(key, "node_b", 3, 1, now), /never moves/);
        assert.equal(await store.exportCheckpoint({ ...key, exporter: "T" }), 0, "per exporter");
        assert.equal(await store.exportCheckpoint({ ...key, organizationId: "org_x" }), 0);
        assert.equal((await store.exportsBehind("T", "transfers", now, 10)).length, 1);
        assert.deepEqual(await store.exportsBehind("S", "transfers", now + 5000, 10), [
          { organizationId, exportedTo: 3, head: 4 },
        ]);
      } finally {
        await store.close();
      }
    });
  });
}
