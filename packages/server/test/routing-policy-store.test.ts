/**
 * The routing policies' part of the store contract, run against every adapter: a policy is
 * stored once (a replay answers the first answer), one a pool; it reads back field for field
 * (bigints past 2^53 included); it changes or goes only at the version a writer read, each change
 * with its audit record; the pools of a path find theirs; no organization reads another's.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { AuditEntry } from "../src/store/audit.ts";
import type { ScopedAnswer } from "../src/store/directory.ts";
import type { RoutingPolicyRow } from "../src/store/routing-policies.ts";
import { contractKinds } from "./support/stores.ts";

const at = 1_800_000_000_000;

function policy(
  organizationId: string,
  id: string,
  poolId: string,
  changes: Partial<RoutingPolicyRow> = {},
): RoutingPolicyRow {
  return {
    organizationId,
    id,
    poolId,
    tiers: { light: ["gpt-5-nano"], standard: ["gpt-5-mini", "gpt-4.1-mini"], heavy: ["gpt-5"] },
    defaultTier: "standard",
    routeAll: false,
    lowBalance: { below: 2n ** 60n, belowPercent: null, stepDown: true },
    onLimit: "end_stream",
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...changes,
  };
}

function answer(scope: string, key: string): ScopedAnswer {
  return { scope, key, fingerprint: "f", answer: `{"key":"${key}"}`, createdAt: at };
}

function audit(organizationId: string, id: string, action: string): AuditEntry {
  return {
    id,
    organizationId,
    at,
    actor: { type: "key", id: "key_1", role: "admin" },
    requestId: null,
    action,
    targetType: "routing_policy",
    targetId: "rpol_1",
    before: null,
    after: null,
  };
}

for (const kind of contractKinds()) {
  describe(`store contract, routing policies: ${kind.name}`, () => {
    after(() => kind.cleanup());

    it("stores a policy once, one a pool, and reads it back field for field", async () => {
      const store = await kind.open();
      try {
        const first = policy("org_a", "rpol_2", "pool_1");
        assert.equal(await store.insertRoutingPolicy(first, answer("org_a", "k1")), null);
        const replay = await store.insertRoutingPolicy(
          policy("org_a", "rpol_9", "pool_9"),
          answer("org_a", "k1"),
        );
        assert.deepEqual(replay, { fingerprint: "f", answer: '{"key":"k1"}' });
        assert.equal(
          await store.readRoutingPolicy("org_a", "rpol_9"),
          null,
          "a replay writes none",
        );
        assert.deepEqual(await store.readRoutingPolicy("org_a", "rpol_2"), first);
        const taken = await store.insertRoutingPolicy(
          policy("org_a", "rpol_3", "pool_1"),
          answer("org_a", "k2"),
        );
        assert.equal(taken, "pool_has_policy");
        assert.equal(
          await store.findAnswer("org_a", "k2"),
          null,
          "a refused insert keeps no answer",
        );
        const percent = policy("org_a", "rpol_1", "pool_2", {
          lowBalance: { below: null, belowPercent: 15, stepDown: false },
          routeAll: true,
          onLimit: "extend",
        });
        assert.equal(await store.insertRoutingPolicy(percent, null), null);
        assert.deepEqual(await store.readRoutingPolicy("org_a", "rpol_1"), percent);
        assert.deepEqual(
          (await store.listRoutingPolicies("org_a", { limit: 10 })).map((row) => row.id),
          ["rpol_1", "rpol_2"],
        );
        assert.deepEqual(
          await store.listRoutingPolicies("org_a", { limit: 1, startingAfter: "rpol_1" }),
          [first],
        );
        assert.equal(await store.readRoutingPolicy("org_b", "rpol_2"), null);
        assert.deepEqual(await store.listRoutingPolicies("org_b", { limit: 10 }), []);
      } finally {
        await store.close();
      }
    });

    it("finds the policies of a path's pools, in its organization only", async () => {
      const store = await kind.open();
      try {
        await store.insertRoutingPolicy(policy("org_a", "rpol_1", "pool_1"), null);
        await store.insertRoutingPolicy(policy("org_a", "rpol_2", "pool_3"), null);
        await store.insertRoutingPolicy(policy("org_b", "rpol_3", "pool_2"), null);
        const found = await store.routingPoliciesOfPools("org_a", ["pool_2", "pool_3"]);
        assert.deepEqual(
          found.map((row) => row.id),
          ["rpol_2"],
        );
        assert.deepEqual(await store.routingPoliciesOfPools("org_a", []), []);
      } finally {
        await store.close();
      }
    });

    it("changes and deletes a policy only at the version read, with its audit record", async () => {
      const store = await kind.open();
      try {
        await store.insertRoutingPolicy(policy("org_a", "rpol_1", "pool_1"), null);
        const next = policy("org_a", "rpol_1", "pool_1", {
          lowBalance: null,
          version: 2,
          updatedAt: at + 1,
        });
        assert.equal(await store.updateRoutingPolicy(next, 1, audit("org_a", "aud_1", "u")), true);
        assert.equal(
          await store.updateRoutingPolicy({ ...next, version: 2 }, 1, audit("org_a", "aud_2", "x")),
          false,
          "stale",
        );
        assert.deepEqual(await store.readRoutingPolicy("org_a", "rpol_1"), next);
        assert.equal(
          await store.deleteRoutingPolicy("org_a", "rpol_1", 1, audit("org_a", "aud_3", "x")),
          false,
          "stale",
        );
        assert.equal(
          await store.deleteRoutingPolicy("org_a", "rpol_1", 2, audit("org_a", "aud_4", "d")),
          true,
        );
        assert.equal(await store.readRoutingPolicy("org_a", "rpol_1"), null);
        const records = await store.listAuditRecords("org_a", { afterSequence: 0, limit: 10 });
        assert.deepEqual(
          records.map((record) => record.action),
          ["u", "d"],
        );
      } finally {
        await store.close();
      }
    });
  });
}
