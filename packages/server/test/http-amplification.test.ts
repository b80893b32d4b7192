/**
 * No request amplifies: with tens of thousands of holds open, a request naming a thousand pools
 * that do not exist costs at most one read of the pool tree (and a second such request none), and
 * reading a pool reads its tree, its grants and only the holds due by now, never every open hold.
 * The test counts what the store is asked for, not how long it takes.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { credits } from "@creditpool/core";
import type { Store } from "../src/store/port.ts";
import {
  type ApiHarness,
  apiHarness,
  at,
  type OrganizationFixture,
  type StoreName,
} from "./support/api.ts";
import { testDatabaseUrl } from "./support/stores.ts";

const openHolds = 50_000;

interface Reads {
  poolParents: number;
  views: number;
  /** Open holds the views loaded, in all. */
  viewHolds: number;
  fullStates: number;
}

/** Counts, on the store the app uses, every read that could load a whole organization. */
function countReads(store: Store): Reads {
  const reads: Reads = { poolParents: 0, views: 0, viewHolds: 0, fullStates: 0 };
  const readPoolParents = store.readPoolParents.bind(store);
  const readView = store.readView.bind(store);
  const readState = store.readState.bind(store);
  store.readPoolParents = async (organizationId) => {
    reads.poolParents += 1;
    return readPoolParents(organizationId);
  };
  store.readView = async (organizationId, now) => {
    const state = await readView(organizationId, now);
    reads.views += 1;
    reads.viewHolds += state?.holds.size ?? 0;
    return state;
  };
  store.readState = async (organizationId) => {
    reads.fullStates += 1;
    return readState(organizationId);
  };
  return reads;
}

const stores: StoreName[] = testDatabaseUrl() === undefined ? ["sqlite"] : ["sqlite", "postgres"];

for (const storeName of stores) {
  describe(`no request amplifies, with ${openHolds} holds open (${storeName})`, () => {
    let api: ApiHarness;
    let org: OrganizationFixture;
    let reads: Reads;
    before(async () => {
      api = await apiHarness({ store: storeName });
      org = await api.newOrganization("Busy");
      await api.grant(org, org.rootPoolId, "1000000");
      const submitted = [];
      for (let index = 0; index < openHolds; index += 1) {
        submitted.push(
          api.engine.submit(org.organizationId, {
            type: "create_hold",
            poolId: org.rootPoolId,
            amount: credits("1"),
            ttlSeconds: 3_600,
          }),
        );
      }
      const answers = await Promise.all(submitted);
      assert.ok(answers.every((answer) => answer.result.kind === "allowed"));
      // Warm the tree as any earlier request would.
      await api.ok("GET", "/v1/organization", { key: org.ownerKey });
      reads = countReads(api.store);
    });
    after(() => api.close());

    it("1,000 events naming unknown pools read the tree at most once, then never", async () => {
      const events = Array.from({ length: 1_000 }, (_, index) => ({
        id: `evt-${index}`,
        pool: `pool_${String(index).padStart(26, "0")}`,
        amount: "1",
      }));
      const before = { ...reads };
      for (let round = 0; round < 2; round += 1) {
        const answer = await api.call("POST", "/v1/usage", {
          key: org.ownerKey,
          body: { events },
        });
        assert.equal(answer.status, 200);
        const data = at(answer.body, "data") as unknown[];
        assert.equal(data.length, 1_000);
        assert.ok(data.every((result) => at(result, "code") === "pool_not_found"));
      }
      assert.ok(reads.poolParents - before.poolParents <= 1, `${reads.poolParents} tree reads`);
      assert.equal(reads.views - before.views, 0);
      assert.equal(reads.fullStates - before.fullStates, 0);
    });

    it("reading a pool loads none of the open holds that are not due", async () => {
      const before = { ...reads };
      const pool = await api.ok("GET", `/v1/pools/${org.rootPoolId}`, { key: org.ownerKey });
      assert.equal(at(pool, "held"), String(openHolds));
      assert.equal(reads.views - before.views, 1);
      assert.equal(reads.viewHolds - before.viewHolds, 0);
      assert.equal(reads.fullStates - before.fullStates, 0);
    });

    it("a view still applies the expiries that fell due before the sweep wrote them", async () => {
      api.clock.advance(3_600_000);
      const pool = await api.ok("GET", `/v1/pools/${org.rootPoolId}`, { key: org.ownerKey });
      assert.equal(at(pool, "held"), "0");
      assert.equal(at(pool, "available"), "1000000");
    });
  });
}
