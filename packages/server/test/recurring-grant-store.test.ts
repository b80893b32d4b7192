/**
 * The recurring grants' part of the store contract, run against every adapter: a schedule is
 * stored once (a replay answers the first answer), changes only at the version a writer read, a
 * refused write writes nothing, the due index answers what needs work in time order, and no
 * organization reads another's rows.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { ScopedAnswer } from "../src/store/directory.ts";
import { isKeptKey } from "../src/store/port.ts";
import type { RecurringGrantRow } from "../src/store/recurring-grants.ts";
import { contractKinds } from "./support/stores.ts";

const at = 1_800_000_000_000;
const dayMs = 86_400_000;

function schedule(
  organizationId: string,
  id: string,
  changes: Partial<RecurringGrantRow> = {},
): RecurringGrantRow {
  return {
    organizationId,
    id,
    poolId: "pool_1",
    // Past 2^53 micro-credits, so the amount must round-trip as a bigint.
    amount: 2n ** 60n,
    source: "promotion",
    priority: 100,
    costBasis: 2_500n,
    expiry: "days",
    expiryDays: 45,
    rolloverCap: 10n,
    rolloverDays: 30,
    anchorAt: at,
    timeZone: "Europe/Paris",
    interval: "month",
    periodsMax: 12,
    endsAt: null,
    status: "active",
    nextIndex: 0,
    issuedCount: 0,
    dueAt: at,
    createdAt: at,
    updatedAt: at,
    canceledAt: null,
    version: 1,
    ...changes,
  };
}

function answer(scope: string, key: string): ScopedAnswer {
  return { scope, key, fingerprint: "f", answer: `{"key":"${key}"}`, createdAt: at };
}

for (const kind of contractKinds()) {
  describe(`store contract, recurring grants: ${kind.name}`, () => {
    after(() => kind.cleanup());

    it("stores a schedule once and reads it back field for field", async () => {
      const store = await kind.open();
      try {
        const row = schedule("org_a", "rgr_1");
        assert.equal(await store.insertRecurringGrant(row, answer("org_a", "request:k")), null);
        assert.deepEqual(await store.readRecurringGrant("org_a", "rgr_1"), row);
        const replay = await store.insertRecurringGrant(
          schedule("org_a", "rgr_2"),
          answer("org_a", "request:k"),
        );
        assert.deepEqual(replay, { fingerprint: "f", answer: '{"key":"request:k"}' });
        assert.equal(await store.readRecurringGrant("org_a", "rgr_2"), null, "nothing written");
        assert.equal(await store.readRecurringGrant("org_b", "rgr_1"), null, "not another's");
        assert.equal(await store.countRecurringGrants("org_a"), 1);
        assert.equal(await store.countRecurringGrants("org_b"), 0);
      } finally {
        await store.close();
      }
    });

    it("lists an organization's schedules by id, a page at a time", async () => {
      const store = await kind.open();
      try {
        for (const id of ["rgr_3", "rgr_1", "rgr_2"])
          await store.insertRecurringGrant(schedule("org_a", id));
        await store.insertRecurringGrant(schedule("org_b", "rgr_0"));
        const first = await store.listRecurringGrants("org_a", { limit: 2 });
        assert.deepEqual(
          first.map((row) => row.id),
          ["rgr_1", "rgr_2"],
        );
        const next = await store.listRecurringGrants("org_a", { limit: 2, startingAfter: "rgr_2" });
        assert.deepEqual(
          next.map((row) => row.id),
          ["rgr_3"],
        );
      } finally {
        await store.close();
      }
    });

    it("updates only at the version read; a taken answer key refuses the whole write", async () => {
      const store = await kind.open();
      try {
        const row = schedule("org_a", "rgr_1");
        await store.insertRecurringGrant(row);
        const decided = { ...row, nextIndex: 1, version: 2 };
        assert.equal(await store.updateRecurringGrant(decided, 1), true);
        assert.equal(await store.updateRecurringGrant({ ...decided, nextIndex: 2 }, 1), false);
        assert.deepEqual(await store.readRecurringGrant("org_a", "rgr_1"), decided);
        await store.insertRecurringGrant(schedule("org_a", "rgr_2"), answer("org_a", "request:x"));
        const canceled = { ...decided, status: "canceled" as const, version: 3 };
        const written = await store.updateRecurringGrant(canceled, 2, answer("org_a", "request:x"));
        assert.equal(written, false);
        assert.deepEqual(await store.readRecurringGrant("org_a", "rgr_1"), decided);
        assert.equal(await store.updateRecurringGrant(canceled, 2, answer("org_a", "k2")), true);
        assert.deepEqual(await store.findAnswer("org_a", "k2"), {
          fingerprint: "f",
          answer: '{"key":"k2"}',
        });
      } finally {
        await store.close();
      }
    });

    it("answers the schedules due by now, earliest first, never an idle one", async () => {
      const store = await kind.open();
      try {
        const idle = { status: "completed" as const, nextIndex: 2, issuedCount: 2, dueAt: null };
        await store.insertRecurringGrant(schedule("org_b", "rgr_1", { dueAt: at + dayMs }));
        await store.insertRecurringGrant(schedule("org_a", "rgr_2", { dueAt: at + dayMs }));
        await store.insertRecurringGrant(schedule("org_a", "rgr_3", { dueAt: at }));
        await store.insertRecurringGrant(schedule("org_a", "rgr_4", { dueAt: at + 9 * dayMs }));
        await store.insertRecurringGrant(schedule("org_a", "rgr_5", idle));
        const due = await store.dueRecurringGrants(at + dayMs, 10);
        assert.deepEqual(due, [
          { organizationId: "org_a", id: "rgr_3" },
          { organizationId: "org_a", id: "rgr_2" },
          { organizationId: "org_b", id: "rgr_1" },
        ]);
        assert.equal((await store.dueRecurringGrants(at + dayMs, 1)).length, 1);
      } finally {
        await store.close();
      }
    });

    it("never forgets the key of an issue", () => {
      assert.ok(isKeptKey("recurring:rgr_1:0"));
      assert.ok(!isKeptKey("request:recurring:rgr_1:0"));
    });
  });
}
