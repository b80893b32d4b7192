/**
 * Failure isolation: a command whose write fails at the store is answered with its own error, and
 * every other command of its batch, of its organization or of another, is answered as if it had
 * been submitted alone. The store is real (every contract store); the failure is injected at its
 * write for the batches that carry one marked pool.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { credits, formatDecimal } from "@creditpool/core";
import { type EngineAnswer, resultId } from "../src/engine/results.ts";
import type { BatchWrite } from "../src/store/port.ts";
import { failWritesWhere } from "./support/faults.ts";
import { grantRequest, holdRequest, poolRequest, testEngine } from "./support/ledger.ts";
import { contractKinds } from "./support/stores.ts";

const poisonName = "fails at write";

/** Batches that write a pool named `poisonName` fail before they commit. */
const poisoned = (batch: BatchWrite) => batch.pools.some((pool) => pool.name === poisonName);

for (const kind of contractKinds()) {
  describe(`engine failure isolation: ${kind.name}`, () => {
    after(() => kind.cleanup());

    it("answers every other command of a batch as if the failing one were alone", async () => {
      const store = await kind.open();
      failWritesWhere(store, poisoned);
      const { engine } = testEngine(store);
      try {
        const a = await engine.createOrganization("A");
        const b = await engine.createOrganization("B");
        await engine.submit(a.id, grantRequest(a.rootPoolId, "100"));
        await engine.submit(b.id, grantRequest(b.rootPoolId, "100"));
        // Warm both organizations so the first batch can take the cached, lock-free path.
        await engine.submit(a.id, holdRequest(a.rootPoolId, "1"));

        const holdsA = Array.from({ length: 40 }, (_, i) =>
          engine.submit(a.id, holdRequest(a.rootPoolId, "1"), { idempotencyKey: `a-${i}` }),
        );
        const poisoned = engine.submit(a.id, poolRequest(a.rootPoolId, poisonName));
        const holdsB = Array.from({ length: 40 }, (_, i) =>
          engine.submit(b.id, holdRequest(b.rootPoolId, "2"), { idempotencyKey: `b-${i}` }),
        );
        const poolA = engine.submit(a.id, poolRequest(a.rootPoolId, "fine"));

        await assert.rejects(poisoned, /injected write failure/);
        const answersA = await Promise.all(holdsA);
        const answersB = await Promise.all(holdsB);
        const allowed = (answer: EngineAnswer) =>
          answer.code === "ok" && answer.result.kind === "allowed";
        assert.ok(answersA.every(allowed), "every hold of A is allowed");
        assert.ok(answersB.every(allowed), "every hold of B is allowed");
        assert.equal((await poolA).code, "ok");

        const journalA = await store.listTransfers(a.id, { afterSequence: 0, limit: 1000 });
        const journalB = await store.listTransfers(b.id, { afterSequence: 0, limit: 1000 });
        assert.equal(journalA.filter((t) => t.kind === "hold").length, 41);
        assert.equal(journalB.filter((t) => t.kind === "hold").length, 40);
        const heldB = journalB.filter((t) => t.kind === "hold").reduce((s, t) => s + t.amount, 0n);
        assert.equal(formatDecimal(heldB), "80");

        // The answers were stored with their effects: a replay answers the same hold.
        const replay = await engine.submit(b.id, holdRequest(b.rootPoolId, "2"), {
          idempotencyKey: "b-7",
        });
        assert.equal(replay.replayed, true);
        assert.deepEqual(resultId(replay.result), resultId((answersB[7] as EngineAnswer).result));
        const state = await store.readState(a.id);
        assert.equal(
          [...(state?.pools.values() ?? [])].some((pool) => pool.name === poisonName),
          false,
          "the failing command wrote nothing",
        );
        assert.equal(state?.pools.get(a.rootPoolId)?.held, credits("41"));
      } finally {
        await engine.close();
        await store.close();
      }
    });

    it("lets a later batch of the same organization succeed after a failure", async () => {
      const store = await kind.open();
      failWritesWhere(store, poisoned);
      const { engine } = testEngine(store);
      try {
        const a = await engine.createOrganization("A");
        await engine.submit(a.id, grantRequest(a.rootPoolId, "10"));
        await assert.rejects(engine.submit(a.id, poolRequest(a.rootPoolId, poisonName)));
        const hold = await engine.submit(a.id, holdRequest(a.rootPoolId, "10"));
        assert.equal(hold.result.kind, "allowed");
      } finally {
        await engine.close();
        await store.close();
      }
    });
  });
}
