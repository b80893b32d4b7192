/**
 * Renewals are exactly once: two nodes on one database renewing at once, and a process killed
 * between a decision and its effect, never grant a period twice or skip one. Nodes are a store,
 * an engine and the services each, on the same SQLite file or PostgreSQL database; a kill is an
 * engine that commits a command and then dies before its caller hears the answer.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { verifyLedger } from "@creditpool/core";
import fc from "fast-check";
import type { Principal } from "../src/access/principal.ts";
import type { Store } from "../src/store/port.ts";
import { TestClock } from "./support/ledger.ts";
import { type Node, operator, testNode } from "./support/node.ts";
import { postgresKind, type StoreKind, sqliteKind, testDatabaseUrl } from "./support/stores.ts";

const dayMs = 86_400_000;
async function setup(first: Node, seatRemoval: "keep" | "claw_back" = "keep") {
  const { services } = first;
  const made = await services.organizations.create(operator, "Renewals", "org-key", () => ({}));
  assert.ok("made" in made);
  const organizationId = made.made.organization.id;
  const owner: Principal = {
    keyId: "key_owner",
    organizationId,
    role: "owner",
    poolId: null,
    memberId: null,
  };
  await services.plans.publish(
    operator,
    "team",
    {
      name: "Team",
      currency: "USD",
      interval: "month",
      basePrice: 0n,
      seatPrice: 3000n,
      creditsPerSeat: 1_000_000_000n,
      seatName: null,
      seatTiers: [],
      creditsPerOrganization: 0n,
      overagePrice: { numerator: 0n, denominator: 1n },
      rollover: { cap: { kind: "percent", percent: 25 }, lifetimeDays: 30 },
      seatRemoval,
      topUps: [{ id: "boost", credits: 5_000_000_000n, price: 4000n }],
      topUpPrice: null,
      commitment: null,
    },
    "plan-key",
    () => ({}),
  );
  const started = await services.subscriptions.start(
    owner,
    { plan: "team", seats: 3, timeZone: "Europe/Paris" },
    "start-key",
    () => ({}),
  );
  assert.ok("made" in started);
  return { organizationId, owner, subscriptionId: started.made.row.id };
}

/** Every plan grant of the organization by its period's start: exactly one a period. */
async function planGrantsByPeriod(store: Store, organizationId: string) {
  const snapshot = await store.readSnapshot(organizationId);
  const starts = snapshot.grants
    .filter((grant) => grant.source === "plan")
    .map((grant) => grant.effectiveAt)
    .sort((a, b) => a - b);
  return { starts, snapshot };
}

async function settledPeriods(nodes: readonly Node[], organizationId: string, id: string) {
  for (const each of nodes) each.dieAfter = null;
  const row = await nodes[0]?.services.subscriptions.read(
    { keyId: "k", organizationId, role: "owner", poolId: null, memberId: null },
    id,
  );
  return row?.row.periodIndex ?? -1;
}

function kinds(): StoreKind[] {
  const url = testDatabaseUrl();
  return url === undefined ? [sqliteKind()] : [sqliteKind(), postgresKind(url)];
}

