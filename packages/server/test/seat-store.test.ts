/**
 * The seat assignments part of the store contract, run against every adapter: a seat is taken
 * only while the subscription is active and has one free, a member holds at most one, a lower
 * seat count never leaves more members than seats, and, between two nodes on one database, two
 * assignments racing for the last seat never both take it.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { ScopedAnswer } from "../src/store/directory.ts";
import type { SeatAssignmentRow, Store, SubscriptionRow } from "../src/store/port.ts";
import { contractKinds } from "./support/stores.ts";

const at = 1_800_000_000_000;

function subscription(id: string, seats: number, changes: Partial<SubscriptionRow> = {}) {
  const row: SubscriptionRow = {
    organizationId: "org_a",
    id,
    planScope: "default",
    planId: "team",
    planVersion: 1,
    poolId: `pool_of_${id}`,
    seats,
    anchorAt: at,
    timeZone: "UTC",
    interval: "month",
    status: "active",
    cancelAtPeriodEnd: false,
    pending: null,
    periodIndex: 0,
    periodStart: at,
    periodEnd: at + 30 * 86_400_000,
    state: "{}",
    autoTopUp: null,
    effectsPending: false,
    seatAccess: "assigned",
    tierSeats: "{}",
    seatsAssigned: 0,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...changes,
  };
  return row;
}

function seat(subscriptionId: string, memberId: string): SeatAssignmentRow {
  return { organizationId: "org_a", subscriptionId, memberId, assignedAt: at };
}

function answer(key: string): ScopedAnswer {
  return { scope: "org_a", key, fingerprint: `f ${key}`, answer: `{"k":"${key}"}`, createdAt: at };
}

async function assigned(store: Store, subscriptionId: string): Promise<string[]> {
  const rows = await store.listSeatAssignments("org_a", subscriptionId, { limit: 100 });
  return rows.map((row) => row.memberId);
}

for (const kind of contractKinds()) {
  describe(`seat assignments store contract: ${kind.name}`, () => {
    after(() => kind.cleanup());

    it("takes free seats, answers a held one, refuses past the count", async () => {
      const store = await kind.open();
      await store.insertSubscription(subscription("sub_1", 2));
      assert.deepEqual(await store.assignSeat(seat("sub_1", "mem_b"), answer("k1")), {
        kind: "assigned",
      });
      const again = await store.assignSeat({ ...seat("sub_1", "mem_b"), assignedAt: at + 1 }, null);
      assert.deepEqual(again, { kind: "exists", assignment: seat("sub_1", "mem_b") });
      assert.equal((await store.assignSeat(seat("sub_1", "mem_a"), null)).kind, "assigned");
      assert.equal((await store.assignSeat(seat("sub_1", "mem_c"), null)).kind, "exhausted");
      assert.deepEqual(await assigned(store, "sub_1"), ["mem_a", "mem_b"]);
      const page = await store.listSeatAssignments("org_a", "sub_1", {
        limit: 1,
        startingAfter: "mem_a",
      });
      assert.deepEqual(page, [seat("sub_1", "mem_b")]);
      assert.equal((await store.readSubscription("org_a", "sub_1"))?.seatsAssigned, 2);
      const [listed] = await store.listSubscriptions("org_a", { limit: 10 });
      assert.equal(listed?.seatsAssigned, 2);
      assert.equal(listed?.seatAccess, "assigned");
      await store.close();
    });

    it("replays a claimed answer and writes nothing", async () => {
      const store = await kind.open();
      await store.insertSubscription(subscription("sub_1", 3));
      await store.assignSeat(seat("sub_1", "mem_a"), answer("k1"));
      const replay = await store.assignSeat(seat("sub_1", "mem_b"), answer("k1"));
      assert.equal(replay.kind, "replay");
      assert.deepEqual(await assigned(store, "sub_1"), ["mem_a"]);
      await store.close();
    });

    it("gives no seat of an ended or unknown subscription", async () => {
      const store = await kind.open();
      await store.insertSubscription(subscription("sub_1", 3, { status: "canceled" }));
      assert.equal((await store.assignSeat(seat("sub_1", "mem_a"), null)).kind, "inactive");
      assert.equal((await store.assignSeat(seat("sub_9", "mem_a"), null)).kind, "inactive");
      assert.deepEqual(await store.seatGates("org_a"), []);
      await store.close();
    });

    it("unassigns once, and then finds nothing", async () => {
      const store = await kind.open();
      await store.insertSubscription(subscription("sub_1", 1));
      await store.assignSeat(seat("sub_1", "mem_a"), null);
      const key = { organizationId: "org_a", subscriptionId: "sub_1", memberId: "mem_a" };
      assert.deepEqual(await store.unassignSeat(key, answer("u1")), seat("sub_1", "mem_a"));
      assert.equal(await store.unassignSeat(key, answer("u2")), null);
      assert.equal(await store.readSeatAssignment("org_a", "sub_1", "mem_a"), null);
      assert.equal((await store.assignSeat(seat("sub_1", "mem_b"), null)).kind, "assigned");
      await store.close();
    });

    it("refuses a seat count below the members holding seats, writing nothing", async () => {
      const store = await kind.open();
      const row = subscription("sub_1", 3);
      await store.insertSubscription(row);
      await store.assignSeat(seat("sub_1", "mem_a"), null);
      await store.assignSeat(seat("sub_1", "mem_b"), null);
      const lower = (seats: number) => ({ ...row, seats, version: 2 });
      assert.equal(await store.updateSubscription(lower(1), 1), false);
      assert.equal((await store.readSubscription("org_a", "sub_1"))?.seats, 3);
      assert.equal(await store.updateSubscription(lower(2), 1), true);
      assert.equal((await store.readSubscription("org_a", "sub_1"))?.seats, 2);
      await store.close();
    });

    it("counts the seats of every tier, for assigning and for lowering", async () => {
      const store = await kind.open();
      const row = subscription("sub_1", 1, { tierSeats: '{"premium":1}' });
      await store.insertSubscription(row);
      assert.equal((await store.assignSeat(seat("sub_1", "mem_a"), null)).kind, "assigned");
      assert.equal((await store.assignSeat(seat("sub_1", "mem_b"), null)).kind, "assigned");
      assert.equal((await store.assignSeat(seat("sub_1", "mem_c"), null)).kind, "exhausted");
      const lowered = { ...row, tierSeats: "{}", version: 2 };
      assert.equal(await store.updateSubscription(lowered, 1), false);
      const moved = { ...row, seats: 0, tierSeats: '{"premium":2}', version: 2 };
      assert.equal(await store.updateSubscription(moved, 1), true);
      assert.equal((await store.readSubscription("org_a", "sub_1"))?.tierSeats, '{"premium":2}');
      await store.close();
    });

    it("lists the active subscriptions that gate holds", async () => {
      const store = await kind.open();
      await store.insertSubscription(subscription("sub_1", 1));
      await store.insertSubscription(subscription("sub_2", 1, { seatAccess: "open" }));
      await store.insertSubscription(subscription("sub_3", 1, { organizationId: "org_b" }));
      assert.deepEqual(await store.seatGates("org_a"), [
        { subscriptionId: "sub_1", poolId: "pool_of_sub_1" },
      ]);
      await store.close();
    });

    const sibling = kind.openSibling?.bind(kind);
    it("two nodes racing for the last seat: exactly one takes it", {
      skip: sibling === undefined ? "one process holds the memory store" : false,
    }, async () => {
      const first = await kind.open();
      const second = sibling === undefined ? first : await sibling();
      await first.insertSubscription(subscription("sub_1", 1));
      const members = Array.from({ length: 16 }, (_, i) => `mem_${String(i).padStart(2, "0")}`);
      const taken = await Promise.all(
        members.map((member, i) =>
          (i % 2 === 0 ? first : second).assignSeat(seat("sub_1", member), answer(member)),
        ),
      );
      assert.equal(taken.filter((each) => each.kind === "assigned").length, 1);
      assert.equal(taken.filter((each) => each.kind === "exhausted").length, 15);
      assert.equal((await assigned(first, "sub_1")).length, 1);
      await second.close();
      await first.close();
    });

    it("a seat taken while the count is lowered: never more members than seats", {
      skip: sibling === undefined ? "one process holds the memory store" : false,
    }, async () => {
      const first = await kind.open();
      const second = sibling === undefined ? first : await sibling();
      const row = subscription("sub_1", 2);
      await first.insertSubscription(row);
      await first.assignSeat(seat("sub_1", "mem_a"), null);
      const [lowered, taken] = await Promise.all([
        first.updateSubscription({ ...row, seats: 1, version: 2 }, 1),
        second.assignSeat(seat("sub_1", "mem_b"), null),
      ]);
      const stored = await first.readSubscription("org_a", "sub_1");
      assert.ok(stored !== null);
      assert.ok(stored.seatsAssigned <= stored.seats, JSON.stringify({ lowered, taken }));
      assert.notEqual(lowered && taken.kind === "assigned", true);
      await second.close();
      await first.close();
    });
  });
}
