/**
 * The billing part of the store contract, run against every adapter: plan versions are stored
 * once, subscriptions and invoices change only at the version a writer read, a refused write
 * writes nothing, and no organization reads another's rows.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { ScopedAnswer } from "../src/store/directory.ts";
import type { InvoiceRow, PlanRow, SubscriptionRow } from "../src/store/port.ts";
import { contractKinds } from "./support/stores.ts";

const at = 1_800_000_000_000;
const dayMs = 86_400_000;

function plan(id: string, version: number, scope = "default"): PlanRow {
  return { scope, id, version, definition: `{"seats":${version}}`, createdAt: at };
}

function subscription(
  organizationId: string,
  id: string,
  changes: Partial<SubscriptionRow> = {},
): SubscriptionRow {
  return {
    organizationId,
    id,
    planScope: "default",
    planId: "team",
    planVersion: 1,
    // One active subscription a pool: each its own pool unless a test says otherwise.
    poolId: `pool_of_${id}`,
    seats: 3,
    anchorAt: at,
    timeZone: "Europe/Paris",
    interval: "month",
    status: "active",
    cancelAtPeriodEnd: false,
    pending: null,
    periodIndex: 0,
    periodStart: at,
    periodEnd: at + 30 * dayMs,
    state: "{}",
    autoTopUp: null,
    effectsPending: false,
    seatAccess: "open",
    tierSeats: "{}",
    seatsAssigned: 0,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...changes,
  };
}

function invoice(
  organizationId: string,
  id: string,
  changes: Partial<InvoiceRow> = {},
): InvoiceRow {
  return {
    organizationId,
    id,
    subscriptionId: "sub_1",
    periodIndex: 0,
    periodStart: at,
    periodEnd: at + 30 * dayMs,
    currency: "EUR",
    status: "draft",
    number: null,
    lines: "[]",
    total: 4_900n,
    createdAt: at,
    updatedAt: at,
    finalizedAt: null,
    version: 1,
    planScope: "default",
    planId: "team",
    planVersion: 1,
    timeZone: "Europe/Paris",
    ...changes,
  };
}

function answer(scope: string, key: string, body: string): ScopedAnswer {
  return { scope, key, fingerprint: `fingerprint of ${body}`, answer: body, createdAt: at };
}

/** The next version of a stored row, with changes. */
function next<T extends { version: number }>(row: T, changes: Partial<T> = {}): T {
  return { ...row, ...changes, version: row.version + 1 };
}

