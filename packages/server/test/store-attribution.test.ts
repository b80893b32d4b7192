/**
 * Attribution on every store: a hold keeps its model, tags and meters across a restart, and the
 * transfers that consume read back with the attribution they were written with (an empty one as
 * empty, not absent), while every other transfer reads back with none.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { credits, type Transfer, verifyLedger } from "@creditpool/core";
import { grantRequest, holdRequest, idOf, testEngine } from "./support/ledger.ts";
import { contractKinds } from "./support/stores.ts";

const tags = { use_case: "support", "feature.name": "faq-2" };
const meters = { input_tokens: credits("2.5"), "cached:tokens": credits("1.5") };

function byKind(transfers: readonly Transfer[], kind: string): Transfer[] {
  return transfers.filter((transfer) => transfer.kind === kind);
}

for (const kind of contractKinds()) {
  describe(`attribution on the store: ${kind.name}`, () => {
    after(() => kind.cleanup());

    it("round-trips a hold's attribution and the attribution of the transfers that consume", async () => {
      const store = await kind.open();
      const { engine } = testEngine(store);
      const { id, rootPoolId } = await engine.createOrganization("Attribution");
      await engine.submit(id, grantRequest(rootPoolId, "5"));
      const held = await engine.submit(id, {
        ...holdRequest(rootPoolId, "4"),
        memberId: "mem_ada",
        keyId: "key_1",
        model: "gpt-5",
        tags,
        meters,
      });
      const holdId = idOf(held);
      const stored = await store.readHold(id, holdId);
      assert.equal(stored?.model, "gpt-5");
      assert.deepEqual(stored?.tags, tags);
      assert.deepEqual(stored?.meters, meters);

      // A restarted engine knows the hold only from the store: the capture's attribution proves
      // the hold's row kept what it needs. 4 from the hold, 3 more as usage: 1 by grant, 2 debt.
      const restarted = testEngine(store).engine;
      const captured = await restarted.submit(id, {
        type: "capture_hold",
        holdId,
        amount: credits(7),
      });
      assert.equal(captured.code, "ok");
      await restarted.submit(id, { type: "record_usage", poolId: rootPoolId, amount: credits(1) });

      const transfers = await store.listTransfers(id, { afterSequence: 0, limit: 100 });
      const whole = { memberId: "mem_ada", keyId: "key_1", model: "gpt-5", meters, tags };
      const empty = { memberId: null, keyId: null, model: null, meters: {}, tags: {} };
      assert.deepEqual(
        transfers.map((transfer) => transfer.kind),
        ["grant", "hold", "capture", "usage", "debt", "debt"],
      );
      for (const transfer of [...byKind(transfers, "grant"), ...byKind(transfers, "hold")])
        assert.equal(Object.hasOwn(transfer, "attribution"), false, transfer.kind);
      for (const transfer of transfers.slice(2, 5))
        assert.deepEqual(transfer.attribution, whole, transfer.kind);
      assert.deepEqual(transfers[5]?.attribution, empty);
      assert.deepEqual(verifyLedger(await store.readSnapshot(id)).violations, []);
      await store.close();
    });

    it("round-trips a provider cost on the hold and the shares its transfers carry", async () => {
      const store = await kind.open();
      const { engine } = testEngine(store);
      const { id, rootPoolId } = await engine.createOrganization("Costed");
      await engine.submit(id, grantRequest(rootPoolId, "2"));
      const cost = { amount: 900n, currency: "USD", meters: { lookup: 900n } };
      const held = await engine.submit(id, { ...holdRequest(rootPoolId, "1"), cost });
      const holdId = idOf(held);
      assert.deepEqual((await store.readHold(id, holdId))?.cost, cost);
      // A restarted engine scales the stored cost: 1 of 1 held is all 900.
      const restarted = testEngine(store).engine;
      await restarted.submit(id, { type: "capture_hold", holdId, amount: credits(1) });
      // 3 credits, 1 from the grant's rest and 2 as debt: 7 micro-dollars shared 2 and 5.
      await restarted.submit(id, {
        type: "record_usage",
        poolId: rootPoolId,
        amount: credits(3),
        cost: { amount: 7n, currency: "USD", meters: {} },
      });
      const transfers = await store.listTransfers(id, { afterSequence: 0, limit: 100 });
      const costs = transfers
        .filter((transfer) => transfer.attribution !== undefined)
        .map((transfer) => `${transfer.kind} ${transfer.attribution?.cost?.amount ?? "-"}`);
      assert.deepEqual(costs, ["capture 900", "usage 2", "debt 5"]);
      assert.deepEqual(transfers.at(-1)?.attribution?.cost, {
        amount: 5n,
        currency: "USD",
        meters: {},
      });
      await store.close();
    });

    it("a hold with nothing to attribute reads back with an empty model, tags and meters", async () => {
      const store = await kind.open();
      const { engine } = testEngine(store);
      const { id, rootPoolId } = await engine.createOrganization("Plain");
      await engine.submit(id, grantRequest(rootPoolId, "5"));
      const held = await engine.submit(id, holdRequest(rootPoolId, "1"));
      const stored = await store.readHold(id, idOf(held));
      assert.equal(stored?.model, null);
      assert.deepEqual(stored?.tags, {});
      assert.deepEqual(stored?.meters, {});
      assert.equal(Object.hasOwn(stored ?? {}, "cost"), false);
      await store.close();
    });
  });
}