for (const kind of kinds()) {
  describe(`renewals are exactly once (${kind.name})`, () => {
    after(() => kind.cleanup());

    it("two nodes renewing six months at once grant each period once", async () => {
      const clock = new TestClock();
      const a = testNode(await kind.open(), clock, 10);
      const siblingStore = await kind.openSibling?.();
      assert.ok(siblingStore !== undefined);
      const b = testNode(siblingStore, clock, 20);
      try {
        const { organizationId, subscriptionId } = await setup(a);
        clock.advance(6 * 31 * dayMs);
        await Promise.all([
          a.services.subscriptions.renewDue(),
          b.services.subscriptions.renewDue(),
          a.services.subscriptions.renewDue(),
          b.services.subscriptions.renewDue(),
        ]);
        const index = await settledPeriods([a, b], organizationId, subscriptionId);
        const { starts, snapshot } = await planGrantsByPeriod(a.store, organizationId);
        assert.equal(starts.length, index + 1);
        assert.equal(new Set(starts).size, starts.length, "no period granted twice");
        const invoices = await a.store.listInvoices(organizationId, { limit: 100 });
        assert.equal(invoices.length, index + 1);
        assert.equal(invoices.filter((each) => each.status === "finalized").length, index);
        assert.deepEqual(verifyLedger(snapshot).violations, []);
      } finally {
        await a.close();
        await b.close();
        await a.store.close();
        await b.store.close();
      }
    });

    it("any interleaving of renewals on two nodes and kills after a commit grants each period once", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              node: fc.constantFrom(0, 1),
              days: fc.integer({ min: 0, max: 40 }),
              dieAfter: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
            }),
            { minLength: 1, maxLength: 8 },
          ),
          async (steps) => {
            const clock = new TestClock();
            const first = testNode(await kind.open(), clock, 30);
            const siblingStore = await kind.openSibling?.();
            assert.ok(siblingStore !== undefined);
            const nodes = [first, testNode(siblingStore, clock, 40)];
            try {
              const { organizationId, subscriptionId } = await setup(first);
              for (const step of steps) {
                clock.advance(step.days * dayMs);
                const chosen = nodes[step.node];
                assert.ok(chosen !== undefined);
                chosen.dieAfter = step.dieAfter;
                await chosen.services.subscriptions.renewDue().catch(() => {});
                chosen.dieAfter = null;
              }
              const index = await settledPeriods(nodes, organizationId, subscriptionId);
              const { starts, snapshot } = await planGrantsByPeriod(first.store, organizationId);
              assert.equal(starts.length, index + 1, "one plan grant a period, none skipped");
              assert.equal(new Set(starts).size, starts.length, "no period granted twice");
              assert.deepEqual(verifyLedger(snapshot).violations, []);
            } finally {
              for (const each of nodes) {
                await each.close();
                await each.store.close();
              }
            }
          },
        ),
        { numRuns: kind.name === "postgres" ? 6 : 15 },
      );
    });

    it("an effect committed before a crash is applied once, however late: keys of effects are kept", async () => {
      const clock = new TestClock();
      const one = testNode(await kind.open(), clock, 50);
      try {
        const { organizationId, owner, subscriptionId } = await setup(one, "claw_back");
        const subscriptions = one.services.subscriptions;
        clock.advance(dayMs);
        // The top-up's grant commits and the process dies before it records it. Then the seat
        // change replays that grant (and lives), and its claw-back's void commits before it dies.
        one.dieAfter = 0;
        const bought = subscriptions.topUp(
          owner,
          subscriptionId,
          { pack: "boost" },
          "buy",
          () => ({}),
        );
        await assert.rejects(bought);
        one.dieAfter = 1;
        await assert.rejects(
          subscriptions.changeSeats(owner, subscriptionId, 1, "fewer", () => ({})),
        );
        one.dieAfter = null;
        // Eight days on, the requests' keys are forgotten; the effects' keys are not.
        clock.advance(8 * dayMs);
        await one.services.retention.forgetExpiredAnswers();
        await subscriptions.read(owner, subscriptionId);
        await subscriptions.read(owner, subscriptionId);
        const snapshot = await one.store.readSnapshot(organizationId);
        const kinds = snapshot.transfers.map((transfer) => transfer.kind);
        assert.equal(kinds.filter((kind) => kind === "void").length, 1, "one claw-back");
        const purchases = snapshot.grants.filter((grant) => grant.source === "purchase");
        assert.equal(purchases.length, 1, "one top-up");
        assert.deepEqual(verifyLedger(snapshot).violations, []);
      } finally {
        await one.close();
        await one.store.close();
      }
    });

    it("a renewal applies what the ended period left pending before it opens the next", async () => {
      const clock = new TestClock();
      const one = testNode(await kind.open(), clock, 60);
      try {
        const { organizationId, owner, subscriptionId } = await setup(one);
        one.dieAfter = 0;
        const subscriptions = one.services.subscriptions;
        const bought = subscriptions.topUp(
          owner,
          subscriptionId,
          { pack: "boost" },
          "buy",
          () => ({}),
        );
        await assert.rejects(bought);
        one.dieAfter = null;
        clock.advance(31 * dayMs);
        assert.equal(await subscriptions.renewDue(), 1);
        const snapshot = await one.store.readSnapshot(organizationId);
        const purchases = snapshot.grants.filter((grant) => grant.source === "purchase");
        assert.equal(purchases.length, 1, "the top-up billed is the top-up granted");
        assert.deepEqual(verifyLedger(snapshot).violations, []);
      } finally {
        await one.close();
        await one.store.close();
      }
    });
  });
}