for (const kind of contractKinds()) {
  describe(`billing store contract: ${kind.name}`, () => {
    after(() => kind.cleanup());

    it("stores plan versions once and lists them by id then version", async () => {
      const store = await kind.open();
      for (const row of [plan("team", 2), plan("team", 1), plan("basic", 1), plan("team", 1, "o")])
        assert.equal(await store.insertPlan(row), null);
      assert.deepEqual(await store.listPlans("default"), [
        plan("basic", 1),
        plan("team", 1),
        plan("team", 2),
      ]);
      assert.deepEqual(await store.listPlans("o"), [plan("team", 1, "o")]);
      assert.deepEqual(await store.listPlans("other"), []);
      assert.deepEqual(await store.readPlan("default", "team", 2), plan("team", 2));
      assert.equal(await store.readPlan("default", "team", 3), null);
      await assert.rejects(store.insertPlan({ ...plan("team", 2), definition: "{}" }));
      assert.deepEqual(await store.readPlan("default", "team", 2), plan("team", 2));
      await store.close();
    });

    it("replays an idempotent insert with the first answer and writes once", async () => {
      const store = await kind.open();
      const first = answer("org_a", "create-1", '{"id":"sub_1"}');
      assert.equal(await store.insertSubscription(subscription("org_a", "sub_1"), first), null);
      const replay = await store.insertSubscription(subscription("org_a", "sub_2"), {
        ...first,
        fingerprint: "another request",
      });
      assert.equal(replay?.fingerprint, first.fingerprint);
      assert.equal(replay?.answer, first.answer);
      assert.equal(await store.readSubscription("org_a", "sub_2"), null);
      assert.equal((await store.findAnswer("org_a", "create-1"))?.answer, first.answer);
      await assert.rejects(store.insertSubscription(subscription("org_a", "sub_1")));
      const planAnswer = answer("operator", "plan-1", '{"id":"team"}');
      assert.equal(await store.insertPlan(plan("team", 1), planAnswer), null);
      const again = await store.insertPlan(plan("team", 1), planAnswer);
      assert.equal(again?.answer, planAnswer.answer);
      assert.deepEqual(await store.listPlans("default"), [plan("team", 1)]);
      await store.close();
    });

    it("reads a subscription back as stored and pages subscriptions by id", async () => {
      const store = await kind.open();
      const canceling = subscription("org_a", "sub_2", {
        cancelAtPeriodEnd: true,
        pending: '{"seats":1}',
        interval: "year",
      });
      for (const row of [canceling, subscription("org_a", "sub_1"), subscription("org_a", "sub_3")])
        await store.insertSubscription(row);
      assert.deepEqual(await store.readSubscription("org_a", "sub_2"), canceling);
      const ids = async (page: { startingAfter?: string; limit: number }) =>
        (await store.listSubscriptions("org_a", page)).map((row) => row.id);
      assert.deepEqual(await ids({ limit: 2 }), ["sub_1", "sub_2"]);
      assert.deepEqual(await ids({ startingAfter: "sub_2", limit: 2 }), ["sub_3"]);
      await assert.rejects(store.insertSubscription(subscription("org_a", "sub_4", { seats: -1 })));
      await store.close();
    });

    it("keeps one active subscription a pool; a canceled one leaves the pool free", async () => {
      const store = await kind.open();
      const onRoot = (id: string, status: "active" | "canceled" = "active") =>
        subscription("org_a", id, { poolId: "pool_root", status });
      await store.insertSubscription(onRoot("sub_1"));
      await assert.rejects(store.insertSubscription(onRoot("sub_2")));
      await store.insertSubscription(onRoot("sub_3", "canceled"));
      await store.insertSubscription(subscription("org_b", "sub_4", { poolId: "pool_root" }));
      const ids = (await store.listSubscriptions("org_a", { limit: 10 })).map((row) => row.id);
      assert.deepEqual(ids, ["sub_1", "sub_3"]);
      await store.close();
    });

    it("updates a subscription at its version, and a stale update writes no invoice", async () => {
      const store = await kind.open();
      const stored = subscription("org_a", "sub_1");
      await store.insertSubscription(stored);
      const renewed = next(stored, { periodIndex: 1, state: '{"grants":["g1"]}' });
      const first = { row: invoice("org_a", "inv_1"), expectedVersion: null };
      assert.equal(await store.updateSubscription(renewed, 1, [first]), true);
      assert.deepEqual(await store.readSubscription("org_a", "sub_1"), renewed);
      assert.deepEqual(await store.readInvoice("org_a", "inv_1"), first.row);

      const stale = next(stored, { seats: 9 });
      const second = { row: invoice("org_a", "inv_2", { periodIndex: 1 }), expectedVersion: null };
      assert.equal(await store.updateSubscription(stale, 1, [second]), false);
      assert.equal(await store.readInvoice("org_a", "inv_2"), null);
      assert.deepEqual(await store.readSubscription("org_a", "sub_1"), renewed);

      // At the right version, an invoice that cannot be written refuses the whole update.
      const taken = { row: invoice("org_a", "inv_3"), expectedVersion: null };
      assert.equal(await store.updateSubscription(next(renewed, { seats: 9 }), 2, [taken]), false);
      const staleInvoice = {
        row: { ...first.row, status: "void" as const, version: 8 },
        expectedVersion: 7,
      };
      assert.equal(await store.updateSubscription(next(renewed), 2, [second, staleInvoice]), false);
      assert.deepEqual(await store.readSubscription("org_a", "sub_1"), renewed);
      assert.equal(await store.readInvoice("org_a", "inv_2"), null);
      assert.equal(await store.readInvoice("org_a", "inv_3"), null);
      assert.deepEqual(await store.readInvoice("org_a", "inv_1"), first.row);

      const finalized = next(first.row, { status: "finalized", number: "2027-000001" });
      const writes = [second, { row: finalized, expectedVersion: 1 }];
      assert.equal(await store.updateSubscription(next(renewed), 2, writes), true);
      assert.deepEqual(await store.readInvoice("org_a", "inv_1"), finalized);
      assert.deepEqual(await store.readInvoice("org_a", "inv_2"), second.row);
      assert.equal(await store.updateSubscription(next(stored, { id: "sub_9" }), 1), false);
      await store.close();
    });

    it("stores an update's answer with it, and a taken key refuses the update", async () => {
      const store = await kind.open();
      const stored = subscription("org_a", "sub_1");
      await store.insertSubscription(stored);
      const once = answer("org_a", "change-1", '{"seats":4}');
      assert.equal(await store.updateSubscription(next(stored, { seats: 4 }), 1, [], once), true);
      assert.equal((await store.findAnswer("org_a", "change-1"))?.answer, once.answer);
      const renewed = next(stored, { seats: 4 });
      const write = { row: invoice("org_a", "inv_1"), expectedVersion: null };
      const again = { ...once, answer: '{"seats":5}' };
      assert.equal(
        await store.updateSubscription(next(renewed, { seats: 5 }), 2, [write], again),
        false,
      );
      assert.deepEqual(await store.readSubscription("org_a", "sub_1"), renewed);
      assert.equal(await store.readInvoice("org_a", "inv_1"), null);
      assert.equal((await store.findAnswer("org_a", "change-1"))?.answer, once.answer);
      await store.close();
    });

    it("saves an invoice with its answer, and a taken key answers the stored one", async () => {
      const store = await kind.open();
      const draft = invoice("org_a", "inv_1");
      await store.saveInvoice(draft, null);
      const paid = next(draft, { status: "paid" });
      const first = answer("org_a", "pay-1", '{"status":"paid"}');
      assert.equal(await store.saveInvoice(paid, 1, first), true);
      const replay = await store.saveInvoice(next(paid, { status: "void" }), 2, first);
      assert.ok(typeof replay === "object");
      assert.equal(replay.answer, first.answer);
      assert.deepEqual(await store.readInvoice("org_a", "inv_1"), paid);
      // A refused write stores no answer: the key stays free.
      const stale = answer("org_a", "pay-2", "{}");
      assert.equal(await store.saveInvoice(paid, 1, stale), false);
      assert.equal(await store.findAnswer("org_a", "pay-2"), null);
      await store.close();
    });

    it("lets exactly one of two concurrent updates at one version win", async () => {
      const store = await kind.open();
      const sibling = kind.openSibling === undefined ? store : await kind.openSibling();
      const stored = subscription("org_a", "sub_1");
      await store.insertSubscription(stored);
      for (let round = 0; round < 5; round += 1) {
        const current = await store.readSubscription("org_a", "sub_1");
        assert.ok(current !== null);
        const [a, b] = [next(current, { seats: 10 + round }), next(current, { seats: 20 + round })];
        const invoiceOf = (id: string) => ({
          row: invoice("org_a", id, { periodIndex: round }),
          expectedVersion: null,
        });
        const won = await Promise.all([
          store.updateSubscription(a, current.version, [invoiceOf(`inv_a${round}`)]),
          sibling.updateSubscription(b, current.version, [invoiceOf(`inv_b${round}`)]),
        ]);
        assert.deepEqual(won.filter(Boolean).length, 1);
        const winner = won[0] === true ? a : b;
        assert.deepEqual(await store.readSubscription("org_a", "sub_1"), winner);
        const issued = await store.readInvoiceForPeriod("org_a", "sub_1", round);
        assert.equal(issued?.id, won[0] === true ? `inv_a${round}` : `inv_b${round}`);
      }
      assert.equal((await store.listInvoices("org_a", { limit: 10 })).length, 5);
      if (sibling !== store) await sibling.close();
      await store.close();
    });

    it("lists due subscriptions, earliest end first, at most a limit, never canceled", async () => {
      const store = await kind.open();
      const ending = (end: number, changes: Partial<SubscriptionRow> = {}) => ({
        periodStart: end - 10,
        periodEnd: end,
        ...changes,
      });
      await store.insertSubscription(subscription("org_a", "sub_a", ending(at + 300)));
      await store.insertSubscription(subscription("org_a", "sub_b", ending(at + 100)));
      await store.insertSubscription(
        subscription("org_a", "sub_c", ending(at + 50, { status: "canceled" })),
      );
      await store.insertSubscription(subscription("org_a", "sub_d", ending(at + 1_000)));
      await store.insertSubscription(subscription("org_b", "sub_a", ending(at + 100)));
      const due = (now: number, limit: number) => store.dueSubscriptions(now, limit);
      assert.deepEqual(await due(at + 500, 10), [
        { organizationId: "org_a", id: "sub_b" },
        { organizationId: "org_b", id: "sub_a" },
        { organizationId: "org_a", id: "sub_a" },
      ]);
      assert.deepEqual(await due(at + 500, 1), [{ organizationId: "org_a", id: "sub_b" }]);
      assert.deepEqual(await due(at + 99, 10), []);
      assert.equal((await due(at + 100, 10)).length, 2);
      const sub = await store.readSubscription("org_a", "sub_b");
      assert.ok(sub !== null);
      assert.equal(await store.updateSubscription(next(sub, { status: "canceled" }), 1), true);
      assert.deepEqual(await due(at + 100, 10), [{ organizationId: "org_b", id: "sub_a" }]);
      await store.close();
    });

    it("finds the subscriptions with a rule, and those with effects pending, by key", async () => {
      const store = await kind.open();
      await store.insertSubscription(subscription("org_b", "sub_a", { autoTopUp: "{}" }));
      await store.insertSubscription(subscription("org_a", "sub_b", { autoTopUp: "{}" }));
      await store.insertSubscription(subscription("org_a", "sub_c", { effectsPending: true }));
      await store.insertSubscription(
        subscription("org_a", "sub_d", { autoTopUp: "{}", status: "canceled" }),
      );
      assert.deepEqual(await store.autoTopUpSubscriptions(10), [
        { organizationId: "org_a", id: "sub_b" },
        { organizationId: "org_b", id: "sub_a" },
      ]);
      const first = { organizationId: "org_a", id: "sub_b" };
      assert.deepEqual(await store.autoTopUpSubscriptions(10, first), [
        { organizationId: "org_b", id: "sub_a" },
      ]);
      assert.deepEqual(await store.pendingSubscriptions(10), [
        { organizationId: "org_a", id: "sub_c" },
      ]);
      const pending = await store.readSubscription("org_a", "sub_c");
      assert.ok(pending !== null);
      assert.equal(pending.effectsPending, true);
      assert.equal(
        await store.updateSubscription(next(pending, { effectsPending: false }), 1),
        true,
      );
      assert.deepEqual(await store.pendingSubscriptions(10), []);
      await store.close();
    });

    it("keeps one invoice per period and per number, and checks versions", async () => {
      const store = await kind.open();
      const first = invoice("org_a", "inv_1");
      assert.equal(await store.saveInvoice(first, null), true);
      assert.equal(await store.saveInvoice(first, null), false);
      assert.equal(await store.saveInvoice(invoice("org_a", "inv_2"), null), false);
      const second = invoice("org_a", "inv_2", { periodIndex: 1 });
      assert.equal(await store.saveInvoice(second, null), true, "two drafts have no number");
      assert.deepEqual(await store.readInvoiceForPeriod("org_a", "sub_1", 1), second);
      assert.equal(await store.readInvoiceForPeriod("org_a", "sub_2", 1), null);

      const numbered = next(first, { status: "finalized", number: "2027-000001", finalizedAt: at });
      assert.equal(await store.saveInvoice(numbered, 1), true);
      const stale = { ...numbered, status: "paid" as const, version: 2 };
      assert.equal(await store.saveInvoice(stale, 1), false);
      assert.equal(await store.saveInvoice(next(second, { number: "2027-000001" }), 1), false);
      assert.equal(await store.saveInvoice(next(second, { periodIndex: 0 }), 1), false);
      const third = invoice("org_a", "inv_3", { periodIndex: 2, number: "2027-000001" });
      assert.equal(await store.saveInvoice(third, null), false);
      assert.equal(await store.saveInvoice(invoice("org_a", "inv_9", { version: 2 }), 1), false);
      assert.deepEqual(await store.readInvoice("org_a", "inv_1"), numbered);
      assert.deepEqual(await store.readInvoice("org_a", "inv_2"), second);
      assert.equal(await store.readInvoice("org_a", "inv_3"), null);
      assert.equal(await store.readInvoice("org_a", "inv_9"), null);
      await store.close();
    });

    it("pages invoices by id and filters them by subscription", async () => {
      const store = await kind.open();
      for (const [id, subscriptionId, periodIndex] of [
        ["inv_5", "sub_2", 1],
        ["inv_1", "sub_1", 0],
        ["inv_3", "sub_1", 1],
        ["inv_2", "sub_2", 0],
        ["inv_4", "sub_1", 2],
      ] as const) {
        assert.equal(
          await store.saveInvoice(invoice("org_a", id, { subscriptionId, periodIndex }), null),
          true,
        );
      }
      const ids = async (page: {
        startingAfter?: string;
        limit: number;
        subscriptionId?: string;
      }) => (await store.listInvoices("org_a", page)).map((row) => row.id);
      assert.deepEqual(await ids({ limit: 2 }), ["inv_1", "inv_2"]);
      assert.deepEqual(await ids({ startingAfter: "inv_2", limit: 2 }), ["inv_3", "inv_4"]);
      assert.deepEqual(await ids({ startingAfter: "inv_4", limit: 2 }), ["inv_5"]);
      assert.deepEqual(await ids({ limit: 10, subscriptionId: "sub_1" }), [
        "inv_1",
        "inv_3",
        "inv_4",
      ]);
      const page = { startingAfter: "inv_1", limit: 1, subscriptionId: "sub_2" };
      assert.deepEqual(await ids(page), ["inv_2"]);
      assert.deepEqual(await ids({ limit: 10, subscriptionId: "sub_9" }), []);
      await store.close();
    });

    it("round-trips totals beyond 2^53 and negative totals exactly", async () => {
      const store = await kind.open();
      const totals = [2n ** 62n + 1n, -(2n ** 60n) - 7n, -1n];
      for (const [index, total] of totals.entries())
        await store.saveInvoice(
          invoice("org_a", `inv_${index}`, { periodIndex: index, total }),
          null,
        );
      const read = await store.listInvoices("org_a", { limit: 10 });
      assert.deepEqual(
        read.map((row) => row.total),
        totals,
      );
      await store.close();
    });

    it("keeps each organization's rows its own", async () => {
      const store = await kind.open();
      const mine = subscription("org_a", "sub_1");
      await store.insertSubscription(mine);
      await store.saveInvoice(invoice("org_a", "inv_1"), null);
      assert.equal(await store.readSubscription("org_b", "sub_1"), null);
      assert.deepEqual(await store.listSubscriptions("org_b", { limit: 10 }), []);
      assert.equal(await store.readInvoice("org_b", "inv_1"), null);
      assert.equal(await store.readInvoiceForPeriod("org_b", "sub_1", 0), null);
      assert.deepEqual(await store.listInvoices("org_b", { limit: 10 }), []);
      const theirs = next({ ...mine, organizationId: "org_b" });
      assert.equal(await store.updateSubscription(theirs, 1), false);
      assert.equal(await store.saveInvoice(next(invoice("org_b", "inv_1")), 1), false);
      // The same ids in another organization are other rows.
      await store.insertSubscription({ ...mine, organizationId: "org_b", seats: 7 });
      const numbered = (organizationId: string, id: string, periodIndex: number) =>
        invoice(organizationId, id, { periodIndex, number: "N-1" });
      assert.equal(await store.saveInvoice(numbered("org_b", "inv_1", 0), null), true);
      assert.equal(await store.saveInvoice(numbered("org_a", "inv_2", 1), null), true);
      assert.equal(await store.saveInvoice(numbered("org_a", "inv_3", 2), null), false);
      assert.deepEqual(await store.readSubscription("org_a", "sub_1"), mine);
      assert.equal((await store.readSubscription("org_b", "sub_1"))?.seats, 7);
      await store.close();
    });

    it("keeps what it stored whatever a caller does to the rows it gave or got", async () => {
      const store = await kind.open();
      const given = { ...subscription("org_a", "sub_1") };
      await store.insertSubscription(given);
      Object.assign(given, { seats: 99 });
      const got = await store.readSubscription("org_a", "sub_1");
      assert.equal(got?.seats, 3);
      Object.assign(got ?? {}, { seats: 98 });
      const row = invoice("org_a", "inv_1");
      await store.saveInvoice(row, null);
      Object.assign(row, { total: 1n });
      assert.equal((await store.readInvoice("org_a", "inv_1"))?.total, 4_900n);
      assert.equal((await store.readSubscription("org_a", "sub_1"))?.seats, 3);
      await store.close();
    });
  });
}
