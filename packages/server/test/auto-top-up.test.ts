/**
 * Auto top-up: one purchase per crossing, never two, however many holds drive the pool below the
 * threshold at once and however many checks run on two nodes of one database; at most the rule's
 * count a period; nothing bought until the pool has been seen above the threshold again.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { credits, verifyLedger } from "@creditpool/core";
import type { Principal } from "../src/access/principal.ts";
import type { Services } from "../src/services/services.ts";
import { TestClock } from "./support/ledger.ts";
import { operator, testNode } from "./support/node.ts";
import { contractKinds } from "./support/stores.ts";

/** An organization on a plan of 1,000 credits a month, a pack of 500, a rule below 300. */
async function setup(services: Services) {
  const made = await services.organizations.create(operator, "Auto", "org-key", () => ({}));
  assert.ok("made" in made);
  const organizationId = made.made.organization.id;
  const pool = made.made.organization.rootPoolId;
  const owner: Principal = {
    keyId: "k",
    organizationId,
    role: "owner",
    poolId: null,
    memberId: null,
  };
  await services.plans.publish(
    operator,
    "metered",
    {
      name: "Metered",
      currency: "USD",
      interval: "month",
      basePrice: 2000n,
      seatPrice: 0n,
      creditsPerSeat: 0n,
      seatName: null,
      seatTiers: [],
      creditsPerOrganization: credits("1000"),
      overagePrice: { numerator: 0n, denominator: 1n },
      rollover: null,
      seatRemoval: "keep",
      topUps: [{ id: "boost", credits: credits("500"), price: 1000n }],
      topUpPrice: null,
      commitment: null,
    },
    "plan-key",
    () => ({}),
  );
  const started = await services.subscriptions.start(
    owner,
    { plan: "metered", seats: 0, timeZone: "UTC" },
    "start-key",
    () => ({}),
  );
  assert.ok("made" in started);
  const id = started.made.row.id;
  const rule = { threshold: credits("300"), pack: "boost", credits: null, maxPerPeriod: 2 };
  await services.subscriptions.setAutoTopUp(owner, id, rule, "rule-key", () => ({}));
  return { organizationId, pool, owner, id };
}

for (const kind of contractKinds()) {
  describe(`auto top-up (${kind.name})`, () => {
    after(() => kind.cleanup());

    it("50 holds crossing the threshold at once, checked on two nodes, buy once", async () => {
      const clock = new TestClock();
      const store = await kind.open();
      const sibling = kind.openSibling === undefined ? store : await kind.openSibling();
      const a = testNode(store, clock, 3);
      const b = testNode(sibling, clock, 5);
      try {
        const { organizationId, pool, owner, id } = await setup(a.services);
        const nodes = [a.services, b.services];
        const hold = (index: number) =>
          nodes[index % 2]?.holds.create(
            owner,
            { pool, amount: credits("15"), ttlSeconds: 3600 },
            `hold-${index}`,
          );
        const check = (index: number) => nodes[index % 2]?.autoTopUps.check(organizationId, id);
        // 50 holds of 15 take the pool from 1,000 to 250, under 300, with checks among them.
        const raced = await Promise.all([
          ...Array.from({ length: 50 }, (_, index) => hold(index)),
          ...Array.from({ length: 12 }, (_, index) => check(index)),
        ]);
        const afterwards = await Promise.all([check(0), check(1), check(0), check(1)]);
        const bought = [...raced.slice(50), ...afterwards].filter((each) => each === true);
        assert.equal(bought.length, 1, "one purchase for one crossing");
        const view = await a.services.subscriptions.read(owner, id);
        const purchases = view.period.effects.filter(
          (effect) => effect.kind === "grant" && effect.source === "purchase",
        );
        assert.equal(purchases.length, 1);
        assert.equal(view.period.lines.filter((line) => line.kind === "top_up").length, 1);
        assert.match(view.period.lines.at(-1)?.description ?? "", /^Auto top-up below 300: /);
        // 750 available now: the rule has re-armed, and buys again at the next crossing.
        assert.equal(await check(0), false);
        const again = await Promise.all(
          Array.from({ length: 40 }, (_, index) =>
            nodes[index % 2]?.holds.create(
              owner,
              { pool, amount: credits("12"), ttlSeconds: 3600 },
              `more-${index}`,
            ),
          ),
        );
        assert.ok(again.every((answer) => answer?.code === "ok"));
        const second = await Promise.all([check(0), check(1), check(0)]);
        assert.equal(second.filter((each) => each === true).length, 1, "one for the second");
        // A third crossing finds the rule at its count for the period: nothing more is bought.
        await a.services.holds.create(
          owner,
          { pool, amount: credits("500"), ttlSeconds: 3600 },
          "third",
        );
        assert.deepEqual(await Promise.all([check(0), check(1)]), [false, false]);
        const read = await a.services.subscriptions.read(owner, id);
        assert.equal(read.period.lines.filter((line) => line.kind === "top_up").length, 2);
        assert.deepEqual(verifyLedger(await store.readSnapshot(organizationId)).violations, []);
      } finally {
        await a.close();
        await b.close();
        if (sibling !== store) await sibling.close();
        await store.close();
      }
    });

    it("a new period counts purchases from zero; removing the rule stops it", async () => {
      const clock = new TestClock();
      const store = await kind.open();
      const node = testNode(store, clock, 9);
      const { services } = node;
      try {
        const { organizationId, pool, owner, id } = await setup(services);
        await services.usage.record(owner, [{ id: "u1", pool, amount: credits("800") }]);
        assert.equal(await services.autoTopUps.check(organizationId, id), true);
        clock.advance(32 * 86_400_000);
        const renewed = await services.subscriptions.read(owner, id);
        assert.equal(renewed.row.periodIndex, 1);
        await services.usage.record(owner, [{ id: "u2", pool, amount: credits("1300") }]);
        assert.equal(await services.autoTopUps.check(organizationId, id), true);
        const removed = await services.subscriptions.setAutoTopUp(
          owner,
          id,
          null,
          "off",
          () => ({}),
        );
        assert.ok("made" in removed);
        assert.equal(removed.made.row.autoTopUp, null);
        await services.usage.record(owner, [{ id: "u3", pool, amount: credits("600") }]);
        assert.equal(await services.autoTopUps.check(organizationId, id), false);
        assert.deepEqual(await store.autoTopUpSubscriptions(10), []);
      } finally {
        await node.close();
        await store.close();
      }
    });
  });
}
